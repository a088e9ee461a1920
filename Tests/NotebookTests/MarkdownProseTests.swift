import Testing
@testable import Notebook

@Suite struct MarkdownProseTests {
    @Test func headingsParagraphsAndEmphasis() {
        let html = MarkdownProse.html("# Title\n\nSome *soft* and **strong** words,\nstill the same paragraph.\n\n### Small")
        #expect(html == "<h1>Title</h1>\n<p>Some <em>soft</em> and <strong>strong</strong> words,\nstill the same paragraph.</p>\n<h3>Small</h3>\n")
    }

    @Test func listsBulletAndNumbered() {
        let html = MarkdownProse.html("- one\n- two\n  continued\n\n1. first\n2) second")
        #expect(html == "<ul><li>one</li><li>two\ncontinued</li></ul>\n<ol><li>first</li><li>second</li></ol>\n")
    }

    @Test func inlineCodeKeepsItsCharacters() {
        #expect(MarkdownProse.html("call `f(a *b* <c>)` now") == "<p>call <code>f(a *b* &lt;c&gt;)</code> now</p>\n")
        #expect(MarkdownProse.html("``a ` b``") == "<p><code>a ` b</code></p>\n")
    }

    @Test func fencedAndIndentedCodeBlocks() {
        let html = MarkdownProse.html("Run it:\n\n```sh\nlunette run x.lua <in>\n  indented\n```\n\n    four spaces\n    more\n\nafter")
        #expect(html == "<p>Run it:</p>\n<pre><code>lunette run x.lua &lt;in&gt;\n  indented</code></pre>\n<pre><code>four spaces\nmore</code></pre>\n<p>after</p>\n")
    }

    @Test func linksAreKeptOnlyWhenSafe() {
        #expect(MarkdownProse.html("[Keras](https://keras.io) and [notes](docs/notes.md)")
                == "<p><a href=\"https://keras.io\">Keras</a> and <a href=\"docs/notes.md\">notes</a></p>\n")
        #expect(MarkdownProse.html("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>\n")
    }

    @Test func snakeCaseAndMathStayText() {
        #expect(MarkdownProse.html("set batch_size and val_loss; x_1 * y_2") == "<p>set batch_size and val_loss; x_1 * y_2</p>\n")
        #expect(MarkdownProse.html("_whole_ word") == "<p><em>whole</em> word</p>\n")
    }

    @Test func htmlInProseIsEscaped() {
        #expect(MarkdownProse.html("<script>alert('x')</script> & \\*literal\\*")
                == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; *literal*</p>\n")
    }
}
