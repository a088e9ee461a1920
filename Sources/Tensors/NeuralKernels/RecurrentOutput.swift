/// What a recurrent layer run over a sequence returns. All three are views of one recorded result, so
/// gradients from any of them (return_sequences, return_state) flow back through the fused backward.
public struct RecurrentOutput {
    /// The hidden state after every step, (batch, steps, units), in the order the steps ran.
    public let sequence: Tensor
    /// The hidden state after the last step, (batch, units).
    public let lastHidden: Tensor
    /// The LSTM's cell state after the last step, (batch, units); nil for the other cells.
    public let lastCell: Tensor?
}
