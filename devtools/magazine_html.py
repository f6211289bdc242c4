"""The same magazine layouts set by another engine: HTML and CSS printed to PDF by Debian's
chromium (as an editor's PDF may come from a browser or a word processor rather than a layout
program). The data is devtools.magazine_pdf's; fonts are the system's Noto CJK (fonts-noto-cjk)."""

from __future__ import annotations

from html import escape
from pathlib import Path

CSS = """
@page { size: 185mm 260mm; margin: 22mm 16mm 20mm 18mm;
        @top-left { content: "青海工运　LABEL"; font: 7.5pt "Noto Sans CJK SC"; }
        @bottom-right { content: counter(page); font: 8pt "Noto Sans CJK SC"; } }
@page front { @top-left { content: none; } @bottom-right { content: none; } }
body { font: 9.5pt/1.62 "Noto Serif CJK SC"; margin: 0; }
.front { page: front; text-align: center; }
.front h1 { font: bold 44pt "Noto Sans CJK SC"; margin-top: 30mm; }
.latin { font: 12pt "Noto Sans CJK SC"; letter-spacing: 0.6em; }
.masthead, .toc { page: front; break-before: page; }
.toc h2 { font: bold 22pt "Noto Sans CJK SC"; text-align: center; margin: 0; }
.toc .label { text-align: center; }
.toc .cols { columns: 2; }
.toc h3 { font: bold 12pt "Noto Sans CJK SC"; margin: 1em 0 0.4em; break-after: avoid; }
.toc p { margin: 0.3em 0; padding-left: 2em; text-indent: -2em; }
.toc .page { font: bold 9.5pt "Noto Sans CJK SC"; margin-right: 0.8em; }
.toc .authors { font-size: 8.5pt; margin-left: 0.6em; }
.group { break-before: page; }
.section { font: bold 10pt "Noto Sans CJK SC"; border-bottom: 0.8pt solid black; margin: 0 0 0.8em; }
.sub { font: 9pt "Noto Sans CJK SC"; margin: 0 0 0.5em; }
.head { text-align: center; margin-bottom: 0.8em; }
.body .head p { text-indent: 0; }  /* a centred head is not indented as the text is */
.kicker, .subtitle { font: 10pt "Noto Sans CJK SC"; margin: 0; }
.title { font: bold 17pt/1.3 "Noto Sans CJK SC"; margin: 0; }
.news .title { font-size: 12pt; }
.byline, .dated { margin: 0.2em 0 0; }
.dated { font-size: 9pt; }
.body { columns: COLS; column-gap: 6mm; text-align: justify; }
.news .body { columns: NEWSCOLS; }
.body p { margin: 0; text-indent: 2em; }
.body h4 { font: bold 10pt "Noto Sans CJK SC"; margin: 0.9em 0 0.6em; break-after: avoid; }
.photo { margin: 0.8em 0; break-inside: avoid; }
.photo div { height: 28mm; background: #d7d7d7; }
.photo p { font: 7.5pt "Noto Sans CJK SC"; text-align: center; text-indent: 0; }
.tail { text-align: right; text-indent: 0 !important; }
.note { font-size: 8.5pt; }
hr { border: 0; border-top: 0.3pt solid black; margin: 0.6em 0; }
"""


def _inline(x) -> str:
    if isinstance(x, str):
        return escape(x)
    if x.get("t") == "strong":
        return "<b>" + "".join(_inline(c) for c in x["c"]) + "</b>"
    if x.get("t") == "br":
        return "<br>"
    if "c" in x:
        return "".join(_inline(c) for c in x["c"])
    return escape(x.get("s", ""))


def _blocks(blocks) -> str:
    out = []
    for b in blocks:
        if b["t"] == "p":
            out.append("<p>" + "".join(_inline(c) for c in b["c"]) + "</p>")
        elif b["t"] == "h":
            out.append("<h4>" + "".join(_inline(c) for c in b["c"]) + "</h4>")
        elif b["t"] == "figure":
            out.append('<div class="photo"><div></div><p>' + "".join(_inline(c) for c in b["caption"]) + "</p></div>")
        elif b["t"] == "list":
            out += [_blocks(item) for item in b["items"]]
        elif b["t"] == "quote":
            out.append(_blocks(b["c"]))
    return "".join(out)


def _head(a) -> str:
    parts = []
    if a["kicker"]:
        parts.append(f'<p class="kicker">{escape(a["kicker"])}</p>')
    parts.append(f'<p class="title">{escape(a["title"])}</p>')
    if a["subtitle"]:
        parts.append(f'<p class="subtitle">——{escape(a["subtitle"])}</p>')
    parts += [f'<p class="byline">{escape(line)}</p>' for line in a["byline"]]
    if a["dated"]:
        parts.append(f'<p class="dated">{escape(a["dated"])}</p>')
    return '<div class="head">' + "".join(parts) + "</div>"


def _piece(a, with_head: bool, brackets: str) -> str:
    labels = ""
    if a["section_label"]:
        labels += f'<p class="section">{brackets[0]}{escape(a["section_label"])}{brackets[-1]}</p>'
    if a["sub_label"]:
        labels += f'<p class="sub">●{escape(a["sub_label"])}</p>'
    tail = "".join(f'<p class="tail">{escape(line)}</p>' for line in a["tail"])
    note = f'<p class="note">{escape(a["note"])}</p>' if a["note"] else ""
    return labels + (_head(a) if with_head else "") + _blocks(a["blocks"]) + tail + note


def issue_html(data: dict) -> str:
    layout = data["layout"]
    css = (CSS.replace("LABEL", data["label"]).replace("NEWSCOLS", str(layout["news_columns"]))
           .replace("COLS", str(layout["columns"])))
    if not layout["running_head"]:
        css = css.replace('@top-left { content: "青海工运　' + data["label"] + '"', "@top-left { content: none")
    toc = "".join(
        f"<h3>{escape(s['name'])}</h3>" + "".join(
            (f"<p>●{escape(e['sub'])}</p>" if e["sub"] else "")
            + f'<p><span class="page">{e["page"]}</span>{escape(e["title"])}'
            + (f'<span class="authors">//{escape(e["authors"])}</span>' if e["authors"] else "") + "</p>"
            for e in s["entries"]) for s in data["toc"])
    groups = []
    for group in data["groups"]:
        first = group[0]
        across = layout["title_span"] and not first["news"]
        body = (_piece(first, not across, layout["brackets"])
                + "".join("<hr>" + _piece(a, True, layout["brackets"]) for a in group[1:]))
        groups.append(f'<section class="group{" news" if first["news"] else ""}">'
                      + (_head(first) if across else "") + f'<div class="body">{body}</div></section>')
    masthead = "".join(f"<p>{escape(line)}</p>" for line in data["masthead"])
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head><body>'
            f'<div class="front"><h1>{escape(data["journal"])}</h1><p class="latin">QING HAI GONG YUN</p>'
            f'<p>{escape(data["label"])}</p><p>{escape(data["publisher_line"])}</p></div>'
            f'<div class="masthead front">{masthead}</div>'
            f'<div class="toc"><h2>目 录</h2><p class="label">{escape(data["label"])}（{escape(data["date_text"])}出版）</p>'
            f'<div class="cols">{toc}</div></div>' + "".join(groups) + "</body></html>")


def print_html(html: str, dest: Path) -> Path:
    """Print the page to PDF with Debian's chromium (never a downloaded browser)."""
    from devtools.browser import chromium

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(html, wait_until="load")
        page.pdf(path=str(dest), prefer_css_page_size=True, print_background=True)
    return dest
