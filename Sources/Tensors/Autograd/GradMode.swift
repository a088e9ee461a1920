#if canImport(Glibc)
import Glibc
#endif

/// Whether operations record is a per-thread setting (as in PyTorch): a thread that evaluates without
/// gradients does not switch them off for another. The thread-specific value is nil while recording is
/// on (the default), and a non-nil marker while it is off.
private let gradientsOffKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

/// Define-by-run automatic differentiation: operations on tensors that require grad record a graph,
/// `Tensor.backward()` and `Autograd.grad` walk it back.
public enum Autograd {
    /// False inside `withoutGradients` (and while a backward pass runs without `createGraph`) on this
    /// thread: operations then record nothing and in-place updates of parameters are allowed.
    public static var isGradEnabled: Bool { pthread_getspecific(gradientsOffKey) == nil }

    /// Runs `body` without recording operations (evaluation, optimizer updates).
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try withGradients(enabled: false, body)
    }

    /// Runs `body` with recording switched on or off, and restores the previous mode afterwards.
    public static func withGradients<R>(enabled: Bool, _ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(gradientsOffKey)
        pthread_setspecific(gradientsOffKey, enabled ? nil : UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(gradientsOffKey, previous) }
        return try body()
    }

    /// True when an operation on `a` must be recorded.
    @inline(__always)
    static func needsGrad(_ a: Tensor) -> Bool { a.requiresGrad && isGradEnabled }

    @inline(__always)
    static func needsGrad(_ a: Tensor, _ b: Tensor) -> Bool { (a.requiresGrad || b.requiresGrad) && isGradEnabled }

    /// True when an operation on `inputs` would be recorded: custom operations can skip saving what
    /// their backward needs when it is false.
    public static func needsGrad(_ inputs: [Tensor]) -> Bool {
        isGradEnabled && inputs.contains { $0.requiresGrad }
    }

    /// Makes `output` differentiable: the public way to define an operation with its own kernel.
    ///
    /// `output` must be a tensor the operation has just made (not one of `inputs`). When gradients are
    /// enabled and any input requires grad, `output` records `backward`, which receives the gradient of
    /// `output` and returns one gradient per input, in order, each of that input's shape (nil for inputs
    /// that get none, such as integer indices). Otherwise nothing is recorded and `backward` is dropped.
    /// `saving` names the tensors `backward` reads: if an in-place operation changes one of them before
    /// the backward pass, that pass throws instead of computing a wrong gradient.
    /// Write `backward` with tensor operations when second derivatives (`createGraph`) should work through
    /// it; it runs with recording switched on only then.
    @discardableResult
    public static func record(_ name: String, inputs: [Tensor], output: Tensor, saving: [Tensor] = [],
                              backward: @escaping (_ gradOutput: Tensor) throws -> [Tensor?]) -> Tensor {
        guard needsGrad(inputs) else { return output }
        output.attach(GradNode(name: name, inputs: inputs, saving: saving, outputShape: output.shape, backward: backward))
        return output
    }

    /// Like `record`, for a backward that is itself not differentiable (a dedicated kernel): its results
    /// are marked so that differentiating them again throws instead of giving a silently wrong answer.
    @discardableResult
    public static func recordFirstOrder(_ name: String, inputs: [Tensor], output: Tensor, saving: [Tensor] = [],
                                        backward: @escaping (_ gradOutput: Tensor) throws -> [Tensor?]) -> Tensor {
        record(name, inputs: inputs, output: output, saving: saving) { gradOutput in
            let grads = try withoutGradients { try backward(gradOutput) }
            guard isGradEnabled else { return grads }
            return grads.map { grad in
                grad.map { g in
                    record("\(name) backward", inputs: [gradOutput] + inputs, output: g.detach()) { _ in
                        throw TensorError(name, .autograd, "second derivatives are not implemented for this operation")
                    }
                }
            }
        }
    }
}
