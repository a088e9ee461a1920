// Swift-level benchmarks of the libraries: `swift run -c release lunette-bench [suite ...]`.
// Lua-level benchmarks and the PyTorch comparisons are driven by bench/run.
let suites: [String: [Benchmark]] = [
    "datasets": datasetsBenchmarks(),
    "imaging": imagingBenchmarks(),
    "kernels": kernelBenchmarks(),
    "models": modelBenchmarks(),
    "tensors": tensorBenchmarks(),
]

let selected = CommandLine.arguments.dropFirst()
for (name, benchmarks) in suites.sorted(by: { $0.key < $1.key }) where selected.isEmpty || selected.contains(name) {
    print("== \(name)")
    try measure(benchmarks)
}
