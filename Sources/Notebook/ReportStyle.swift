/// The report page's style sheet, embedded in the page: a printed notebook, light and plain, with
/// system fonts only (nothing is fetched when the page is opened).
let reportStyleSheet = """
:root {
  --text: #1f2328; --muted: #656d76; --faint: #8c959f; --line: #d0d7de; --page: #f6f8fa;
  --paper: #ffffff; --code-bg: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; --wait: #9a6700;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--page); }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
header { margin-bottom: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; font-weight: 600; word-break: break-word; }
.meta { color: var(--muted); font-size: .9rem; }
.meta code { font-family: var(--mono); font-size: .85rem; }
.status { font-weight: 600; }
.status.finished { color: var(--ok); } .status.failed, .status.exited { color: var(--bad); }
.status.running { color: var(--wait); }
nav { margin-top: .9rem; font-size: .88rem; }
nav ol { margin: 0; padding: 0; list-style: none; columns: 2 18rem; column-gap: 2rem; }
nav li { break-inside: avoid; display: flex; gap: .5rem; padding: .05rem 0; }
nav a { color: var(--text); text-decoration: none; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
nav a:hover { text-decoration: underline; }
nav .number, nav .time { color: var(--faint); font-variant-numeric: tabular-nums; }
.cell { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1.1rem; overflow: hidden; }
.cell.failed { border-color: var(--bad); }
.cell.notRun, .cell.waiting { opacity: .6; }
.cell > h2 { display: flex; align-items: baseline; gap: .6rem; margin: 0; padding: .45rem .8rem;
  font-size: .95rem; font-weight: 600; border-bottom: 1px solid var(--line); background: #fbfcfd; }
.cell > h2 .number { color: var(--faint); font-family: var(--mono); font-weight: 400; }
.cell > h2 .title { flex: 1; min-width: 0; word-break: break-word; }
.cell > h2 .info { color: var(--muted); font-weight: 400; font-size: .82rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.cell.failed > h2 .info { color: var(--bad); }
pre { margin: 0; font: .82rem/1.45 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
pre.code { background: var(--code-bg); padding: .55rem .8rem .55rem 0; counter-reset: none; }
pre.code .line { display: block; padding-left: 3.6rem; text-indent: -3.6rem; min-height: 1.45em; }
pre.code .line::before { content: attr(data-n); display: inline-block; width: 2.8rem; margin-right: .8rem;
  text-align: right; color: var(--faint); text-indent: 0; user-select: none; }
pre.code .line.error-line { background: #ffebe9; }
.k { color: #8250df; font-weight: 600; } .s { color: #0a3069; } .c { color: #6e7781; font-style: italic; }
.n { color: #0550ae; }
.outputs { padding: .2rem .8rem .6rem; }
.outputs > * { margin-top: .5rem; }
pre.output { color: var(--text); }
pre.output.long { max-height: 30rem; overflow-y: auto; }
pre.output .omitted { color: var(--faint); font-style: italic; }
pre.value { border-left: 3px solid var(--line); padding-left: .6rem; }
figure { margin: .6rem 0 .2rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #eaeef2; background: #fff; }
figure img.pixelated { image-rendering: pixelated; }
figcaption { color: var(--muted); font-size: .82rem; margin-top: .2rem; }
.error { border-left: 3px solid var(--bad); background: #fff5f5; padding: .45rem .7rem; }
.error .message { color: var(--bad); font-weight: 600; }
.error pre.traceback { color: #57606a; margin-top: .3rem; }
.note { color: var(--muted); font-size: .85rem; font-style: italic; }
footer { color: var(--faint); font-size: .8rem; margin-top: 2rem; text-align: center; }
@media print {
  html, body { background: #fff; } body { max-width: none; padding: 0; }
  .cell { break-inside: auto; } figure, .error { break-inside: avoid; } nav { display: none; }
  pre.output.long { max-height: none; }
}
"""
