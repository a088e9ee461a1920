import Foundation
import Testing
@testable import Datasets
import Tensors

@Suite("Number parsing")
struct NumberParsingTests {
    func fast(_ text: String) -> Float? {
        Array(text.utf8).withUnsafeBufferPointer { NumberParser.parseShortDecimal($0) }
    }

    /// The C library's correctly rounded conversion, the reference.
    func reference(_ text: String) -> Float? {
        text.withCString { start in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(start, &end)
            return end == UnsafeMutablePointer(mutating: start) + strlen(start) ? value : nil
        }
    }

    @Test func fastPathAgreesWithStrtofBitForBit() {
        var generator = SeededGenerator(seed: 2024)
        var fastCount = 0
        for _ in 0..<200_000 {
            let digits = 1 + generator.integer(below: 17)
            var text = String((0..<digits).map { _ in Character(String(generator.integer(below: 10))) })
            if generator.integer(below: 3) > 0 {
                let point = generator.integer(below: digits + 1)
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            if generator.integer(below: 4) == 0 { text += "e" + (generator.integer(below: 2) == 0 ? "-" : "") + String(generator.integer(below: 40)) }
            if generator.integer(below: 2) == 0 { text = "-" + text }
            guard let value = fast(text) else { continue }
            fastCount += 1
            let expected = reference(text)
            #expect(expected?.bitPattern == value.bitPattern, "\(text): fast \(value), strtof \(String(describing: expected))")
        }
        #expect(fastCount > 100_000)
    }

    @Test func fastPathDeclinesWhatItCannotDoExactly() {
        #expect(fast("1234567890123456") == nil)       // 16 significant digits
        #expect(fast("1e30") == nil)                    // exponent beyond 22
        for text in ["", "-", ".", "1e", "1.2.3", "1x", "e5", "--1"] { #expect(fast(text) == nil, "\(text)") }
        #expect(fast("-0.11252183") == -0.11252183)
        #expect(fast("0.000") == 0 && fast("-0")?.sign == .minus)
        #expect(fast("+2.5E+2") == 250)
    }

    @Test func parserClassifiesFields() {
        var parser = NumberParser()
        func parse(_ text: String) -> ParsedNumber { Array(text.utf8).withUnsafeBufferPointer { parser.parse($0) } }
        if case .number(let value) = parse(" 12345678901234567890 ") { #expect(value == 1.2345679e19) } else { Issue.record("long number") }
        if case .missing = parse("NA") {} else { Issue.record("NA is missing") }
        if case .missing = parse("  ") {} else { Issue.record("blank is missing") }
        if case .notANumber = parse("inf") {} else { Issue.record("words are not numbers") }
        if case .notANumber = parse("12abc") {} else { Issue.record("12abc is not a number") }
    }
}
