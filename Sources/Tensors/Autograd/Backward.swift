extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds it to
    /// the leaf's `grad`. A one-element tensor (a loss) needs no `gradient`; others need one of their shape.
    /// The graph is freed afterwards unless `retainGraph` (a second backward through it then throws);
    /// `createGraph` records the backward computation itself, for second derivatives.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false, createGraph: Bool = false) throws {
        _ = try Autograd.runBackward(op: "backward", outputs: [self], gradOutputs: [gradient], targets: nil,
                                     retainGraph: retainGraph, createGraph: createGraph)
    }
}

extension Autograd {
    /// The gradients of `outputs` (weighted by `gradOutputs`, which one-element outputs may omit) with
    /// respect to `inputs`, which may be leaves or intermediate tensors (e.g. a convolution's activation,
    /// for Grad-CAM). Leaves' `grad` is left alone. An input the outputs do not depend on gets nil when
    /// `allowUnused`, otherwise it is an error. `retainGraph` defaults to `createGraph`.
    public static func grad(outputs: [Tensor], inputs: [Tensor], gradOutputs: [Tensor?]? = nil,
                            retainGraph: Bool? = nil, createGraph: Bool = false,
                            allowUnused: Bool = false) throws -> [Tensor?] {
        for (i, input) in inputs.enumerated() where !input.requiresGrad {
            throw TensorError("grad", .autograd, "input \(index: i) does not require grad, so it has no gradient")
        }
        let grads = try runBackward(op: "grad", outputs: outputs,
                                    gradOutputs: gradOutputs ?? Array(repeating: nil, count: outputs.count),
                                    targets: inputs, retainGraph: retainGraph ?? createGraph,
                                    createGraph: createGraph)
        if !allowUnused, let unused = grads.firstIndex(where: { $0 == nil }) {
            throw TensorError("grad", .autograd, "input \(index: unused) was not used to compute the outputs (pass allowUnused: true to get nil for it)")
        }
        return grads
    }

    /// The engine. With `targets` nil it accumulates into leaves' `grad`; otherwise it returns the gradient
    /// of each target and touches no `grad`.
    static func runBackward(op: String, outputs: [Tensor], gradOutputs: [Tensor?], targets: [Tensor]?,
                            retainGraph: Bool, createGraph: Bool) throws -> [Tensor?] {
        guard gradOutputs.count == outputs.count else {
            throw TensorError(op, .value, "got \(gradOutputs.count) output gradients for \(outputs.count) outputs")
        }
        var results = [Tensor?](repeating: nil, count: targets?.count ?? 0)
        var targetOfNode: [ObjectIdentifier: Int] = [:], targetOfLeaf: [ObjectIdentifier: Int] = [:]
        for (i, target) in (targets ?? []).enumerated() {
            if let node = target.gradFn { targetOfNode[ObjectIdentifier(node)] = i } else { targetOfLeaf[ObjectIdentifier(target)] = i }
        }

        func deliver(_ grad: Tensor, toLeaf leaf: Tensor) throws {
            if targets != nil {
                if let i = targetOfLeaf[ObjectIdentifier(leaf)] { results[i] = try results[i].map { try $0 + grad } ?? grad }
            } else if let existing = leaf.grad {
                if createGraph { leaf.grad = try existing + grad } else { try existing.add_(grad) }
            } else {
                leaf.grad = createGraph ? grad : try grad.detach().clone()
            }
        }

        // Seed the outputs' gradients.
        var roots: [GradNode] = []
        for (i, output) in outputs.enumerated() {
            guard output.requiresGrad else {
                throw TensorError(op, .autograd, "output \(index: i) does not require grad: no tensor marked with setRequiresGrad() was used to compute it, or it was computed without gradients")
            }
            let seed: Tensor
            if let given = gradOutputs[i] {
                guard given.shape == output.shape else {
                    throw TensorError(op, .shape, "the gradient for output \(index: i) has shape \(given.shape), the output has shape \(output.shape)")
                }
                seed = try given.to(.float32)
            } else {
                guard output.count == 1 else {
                    throw TensorError(op, .shape, "output \(index: i) has shape \(output.shape); a gradient is needed for outputs of more than one element")
                }
                seed = try Tensor.ones(shape: output.shape)
            }
            if let node = output.gradFn {
                node.pending = try node.pending.map { try $0 + seed } ?? seed
                roots.append(node)
            } else {
                try deliver(seed, toLeaf: output)
            }
        }

        let order = topologicalOrder(from: roots)
        defer { for node in order { node.pending = nil } }
        let needed = targets == nil ? nil : nodesLeadingToTargets(order, targetOfNode, targetOfLeaf)

        try withGradients(enabled: createGraph) {
            for node in order {
                guard let gradOutput = node.pending else { continue }
                node.pending = nil
                if let i = targetOfNode[ObjectIdentifier(node)] {
                    results[i] = try results[i].map { try $0 + gradOutput } ?? gradOutput
                }
                if let needed, !needed.contains(ObjectIdentifier(node)) { continue }
                guard let backward = node.backward else {
                    throw TensorError(op, .autograd, "the graph through \(node.name) was already freed by an earlier backward pass; pass retainGraph: true to the first one to go through it twice")
                }
                if node.saved.contains(where: { $0.storage.version != $0.version }) {
                    throw TensorError(op, .autograd, "\(node.name) needs a tensor that an in-place operation changed after \(node.name) used it; use the out-of-place form (add instead of add_, ...) or change a clone() of it")
                }
                let grads = try backward(gradOutput)
                if !retainGraph {
                    node.backward = nil
                    node.saved = []
                }
                guard grads.count == node.edges.count else {
                    throw TensorError(node.name, .autograd, "backward returned \(grads.count) gradients for \(node.edges.count) inputs")
                }
                for (i, (edge, grad)) in zip(node.edges, grads).enumerated() {
                    guard let grad else { continue }
                    if case .none = edge.target { continue }
                    guard grad.shape == edge.shape, grad.dtype == .float32 else {
                        throw TensorError(node.name, .autograd, "backward returned a \(grad.dtype) gradient of shape \(grad.shape) for input \(index: i) of shape \(edge.shape)")
                    }
                    switch edge.target {
                    case .none: break
                    case .node(let input): input.pending = try input.pending.map { try $0 + grad } ?? grad
                    case .leaf(let leaf): try deliver(grad, toLeaf: leaf)
                    }
                }
            }
        }
        return results
    }

    /// The nodes reachable from `roots`, each before all the nodes it leads to (reverse depth-first
    /// post-order; iterative, so deep graphs do not overflow the stack).
    private static func topologicalOrder(from roots: [GradNode]) -> [GradNode] {
        var postOrder: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: GradNode, next: Int)] = []
        for root in roots where visited.insert(ObjectIdentifier(root)).inserted {
            stack.append((root, 0))
            while !stack.isEmpty {
                let (node, next) = stack[stack.count - 1]
                if next < node.edges.count {
                    stack[stack.count - 1].next += 1
                    if case .node(let input) = node.edges[next].target, visited.insert(ObjectIdentifier(input)).inserted {
                        stack.append((input, 0))
                    }
                } else {
                    postOrder.append(node)
                    stack.removeLast()
                }
            }
        }
        return postOrder.reversed()
    }

    /// The nodes whose backward must run to reach a target (the others are skipped by `grad`).
    private static func nodesLeadingToTargets(_ order: [GradNode], _ targetNodes: [ObjectIdentifier: Int],
                                              _ targetLeaves: [ObjectIdentifier: Int]) -> Set<ObjectIdentifier> {
        var needed = Set<ObjectIdentifier>()
        for node in order.reversed() {
            let leads = node.edges.contains { edge in
                switch edge.target {
                case .none: false
                case .leaf(let leaf): targetLeaves[ObjectIdentifier(leaf)] != nil
                case .node(let input): targetNodes[ObjectIdentifier(input)] != nil || needed.contains(ObjectIdentifier(input))
                }
            }
            if leads { needed.insert(ObjectIdentifier(node)) }
        }
        return needed
    }
}
