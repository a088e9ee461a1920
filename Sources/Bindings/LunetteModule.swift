import LuaHost
import Tensors

/// The program's version, as `lunette --version` and `require('lunette').version` give it.
public let lunetteVersion = "0.1.0"

/// The `lunette` module: facts about the running program, and the clock, folder, atomic-write and
/// lock functions of LunetteFiles.swift.
func registerLunetteModule(in host: LuaHost) {
    host.register(module: "lunette") { module in
        module.value("version", lunetteVersion)
        module.value("instruction_set", KernelSupport.instructionSet)
        module.function("classes") { call in
            call.host.pushClassList(onto: call.state)
            return 1
        }
        registerFileFunctions(module)
    }
}
