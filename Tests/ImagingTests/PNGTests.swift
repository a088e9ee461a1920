import Foundation
import Testing
@testable import Imaging

@Suite struct PNGReadingTests {
    static let names = ["grey8", "grey16", "grey_alpha8", "grey_alpha16", "rgb8", "rgb16", "rgb16_srgb",
                        "rgba8", "rgba16", "palette8", "palette8_alpha", "palette4"]

    @Test(arguments: names)
    func decodesStoredSamples(name: String) throws {
        let expected = try #require(Fixtures.expected[name])
        let image = try PNG.read(Fixtures.path(name))
        #expect(image.width == 3 && image.height == 2)
        #expect(image.channels == expected.channels)
        let maximum: Float = expected.depth == 16 ? 65535 : 255
        let alphaChannel = expected.channels == 2 || expected.channels == 4 ? expected.channels - 1 : -1
        for (index, sample) in expected.samples.enumerated() {
            let want = Float(sample) / maximum
            var tolerance: Float = 1e-6
            if expected.depth == 16 {
                // libpng hands 16-bit data over premultiplied by alpha: one step of 1/65535 is divided by alpha.
                let pixel = index / expected.channels
                let alpha = alphaChannel >= 0
                    ? Float(expected.samples[pixel * expected.channels + alphaChannel]) / 65535 : 1
                tolerance = index % expected.channels == alphaChannel ? 1e-6 : 1.01 / 65535 / alpha
                // A declared sRGB encoding goes through linear light and back.
                if name == "rgb16_srgb" { tolerance = 4e-4 }
            }
            #expect(abs(image.pixels[index] - want) <= tolerance, "\(name) sample \(index): \(image.pixels[index]) vs \(want)")
        }
    }

    @Test(arguments: names)
    func decodesToBytes(name: String) throws {
        let expected = try #require(Fixtures.expected[name])
        let image = try PNG.readBytes(Fixtures.path(name))
        #expect(image.channels == expected.channels)
        let want = expected.samples.map { expected.depth == 16 ? UInt8((Double($0) / 257).rounded()) : UInt8($0) }
        #expect(image.bytes == want)
    }
}

@Suite struct PNGRoundTripTests {
    /// A deterministic image with every kind of value: 0, 1, and the 256 levels.
    static func pattern(width: Int, height: Int, channels: Int) throws -> Image {
        var pixels: [Float] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { pixels.append(Float((x * 7 + y * 13 + c * 101) % 256) / 255) }
            }
        }
        return try Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    @Test(arguments: [1, 2, 3, 4])
    func writeThenReadGivesTheSameImage(channels: Int) throws {
        let folder = try Fixtures.scratchFolder("roundtrip\(channels)")
        let image = try Self.pattern(width: 37, height: 23, channels: channels)
        let path = "\(folder)/image\(channels).png"
        try PNG.write(image, to: path)
        let back = try PNG.read(path)
        #expect(back == image)
        let bytes = try PNG.readBytes(path)
        #expect(bytes == image.toBytes())
        #expect(try PNG.encode(bytes) == PNG.encode(image))
    }

    @Test func encodingIsDeterministic() throws {
        let image = try Self.pattern(width: 64, height: 64, channels: 3)
        let first = try PNG.encode(image)
        let second = try PNG.encode(image)
        #expect(first == second)
        #expect(Array(first.prefix(8)) == PNGSignature.magic)
    }

    @Test func valuesOutsideTheUnitRangeAreClamped() throws {
        let image = try Image(width: 4, height: 1, channels: 1, pixels: [-0.5, 1.5, .nan, 0.5])
        let back = try PNG.decodeBytes(PNG.encode(image))
        #expect(back.bytes == [0, 255, 0, 128])
    }

    @Test func writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws {
        let folder = try Fixtures.scratchFolder("atomic")
        let path = "\(folder)/out.png"
        try PNG.write(try Self.pattern(width: 5, height: 5, channels: 1), to: path)
        try PNG.write(try Self.pattern(width: 8, height: 3, channels: 3), to: path)
        let back = try PNG.read(path)
        #expect(back.width == 8 && back.height == 3 && back.channels == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.png"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? Int)
        #expect(permissions & 0o044 != 0, "written file should be readable by others like any new file")
    }

    @Test func realPhotoRoundTrips() throws {
        guard let data = Fixtures.sharedData else { return }
        let path = "\(data)/images/coffee.png"
        let photo = try PNG.readBytes(path)
        #expect(photo.channels == 3 && photo.width > 100)
        #expect(try PNG.decodeBytes(PNG.encode(photo)) == photo)
    }
}

@Suite struct PNGErrorTests {
    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func missingFileNamesTheFile() {
        let text = message { _ = try PNG.read("/nonexistent/folder/missing.png") }
        #expect(text.contains("/nonexistent/folder/missing.png") && text.contains("No such file"))
    }

    @Test func folderIsNotAnImage() {
        let text = message { _ = try PNG.read(Fixtures.folder) }
        #expect(text.contains(Fixtures.folder) && text.contains("not a regular file"))
    }

    @Test func nonPNGFileIsNamed() throws {
        let folder = try Fixtures.scratchFolder("errors")
        let path = "\(folder)/notes.png"
        try Data("just some text, not an image".utf8).write(to: URL(fileURLWithPath: path))
        let text = message { _ = try PNG.read(path) }
        #expect(text.contains(path) && text.contains("not a PNG"))
        let empty = "\(folder)/empty.png"
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(message { _ = try PNG.read(empty) }.contains("empty"))
    }

    @Test func truncatedFileIsReported() throws {
        let folder = try Fixtures.scratchFolder("truncated")
        let full = try PNG.encode(PNGRoundTripTests.pattern(width: 50, height: 50, channels: 3))
        for keep in [40, full.count / 2, full.count - 13] {
            let path = "\(folder)/cut\(keep).png"
            try Data(full.prefix(keep)).write(to: URL(fileURLWithPath: path))
            let text = message { _ = try PNG.read(path) }
            #expect(text.contains(path), "cut at \(keep): \(text)")
            #expect(text.contains("cannot read"), "cut at \(keep): \(text)")
        }
    }

    @Test func corruptDataIsReported() throws {
        let folder = try Fixtures.scratchFolder("corrupt")
        var bytes = try PNG.encode(PNGRoundTripTests.pattern(width: 50, height: 50, channels: 3))
        // Flip bits in the middle of the compressed data (the CRC no longer matches).
        for index in stride(from: bytes.count / 2, to: bytes.count / 2 + 40, by: 3) { bytes[index] ^= 0x5A }
        let path = "\(folder)/corrupt.png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let text = message { _ = try PNG.read(path) }
        #expect(text.contains(path) && text.contains("damaged"), "\(text)")
        // A damaged header (wrong IHDR CRC).
        var header = try PNG.encode(PNGRoundTripTests.pattern(width: 5, height: 5, channels: 1))
        header[20] ^= 0xFF
        #expect(message { _ = try PNG.decode(header, name: "header test") }.contains("header test"))
    }

    @Test func writeIntoMissingFolderIsReported() throws {
        let image = try Image(width: 2, height: 2, channels: 1)
        let text = message { try PNG.write(image, to: "/nonexistent/folder/out.png") }
        #expect(text.contains("/nonexistent/folder/out.png") && text.contains("No such file"))
    }
}
