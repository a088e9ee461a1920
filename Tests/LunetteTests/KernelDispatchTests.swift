import Foundation
import Testing

/// The vector kernels and oneDNN pick their instruction set at run time. This machine may have AVX-512;
/// capping both (LUNETTE_MAX_ISA for Lunette's kernels, DNNL_MAX_CPU_ISA for oneDNN's) runs the narrower
/// variants here, so the AVX2-only machines' code is tested too: the math, layer and training tests pass
/// on each.
@Suite struct KernelDispatchTests {
    static let capped: [(lunette: String, oneDNN: String, expected: String)] = [
        ("avx2", "AVX2", "AVX2"),
        ("x86-64", "SSE41", "x86-64"),
    ]
    static let files = ["test_tensor_vector_math.lua", "test_tensor_math.lua", "test_tensor_autograd.lua",
                        "test_nn_layers.lua", "test_nn_training.lua"]

    @Test(arguments: capped)
    func testsPassOnNarrowerInstructionSets(lunette: String, oneDNN: String, expected: String) throws {
        let environment = ["LUNETTE_MAX_ISA": lunette, "DNNL_MAX_CPU_ISA": oneDNN]
        let probe = try Executable.run(["-e", "print(require('lunette').instruction_set)"], environment: environment)
        let chosen = probe.output.trimmingCharacters(in: .whitespacesAndNewlines)
        // A machine without AVX2 stays below the cap: nothing narrower to check there.
        guard expected == "x86-64" || chosen == expected else { return }
        #expect(chosen == expected)
        for file in Self.files {
            let result = try Executable.run(["run", "Tests/lua/\(file)"], environment: environment)
            #expect(result.status == 0, "\(file) with \(lunette) kernels failed:\n\(result.output)\(result.error)")
        }
    }
}
