import Datasets
import LuaHost
import Tensors

/// Arguments and elements read as images through the Datasets bridge (`ImageTensor`): what is wrong
/// with a tensor is said of the argument or element that held it.
extension LuaCall {
    /// The argument at `index` as one image or a batch, checked against `shapes`.
    func imageTensor(_ index: Int32, _ shapes: ImageShapes, allowBytes: Bool = true) throws -> ImageTensor {
        guard let tensor = try? tensor(index) else { throw mismatch(index, expected: shapes.expected) }
        return try readImageTensor(tensor, shapes, allowBytes: allowBytes) { invalid(index, $0) }
    }
}

extension LuaElement {
    /// The element as one image or a batch, checked against `shapes`.
    func imageTensor(_ shapes: ImageShapes) throws -> ImageTensor {
        guard let tensor = try? object(TensorLua.luaClass) else { throw mismatch(expected: shapes.expected) }
        return try readImageTensor(tensor, shapes, allowBytes: true) { invalid($0) }
    }
}

/// `tensor` read as images; `problem` turns what is wrong into the error naming where it came from.
func readImageTensor(_ tensor: Tensor, _ shapes: ImageShapes, allowBytes: Bool, problem: (String) -> LuaError) throws -> ImageTensor {
    do {
        return try ImageTensor(tensor, shapes, allowBytes: allowBytes, operation: "image")
    } catch let error as DatasetError {
        throw problem(error.reason)
    }
}
