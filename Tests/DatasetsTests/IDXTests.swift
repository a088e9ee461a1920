import Foundation
import Testing
@testable import Datasets

@Suite("IDX reader")
struct IDXTests {
    /// Two 2x3 images with pixel (n, r, c) = 10 n + 3 r + c, in IDX unsigned-byte form.
    func imageFile() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, 3] + bigEndianBytes(2) + bigEndianBytes(2) + bigEndianBytes(3)
        for n in 0..<2 { for r in 0..<2 { for c in 0..<3 { bytes.append(UInt8(10 * n + 3 * r + c)) } } }
        return bytes
    }

    @Test func readsUnsignedBytesWithShape() throws {
        let folder = try TemporaryFolder()
        for path in [try folder.write("images.idx", imageFile()), try folder.writeGzip("images.idx.gz", imageFile())] {
            let array = try IDX.read(path: path)
            #expect(array.shape == [2, 2, 3])
            #expect(array.elements == .uint8([0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]))
        }
    }

    @Test func limitReadsTheFirstItems() throws {
        let folder = try TemporaryFolder()
        let array = try IDX.read(path: try folder.writeGzip("images.gz", imageFile()), limit: 1)
        #expect(array.shape == [1, 2, 3])
        #expect(array.elements == .uint8([0, 1, 2, 3, 4, 5]))
    }

    @Test func readsBigEndianFloatsAndIntegers() throws {
        let folder = try TemporaryFolder()
        // 1.5 = 0x3FC00000, -2 = 0xC0000000 as IEEE single precision.
        let floats: [UInt8] = [0, 0, 0x0D, 1] + bigEndianBytes(2) + bigEndianBytes(0x3FC0_0000) + bigEndianBytes(0xC000_0000)
        #expect(try IDX.read(path: try folder.write("f.idx", floats)).elements == .float32([1.5, -2]))
        let ints: [UInt8] = [0, 0, 0x0C, 1] + bigEndianBytes(2) + bigEndianBytes(258) + bigEndianBytes(0xFFFF_FFFF)
        #expect(try IDX.read(path: try folder.write("i.idx", ints)).elements == .int32([258, -1]))
        let shorts: [UInt8] = [0, 0, 0x0B, 1] + bigEndianBytes(1) + [0x80, 0x01]
        #expect(try IDX.read(path: try folder.write("s.idx", shorts)).elements == .int16([-32767]))
        // 0.1 as a double is 0x3FB999999999999A.
        let doubles: [UInt8] = [0, 0, 0x0E, 1] + bigEndianBytes(1) + bigEndianBytes(0x3FB9_9999) + bigEndianBytes(0x9999_999A)
        #expect(try IDX.read(path: try folder.write("d.idx", doubles)).elements == .float64([0.1]))
    }

    @Test func wrongMagicNumberNamesTheFileAndByte() throws {
        let folder = try TemporaryFolder()
        var bytes = imageFile()
        bytes[2] = 0x42
        let path = try folder.write("bad.idx", bytes)
        let error = expectDatasetError { _ = try IDX.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .byte(0))
        #expect(error?.reason.contains("wrong magic number 0x00004203") == true)
        #expect(error?.description.hasPrefix("readIDX: \(path) at byte 0: wrong magic") == true)
    }

    @Test func shortPayloadNamesTheByteWhereDataEnds() throws {
        let folder = try TemporaryFolder()
        let bytes = Array(imageFile().dropLast(5))    // 16 header bytes + 7 of the 12 pixels
        for path in [try folder.write("short.idx", bytes), try folder.writeGzip("short.idx.gz", bytes)] {
            let error = expectDatasetError { _ = try IDX.read(path: path) }
            #expect(error?.file == path)
            #expect(error?.location == .byte(23))
            #expect(error?.reason.contains("expected 12 bytes from byte 16") == true)
        }
    }

    @Test func headerClaimingAHugeSizeFailsAtTheEndOfTheData() throws {
        let folder = try TemporaryFolder()
        // 1,000,000 x 1,000,000 bytes claimed, 10 present: an error, not a terabyte allocation.
        let bytes: [UInt8] = [0, 0, 0x08, 2] + bigEndianBytes(1_000_000) + bigEndianBytes(1_000_000) + Array(repeating: 7, count: 10)
        let error = expectDatasetError { _ = try IDX.read(path: try folder.write("huge.idx", bytes)) }
        #expect(error?.location == .byte(22))
    }

    @Test func truncatedHeaderIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("tiny.idx", [0, 0, 8])
        let error = expectDatasetError { _ = try IDX.read(path: path) }
        #expect(error?.location == .byte(3))
    }
}
