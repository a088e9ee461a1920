import Testing
import Notebook

@Suite struct CellScopeTests {
    @Test func topLevelLocalsInOrder() {
        let scope = CellScope(code: """
            local a, b <const> = 1, 2
            local function helper(x) local inner = x return inner end
            for i = 1, 3 do local loop = i end
            if a then local nested = 1 end
            local a = b
            """)
        #expect(scope.declaredLocals == ["b", "helper", "a"])
    }

    @Test func mentionsExcludeFieldsAndMethods() {
        let scope = CellScope(code: "print(model.layers, x:sum(), settings['epochs']) -- history\n local s = 'train'")
        #expect(scope.mentionedNames.isSuperset(of: ["print", "model", "x", "settings"]))
        #expect(!scope.mentionedNames.contains("layers"))
        #expect(!scope.mentionedNames.contains("sum"))
        #expect(!scope.mentionedNames.contains("history"))
        #expect(!scope.mentionedNames.contains("train"))
    }
}
