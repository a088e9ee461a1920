// Interim functional pieces.
//
// The layers call a few functional operations that belong to `Sources/NN/Functional/` (written on
// another branch). Until that lands, minimal versions live here, in one place; reconciling is pointing
// these call sites at the functional versions and deleting this folder:
//
// - `PendingKernels`: the heavy kernels (convolutions, pooling, upsampling, normalization, recurrent
//   sequences), with the functional branch's signatures; they throw until connected
//   (`PendingKernels.` → `Functional.`).
// - `InterimActivations`: selu, swish, gelu (exact, erf-based) composed of Tensor ops
//   (→ `Functional.activate`).
// - `InterimInitializers`: `Initializer.make(shape:op:)` with Keras' formulas (→ `Initializers.*`).
// - `InterimLosses`: the per-sample loss values behind `Loss` (→ the functional losses with no reduction).
// - `InterimDropout`: inverted dropout, `Functional.dropout`'s signature (→ `Functional.dropout`).
