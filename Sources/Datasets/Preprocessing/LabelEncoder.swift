/// Maps labels (numbers or strings) to class ids 0, 1, ... in sorted order of the labels, and back, as
/// scikit-learn's LabelEncoder: ECG200's −1/1 become 0/1, 'cat'/'dog' become 0/1.
public final class LabelEncoder {
    public enum Label: Hashable, Comparable, CustomStringConvertible, Sendable {
        case number(Double)
        case text(String)

        public var description: String {
            switch self {
            case .number(let n): return n.rounded() == n && Swift.abs(n) < 1e15 ? String(Int64(n)) : String(n)
            case .text(let s): return "'\(s)'"
            }
        }
    }

    /// The distinct labels seen by `fit`, sorted; class id k is `classes[k]`.
    public private(set) var classes: [Label] = []
    private var ids: [Label: Int64] = [:]
    public var isFitted: Bool { !classes.isEmpty }

    public init() {}

    public func fit(_ labels: [Label]) throws {
        guard !labels.isEmpty else { throw DatasetError("LabelEncoder", "fit needs at least one label") }
        let distinct = Set(labels)
        let numbers = distinct.contains { if case .number = $0 { true } else { false } }
        let texts = distinct.contains { if case .text = $0 { true } else { false } }
        guard !(numbers && texts) else {
            throw DatasetError("LabelEncoder", "labels mix numbers and strings; make them all one kind")
        }
        if let nan = distinct.first(where: { if case .number(let n) = $0 { n.isNaN } else { false } }) {
            throw DatasetError("LabelEncoder", "labels hold \(nan), which is no class")
        }
        classes = distinct.sorted()
        ids = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int64($0)) })
    }

    /// Class ids of `labels`; a label `fit` did not see is an error naming it.
    public func transform(_ labels: [Label]) throws -> [Int64] {
        guard isFitted else { throw DatasetError("LabelEncoder", "call fit before transform") }
        return try labels.enumerated().map { position, label in
            guard let id = ids[label] else {
                throw DatasetError("LabelEncoder", "label \(label) at position \(position + 1) was not seen by fit (classes: \(classesText))")
            }
            return id
        }
    }

    /// The labels of class ids.
    public func inverse(_ classIds: [Int64]) throws -> [Label] {
        guard isFitted else { throw DatasetError("LabelEncoder", "call fit before inverse_transform") }
        return try classIds.enumerated().map { position, id in
            guard id >= 0, id < classes.count else {
                throw DatasetError("LabelEncoder", "class id \(id) at position \(position + 1) is outside 0...\(classes.count - 1)")
            }
            return classes[Int(id)]
        }
    }

    var classesText: String {
        let shown = classes.prefix(10).map(\.description).joined(separator: ", ")
        return classes.count > 10 ? shown + ", ... (\(classes.count) in all)" : shown
    }
}
