import Foundation
import Testing
import TestSupport

/// Reports asked for by the script, ended early, killed, or stopped by a syntax error.
@Suite struct ReportScriptTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-report-scripts-\(getpid())")

    func script(_ name: String, _ source: String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent(name)
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func page(_ folder: URL, _ name: String = "report.md") -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    static let opensItsOwnReport = """
        local report = require 'report'
        print('writing to', report.open(arg[1], {title = 'My experiment'}))
        -- %% Second
        print('in the second cell', report.folder())
        """

    @Test func scriptOpensItsReportFromTheFirstCell() throws {
        let path = try script("opens.lua", Self.opensItsOwnReport)
        let folder = scratch.appendingPathComponent("own-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, folder.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "writing to\t\(folder.path)\nin the second cell\t\(folder.path)\n")
        let markdown = page(folder)
        expectInOrder(markdown, ["# My experiment\n", "**✓ finished**", "## [1]", "```text\nwriting to\t\(folder.path)\n```",
                                 "## [2] Second", "```text\nin the second cell\t\(folder.path)\n```"])
        #expect(page(folder, "index.html").contains("<section class=\"cell finished\" id=\"cell-1\">"))
    }

    @Test func commandLineFolderWinsOverTheScripts() throws {
        let path = try script("opens-overridden.lua", Self.opensItsOwnReport)
        let scriptFolder = scratch.appendingPathComponent("asked-\(UUID().uuidString)")
        let commandLineFolder = scratch.appendingPathComponent("given-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, "--report", commandLineFolder.path, scriptFolder.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("writing to\t\(commandLineFolder.path)\n"))
        #expect(!FileManager.default.fileExists(atPath: scriptFolder.path))
        expectInOrder(page(commandLineFolder), ["# My experiment\n", "## [2] Second", "in the second cell"])
    }

    @Test func secondFolderIsRefused() throws {
        let path = try script("twice.lua", "local report = require 'report'\nreport.open(arg[1])\nreport.open(arg[1] .. '/../elsewhere')\n")
        let folder = scratch.appendingPathComponent("twice-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, folder.path])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("\(path):3: report.open: a report is already being written to '\(folder.path)'"))
        expectInOrder(page(folder), ["**✗ failed**", "a report is already being written"])
    }

    @Test func reportOpenedInALaterCellMarksEarlierOnes() throws {
        let path = try script("late.lua", """
            print('too early to be recorded')
            -- %% Opens
            require('report').open(arg[1])
            print('recorded')
            """)
        let folder = scratch.appendingPathComponent("late-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, folder.path])
        #expect(result.status == 0)
        let markdown = page(folder)
        expectInOrder(markdown, ["## [1]", "ran before the report", "not recorded", "## [2] Opens", "```text\nrecorded\n```"])
        #expect(!markdown.contains("```text\ntoo early"))
    }

    @Test func osExitEndsTheReportWithItsStatus() throws {
        let path = try script("exits.lua", """
            -- %% Works
            print('worked')
            -- %% Leaves
            io.write('leaving without a newline')
            os.exit(3)
            -- %% Never
            print('never')
            """)
        let folder = scratch.appendingPathComponent("exit-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, "--report", folder.path])
        #expect(result.status == 3)
        #expect(result.output == "worked\nleaving without a newline", "captured output still reaches the terminal")
        let markdown = page(folder)
        expectInOrder(markdown, ["**✗ exited with os.exit(3)**", "## [1] Works", "worked", "## [2] Leaves",
                                 "```text\nleaving without a newline\n```", "## [3] Never", "not run"])
    }

    @Test func killedRunLeavesThePartialReport() throws {
        let path = try script("killed.lua", """
            -- %% Finishes
            print('first cell done')
            -- %% Dies
            print('about to be killed')
            local pid = io.open('/proc/self/stat'):read('n')
            os.execute('kill -9 ' .. pid)
            print('unreachable')
            """)
        let folder = scratch.appendingPathComponent("killed-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, "--report", folder.path])
        #expect(result.status != 0)
        let html = page(folder, "index.html")
        #expect(html.contains("running (partial report"))
        expectInOrder(html, ["<section class=\"cell finished\" id=\"cell-1\">", "first cell done",
                             "<section class=\"cell running\" id=\"cell-2\">", "running…"])
        expectInOrder(page(folder), ["## [1] Finishes", "```text\nfirst cell done\n```", "## [2] Dies"])
    }

    @Test func syntaxErrorIsShownInTheCellOfItsLine() throws {
        let path = try script("syntax.lua", "-- %% Fine\nprint(1)\n-- %% Broken\nlocal x = = 2\n-- %% After\nprint(3)\n")
        let folder = scratch.appendingPathComponent("syntax-\(UUID().uuidString)")
        let result = try Executable.run(["run", path, "--report", folder.path])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("\(path):4: unexpected symbol near '='"))
        let html = page(folder, "index.html")
        expectInOrder(html, ["<section class=\"cell notRun\" id=\"cell-1\">", "<section class=\"cell failed\" id=\"cell-2\">",
                             "class=\"line error-line\" data-n=\"4\"", ":4: unexpected symbol near",
                             "<section class=\"cell notRun\" id=\"cell-3\">"])
    }

    @Test func cellsCostNothingVisibleWithoutAReport() throws {
        let path = try script("cells.lua", "-- %% One\nprint(debug.getinfo(1, 'l').currentline)\n-- %% Two\nerror('where?')\n")
        let result = try Executable.run(["run", path])
        #expect(result.output == "2\n")
        #expect(result.error.hasPrefix("\(path):4: where?"))
    }

    @Test func showPrintsValuesAsTheReplDoes() throws {
        let shown = try Executable.run(["-e", "show({1, 'two', {three = 3}})", "-e", "show(42)", "-e", "show('text as is')"])
        #expect(shown.status == 0)
        let inspected = try Executable.run(["-e", "local inspect = require 'lunette.inspect'; print(inspect({1, 'two', {three = 3}}))"])
        if inspected.status == 0 {
            #expect(shown.output == inspected.output + "42\ntext as is\n")
        } else {
            // Without the library (lib/ not found), values print with tostring.
            #expect(shown.output.hasPrefix("table: 0x") && shown.output.hasSuffix("\n42\ntext as is\n"))
        }
    }

    @Test func scriptThatIsNotUTF8RunsAsBeforeButMakesNoReport() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent("latin1.lua")
        let latin1 = Array("print('caf".utf8) + [0xE9] + Array("')\n-- %% Two\nrequire('report').open('x')\n".utf8) // é in Latin-1
        try Data(latin1).write(to: url)
        let result = try Executable.run(["run", url.path])
        #expect(Array(result.output.utf8.prefix(3)) == Array("caf".utf8))
        #expect(result.error.hasPrefix("\(url.path):3: report.open: cannot split '\(url.path)' into cells for a report: it is not Lua source in UTF-8"))
    }

    @Test func reportsNeedAScript() throws {
        let result = try Executable.run(["-e", "require('report').open('out/nowhere')"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("(command line 1):1: report.open: reports are made for scripts run with `lunette run FILE`"))
    }

    @Test func unwritableReportFolderIsAClearError() throws {
        let path = try script("plain.lua", "print('ran')")
        let result = try Executable.run(["run", path, "--report", "/proc/no/such/folder"])
        #expect(result.status != 0)
        #expect(result.error.contains("cannot create the report folder '/proc/no/such/folder': No such file or directory"))
        #expect(result.output.isEmpty, "the script does not run")
    }
}
