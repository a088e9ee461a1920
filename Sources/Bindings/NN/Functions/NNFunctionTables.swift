import LuaHost

// The function tables of the `nn` module: Keras' losses, metrics, activations and initializers as
// functions, and the kernels as PyTorch-style functions (`nn.functional`, like torch.nn.functional).
// Losses, activations and kernels return tensors that remember how they were made (`:backward()`
// works through them). Class ids are Keras' 0-based ones; dimensions and axes are Lua's, from 1.

/// Adds the fields `losses`, `metrics`, `activations`, `initializers` and `functional` to the nn
/// module being built; messages name their functions `nn.losses.mse`.
func installNNFunctionTables(into module: LuaModule) {
    module.table("losses", declareLosses)
    module.table("metrics", declareMetrics)
    module.table("activations", declareActivations)
    module.table("initializers", declareInitializers)
    module.table("functional", declareFunctional)
}
