import Testing
import Notebook

@Suite struct TerminalTextTests {
    private func cleaned(_ pieces: [String]) -> String {
        var text = TerminalText()
        for piece in pieces { text.append(piece) }
        return text.text
    }

    @Test func carriageReturnKeepsTheFinalStateOfTheLine() {
        #expect(cleaned(["epoch 1: 10%\repoch 1: 55%\repoch 1: 100%\nnext"]) == "epoch 1: 100%\nnext")
        // A shorter redraw leaves the end of the longer one, as on a terminal.
        #expect(cleaned(["abcdef\rxy\n"]) == "xycdef")
        #expect(cleaned(["line\r\n"]) == "line")
    }

    @Test func escapeSequencesAreRemovedOrApplied() {
        #expect(cleaned(["\u{1B}[1;32mgreen\u{1B}[0m text"]) == "green text")
        #expect(cleaned(["long old line\r\u{1B}[Knew\n"]) == "new")
        #expect(cleaned(["abcdef\u{1B}[3Dxy"]) == "abcxyf")
        #expect(cleaned(["abc\u{1B}[2K\rz"]) == "z")
        #expect(cleaned(["\u{1B}]0;window title\u{07}visible"]) == "visible")
        #expect(cleaned(["ab\u{08}\u{08}X"]) == "Xb")
        #expect(cleaned(["\u{1B}[10Gx"]) == "         x")
    }

    @Test func piecesMaySplitCharactersAndSequences() {
        let whole = "━━ 37/1875 \u{1B}[32mok\u{1B}[0m é\n"
        let bytes = Array(whole.utf8)
        for cut in 1..<bytes.count {
            var text = TerminalText()
            text.append(Array(bytes[..<cut]))
            text.append(Array(bytes[cut...]))
            #expect(text.text == "━━ 37/1875 ok é", "cut at byte \(cut)")
        }
    }

    @Test func kerasStyleProgressBarRedrawnInPlace() {
        var text = TerminalText()
        text.append("Epoch 1/2\n")
        for step in [1, 10, 20] {
            text.append("\r\(step)/20 \(String(repeating: "━", count: step))\(String(repeating: " ", count: 20 - step)) - loss: 0.\(step)")
        }
        text.append("\nEpoch 2/2\n")
        #expect(text.text == "Epoch 1/2\n20/20 ━━━━━━━━━━━━━━━━━━━━ - loss: 0.20\nEpoch 2/2")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        var text = TerminalText()
        text.append([0x61, 0xFF, 0x62, 0xC3, 0x28])
        #expect(text.text == "a\u{FFFD}b\u{FFFD}(")
    }

    @Test func longStreamsKeepHeadAndTail() {
        var text = TerminalText(headLines: 3, tailLines: 7)
        for line in 1...1000 { text.append("line \(line)\n") }
        text.append("unfinished")
        let kept = text.lines
        #expect(kept.head == (1...3).map { "line \($0)" })
        #expect(kept.tail == (994...1000).map { "line \($0)" } + ["unfinished"])
        #expect(kept.omitted == 990)
        #expect(text.text.contains("line 3\n… 990 lines left out …\nline 994"))
    }

    @Test func shortStreamsAreKeptWhole() {
        var text = TerminalText(headLines: 3, tailLines: 7)
        for line in 1...10 { text.append("line \(line)\n") }
        #expect(text.lines.omitted == 0)
        #expect(text.text == (1...10).map { "line \($0)" }.joined(separator: "\n"))
    }
}
