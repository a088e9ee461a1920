import Tensors

/// A placeholder for data in a model definition (Keras' KerasTensor): `Input` makes one, calling a layer
/// on symbolic tensors makes new ones and records the call as a `Node`. Only shapes flow; no numbers.
///
/// Ownership runs from outputs towards inputs (tensor → node → layer and input tensors), as in the
/// autograd graph: a model holding its output tensors keeps its whole graph alive, and nothing points
/// back, so there are no cycles.
public final class SymbolicTensor: CustomStringConvertible {
    public let shape: SymbolicShape
    public let dtype: DType
    /// The call that produced it (an InputLayer's node for model inputs).
    public let node: Node
    /// Which of the node's outputs this is.
    public let outputIndex: Int

    init(shape: SymbolicShape, dtype: DType, node: Node, outputIndex: Int) {
        self.shape = shape
        self.dtype = dtype
        self.node = node
        self.outputIndex = outputIndex
    }

    /// The layer whose call produced this tensor.
    public var layer: Layer { node.layer }

    public var description: String { "<SymbolicTensor shape=\(shape), dtype=\(dtype), from \(layer.name)>" }
}

/// One call of a layer on symbolic tensors: which tensors went in and what came out. A layer called
/// twice (shared weights) has two nodes.
public final class Node {
    public let layer: Layer
    public let inputs: [SymbolicTensor]
    public private(set) var outputShapes: [SymbolicShape] = []
    /// The output tensors, held weakly (they hold the node).
    private var weakOutputs: [WeakReference<SymbolicTensor>] = []

    init(layer: Layer, inputs: [SymbolicTensor]) {
        self.layer = layer
        self.inputs = inputs
    }

    /// The output tensors still in use.
    public var outputs: [SymbolicTensor] { weakOutputs.compactMap(\.object) }

    /// The position of this node among its layer's calls (Keras' node index, shown in summaries).
    public var index: Int { layer.inboundNodes.firstIndex { $0 === self } ?? 0 }

    func makeOutputs(shapes: [SymbolicShape], dtypes: [DType]) -> [SymbolicTensor] {
        outputShapes = shapes
        let tensors = zip(shapes, dtypes).enumerated().map {
            SymbolicTensor(shape: $0.element.0, dtype: $0.element.1, node: self, outputIndex: $0.offset)
        }
        weakOutputs = tensors.map { WeakReference($0) }
        return tensors
    }
}

struct WeakReference<T: AnyObject> {
    weak var object: T?
    init(_ object: T) { self.object = object }
}
