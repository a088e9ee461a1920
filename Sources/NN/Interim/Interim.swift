// Interim functional pieces.
//
// The layers call a few functional operations that belong to `Sources/NN/Functional/` (written on
// another branch). Until that lands, minimal versions live here, in one place, so that reconciling the
// two is a matter of pointing these call sites at the functional versions and deleting this folder:
//
// - `InterimActivations`: selu, swish, gelu (exact, erf-based) — composed of Tensor ops.
// - `InterimInitializers`: `Initializer.make(shape:op:)` — Keras' formulas over the Tensors generator.
// - `InterimLosses`: the per-sample loss functions behind `Loss` (Keras' clipping and reductions).
// - `InterimDropout`: inverted dropout with a Bernoulli mask.
