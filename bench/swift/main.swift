// Swift-level benchmarks of the libraries: `swift run -c release lunette-bench [suite ...]`, with
// BENCH_FILTER=text to run only the benchmarks whose name contains it; `lunette-bench peak KEY [EPOCHS]`
// prints the peak memory of training one model workload (ModelBenchmarks.swift).
// Lua-level benchmarks and the PyTorch comparisons are driven by bench/run.
let suites: [String: () -> [Benchmark]] = [
    "datasets": datasetsBenchmarks,
    "imaging": imagingBenchmarks,
    "kernels": kernelBenchmarks,
    "models": modelBenchmarks,
    "tensors": tensorBenchmarks,
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "peak", arguments.count >= 2 {
    try peakMemory(arguments[1], epochs: arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2)
} else {
    for (name, benchmarks) in suites.sorted(by: { $0.key < $1.key }) where arguments.isEmpty || arguments.contains(name) {
        print("== \(name)")
        try measure(benchmarks())
    }
}
