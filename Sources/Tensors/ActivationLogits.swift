/// The scores a probability tensor was computed from, and how (see `Tensor.activationLogits`).
public struct ActivationLogits {
    public enum Kind: Sendable { case softmax, sigmoid }
    public let kind: Kind
    public let scores: Tensor

    public init(_ kind: Kind, scores: Tensor) {
        self.kind = kind
        self.scores = scores
    }
}
