import Foundation

/// Writes every byte to a descriptor, retrying after signals and short writes. Returns false when the
/// descriptor fails; `errno` then says why (EIO when it stopped taking bytes without saying).
@discardableResult
public func writeAll(_ bytes: some ContiguousBytes, to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { writeAll(buffer: $0, to: descriptor) }
}

private func writeAll(buffer bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, base + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
            if written == 0 { errno = EIO }
            return false
        }
        offset += written
    }
    return true
}
