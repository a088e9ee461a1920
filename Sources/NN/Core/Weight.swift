import Tensors

/// One named variable of a layer (`kernel`, `bias`, `moving_mean`...): a float32 leaf tensor whose
/// identity never changes, so optimizers, shared layers and loaders all see the same storage.
///
/// A weight is trainable when it was created trainable and its layer is trainable; trainable weights
/// require grad. Batch normalization's moving statistics are never trainable.
public final class Weight {
    /// The short name inside the layer (`kernel`).
    public let name: String
    public let value: Tensor
    /// False for variables that training must not touch through gradients (moving statistics).
    public let isTrainableVariable: Bool
    /// The layer that created it, for `path` and `trainable`.
    public private(set) weak var owner: Layer?

    init(name: String, value: Tensor, trainable: Bool, owner: Layer) throws {
        self.name = name
        self.value = value
        self.isTrainableVariable = trainable
        self.owner = owner
        try updateRequiresGrad()
    }

    /// `layer_name/kernel`, the key under which it is saved.
    public var path: String { "\(owner?.name ?? "unowned")/\(name)" }

    /// True when optimizers update it.
    public var trainable: Bool { isTrainableVariable && (owner?.trainable ?? true) }

    public var shape: [Int] { value.shape.array }
    public var count: Int { value.count }

    func updateRequiresGrad() throws {
        try value.setRequiresGrad(trainable)
    }

    /// Overwrites the values (shape must match), outside any recorded graph.
    public func assign(_ newValue: Tensor) throws {
        guard newValue.shape == value.shape else {
            throw NNError("assign", .shape, "weight \(path) has shape \(value.shape), got a value of shape \(newValue.shape)")
        }
        try Autograd.withoutGradients { _ = try value.copy_(newValue) }
    }
}
