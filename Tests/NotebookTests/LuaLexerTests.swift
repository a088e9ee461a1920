import Testing
import Notebook

/// Tokens as (kind, text) pairs, whitespace left out.
private func tokens(_ source: String) -> [(LuaTokenKind, String)] {
    var found: [(LuaTokenKind, String)] = []
    LuaLexer.forEachToken(in: source) { token, utf8 in
        if token.kind != .whitespace { found.append((token.kind, String(decoding: utf8[token.range], as: UTF8.self))) }
    }
    return found
}

@Suite struct LuaLexerTests {
    @Test func keywordsNamesNumbersAndSymbols() {
        let found = tokens("local x = 0x1F + 3.5e-2 * .5 // 2 if not y then return end")
        #expect(found.map(\.0) == [.keyword, .name, .symbol, .number, .symbol, .number, .symbol, .number,
                                   .symbol, .symbol, .number, .keyword, .keyword, .name, .keyword, .keyword, .keyword])
        #expect(found.filter { $0.0 == .number }.map(\.1) == ["0x1F", "3.5e-2", ".5", "2"])
        #expect(tokens("0x1p-4 1E+10 3")[0].1 == "0x1p-4")
        #expect(tokens("0x1p-4 1E+10 3")[1].1 == "1E+10")
    }

    @Test func shortStringsWithEscapes() {
        let found = tokens(#"a = "say \"hi\"\\" .. 'it''s'"#)
        #expect(found.map(\.1) == ["a", "=", #""say \"hi\"\\""#, ".", ".", "'it'", "'s'"])
        #expect(found[2].0 == .string)
        // An unterminated string ends at its line; the next line is code again.
        let broken = tokens("x = 'open\nlocal y")
        #expect(broken.map(\.0) == [.name, .symbol, .string, .keyword, .name])
    }

    @Test func longBracketsOfAnyLevel() {
        let found = tokens("s = [==[ a ]] still ]=] inside ]==] after")
        #expect(found.map(\.1) == ["s", "=", "[==[ a ]] still ]=] inside ]==]", "after"])
        #expect(found[2].0 == .string)
        #expect(tokens("t[i]").map(\.0) == [.name, .symbol, .name, .symbol])
        #expect(tokens("t[ [[x]] ]").map(\.0) == [.name, .symbol, .string, .symbol])
    }

    @Test func comments() {
        let found = tokens("x = 1 -- a note\n--[[ long\n comment ]] y --[=[ ]] ]=]z")
        #expect(found.map(\.0) == [.name, .symbol, .number, .comment, .comment, .name, .comment, .name])
        #expect(found[3].1 == "-- a note")
        #expect(found[4].1 == "--[[ long\n comment ]]")
        // `--[` without a second bracket is a short comment.
        #expect(tokens("--[ not long\nz").map(\.0) == [.comment, .name])
        // Unterminated long comment runs to the end.
        #expect(tokens("a --[[ never closed\nb c").map(\.0) == [.name, .comment])
    }

    @Test func coversEveryByteIncludingNonASCII() {
        let source = "print('héllo') -- ünïcode ✓\nlocal π = 3"
        var all: [LuaToken] = []
        LuaLexer.forEachToken(in: source) { token, _ in all.append(token) }
        #expect(all.first?.range.lowerBound == 0)
        #expect(all.last?.range.upperBound == source.utf8.count)
        for (previous, next) in zip(all, all.dropFirst()) { #expect(previous.range.upperBound == next.range.lowerBound) }
    }
}
