/// Gathers the values of one attribute.
struct ARFFColumnBuilder {
    private var numbers: [Float] = []
    private var codes: [Int32] = []
    private var texts: [String] = []
    private let kind: ARFF.AttributeKind
    private let codeOf: [String: Int32]

    init(kind: ARFF.AttributeKind) {
        self.kind = kind
        if case .nominal(let values) = kind {
            codeOf = Dictionary(values.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        } else {
            codeOf = [:]
        }
    }

    mutating func append(_ field: ARFFField, attribute: ARFF.Attribute, line: ARFFLine) throws {
        switch kind {
        case .numeric:
            if field.isMissing { numbers.append(.nan); return }
            guard let value = Float(field.text.trimmingSpaces) else {
                throw line.error("attribute '\(attribute.name)' is numeric but the value is '\(field.text)'")
            }
            numbers.append(value)
        case .nominal(let values):
            if field.isMissing { codes.append(-1); return }
            guard let code = codeOf[field.text] else {
                throw line.error("'\(field.text)' is not one of the values \(values) of attribute '\(attribute.name)'")
            }
            codes.append(code)
        case .string, .date:
            texts.append(field.isMissing ? "" : field.text)
        }
    }

    /// The value a sparse row leaves out.
    mutating func appendZero() {
        switch kind {
        case .numeric: numbers.append(0)
        case .nominal: codes.append(0)
        case .string, .date: texts.append("")
        }
    }

    func finish() -> Column {
        switch kind {
        case .numeric: return .numeric(numbers)
        case .nominal(let values): return .categorical(codes: codes, categories: values)
        case .string, .date: return .text(texts)
        }
    }
}
