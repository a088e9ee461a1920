import Datasets
import Imaging
import LuaHost
import NN

/// The libraries' errors start with the library's name for the operation (`PNG.read: cannot open
/// 'x.png'`, `line: x has 3 values but y has 2`); a Lua user knows the function they called, so the
/// functions of `image` and `plot` put its name there instead (`image.load: cannot open 'x.png'`).
func renamingLibraryErrors(of call: LuaCall, _ work: () throws -> Int32) throws -> Int32 {
    do {
        return try work()
    } catch let error as ImagingError {
        throw LuaError.message("\(call.name): \(withoutOperation(error.message))")
    } catch let error as DatasetError where error.file == nil {
        throw LuaError.message("\(call.name): \(error.reason)")
    } catch let error as NNError {
        throw LuaError.message("\(call.name): \(error.message)")
    }
}

/// The message after its leading `operation: ` (a name without spaces), or all of it.
private func withoutOperation(_ message: String) -> Substring {
    guard let colon = message.range(of: ": ") else { return Substring(message) }
    let operation = message[..<colon.lowerBound]
    let isName = !operation.isEmpty && operation.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    return isName ? message[colon.upperBound...] : Substring(message)
}

extension LuaModule {
    /// A declared module function whose library errors carry its own name.
    func declareRenamingErrors(_ name: String, _ signature: LuaSignature, _ body: @escaping LuaFunctionBody) {
        declare(name, signature) { call in try renamingLibraryErrors(of: call) { try body(call) } }
    }
}

extension LuaClass {
    /// A declared method whose library errors carry its own name (`Chart:save`).
    func declareRenamingErrors(_ name: String, _ signature: LuaSignature, _ body: @escaping Method) {
        declare(name, signature) { call, object in try renamingLibraryErrors(of: call) { try body(call, object) } }
    }
}
