import Foundation
import Testing
@testable import Datasets

@Suite("ByteStream: plain and gzip reading")
struct ByteStreamTests {
    /// 300 KB of varied bytes (more than one input chunk), made by a simple formula.
    let payload: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: ($0 * 7919) >> 3 ^ $0) }

    @Test func plainAndGzipGiveTheSameBytes() throws {
        let folder = try TemporaryFolder()
        let plain = try folder.write("data.bin", payload)
        let gzipped = try folder.writeGzip("data.bin.gz", payload)
        #expect(try ByteStream(path: plain, operation: "test").readAll() == payload)
        #expect(try ByteStream(path: gzipped, operation: "test").readAll() == payload)
    }

    @Test func gzipIsDetectedByMagicWithoutTheSuffix() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeGzip("data.bin", payload)
        #expect(try ByteStream(path: path, operation: "test").readAll() == payload)
    }

    @Test func concatenatedGzipMembersAreReadOneAfterAnother() throws {
        let folder = try TemporaryFolder()
        let first = try folder.writeGzip("a.gz", Array("hello ".utf8))
        let second = try folder.writeGzip("b.gz", Array("world".utf8))
        let joined = try Data(contentsOf: URL(fileURLWithPath: first)) + Data(contentsOf: URL(fileURLWithPath: second))
        let path = try folder.write("joined.gz", Array(joined))
        #expect(String(decoding: try ByteStream(path: path, operation: "test").readAll(), as: UTF8.self) == "hello world")
    }

    @Test func readingInSmallPiecesKeepsTheOffset() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeGzip("data.gz", payload)
        let stream = try ByteStream(path: path, operation: "test")
        var collected: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 777)
        while true {
            let count = try piece.withUnsafeMutableBytes { try stream.read(into: $0) }
            if count == 0 { break }
            collected += piece[0..<count]
            #expect(stream.offset == collected.count)
        }
        #expect(collected == payload)
    }

    @Test func truncatedGzipIsAClearError() throws {
        let folder = try TemporaryFolder()
        let whole = try folder.writeGzip("whole.gz", payload)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: whole)))
        let path = try folder.write("cut.gz", Array(bytes[0..<bytes.count / 2]))
        let error = expectDatasetError { _ = try ByteStream(path: path, operation: "test").readAll() }
        #expect(error?.file == path)
        #expect(error?.reason.contains("ends early") == true)
        if case .byte(let offset)? = error?.location { #expect(offset > 0 && offset < payload.count) } else { Issue.record("no byte offset") }
    }

    @Test func corruptGzipIsAClearError() throws {
        let folder = try TemporaryFolder()
        let whole = try folder.writeGzip("whole.gz", payload)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: whole)))
        for index in 20..<60 { bytes[index] = 0xFF }
        let path = try folder.write("bad.gz", bytes)
        let error = expectDatasetError { _ = try ByteStream(path: path, operation: "test").readAll() }
        #expect(error?.reason.contains("corrupt") == true)
    }

    @Test func missingFileAndFolderAreClearErrors() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("nothing.csv").path
        let error = expectDatasetError { _ = try CSV.read(path: missing) }
        #expect(error?.operation == "readCSV")
        #expect(error?.file == missing)
        #expect(error?.description.contains("no such file") == true)
        let folderError = expectDatasetError { _ = try ByteStream(path: folder.url.path, operation: "test") }
        #expect(folderError?.reason.contains("folder") == true)
    }

    @Test func linesEndInLineFeedOrCarriageReturnLineFeed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("lines.txt", "one\r\ntwo\n\nfour")
        let reader = LineReader(try ByteStream(path: path, operation: "test"), capacity: 1024)
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["one", "two", "", "four"])
        #expect(reader.lineNumber == 4)
    }

    @Test func linesLongerThanTheBufferAreWhole() throws {
        let folder = try TemporaryFolder()
        let long = String(repeating: "abcdefghij", count: 500)
        let path = try folder.write("long.txt", "short\n" + long + "\nend\n")
        let reader = LineReader(try ByteStream(path: path, operation: "test"), capacity: 1024)
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        #expect(lines == ["short", long, "end"])
    }
}
