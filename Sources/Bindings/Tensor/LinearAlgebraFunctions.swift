import LuaHost
import Tensors

/// Matrix products (OpenBLAS) and decompositions (LAPACK).
enum LinearAlgebraFunctions {
    nonisolated(unsafe) static let all: [TensorFunction] = [
        TensorFunction("matmul", "Matrix product as NumPy's matmul: vectors, matrices, and batches of matrices (leading dimensions broadcast).",
                       [LuaParameter("other", .tensor, "the right factor")],
                       example: "print(tensor{{1, 2}, {3, 4}}:matmul(tensor{{1}, {1}}))") { call, t in call.push(try t.matmul(call.tensor(2))) },
        TensorFunction("mm", "Product of two matrices (matmul restricted to 2-D, as torch.mm).", [LuaParameter("other", .tensor, "a matrix")],
                       example: "print(tensor.eye(2):mm(tensor{{1, 2}, {3, 4}}))") { call, t in
            let other = try call.tensor(2)
            guard t.rank == 2, other.rank == 2 else {
                throw TensorError("mm", .shape, "needs two matrices, got shapes \(t.shape) and \(other.shape); matmul takes other ranks")
            }
            return call.push(try t.matmul(other))
        },
        TensorFunction("dot", "Inner product of two vectors: a 0-dimensional tensor.", [LuaParameter("other", .tensor, "a vector of the same length")],
                       example: "print(tensor{1, 2, 3}:dot(tensor{4, 5, 6}):item())") { call, t in call.push(try t.dot(call.tensor(2))) },
        TensorFunction("outer", "Outer product of two vectors: a matrix.", [LuaParameter("other", .tensor, "a vector")],
                       example: "print(tensor{1, 2}:outer(tensor{1, 10, 100}))") { call, t in call.push(try t.outer(call.tensor(2))) },
        // bias:addmm(x, w) is x·w + bias in one product, as torch.addmm(bias, x, w).
        TensorFunction("addmm", "beta·t + alpha·(a·b) in one product, as torch.addmm: `bias:addmm(x, w)` is a dense layer's x·w + bias.",
                       [LuaParameter("a", .tensor, "the left matrix"), LuaParameter("b", .tensor, "the right matrix")],
                       options: [LuaOption("beta", .number, default: .number(1), "the factor of t"),
                                 LuaOption("alpha", .number, default: .number(1), "the factor of the product")],
                       example: "print(tensor{1, 1}:addmm(tensor{{1, 2}}, tensor{{1, 0}, {0, 1}}, {beta = 10}))") { call, t in
            let options = try call.options(4)
            let beta: Double = try options.value("beta"), alpha: Double = try options.value("alpha")
            try options.rejectUnknown()
            return call.push(try t.addmm(call.tensor(2), call.tensor(3), beta: beta, alpha: alpha))
        },
        TensorFunction("svd", "Singular value decomposition t = u·diag(s)·vt, singular values descending (reduced matrices unless full_matrices).",
                       [LuaParameter("full_matrices", .boolean, default: "false", "square u and vt")],
                       returns: "u, s, vt", example: "local u, s, vt = tensor{{3, 0}, {0, 4}}:svd()\nprint(s)") { call, t in
            let (u, s, vt) = try t.svd(fullMatrices: call.argument(2, default: false))
            return call.push(tensors: u, s, vt)
        },
        // NumPy's and PyTorch's name for the symmetric eigendecomposition: values ascending, vectors in columns.
        TensorFunction("eigh", "Eigendecomposition of a symmetric matrix, as numpy.linalg.eigh: eigenvalues ascending, eigenvectors in the columns.",
                       returns: "eigenvalues, eigenvectors",
                       example: "local values, vectors = tensor{{2, 0}, {0, 1}}:eigh()\nprint(values)") { call, t in
            let (values, vectors) = try t.symmetricEigen()
            return call.push(tensors: values, vectors)
        },
    ]
}
