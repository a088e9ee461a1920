import LuaHost

/// Adds the fields `losses`, `metrics`, `activations`, `initializers` and `functional` to the nn
/// module being built; messages name their functions `nn.losses.mse`.
func installNNFunctionTables(into module: LuaModule) {
    module.table("losses", summary: """
        Keras' losses as functions of (y_true, y_pred): by default the mean over the batch of the per-sample values, a \
        0-dimensional tensor that remembers how it was made (`loss:backward()`). Give their names to `model:compile{loss = ...}`.
        """, declareLosses)
    module.table("metrics", summary: """
        Keras' metrics as functions of (y_true, y_pred) giving a number (not differentiable), and the confusion matrix. \
        Give their names to `model:compile{metrics = {...}}`.
        """, declareMetrics)
    module.table("activations", summary: "Keras' activations as differentiable functions of a tensor; their names serve as layers' `activation`.",
                 declareActivations)
    module.table("initializers", summary: "Keras' initializers as functions giving a new tensor of a shape; their names serve as layers' `*_initializer`.",
                 declareInitializers)
    module.table("functional", summary: """
        The kernels behind the layers as differentiable functions (as PyTorch's torch.nn.functional), with Keras' layouts: \
        images NHWC, sequences (batch, steps, features), kernels as Keras stores them.
        """, declareFunctional)
}
