import LuaHost
import Tensors

/// The program's version, as `lunette --version` and `require('lunette').version` give it.
public let lunetteVersion = "0.1.0"

/// The `lunette` module: facts about the running program, and the clock, folder, atomic-write and
/// lock functions of LunetteFiles.swift.
func registerLunetteModule(in host: LuaHost) {
    host.register(module: "lunette", summary: """
        The running program and what Lua's standard library lacks for programs that keep their state in \
        folders shared between processes (the tuner): a monotonic clock, folders, atomic writes and file \
        locks. Fields: version (the program's version), instruction_set (the vector instructions the kernels \
        use: 'AVX-512', 'AVX2' or 'x86-64').
        """) { module in
        module.value("version", lunetteVersion)
        module.value("instruction_set", KernelSupport.instructionSet)
        module.declare("classes", LuaSignature(
            returns: "a table: class name -> its methods",
            summary: "The classes Lua can hold (Tensor, Model, Optimizer, ...), each with the table of its methods.",
            example: """
                local classes = lunette.classes()
                print(classes.Tensor ~= nil, type(classes.Tensor.matmul))
                """)) { call in
            call.host.pushClassList(onto: call.state)
            return 1
        }
        declareFileFunctions(module)
    }
}
