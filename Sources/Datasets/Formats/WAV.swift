import CheckedArithmetic
/// RIFF/WAVE audio: a "RIFF" header, then chunks ("fmt " says the sample format, "data" holds the
/// frames, others are skipped). Samples are PCM unsigned 8-bit, PCM signed 16-bit little-endian, or
/// IEEE float 32-bit; frames interleave the channels. In memory the samples are Floats in [-1, 1].
public enum WAV {
    public enum SampleFormat: String, Sendable, CaseIterable {
        case pcm8, pcm16, float32

        var bytesPerSample: Int {
            switch self {
            case .pcm8: return 1
            case .pcm16: return 2
            case .float32: return 4
            }
        }
    }

    /// One recording: `samples` holds frames × channels values, frame after frame.
    public struct Audio: Sendable, Equatable {
        public var sampleRate: Int
        public var channels: Int
        public var format: SampleFormat
        public var samples: [Float]

        public init(sampleRate: Int, channels: Int, format: SampleFormat, samples: [Float]) {
            self.sampleRate = sampleRate
            self.channels = channels
            self.format = format
            self.samples = samples
        }

        public var frames: Int { channels > 0 ? samples.count / channels : 0 }
    }

    static let readOperation = "readWAV", writeOperation = "writeWAV"

    public static func read(path: String) throws -> Audio {
        let stream = try ByteStream(path: path, operation: readOperation)
        return try decode(try stream.readAll(), file: stream.displayName)
    }

    /// Writes `audio` in its format, atomically. PCM samples outside [-1, 1] are clipped.
    public static func write(_ audio: Audio, to path: String) throws {
        try writeDataFile(try encode(audio, file: path), to: path, operation: writeOperation)
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> Audio {
        func fail(_ offset: Int, _ reason: String) -> DatasetError {
            DatasetError(readOperation, file: file, at: .byte(offset), reason)
        }
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw fail(0, "this is not a WAV file (it does not start with RIFF....WAVE)")
        }
        var format: (code: Int, channels: Int, rate: Int, bits: Int)?
        var offset = 12
        // Chunks: a 4-byte id, a 4-byte length, the body, a pad byte when the length is odd.
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let length = Int(readUInt32(bytes, offset + 4))
            let body = offset + 8
            let (end, overflow) = body.addingReportingOverflow(length)
            if id == "fmt " {
                guard length >= 16, !overflow, end <= bytes.count else {
                    throw fail(offset, "the 'fmt ' chunk is \(length) bytes; it needs 16 and the file has \(bytes.count - body) left")
                }
                var code = Int(readUInt16(bytes, body))
                // WAVE_FORMAT_EXTENSIBLE keeps the real format code at the start of its sub-format GUID.
                if code == 0xFFFE && length >= 26 { code = Int(readUInt16(bytes, body + 24)) }
                format = (code, Int(readUInt16(bytes, body + 2)), Int(readUInt32(bytes, body + 4)), Int(readUInt16(bytes, body + 14)))
            } else if id == "data" {
                guard let format else { throw fail(offset, "the 'data' chunk comes before any 'fmt ' chunk") }
                let kind = try sampleFormat(format, offset: offset, file: file)
                guard !overflow, end <= bytes.count else {
                    throw fail(offset, "the 'data' chunk says \(length) bytes but the file has \(bytes.count - body) left (truncated?)")
                }
                guard let frameBytes = CheckedSize.product(format.channels, kind.bytesPerSample), length % frameBytes == 0 else {
                    throw fail(offset, "the 'data' chunk's \(length) bytes are not whole frames of \(format.channels) channels")
                }
                let samples = decodeSamples(bytes[body..<end], kind)
                return Audio(sampleRate: format.rate, channels: format.channels, format: kind, samples: samples)
            }
            guard !overflow, end < Int.max - 1 else { throw fail(offset, "the '\(id)' chunk's length \(length) is impossible") }
            offset = end + (length & 1)
        }
        throw fail(bytes.count, format == nil ? "no 'fmt ' chunk" : "no 'data' chunk (truncated?)")
    }

    private static func sampleFormat(_ format: (code: Int, channels: Int, rate: Int, bits: Int), offset: Int, file: String) throws -> SampleFormat {
        func fail(_ reason: String) -> DatasetError { DatasetError(readOperation, file: file, at: .byte(offset), reason) }
        guard (1...64).contains(format.channels) else { throw fail("the 'fmt ' chunk says \(format.channels) channels") }
        guard format.rate > 0 else { throw fail("the 'fmt ' chunk says a sample rate of \(format.rate) Hz") }
        switch (format.code, format.bits) {
        case (1, 8): return .pcm8
        case (1, 16): return .pcm16
        case (3, 32): return .float32
        default:
            throw fail("unsupported sample format (code \(format.code), \(format.bits) bits); PCM 8 or 16 bits and float 32 bits are read")
        }
    }

    private static func decodeSamples(_ bytes: ArraySlice<UInt8>, _ format: SampleFormat) -> [Float] {
        let base = bytes.startIndex
        let count = bytes.count / format.bytesPerSample
        switch format {
        case .pcm8:
            // 8-bit WAV is unsigned with 128 as silence.
            return bytes.map { (Float($0) - 128) / 128 }
        case .pcm16:
            return (0..<count).map { Float(Int16(bitPattern: readUInt16(bytes, base + 2 * $0))) / 32768 }
        case .float32:
            return (0..<count).map { Float(bitPattern: readUInt32(bytes, base + 4 * $0)) }
        }
    }

    static func encode(_ audio: Audio, file: String) throws -> [UInt8] {
        func fail(_ reason: String) -> DatasetError { DatasetError(writeOperation, file: file, reason) }
        guard (1...64).contains(audio.channels) else { throw fail("a WAV file holds 1 to 64 channels, got \(audio.channels)") }
        guard audio.sampleRate > 0, audio.sampleRate <= Int(UInt32.max) else { throw fail("the sample rate must be positive, got \(audio.sampleRate)") }
        guard audio.samples.count % audio.channels == 0 else {
            throw fail("\(audio.samples.count) samples are not whole frames of \(audio.channels) channels")
        }
        let width = audio.format.bytesPerSample
        guard let dataBytes = CheckedSize.product(audio.samples.count, width), dataBytes <= Int(UInt32.max) - 44 else { throw fail("\(audio.samples.count) samples do not fit in one WAV file (4 GiB)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + dataBytes)
        bytes += Array("RIFF".utf8); appendUInt32(&bytes, 36 + dataBytes); bytes += Array("WAVEfmt ".utf8)
        appendUInt32(&bytes, 16)
        appendUInt16(&bytes, audio.format == .float32 ? 3 : 1)
        appendUInt16(&bytes, audio.channels)
        appendUInt32(&bytes, audio.sampleRate)
        appendUInt32(&bytes, audio.sampleRate * audio.channels * width)   // bytes per second
        appendUInt16(&bytes, audio.channels * width)                      // bytes per frame
        appendUInt16(&bytes, 8 * width)
        bytes += Array("data".utf8); appendUInt32(&bytes, dataBytes)
        for sample in audio.samples {
            guard sample.isFinite else { throw fail("the samples hold \(sample); only finite values can be written") }
            let clipped = min(max(sample, -1), 1)
            switch audio.format {
            case .pcm8: bytes.append(UInt8(min(255, (clipped * 128 + 128).rounded())))
            case .pcm16: appendUInt16(&bytes, Int(UInt16(bitPattern: Int16(min(32767, (clipped * 32768).rounded())))))
            case .float32: appendUInt32(&bytes, Int(sample.bitPattern))
            }
        }
        return bytes
    }

    private static func readUInt16<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ at: Int) -> UInt16 where Bytes.Element == UInt8, Bytes.Index == Int {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func readUInt32<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ at: Int) -> UInt32 where Bytes.Element == UInt8, Bytes.Index == Int {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    private static func appendUInt16(_ bytes: inout [UInt8], _ value: Int) {
        bytes.append(UInt8(value & 0xFF)); bytes.append(UInt8((value >> 8) & 0xFF))
    }

    private static func appendUInt32(_ bytes: inout [UInt8], _ value: Int) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> shift) & 0xFF)) }
    }
}
