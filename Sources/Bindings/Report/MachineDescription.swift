import Foundation
import Tensors

/// The machine a report was made on, for its header.
enum MachineDescription {
    /// The processor's name from /proc/cpuinfo (`AMD EPYC 7B13`), or the architecture.
    static let cpuModel: String = {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        for line in info.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
        }
        var system = utsname()
        uname(&system)
        return withUnsafeBytes(of: &system.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }()

    /// The threads the numeric kernels use.
    static var threads: Int { workerCount }
}
