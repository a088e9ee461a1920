import Foundation
import Testing

/// Sizes computed from user values go through CheckedArithmetic.CheckedSize (issue 14): a product
/// written by hand (`reduce(1, *)`) traps on overflow, and a second checked product would drift from
/// the first. This finds new ones in Sources.
@Suite struct CheckedSizeLintTests {
    static let forbidden = ["reduce(1, *)", "reduce(1,*)", "multipliedReportingOverflow"]
    static let helper = "Sources/CheckedArithmetic/CheckedSize.swift"

    @Test func sizesAreMultipliedOnlyThroughCheckedSize() throws {
        let root = Executable.packageRoot
        let sources = root.appendingPathComponent("Sources")
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            guard relative != Self.helper else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where Self.forbidden.contains(where: line.contains) {
                found.append("\(relative):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "use CheckedSize.product (CheckedArithmetic) instead:\n\(found.joined(separator: "\n"))")
    }
}
