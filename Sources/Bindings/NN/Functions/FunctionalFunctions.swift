import LuaHost
import NN
import Tensors

/// `nn.functional`: the kernels behind the layers, for custom work (PyTorch's F).
func declareFunctional(in table: LuaModule) {
}
