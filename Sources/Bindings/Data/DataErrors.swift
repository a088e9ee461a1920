import Datasets
import Imaging
import LuaHost
import Tensors

extension LuaModule {
    /// Declares a function whose library errors reach Lua named after it (`data.read_idx: train.idx at
    /// byte 0: wrong magic number ...`), with 1-based dimensions.
    func declareTranslatingErrors(_ name: String, _ signature: LuaSignature, _ body: @escaping LuaFunctionBody) {
        declare(name, signature) { call in try translatingErrors(call) { try body(call) } }
    }
}

extension LuaClass {
    /// Declares a method whose library errors reach Lua named after it (`Scaler:transform: ...`).
    func declareTranslatingErrors(_ name: String, _ signature: LuaSignature, _ body: @escaping Method) {
        declare(name, signature) { call, object in try translatingErrors(call) { try body(call, object) } }
    }
}

/// Runs `body`, turning library errors into Lua messages that start with the Lua function's name.
func translatingErrors<Result>(_ call: LuaCall, _ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch let error as DatasetError {
        var text = call.name + ": "
        if let file = error.file {
            text += file
            if let location = error.location { text += " at \(location)" }
            text += ": "
        }
        throw LuaError.message(text + error.reason)
    } catch let error as TensorError {
        throw LuaError.message("\(call.name): \(error.message(indexBase: 1))")
    } catch let error as ImagingError {
        throw LuaError.message("\(call.name): \(error.message)")
    }
}
