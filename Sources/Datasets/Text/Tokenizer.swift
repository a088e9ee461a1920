/// Splits text into word tokens. By default: lower-cased, punctuation and digits act as separators,
/// an apostrophe between letters stays inside the word (don't, company's), as Keras' tokenizer does.
public struct Tokenizer: Sendable {
    public var lowercase: Bool
    public var stripPunctuation: Bool
    public var stripDigits: Bool
    /// Drop the words in `stopWords` (compared after lower-casing).
    public var removeStopWords: Bool
    public var stopWords: Set<String>
    /// Drop tokens shorter than this many characters (Unicode scalars).
    public var minimumLength: Int

    public init(lowercase: Bool = true, stripPunctuation: Bool = true, stripDigits: Bool = true,
                removeStopWords: Bool = false, stopWords: Set<String> = StopWords.english, minimumLength: Int = 1) {
        self.lowercase = lowercase
        self.stripPunctuation = stripPunctuation
        self.stripDigits = stripDigits
        self.removeStopWords = removeStopWords
        self.stopWords = stopWords
        self.minimumLength = minimumLength
    }

    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        // The token being read, as UTF-8 bytes, and its length in Unicode scalars.
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var length = 0
        var pendingApostrophe = false
        func finish() {
            if !current.isEmpty {
                let token = String(decoding: current, as: UTF8.self)
                if length >= minimumLength && !(removeStopWords && stopWords.contains(token)) {
                    tokens.append(token)
                }
                current.removeAll(keepingCapacity: true)
                length = 0
            }
            pendingApostrophe = false
        }
        for scalar in text.unicodeScalars {
            switch kind(of: scalar) {
            case .letter:
                if pendingApostrophe {
                    current.append(UInt8(ascii: "'"))
                    length += 1
                    pendingApostrophe = false
                }
                if scalar.isASCII {
                    let byte = UInt8(scalar.value)
                    current.append(lowercase && byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                    length += 1
                } else {
                    let mapped = lowercase ? scalar.properties.lowercaseMapping : String(scalar)
                    current.append(contentsOf: mapped.utf8)
                    length += mapped.unicodeScalars.count
                }
            case .apostrophe:
                // Kept only when a letter follows; otherwise it separates like other punctuation.
                if !current.isEmpty && !pendingApostrophe { pendingApostrophe = true } else { finish() }
            case .separator:
                finish()
            }
        }
        finish()
        return tokens
    }

    private enum ScalarKind { case letter, apostrophe, separator }

    private func kind(of scalar: Unicode.Scalar) -> ScalarKind {
        let value = scalar.value
        if value < 0x80 {
            if (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) { return .letter }
            if value >= 0x30 && value <= 0x39 { return stripDigits ? .separator : .letter }
            if value == 0x27 { return stripPunctuation ? .apostrophe : .letter }
            if value <= 0x20 || value == 0x7F { return .separator }
            return stripPunctuation ? .separator : .letter
        }
        let properties = scalar.properties
        if properties.isAlphabetic { return .letter }
        if properties.numericType != nil { return stripDigits ? .separator : .letter }
        if value == 0x2019 { return stripPunctuation ? .apostrophe : .letter }   // ’
        if properties.isWhitespace { return .separator }
        return stripPunctuation ? .separator : .letter
    }
}
