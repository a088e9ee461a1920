/// Keras-style neural networks on the Tensors library (no Lua here; the `nn` and `optim` bindings wrap it).
///
/// - Layers (`Layer` and its subclasses in Layers/) are built lazily from their input shapes, hold named
///   `Weight`s with Keras' layouts, and run on real tensors (with autograd) or on `SymbolicTensor`s, which
///   records `Node`s: the graph of a functional `Model`. `Sequential` is a model built by appending layers.
/// - Training (Training/): `compile` with an `Optimizer`, `Loss`es and `MetricSpec`s, then `fit`,
///   `evaluate`, `predict` with Keras' arguments (`FitOptions`), progress through a `Console`, `Callback`s.
/// - Saving (Saving/): safetensors files with the architecture as JSON in the header (`save`, `NN.load`).
/// - Layers are compositions of `Functional` operations: those with kernels of their own (`Functional.conv2d`,
///   `Functional.lstm`...) are in Tensors; Functional/ adds those composed of other tensor operations.
public enum NN {
    /// Resets automatic layer names, so the next Dense is called `dense` again (Keras' `clear_session`).
    public static func clearSession() { LayerNaming.reset() }
}
