import Foundation
import Testing
@testable import Datasets

@Suite("WAV audio")
struct WAVTests {
    /// A WAV file built byte by byte: RIFF header, the given chunks (id, body), pad bytes for odd bodies.
    static func wavBytes(_ chunks: [(String, [UInt8])]) -> [UInt8] {
        var body = Array("WAVE".utf8)
        for (id, content) in chunks {
            body += Array(id.utf8) + le32(content.count) + content
            if content.count % 2 == 1 { body.append(0) }
        }
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// A 16-byte 'fmt ' body.
    static func fmt(code: Int, channels: Int, rate: Int, bits: Int) -> [UInt8] {
        le16(code) + le16(channels) + le32(rate) + le32(rate * channels * bits / 8) + le16(channels * bits / 8) + le16(bits)
    }

    @Test func readsHandMadeStereo16BitFile() throws {
        let folder = try TemporaryFolder()
        // Two frames of (left, right): (16384, -32768), (-1, 32767); a LIST chunk of odd length before the data.
        let samples = Self.le16(16384) + Self.le16(-32768 & 0xFFFF) + Self.le16(0xFFFF) + Self.le16(32767)
        let path = try folder.write("stereo.wav", Self.wavBytes([("fmt ", Self.fmt(code: 1, channels: 2, rate: 44100, bits: 16)),
                                                                ("LIST", [1, 2, 3]), ("data", samples)]))
        let audio = try WAV.read(path: path)
        #expect(audio.sampleRate == 44100)
        #expect(audio.channels == 2)
        #expect(audio.format == .pcm16)
        #expect(audio.frames == 2)
        let expected: [Float] = [0.5, -1, -1.0 / 32768, 32767.0 / 32768]
        #expect(audio.samples == expected)
    }

    @Test func readsHandMade8BitAndFloatFiles() throws {
        let folder = try TemporaryFolder()
        let eight = try folder.write("eight.wav", Self.wavBytes([("fmt ", Self.fmt(code: 1, channels: 1, rate: 8000, bits: 8)),
                                                                ("data", [0, 128, 192])]))
        let eightExpected: [Float] = [-1, 0, 0.5]
        #expect(try WAV.read(path: eight).samples == eightExpected)
        let floats: [Float] = [0.25, -1.5]
        let bytes = floats.flatMap { Self.le32(Int($0.bitPattern)) }
        // WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the float sub-format: the code sits at byte 24 of the chunk.
        let extensible = Self.fmt(code: 0xFFFE, channels: 1, rate: 16000, bits: 32) + Self.le16(22) + Self.le16(32)
            + Self.le32(4) + Self.le16(3) + Array(repeating: 0, count: 14)
        let float = try folder.write("float.wav", Self.wavBytes([("fmt ", extensible), ("data", bytes)]))
        let audio = try WAV.read(path: float)
        #expect(audio.format == .float32)
        #expect(audio.sampleRate == 16000)
        #expect(audio.samples == floats)
    }

    @Test func roundTripsEveryFormatMonoAndStereo() throws {
        let folder = try TemporaryFolder()
        let values: [Float] = (0..<200).map { sin(Float($0) * 0.1) * 0.9 }
        for format in WAV.SampleFormat.allCases {
            for channels in [1, 2] {
                let path = folder.url.appendingPathComponent("\(format)-\(channels).wav").path
                try WAV.write(WAV.Audio(sampleRate: 22050, channels: channels, format: format, samples: values), to: path)
                let back = try WAV.read(path: path)
                #expect(back.format == format)
                #expect(back.channels == channels)
                #expect(back.sampleRate == 22050)
                #expect(back.frames == values.count / channels)
                // Quantization: half a step of the PCM grid; float is exact.
                let step: Float = format == .pcm8 ? 1 / 128 : format == .pcm16 ? 1 / 32768 : 0
                let errors: [Float] = zip(back.samples, values).map { abs($0 - $1) }
                let worst: Float = errors.max() ?? 1
                #expect(worst <= step / 2 + 1e-7, "\(format) \(channels) channels: error \(worst)")
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
                #expect(size == 44 + values.count * format.bytesPerSample)
            }
        }
    }

    @Test func pcmClipsAndNonFiniteSamplesAreRefusedWithoutTouchingTheOldFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("clip.wav").path
        try WAV.write(WAV.Audio(sampleRate: 8000, channels: 1, format: .pcm16, samples: [2, -3, 0.5]), to: path)
        let clipped: [Float] = [32767.0 / 32768, -1, 0.5]
        #expect(try WAV.read(path: path).samples == clipped)
        #expect(throws: DatasetError.self) {
            try WAV.write(WAV.Audio(sampleRate: 8000, channels: 1, format: .pcm16, samples: [0, .nan]), to: path)
        }
        #expect(try WAV.read(path: path).samples.count == 3)
        #expect(throws: DatasetError.self) {
            try WAV.write(WAV.Audio(sampleRate: 8000, channels: 2, format: .pcm16, samples: [0, 0, 0]), to: path)
        }
    }

    func failure(_ bytes: [UInt8]) throws -> String {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.wav", bytes)
        do {
            _ = try WAV.read(path: path)
        } catch let error as DatasetError {
            return error.description
        }
        return "no error"
    }

    @Test func corruptFilesGiveClearErrors() throws {
        let fmt16 = Self.fmt(code: 1, channels: 1, rate: 8000, bits: 16)
        #expect(try failure(Array("hello world, no audio".utf8)).contains("not a WAV file"))
        #expect(try failure(Self.wavBytes([("data", [0, 0])])).contains("before any 'fmt ' chunk"))
        #expect(try failure(Self.wavBytes([("fmt ", fmt16)])).contains("no 'data' chunk"))
        #expect(try failure(Self.wavBytes([("fmt ", [1, 0, 1, 0])])).contains("'fmt ' chunk is 4 bytes"))
        #expect(try failure(Self.wavBytes([("fmt ", Self.fmt(code: 1, channels: 1, rate: 8000, bits: 24)), ("data", [0, 0, 0])]))
            .contains("unsupported sample format (code 1, 24 bits)"))
        #expect(try failure(Self.wavBytes([("fmt ", Self.fmt(code: 1, channels: 0, rate: 8000, bits: 16)), ("data", [])]))
            .contains("0 channels"))
        #expect(try failure(Self.wavBytes([("fmt ", fmt16), ("data", [1, 2, 3])])).contains("not whole frames"))
        // A data chunk claiming 4 GiB: the length is checked against the file, not trusted.
        let whole = Self.wavBytes([("fmt ", fmt16), ("data", [1, 2, 3, 4])])
        var huge = whole
        huge.replaceSubrange(huge.count - 8..<huge.count - 4, with: Self.le32(0xFFFF_FFFF))
        #expect(try failure(huge).contains("says 4294967295 bytes but the file has 4 left"))
        #expect(try failure(Array(whole.dropLast(2))).contains("says 4 bytes but the file has 2 left"))
        #expect(try failure(Array(whole.prefix(10))).contains("not a WAV file"))
    }
}
