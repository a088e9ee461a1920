import Foundation
import Testing

/// `lunette doc`: the reference committed in docs/api/ is what the declarations make, and every
/// declared example runs (what each printed is in the pages, so the comparison checks it too).
@Suite struct ReferenceTests {
    /// One run for all tests: it runs every example, in one process.
    static let generated: Result<(run: Executable.Result, folder: URL), any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-doc-\(UUID().uuidString)")
        return (try Executable.run(["doc", folder.path]), folder)
    }

    static let committed = Executable.packageRoot.appendingPathComponent("docs/api")

    static func pages(in folder: URL) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) })
    }

    @Test func everyExampleRuns() throws {
        let run = try Self.generated.get().run
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.isEmpty, "\(run.error)")
    }

    @Test func committedPagesAreWhatTheDeclarationsMake() throws {
        let made = try Self.pages(in: Self.generated.get().folder), committed = try Self.pages(in: Self.committed)
        let regenerate = "run `scripts/lunette doc` and commit docs/api"
        #expect(Set(made.keys) == Set(committed.keys), "pages made: \(made.keys.sorted()), committed: \(committed.keys.sorted()); \(regenerate)")
        for (name, text) in made.sorted(by: { $0.key < $1.key }) {
            guard let old = committed[name], old != text else { continue }
            let newLines = text.components(separatedBy: "\n"), oldLines = old.components(separatedBy: "\n")
            let line = (0..<min(newLines.count, oldLines.count)).first { newLines[$0] != oldLines[$0] } ?? min(newLines.count, oldLines.count)
            func shown(_ lines: [String]) -> String { lines.count > line ? lines[line] : "(end)" }
            let difference = "\(shown(oldLines)) → \(shown(newLines))"
            Issue.record("docs/api/\(name) is not what the declarations make, from line \(line + 1): \(difference); \(regenerate)")
        }
    }

    @Test func pagesShowDeclarationsAndWhatExamplesPrint() throws {
        let pages = try Self.pages(in: Self.generated.get().folder)
        let optim = try #require(pages["optim.md"])
        #expect(optim.hasPrefix("# optim\n\nKeras' optimizers"))
        #expect(optim.contains("### optim.Adam\n\n```lua\noptim.Adam([learning_rate], [options]) -> an Optimizer\n```"))
        #expect(optim.contains("| `beta_1` | a number | 0.9 | "))
        #expect(optim.contains("## Class Optimizer"))
        #expect(optim.contains("### Optimizer:step"))
        // the example of opt:zero_grad prints the gradient it cleared
        #expect(optim.contains("opt:zero_grad()\nprint(w.grad)\n```\n\nIt prints:\n\n```\nnil\n```"))
        // the index links a page for every registered module, and each class on its module's page
        let index = try #require(pages["README.md"])
        #expect(index.contains("[Tensor](tensor.md#class-tensor)"), "named like its module")
        #expect(index.contains("[Optimizer](optim.md#class-optimizer)"), "what optim's functions return")
        for module in ["tensor", "autograd", "nn", "optim", "data", "image", "plot", "report", "lunette"] {
            #expect(index.contains("| [\(module)](\(module).md) |"), "\(module)")
            #expect(pages["\(module).md"] != nil, "\(module)")
        }
    }
}
