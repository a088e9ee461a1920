import Foundation
import Testing
@testable import Datasets
import Tensors

/// Damaged files must give a DatasetError or a value, never a crash: every byte of small valid files is
/// overwritten in turn and the file read again.
@Suite("Damaged binary files never crash the readers")
struct CorruptInputTests {
    func readEachDamagedCopy(of original: [UInt8], name: String, read: (String) throws -> Void) throws {
        let folder = try TemporaryFolder()
        for position in original.indices {
            for value: UInt8 in [0x00, 0xFF, original[position] ^ 0x5A] {
                var bytes = original
                bytes[position] = value
                let path = try folder.write(name, bytes)
                do { try read(path) } catch is DatasetError {} catch {
                    Issue.record("byte \(position) = \(value): \(error) is not a DatasetError")
                }
            }
        }
    }

    @Test func npzArchives() throws {
        let original = try Array(Data(contentsOf: fixtures.appendingPathComponent("stored.npz")))
        try readEachDamagedCopy(of: original, name: "damaged.npz") { _ = try NPZ.read(path: $0) }
    }

    @Test func npyFiles() throws {
        let original = try Array(Data(contentsOf: fixtures.appendingPathComponent("f8_fortran_2x3x4.npy")))
        try readEachDamagedCopy(of: original, name: "damaged.npy") { _ = try NPY.read(path: $0) }
    }

    @Test func idxFiles() throws {
        let original: [UInt8] = [0, 0, 0x08, 3] + bigEndianBytes(2) + bigEndianBytes(2) + bigEndianBytes(3) + (0..<12).map(UInt8.init)
        try readEachDamagedCopy(of: original, name: "damaged.idx") { _ = try IDX.read(path: $0) }
    }

    @Test func gzipStreams() throws {
        let folder = try TemporaryFolder()
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: folder.writeGzip("a.gz", Array("a,b\n1,2\n3,4\n".utf8)))))
        try readEachDamagedCopy(of: original, name: "damaged.csv.gz") { _ = try CSV.read(path: $0) }
    }
}

@Suite("Random text never crashes the text readers")
struct RandomTextTests {
    /// Seeded random files built from the characters that matter to the parsers.
    @Test func csvArffAndReutersOnRandomText() throws {
        let folder = try TemporaryFolder()
        let alphabet = Array("ab1.5,;\t\"'\\{}?%@ \n\r<>&#;/=REUTERSNEWID=\"1\"<REUTERS </REUTERS><BODY><TOPICS><D>@data@attribute x numeric".utf8)
        var generator = SeededGenerator(seed: 11)
        for round in 0..<300 {
            let bytes = (0..<generator.integer(below: 300)).map { _ in alphabet[generator.integer(below: alphabet.count)] }
            let path = try folder.write("random\(round).txt", bytes)
            for read in [{ _ = try CSV.read(path: path) }, { _ = try ARFF.read(path: path) },
                         { _ = try ReutersMarkup.read(path: path) }] as [() throws -> Void] {
                do { try read() } catch is DatasetError {} catch { Issue.record("round \(round): \(error)") }
            }
        }
    }
}
