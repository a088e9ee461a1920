import Testing
import Notebook

@Suite struct NotebookScriptTests {
    @Test func splitsAtMarkersWithTitles() {
        let source = """
            -- header comment
            local x = 1

            -- %% Load the data
            local data = load()

            --%%
            print(data)
            -- %%   Train the model  
            train()
            """
        let script = NotebookScript(source: source)
        #expect(script.cells.map(\.number) == [1, 2, 3, 4])
        #expect(script.cells.map(\.title) == [nil, "Load the data", nil, "Train the model"])
        #expect(script.cells.map(\.lines) == [1...3, 4...6, 7...8, 9...10])
        #expect(script.cells[0].code == "-- header comment\nlocal x = 1")
        #expect(script.cells[1].code == "local data = load()")
        #expect(script.cells[1].codeFirstLine == 5)
        #expect(script.cells[3].code == "train()")
        #expect(script.runnableSource == """
            __lunette_cell(1);-- header comment
            local x = 1

            __lunette_cell(2, function() return x end);
            local data = load()

            __lunette_cell(3, function() return x, data end);
            print(data)
            __lunette_cell(4, function() return x, data end);
            train()
            """)
    }

    @Test func everyLineKeepsItsNumber() {
        let source = "-- %% a\nx = 1\n\n-- %% b\ny = 2\n"
        let original = source.split(separator: "\n", omittingEmptySubsequences: false)
        let runnable = NotebookScript(source: source).runnableSource.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(runnable.count == original.count)
        #expect(runnable[1] == "x = 1" && runnable[4] == "y = 2")
    }

    @Test func scriptWithoutMarkersIsOneCell() {
        let script = NotebookScript(source: "print(1)\nprint(2)\n")
        #expect(script.cells.count == 1)
        #expect(script.cells[0].title == nil)
        #expect(script.cells[0].code == "print(1)\nprint(2)")
        #expect(script.runnableSource == "__lunette_cell(1);print(1)\nprint(2)\n")
    }

    @Test func blankPreambleIsNoCell() {
        let script = NotebookScript(source: "\n\n-- %% First\nprint(1)")
        #expect(script.cells.count == 1)
        #expect(script.cells[0].title == "First")
        #expect(script.cells[0].lines == 3...4)
    }

    @Test func markersInsideStringsCommentsBlocksAndBracketsAreNotCells() {
        let source = """
            -- %% real one
            local s = [[
            -- %% inside a long string
            ]]
            --[[
            -- %% inside a long comment
            ]]
            local function f()
            -- %% inside a function
            end
            local t = {
            -- %% inside a table
            }
            -- %% second real one
            """
        let script = NotebookScript(source: source)
        #expect(script.cells.map(\.title) == ["real one", "second real one"])
        #expect(script.runnableSource.components(separatedBy: "__lunette_cell").count == 3)
        #expect(script.runnableSource.contains("-- %% inside a long string"))
    }

    @Test func indentedMarkerIsAComment() {
        #expect(NotebookScript(source: "x = 1\n  -- %% not at the line start\ny = 2").cells.count == 1)
    }

    @Test func shebangByteOrderMarkAndWindowsLineEnds() {
        let script = NotebookScript(source: "\u{FEFF}#!/usr/bin/env lunette\r\nx = 1\r\n-- %% Two\r\ny = 2\r\n")
        #expect(script.cells.map(\.title) == [nil, "Two"])
        #expect(script.cells[0].code == "x = 1")
        #expect(script.cells[1].code == "y = 2")
        #expect(script.cells[1].lines.lowerBound == 3)
        #expect(script.runnableSource.hasPrefix("__lunette_cell(1);\nx = 1\r\n__lunette_cell(2);\ny = 2"))
    }

    @Test func cellContainingLine() {
        let script = NotebookScript(source: "a()\n-- %% b\nb()\n-- %% c\nc()")
        #expect(script.cell(containingLine: 1)?.number == 1)
        #expect(script.cell(containingLine: 3)?.number == 2)
        #expect(script.cell(containingLine: 5)?.number == 3)
        #expect(script.cell(containingLine: 9) == nil)
    }

    @Test func emptySourceHasNoCells() {
        let script = NotebookScript(source: "")
        #expect(script.cells.isEmpty)
        #expect(script.runnableSource == "")
    }
}

@Suite struct NotebookScriptCacheTests {
    static let source = "local a = 1\n-- %% Two\nlocal b = a + 1\nc = b\n-- %% Three\nprint(a, b, c)\n"

    @Test func cellsReportTheLocalsTheyLeave() {
        let runnable = NotebookScript(source: Self.source).runnableSource
        #expect(runnable == """
            __lunette_cell(1);local a = 1
            __lunette_cell(2, function() return a end);
            local b = a + 1
            c = b
            __lunette_cell(3, function() return a, b end);
            print(a, b, c)

            """)
    }

    @Test func restoredCellsAreBlankAndEveryLineKeepsItsNumber() {
        let script = NotebookScript(source: Self.source)
        let runnable = script.runnableSource(restoring: 2, locals: ["a", "b"])
        let lines = runnable.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.source.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[0] == "local a, b = __lunette_restore(2); __lunette_restored(function() return a, b end);")
        #expect(lines[1...3].allSatisfy { $0.isEmpty })
        #expect(lines[4] == "__lunette_cell(3, function() return a, b end);")
        #expect(lines[5] == "print(a, b, c)")
    }

    @Test func namesMentionedByLaterCells() {
        let script = NotebookScript(source: Self.source)
        #expect(script.namesMentioned(after: 2).isSuperset(of: ["print", "a", "b", "c"]))
        #expect(!script.namesMentioned(after: 3).contains("a"))
    }

    @Test func leadingCommentsAreProse() {
        let script = NotebookScript(source: """
            -- %% Load
            -- # Loading
            -- The *first* step.
            --
            --   indented line
            local x = 1 -- not prose
            -- a comment inside code
            -- %% [markdown]
            -- ## Only prose
            -- - a list
            """)
        #expect(script.cells[0].prose == "# Loading\nThe *first* step.\n\n  indented line")
        #expect(script.cells[0].codeAfterProse.code == "local x = 1 -- not prose\n-- a comment inside code")
        #expect(script.cells[0].codeAfterProse.firstLine == 6)
        #expect(script.cells[1].prose == "## Only prose\n- a list")
        #expect(script.cells[1].codeAfterProse.code.isEmpty)
    }
}
