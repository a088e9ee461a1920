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
/// the best and median wall time and the best and median CPU time of the process (all threads; on a
/// machine shared with other work the CPU time is the steadier measure). With BENCH_FILTER set, only the
/// benchmarks whose name contains it run.
func measure(_ benchmarks: [Benchmark]) throws {
    let filter = ProcessInfo.processInfo.environment["BENCH_FILTER"]
    for benchmark in benchmarks where filter.map({ benchmark.name.contains($0) }) ?? true {
        try benchmark.run()
        var times: [Double] = [], cpuTimes: [Double] = []
        let deadline = Date().addingTimeInterval(benchmark.budget)
        while times.count < 3 || (Date() < deadline && times.count < 1000) {
            let cpuStart = processCPUTime(), start = DispatchTime.now().uptimeNanoseconds
            try benchmark.run()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpuTimes.append(processCPUTime() - cpuStart)
        }
        times.sort()
        cpuTimes.sort()
        let best = times[0], median = times[times.count / 2]
        var line = "\(benchmark.name): best \(format(best)), median \(format(median)) over \(times.count) runs"
        if let unit = benchmark.unit {
            line += String(format: ", %.4g %@/s", unit.count / best, unit.name)
        }
        line += "; CPU best \(format(cpuTimes[0])), median \(format(cpuTimes[cpuTimes.count / 2]))"
        if let unit = benchmark.unit {
            line += String(format: ", %.4g %@ per CPU second", unit.count / cpuTimes[0], unit.name)
        }
        print(line)
    }
}

/// User plus system CPU seconds of this process, all threads.
func processCPUTime() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.2f µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
    return String(format: "%.3f s", seconds)
}
