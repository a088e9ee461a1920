import LuaHost
import Tensors

/// The Lua class of tensors, shared by every module that takes or returns tensors (nn, data, image,
/// plot...). Its methods and metamethods are declared in this folder; other modules only read and
/// push tensors through the LuaCall helpers below.
enum TensorLua {
    nonisolated(unsafe) static let luaClass: LuaClass<Tensor> = {
        let luaClass = LuaClass<Tensor>(name: "Tensor", summary: """
            An n-dimensional array of float32, int64, uint8 or bool elements (made by the tensor module). \
            Operators: + - * / % ^ and unary - take a tensor or a number on either side and broadcast as NumPy; \
            #t is the size of the first dimension; == is identity (compare elementwise with t:eq(x), t:lt(x)...). \
            Indexing counts from 1, as Torch7: t[i] selects along the first dimension (a number when nothing is \
            left), t[{i, {first, last}, {}}] selects per dimension (inclusive ranges, {} for all), t[mask] with a \
            bool tensor gives the selected elements, t[positions] with an int64 tensor the slices; assigning to \
            any of these writes a number or a tensor into the selection. Most methods are also functions of the \
            tensor module (t:exp() is tensor.exp(t)).
            """, fields: [
                LuaParameter("grad", .tensor, "the gradient backward accumulated in a leaf, or nil (settable: nil or a float32 tensor of t's shape)"),
                LuaParameter("requires_grad", .boolean, "whether autograd records operations on t (settable on leaves)"),
                LuaParameter("is_leaf", .boolean, "true unless a recorded operation made t"),
            ])
        // Lua's collector learns of native memory through this count (LuaHost's ExternalMemoryCollector):
        // the storage bytes allocated since the last push, plus the tensor's own object and storage header
        // (about 250 bytes). Without the latter, millions of tiny tensors looked free to the collector: it
        // let them pile up unfinalized and the identity cache grew past the processor's caches.
        luaClass.allocatedBytes = { Storage.takeAllocatedBytes() + objectOverheadBytes }
        for function in functions { luaClass.declare(function.name, function.signature, function.body) }
        TensorMetamethods.install(on: luaClass)
        luaClass.index(TensorSubscript.read)
        luaClass.newIndex(TensorSubscript.write)
        return luaClass
    }()

    /// Native bytes of one tensor besides its elements: the Tensor object (shape and strides inline),
    /// the Storage object, malloc's header and the alignment slack.
    static let objectOverheadBytes = 256

    /// Every tensor method; those marked functional are also functions of the `tensor` module.
    nonisolated(unsafe) static let functions: [TensorFunction] = ArithmeticFunctions.all + MathFunctions.all + ReductionFunctions.all
        + ShapeFunctions.all + IndexingFunctions.all + InPlaceFunctions.all + LinearAlgebraFunctions.all
        + PropertyFunctions.all + AutogradFunctions.methods
}

extension LuaCall {
    /// The tensor argument at `index`.
    func tensor(_ index: Int32) throws -> Tensor { try object(index, TensorLua.luaClass) }

    /// Pushes a tensor (its userdata) and returns 1.
    @discardableResult
    func push(_ tensor: Tensor) -> Int32 { push(tensor, TensorLua.luaClass) }

    /// Pushes several results (values and positions; u, s, vt) and returns how many.
    func push(tensors: Tensor...) -> Int32 {
        for tensor in tensors { push(tensor) }
        return Int32(tensors.count)
    }
}
