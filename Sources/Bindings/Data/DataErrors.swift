import Datasets
import Imaging
import LuaHost
import Tensors

/// Registers a function of the `data` module; errors of the libraries reach Lua named after the Lua
/// function (`data.read_idx: train.idx at byte 0: wrong magic number ...`), with 1-based dimensions.
func dataFunction(_ module: LuaModule, _ name: String, _ body: @escaping LuaFunctionBody) {
    module.function(name) { call in try translatingErrors(call) { try body(call) } }
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
