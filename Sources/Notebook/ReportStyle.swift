/// The report page's style sheet, embedded in the page: a printed notebook, light and plain (dark where
/// the reader's system is), with system fonts only (nothing is fetched when the page is opened).
///
/// Output and code never wrap: long lines (Keras' progress lines) scroll sideways in their box, and at
/// phone width code keeps its indentation. Output uses a line height at which box-drawing characters
/// (the summary table) join up, with DejaVu Sans Mono (whose box glyphs span its line) first.
/// On wide screens the cells' list is a sticky column on the left.
let reportStyleSheet = """
:root {
  color-scheme: light dark;
  --text: #1f2328; --muted: #656d76; --faint: #8c959f; --line: #d0d7de; --page: #f6f8fa;
  --paper: #ffffff; --code-bg: #f6f8fa; --heading-bg: #fbfcfd; --ok: #1a7f37; --bad: #cf222e; --wait: #9a6700;
  --error-bg: #fff5f5; --error-line: #ffebe9; --figure-line: #eaeef2; --link: #0969da;
  --keyword: #8250df; --string: #0a3069; --comment: #6e7781; --number: #0550ae;
  --mono: "DejaVu Sans Mono", ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6edf3; --muted: #9198a1; --faint: #6e7681; --line: #30363d; --page: #0d1117;
    --paper: #151b23; --code-bg: #0f141b; --heading-bg: #1a212b; --ok: #3fb950; --bad: #f85149; --wait: #d29922;
    --error-bg: #2a1517; --error-line: #4a1d21; --figure-line: #30363d; --link: #4493f8;
    --keyword: #d2a8ff; --string: #a5d6ff; --comment: #8b949e; --number: #79c0ff;
  }
}
* { box-sizing: border-box; }
html { background: var(--page); scroll-padding-top: 1rem; }
body { margin: 0; color: var(--text);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; min-width: 0; }
a { color: var(--link); }
header { margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; font-weight: 600; word-break: break-word; }
.meta { color: var(--muted); font-size: .9rem; }
.meta code, .run code { font-family: var(--mono); font-size: .82rem; }
.status { font-weight: 600; }
.status.finished { color: var(--ok); } .status.failed, .status.exited { color: var(--bad); }
.status.running { color: var(--wait); }
dl.run { display: flex; flex-wrap: wrap; gap: .15rem 1.2rem; margin: .6rem 0 0; color: var(--muted); font-size: .84rem; }
dl.run div { display: flex; gap: .35rem; min-width: 0; }
dl.run dt { color: var(--faint); }
dl.run dd { margin: 0; overflow-wrap: anywhere; }
nav.contents { font-size: .86rem; padding: 1rem 1.5rem 0; max-width: 60rem; margin: 0 auto; }
.contents-title { color: var(--faint); font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; margin-bottom: .2rem; }
nav.contents ol { margin: 0; padding: 0; list-style: none; }
nav.contents li { display: flex; gap: .5rem; padding: .05rem 0; }
nav.contents a { color: var(--text); text-decoration: none; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
nav.contents a:hover { text-decoration: underline; }
nav.contents .number, nav.contents .time { color: var(--faint); font-variant-numeric: tabular-nums; white-space: nowrap; }
nav.contents li.failed .time { color: var(--bad); }
@media (min-width: 84rem) {
  body { display: grid; grid-template-columns: 17rem minmax(0, 1fr); }
  nav.contents { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto;
    margin: 0; padding: 2rem .5rem 2rem 1.2rem; max-width: none; border-right: 1px solid var(--line); }
  .page { margin: 0; padding-left: 2.5rem; }
}
.cell { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1.1rem; overflow: hidden; }
.cell.failed { border-color: var(--bad); }
.cell.notRun, .cell.waiting { opacity: .6; }
.cell > h2 { display: flex; align-items: baseline; gap: .6rem; margin: 0; padding: .45rem .8rem;
  font-size: .95rem; font-weight: 600; border-bottom: 1px solid var(--line); background: var(--heading-bg); }
.cell > h2 .number { color: var(--faint); font-family: var(--mono); font-weight: 400; }
.cell > h2 .title { flex: 1; min-width: 0; word-break: break-word; }
.cell > h2 .info { color: var(--muted); font-weight: 400; font-size: .82rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.cell.failed > h2 .info { color: var(--bad); }
.cell.cached > h2 .info { color: var(--ok); }
.cache-note { margin: 0; padding: .3rem .8rem; font-size: .82rem; color: var(--wait); border-bottom: 1px solid var(--line); }
.prose { padding: .2rem .9rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
.prose h1, .prose h2, .prose h3, .prose h4, .prose h5, .prose h6 { margin: .7rem 0 .3rem; line-height: 1.3; }
.prose h1 { font-size: 1.3rem; } .prose h2 { font-size: 1.15rem; } .prose h3 { font-size: 1.02rem; }
.prose p, .prose ul, .prose ol { margin: .5rem 0; }
.prose ul, .prose ol { padding-left: 1.5rem; }
.prose code { font-family: var(--mono); font-size: .84em; background: var(--code-bg); padding: .08em .3em; border-radius: 4px; }
.prose pre { background: var(--code-bg); padding: .5rem .7rem; border-radius: 4px; }
.prose pre code { background: none; padding: 0; font-size: inherit; }
pre { margin: 0; font: .82rem/1.45 var(--mono); white-space: pre; overflow-x: auto; tab-size: 4; }
pre.code { background: var(--code-bg); padding: .55rem .8rem .55rem 0; }
pre.code code { display: inline-block; min-width: 100%; }
pre.code .line { display: block; min-height: 1.45em; }
pre.code .line::before { content: attr(data-n); display: inline-block; width: 2.8rem; margin-right: .8rem;
  text-align: right; color: var(--faint); user-select: none; }
pre.code .line.error-line { background: var(--error-line); }
.k { color: var(--keyword); font-weight: 600; } .s { color: var(--string); } .c { color: var(--comment); font-style: italic; }
.n { color: var(--number); }
.outputs { padding: .2rem .8rem .6rem; }
.outputs > * { margin-top: .5rem; }
pre.output, pre.value { color: var(--text); line-height: 1.2; }
pre.output.long { max-height: 30rem; overflow-y: auto; }
pre.output .omitted { color: var(--faint); font-style: italic; }
pre.value { border-left: 3px solid var(--line); padding-left: .6rem; }
figure { margin: .6rem 0 .2rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--figure-line); background: #fff; }
figure img.pixelated { image-rendering: pixelated; }
figcaption { color: var(--muted); font-size: .82rem; margin-top: .2rem; }
.error { border-left: 3px solid var(--bad); background: var(--error-bg); padding: .45rem .7rem; }
.error .message { color: var(--bad); font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
.error pre.traceback { color: var(--muted); margin-top: .3rem; }
.note { color: var(--muted); font-size: .85rem; font-style: italic; }
footer { color: var(--faint); font-size: .8rem; margin-top: 2rem; text-align: center; }
@media (max-width: 40rem) {
  .page { padding: 1rem .6rem 3rem; }
  nav.contents { padding: .8rem .6rem 0; }
  pre { font-size: .76rem; }
  pre.code .line::before { width: 2.2rem; margin-right: .5rem; }
  .outputs { padding: .2rem .5rem .5rem; }
  .cell > h2 { padding: .4rem .5rem; }
}
@media print {
  html, body { background: #fff; color: #000; } body { display: block; } .page { max-width: none; padding: 0; }
  .cell { break-inside: auto; } figure, .error { break-inside: avoid; } nav.contents { display: none; }
  pre { white-space: pre-wrap; } pre.output.long { max-height: none; }
}
"""
