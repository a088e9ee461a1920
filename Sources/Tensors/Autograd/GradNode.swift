/// One recorded operation in the autograd graph: where its inputs' gradients go (`edges`, one per input)
/// and how to compute them from the gradient of its output (`backward`).
///
/// Made by `Autograd.record`; a tensor that requires grad and is not a leaf points to the node that made it
/// (`gradFn`). Nodes point only towards inputs, so the graph has no cycles and is freed with its tensors.
public final class GradNode {
    /// The operation's name, used in error messages (`mul`, `conv2d`...).
    public let name: String

    enum Target {
        case none
        case node(GradNode)
        case leaf(Tensor)
    }

    struct Edge {
        let target: Target
        /// The input's shape, which its gradient must have.
        let shape: Shape
    }

    var edges: [Edge]
    var backward: ((Tensor) throws -> [Tensor?])?
    let outputShape: Shape

    /// The storages of the tensors `backward` reads, with their versions when the operation ran
    /// (dropped with `backward` once the graph is freed, so the memory goes with it).
    var saved: [(storage: Storage, version: Int)]

    /// Gradient of the output summed so far during one backward pass (the engine's scratch).
    var pending: Tensor?

    init(name: String, inputs: [Tensor], saving: [Tensor], outputShape: Shape, backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.name = name
        self.outputShape = outputShape
        self.backward = backward
        saved = saving.map { ($0.storage, $0.storage.version) }
        edges = inputs.map { input in
            let target: Target
            if !input.requiresGrad {
                target = .none
            } else if let node = input.gradFn {
                target = .node(node)
            } else {
                target = .leaf(input)
            }
            return Edge(target: target, shape: input.shape)
        }
    }

    /// Frees a long chain of nodes iteratively: releasing nodes recursively (node → closure → tensor → node)
    /// would overflow the stack for graphs of many thousand steps.
    deinit {
        var stack: [GradNode] = []
        takeInputs(into: &stack)
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                node.takeInputs(into: &stack)
            }
        }
    }

    /// Moves the input nodes to `stack` and drops the closure, whose captured tensors could otherwise hold
    /// the last reference to them.
    private func takeInputs(into stack: inout [GradNode]) {
        for edge in edges {
            if case .node(let node) = edge.target { stack.append(node) }
        }
        edges = []
        backward = nil
        saved = []
        pending = nil
    }
}
