import LuaHost
import Tensors

/// Matrix products (OpenBLAS) and decompositions (LAPACK).
enum LinearAlgebraFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("matmul") { call, t in call.push(try t.matmul(call.tensor(2))) },
        TensorFunction("mm") { call, t in
            let other = try call.tensor(2)
            guard t.rank == 2, other.rank == 2 else {
                throw TensorError("mm", .shape, "needs two matrices, got shapes \(t.shape) and \(other.shape); matmul takes other ranks")
            }
            return call.push(try t.matmul(other))
        },
        TensorFunction("dot") { call, t in call.push(try t.dot(call.tensor(2))) },
        TensorFunction("outer") { call, t in call.push(try t.outer(call.tensor(2))) },
        // bias:addmm(x, w) is x·w + bias in one product, as torch.addmm(bias, x, w).
        TensorFunction("addmm") { call, t in
            let options = try call.options(4)
            let beta = try options.value("beta", default: 1.0), alpha = try options.value("alpha", default: 1.0)
            try options.rejectUnknown()
            return call.push(try t.addmm(call.tensor(2), call.tensor(3), beta: beta, alpha: alpha))
        },
        TensorFunction("svd") { call, t in
            let (u, s, vt) = try t.svd(fullMatrices: call.argument(2, default: false))
            return call.push(tensors: u, s, vt)
        },
        // NumPy's and PyTorch's name for the symmetric eigendecomposition: values ascending, vectors in columns.
        TensorFunction("eigh") { call, t in
            let (values, vectors) = try t.symmetricEigen()
            return call.push(tensors: values, vectors)
        },
    ]
}
