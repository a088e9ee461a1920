import Foundation

/// One measured piece of work. `run` does the work once; the harness repeats it and keeps the best time.
struct Benchmark {
    let name: String
    /// What one run processes, to print a rate next to the time (e.g. "samples", 60000).
    var unit: (name: String, count: Double)? = nil
    /// Seconds the whole measurement may take before it stops repeating.
    var budget: Double = 2
    let run: () throws -> Void
}

/// Runs each benchmark until its time budget is spent (at least 3 times, after one warm-up) and prints
/// the best and median wall time.
func measure(_ benchmarks: [Benchmark]) throws {
    for benchmark in benchmarks {
        try benchmark.run()
        var times: [Double] = []
        let deadline = Date().addingTimeInterval(benchmark.budget)
        while times.count < 3 || (Date() < deadline && times.count < 1000) {
            let start = DispatchTime.now().uptimeNanoseconds
            try benchmark.run()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        let best = times[0], median = times[times.count / 2]
        var line = "\(benchmark.name): best \(format(best)), median \(format(median)) over \(times.count) runs"
        if let unit = benchmark.unit {
            line += String(format: ", %.4g %@/s", unit.count / best, unit.name)
        }
        print(line)
    }
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.2f µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
    return String(format: "%.3f s", seconds)
}
