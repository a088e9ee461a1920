import Foundation
import Testing

/// The cell cache end to end: `lunette run FILE --report DIR` twice, with cells edited in between.
/// Each cell appends its number to a log file when it really runs (files a cell writes are not
/// cached), so the log tells which cells ran and which came from the cache.
@Suite(.serialized) struct CellCacheTests {
    /// Random draws from both generators, a compiled Sequential and a functional model trained with
    /// Adam (so the optimizer's moments matter when training goes on), a closure over a top-level
    /// local, a global, a table, pictures.
    static func script(lastCellNote: String = "", secondCellNote: String = "") -> String {
        """
        local tensor, nn, plot, image = require 'tensor', require 'nn', require 'plot', require 'image'
        local log = arg[1]
        local function ran(cell) local file = io.open(log, 'a'); file:write(cell, '\\n'); file:close() end
        tensor.manual_seed(11)
        ran(1)

        -- %% Data and models
        \(secondCellNote)
        local x, y = tensor.randn({16, 3}), tensor.randn({16, 1})
        local model = nn.Sequential {nn.Input {3}, nn.Dense(4, {activation = 'tanh'}), nn.Dense(1)}
        model:compile {optimizer = 'adam', loss = 'mse'}
        local functional = (function()
          local input = nn.Input {3}
          return nn.Model(input, nn.Dense(1)(nn.Dense(5, {activation = 'relu'})(input)))
        end)()
        functional:compile {optimizer = 'adam', loss = 'mae'}
        local steps = 0
        local function count() steps = steps + 1; return steps end
        local scale = 10 -- no later cell names it: only the global function below reaches it
        function scaled(value) return value * scale end
        settings = {name = 'cache test', sizes = {3, 4, 1}}
        ran(2)

        -- %% Train
        local history = model:fit(x, y, {epochs = 3, batch_size = 8, verbose = 0})
        functional:fit(x, y, {epochs = 2, batch_size = 4, verbose = 0})
        print(string.format('loss %.9g %.9g', history.loss[1], history.loss[3]))
        plot.lines({loss = history.loss}, {title = settings.name}):save(log .. '-loss.png')
        count()
        ran(3)

        -- %% Go on
        \(lastCellNote)
        print('draws', tensor.rand({3}):sum():item(), math.random(1, 1000000), count())
        model:fit(x, y, {epochs = 2, batch_size = 8, verbose = 0})
        functional:fit(x, y, {epochs = 1, batch_size = 4, verbose = 0})
        print(string.format('predictions %.9g %.9g', model:predict(x, {verbose = 0}):sum():item(), functional:predict(x, {verbose = 0}):sum():item()))
        print(settings.name, table.concat(settings.sizes, 'x'), scaled(count()))
        image.save(log .. '-noise.png', tensor.rand({8, 8, 1}))
        ran(4)
        """
    }

    struct Run {
        let result: Executable.Result
        let cellsRun: [String]
        let markdown: String
        let pictures: [String: Data]
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-cell-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func run(_ source: String, _ options: [String] = []) throws -> Run {
        let scriptURL = folder.appendingPathComponent("cells.lua"), logURL = folder.appendingPathComponent("log")
        try source.write(to: scriptURL, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: logURL)
        let report = folder.appendingPathComponent("report")
        let result = try Executable.run(["run", scriptURL.path, "--report", report.path] + options + [logURL.path], in: folder)
        let log = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        let figures = report.appendingPathComponent("figures")
        var pictures: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: figures.path)) ?? [] {
            pictures[name] = try Data(contentsOf: figures.appendingPathComponent(name))
        }
        let markdown = (try? String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)) ?? ""
        return Run(result: result, cellsRun: log.split(separator: "\n").map(String.init), markdown: markdown, pictures: pictures)
    }

    /// The state words of each cell's heading in report.md (`cached · saved 12 ms`, `0.3 s`).
    static func states(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("*lines ") }.map { line in
            String(line.split(separator: "·", maxSplits: 1).last ?? "").trimmingCharacters(in: CharacterSet(charactersIn: " *"))
        }
    }

    @Test func cachedRunsPrintAndDrawWhatAFreshRunDoes() throws {
        let fresh = try run(Self.script(), ["--fresh"])
        #expect(fresh.result.status == 0, "\(fresh.result.error)")
        #expect(fresh.cellsRun == ["1", "2", "3", "4"])
        #expect(fresh.pictures.count == 2)

        // Unchanged: every cell from the cache, the same output and picture bytes.
        let cached = try run(Self.script())
        #expect(cached.result.status == 0, "\(cached.result.error)")
        #expect(cached.cellsRun.isEmpty)
        #expect(Self.states(cached.markdown).allSatisfy { $0.hasPrefix("cached") })
        #expect(cached.result.output == fresh.result.output)
        #expect(cached.pictures == fresh.pictures)

        // The last cell edited: it runs on the state the cache restored and must print what the fresh
        // run printed (random draws, weights trained further with the restored Adam moments).
        let edited = try run(Self.script(lastCellNote: "-- edited"))
        #expect(edited.result.status == 0, "\(edited.result.error)")
        #expect(edited.cellsRun == ["4"])
        #expect(edited.result.output == fresh.result.output)
        #expect(edited.pictures == fresh.pictures)
        #expect(fresh.result.output.contains("predictions"))
    }

    @Test func editingACellRunsItAndTheCellsAfterIt() throws {
        _ = try run(Self.script())
        let edited = try run(Self.script(secondCellNote: "-- edited"))
        #expect(edited.result.status == 0, "\(edited.result.error)")
        #expect(edited.cellsRun == ["2", "3", "4"])
        let states = Self.states(edited.markdown)
        #expect(states.count == 4)
        #expect(states.first?.hasPrefix("cached · saved") == true)
        #expect(states.dropFirst().allSatisfy { !$0.hasPrefix("cached") })
    }

    @Test func freshRunsEveryCell() throws {
        _ = try run(Self.script())
        let again = try run(Self.script(), ["--fresh"])
        #expect(again.cellsRun == ["1", "2", "3", "4"])
        // And leaves a cache the next run uses.
        #expect(try run(Self.script()).cellsRun.isEmpty)
    }

    @Test func aValueTheCacheCannotSaveIsReportedAndItsCellsRun() throws {
        let source = """
            local log = arg[1]
            local function ran(cell) local file = io.open(log, 'a'); file:write(cell, '\\n'); file:close() end
            ran(1)
            -- %% Open
            local notes = io.open(log .. '-notes', 'w')
            ran(2)
            -- %% Write
            notes:write('hello\\n')
            notes:close()
            ran(3)
            """
        let first = try run(source)
        #expect(first.result.status == 0, "\(first.result.error)")
        #expect(first.markdown.contains("not cached: local \\`notes\\` holds an open file"))
        let second = try run(source)
        #expect(second.cellsRun == ["2", "3"])
        #expect(second.markdown.contains("not cached: local \\`notes\\` holds an open file"))
    }

    @Test func aChangedInputFileRunsTheCellThatReadItAgain() throws {
        let input = folder.appendingPathComponent("input.txt")
        try "one".write(to: input, atomically: true, encoding: .utf8)
        let source = """
            local log = arg[1]
            local function ran(cell) local file = io.open(log, 'a'); file:write(cell, '\\n'); file:close() end
            ran(1)
            -- %% Read
            local file = io.open('input.txt')
            local text = file:read('a')
            file:close()
            ran(2)
            -- %% Print
            print(text)
            ran(3)
            """
        _ = try run(source)
        #expect(try run(source).cellsRun.isEmpty)
        try "two".write(to: input, atomically: true, encoding: .utf8)
        let changed = try run(source)
        #expect(changed.cellsRun == ["2", "3"])
        #expect(changed.result.output.contains("two"))
    }

    @Test func watchRunsTheScriptAgainWhenItIsSaved() throws {
        let scriptURL = folder.appendingPathComponent("watched.lua")
        let report = folder.appendingPathComponent("watched-report")
        let markdown = report.appendingPathComponent("report.md")
        try "-- %% One\nprint('first version')\n".write(to: scriptURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["run", "--watch", scriptURL.path, "--report", report.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: a process started by the test runner inherits its blocked SIGINT and SIGTERM.
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        func waitFor(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let page = try? String(contentsOf: markdown, encoding: .utf8), page.contains(text), page.contains("finished") { return true }
                usleep(100_000)
            }
            return false
        }
        #expect(waitFor("first version"))
        let page = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("reload.js"))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("reload.js").path))
        sleep(1) // a new modification time even on file systems that keep whole seconds
        try "-- %% One\nprint('second version')\n".write(to: scriptURL, atomically: true, encoding: .utf8)
        #expect(waitFor("second version"))
    }
}
