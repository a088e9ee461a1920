#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Keras 3's progress bar: `37/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.8123 - loss: 0.5321`.
///
/// verbose 1 on a terminal redraws the line in place (`\r`, bold counts and a green/grey bar, as Keras);
/// not on a terminal it writes only the finished line of each epoch. verbose 2 writes one plain line per
/// epoch: `1875/1875 - 3s - 1ms/step - ...`. Values are shown as given (they are running results).
final class ProgressBar {
    private let target: Int
    private let verbose: Int
    private let console: Console
    private let width = 20
    private let interval = 0.05
    private let start: Double
    private var lastUpdate = -Double.infinity
    private var timeAfterFirstStep: Double?
    private var previousWidth = 0

    init(target: Int, verbose: Int, console: Console) {
        self.target = target
        self.verbose = verbose
        self.console = console
        start = console.now()
    }

    /// Shows step `current` (1-based) with `values` in display order; `finalize` ends the line.
    func update(_ current: Int, values: [(String, Double)], finalize: Bool? = nil) {
        let done = finalize ?? (current >= target)
        let now = console.now()
        let timePerStep = estimateStepDuration(current, now)
        defer { lastUpdate = now }
        switch verbose {
        case 1:
            guard console.isTerminal || done else { return }
            if console.isTerminal && !done && now - lastUpdate < interval { return }
            let styled = console.isTerminal
            let digits = String(target).count
            let count = String(repeating: " ", count: Swift.max(0, digits - String(current).count)) + "\(current)/\(target)"
            let filled = target > 0 ? Int(Double(width) * Double(current) / Double(target)) : 0
            var bar = styled ? "\u{1B}[1m\(count)\u{1B}[0m " : "\(count) "
            if styled {
                if filled > 0 { bar += "\u{1B}[32m" + String(repeating: "━", count: filled) + "\u{1B}[0m" }
                bar += "\u{1B}[37m" + String(repeating: "━", count: width - filled) + "\u{1B}[0m"
            } else {
                bar += String(repeating: "━", count: width)
            }
            let time = done ? String(format: "%.0fs", now - start) : ProgressBar.eta(timePerStep * Double(target - current))
            var info = styled ? " \u{1B}[1m\(time)\u{1B}[0m" : " \(time)"
            info += ProgressBar.formatStepTime(timePerStep) + ProgressBar.formatValues(values)
            var message = styled ? "\r" + bar + info : bar + info
            let visibleWidth = count.count + 1 + width + info.count - (styled ? 8 : 0)
            if styled, previousWidth > visibleWidth { message += String(repeating: " ", count: previousWidth - visibleWidth) }
            if done { message += "\n" }
            previousWidth = visibleWidth
            console.write(message)
        case 2:
            guard done else { return }
            let digits = String(target).count
            let count = String(repeating: " ", count: Swift.max(0, digits - String(current).count)) + "\(current)/\(target)"
            console.write(count + String(format: " - %.0fs -", now - start) + ProgressBar.formatStepTime(timePerStep)
                          + ProgressBar.formatValues(values, signed: true) + "\n")
        default:
            break
        }
    }

    /// Keras ignores the first step (compilation, warm-up) once there are more.
    private func estimateStepDuration(_ current: Int, _ now: Double) -> Double {
        guard current > 0 else { return 0 }
        let perStep: Double
        if let after = timeAfterFirstStep, current > 1 {
            perStep = (now - after) / Double(current - 1)
        } else {
            perStep = (now - start) / Double(current)
        }
        if current == 1 { timeAfterFirstStep = now }
        return perStep
    }

    static func eta(_ seconds: Double) -> String {
        if seconds > 3600 {
            return String(format: "%d:%02d:%02d", Int(seconds) / 3600, (Int(seconds) % 3600) / 60, Int(seconds) % 60)
        }
        if seconds > 60 { return String(format: "%d:%02d", Int(seconds) / 60, Int(seconds) % 60) }
        return "\(Int(seconds))s"
    }

    /// ` 1ms/step`, ` 2s/step`, ` 850us/step`.
    static func formatStepTime(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 { return String(format: " %.0fs/step", seconds) }
        if seconds >= 1e-3 { return String(format: " %.0fms/step", seconds * 1e3) }
        return String(format: " %.0fus/step", seconds * 1e6)
    }

    /// ` - name: 0.1234` per value, in scientific notation at magnitudes ≤ 0.001 (Keras' one-line mode,
    /// `signed`, compares the value itself, so negative values also get scientific notation).
    static func formatValues(_ values: [(String, Double)], signed: Bool = false) -> String {
        values.map { name, value in
            " - \(name): " + ((signed ? value : Swift.abs(value)) > 1e-3 ? String(format: "%.4f", value) : pythonScientific(value))
        }.joined()
    }

    /// Python's `{:.4e}`, which C's `%.4e` matches: `1.2340e-05`.
    static func pythonScientific(_ value: Double) -> String { String(format: "%.4e", value) }
}
