import Foundation

/// A fast 128-bit fingerprint of bytes (two independent multiply-rotate lanes over 8-byte words), for
/// telling whether content changed and naming cached files by what they hold. Not cryptographic: it
/// guards against accidents, not against someone forging a collision.
public struct ContentHash: Sendable {
    private var first: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var second: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let words = bytes.count / 8
        for index in 0..<words {
            mix(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        if bytes.count % 8 != 0 { mix(tail) }
        length &+= UInt64(bytes.count)
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        mix(0xFF00_FF00_FF00_FF00 ^ UInt64(text.utf8.count))
    }

    /// 32 hexadecimal digits.
    public var hex: String {
        var a = first ^ length, b = second ^ (length &* 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<2 { (a, b) = (Self.finish(a ^ b.rotated(17)), Self.finish(b ^ a.rotated(41))) }
        return Self.hex(a) + Self.hex(b)
    }

    public static func of(_ bytes: some ContiguousBytes) -> String {
        var hash = ContentHash()
        bytes.withUnsafeBytes { hash.update($0) }
        return hash.hex
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        first = ((first ^ word) &* 0x8716_3EF5_0C57_1A33).rotated(31)
        second = ((second &+ word) &* 0xFF51_AFD7_ED55_8CCD).rotated(29) ^ first
    }

    private static func finish(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        value = (value ^ (value >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return value ^ (value >> 33)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

private extension UInt64 {
    @inline(__always) func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
