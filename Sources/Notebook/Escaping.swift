/// Text made safe for HTML element content and quoted attribute values.
func escapeHTML<Text: StringProtocol>(_ text: Text) -> String {
    let utf8 = text.utf8
    guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return String(text) }
    var escaped: [UInt8] = []
    escaped.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
        switch byte {
        case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
        case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
        case UInt8(ascii: ">"): escaped += Array("&gt;".utf8)
        case UInt8(ascii: "\""): escaped += Array("&quot;".utf8)
        case UInt8(ascii: "'"): escaped += Array("&#39;".utf8)
        default: escaped.append(byte)
        }
    }
    return String(decoding: escaped, as: UTF8.self)
}

/// A Markdown code fence longer than any run of backticks in `text`, so the text cannot close it.
func markdownFence(for text: String) -> String {
    var longest = 0, run = 0
    for byte in text.utf8 {
        run = byte == UInt8(ascii: "`") ? run + 1 : 0
        longest = max(longest, run)
    }
    return String(repeating: "`", count: max(3, longest + 1))
}

/// Durations as people read them: `< 0.1 ms`, `0.4 ms`, `12 ms`, `3.21 s`, `2 min 05 s`, `1 h 02 min`.
func formatDuration(_ seconds: Double) -> String {
    if seconds < 0.00005 { return "< 0.1 ms" }
    if seconds < 0.001 { return "\(rounded(seconds * 1000, places: 1)) ms" }
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 60 { return "\(rounded(seconds, places: 2)) s" }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return "\(whole / 60) min \(twoDigits(whole % 60)) s" }
    return "\(whole / 3600) h \(twoDigits(whole % 3600 / 60)) min"
}

private func rounded(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let fraction = String(scaled % Int(scale))
    return "\(scaled / Int(scale)).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
}

func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
