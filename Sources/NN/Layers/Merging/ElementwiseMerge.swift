import Tensors

/// Layers that combine inputs of one shape element by element: Add, Subtract (exactly two), Multiply,
/// Average, Maximum, Minimum.
public class ElementwiseMerge: Layer {
    enum Operation { case add, subtract, multiply, average, maximum, minimum }
    let operation: Operation

    init(_ operation: Operation, name: String?) throws {
        self.operation = operation
        try super.init(name: name)
    }

    public override var inputCountRange: ClosedRange<Int> { operation == .subtract ? 2...2 : 1...Int.max }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        var dims = inputShapes[0].dims
        for shape in inputShapes {
            guard shape.rank == dims.count else {
                throw shapeError("inputs must have the same shape, got \(inputShapes.map(\.description).joined(separator: ", "))")
            }
            for d in 0..<dims.count {
                if let a = dims[d], let b = shape[d], a != b {
                    throw shapeError("inputs must have the same shape, got \(inputShapes.map(\.description).joined(separator: ", "))")
                }
                dims[d] = dims[d] ?? shape[d]
            }
        }
        return [SymbolicShape(dims)]
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        var result = inputs[0]
        for x in inputs.dropFirst() {
            switch operation {
            case .add, .average: result = try result + x
            case .subtract: result = try result - x
            case .multiply: result = try result * x
            case .maximum: result = try result.maximum(x)
            case .minimum: result = try result.minimum(x)
            }
        }
        if operation == .average { result = try result / Double(inputs.count) }
        return [result]
    }
}

public final class Add: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.add, name: name) }
}

public final class Subtract: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.subtract, name: name) }
}

public final class Multiply: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.multiply, name: name) }
}

public final class Average: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.average, name: name) }
}

public final class Maximum: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.maximum, name: name) }
}

public final class Minimum: ElementwiseMerge {
    public init(name: String? = nil) throws { try super.init(.minimum, name: name) }
}
