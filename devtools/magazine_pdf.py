"""Print PDFs of an issue set the way Chinese magazines are, for measuring the PDF importer on
what editors really have (`invoke score-import`, and the importer's layout tests).

The issue's proofread content (the journal model) is set again with Typst as a layout program
sets a 16开 magazine: a cover and a masthead page without folios; a 目录 whose section headings
are set in a bold sans face, its entries with their page numbers; then every piece in print
order, each starting on its own print page (the folio is set to the page the 目录 gives, so
folios match the 目录) unless it runs on after the piece before it, as short news items do:

- a section's label above its first piece, a "●" sub-column line where one starts;
- kicker and "——" subtitle in smaller sans type around a bold sans title, which spans the
  columns or sits inside the first one;
- the byline (role and name) and the dateline under the title;
- the body justified in columns, paragraphs marked only by a 2em first-line indent, no space
  between them; headings in bold; a grey photo box with its caption under it;
- attributions (source unit, 摘自, credits, author note) flush right at the end;
- running heads "青海工运 2017年第9-10期 ＜栏目＞" and folios on every article page.

Layouts vary the columns, where titles sit, the news page's columns and the running heads. The
text reaches Typst as JSON data, never as markup.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from qhgy.fonts import FONT_DIR
from qhgy.languages import long_date
from qhgy.journal import JOURNAL_TITLE, LANGUAGE, PUBLISHER
from qhgy.pdf.blocks import blocks
from qhgy.pdf.documents import byline, tail

NEWS_SECTION = "信息短播"  # the section the journal sets as a news page of short items


@dataclass(frozen=True)
class Layout:
    name: str
    columns: int = 2  # columns of the body text
    title_span: bool = True  # titles across all the columns, or inside the first
    news_columns: int = 3  # columns of the news page (信息短播)
    running_head: bool = True
    engine: str = "typst"  # or "chromium": HTML and CSS printed by a browser (devtools.magazine_html)
    toc_leaders: bool = False  # 目录 entries as "title …… 05", the page number flush right after dot leaders
    brackets: str = "＜＞"  # around a section's name in its label and the running head: ＜栏目＞ or 【栏目】


LAYOUTS = {layout.name: layout for layout in (
    Layout("two_columns_titles_across"),
    Layout("two_columns_titles_in_column", title_span=False),
    Layout("one_column", columns=1, news_columns=1),
    Layout("two_columns_no_running_heads", running_head=False),
    Layout("chromium_two_columns", engine="chromium"),
    Layout("toc_leaders_square_brackets", title_span=False, toc_leaders=True, brackets="【】"),
)}


TEMPLATE = r"""
#let data = json(bytes(sys.inputs.data))
#let L = data.layout
#let serif = "Noto Serif CJK SC"
#let sans = "Noto Sans CJK SC"
#set document(date: none)
#set text(font: serif, size: 9.5pt, lang: "zh", region: "cn", cjk-latin-spacing: none, ligatures: false)
#set par(justify: true, leading: 0.62em, spacing: 0.62em, first-line-indent: (amount: 2em, all: true))

#let front = state("front", true)
#let section-of-page() = {
  let marks = query(<sec>).filter(m => m.location().page() <= here().page())
  if marks.len() > 0 { marks.last().value } else { "" }
}
#set page(width: 185mm, height: 260mm, margin: (top: 22mm, bottom: 20mm, inside: 18mm, outside: 15mm),
  header: context {
    if L.running_head and not front.get() {
      set text(font: sans, size: 7.5pt)
      set par(first-line-indent: 0em)
      let even = calc.even(counter(page).get().first())
      let journal-side = [青海工运 #h(0.5em) #data.label]
      let section-side = [#L.brackets.clusters().first()#section-of-page()#L.brackets.clusters().last()]
      if even { grid(columns: (1fr, 1fr), align: (left, right), journal-side, section-side) }
      else { grid(columns: (1fr, 1fr), align: (left, right), section-side, journal-side) }
      v(-5pt)
      line(length: 100%, stroke: 0.4pt)
    }
  },
  footer: context {
    if not front.get() {
      set text(font: sans, size: 8pt)
      let even = calc.even(counter(page).get().first())
      align(if even { left } else { right }, counter(page).display())
    }
  })

#let inl(x) = {
  if type(x) == str { x }
  else if x.t == "strong" { text(weight: "bold", x.c.map(inl).join()) }
  else if x.t == "br" { linebreak() }
  else if "c" in x { x.c.map(inl).join() }
  else if "s" in x { x.s }
}
#let inls(xs) = if xs.len() == 0 { [] } else { xs.map(inl).join() }
#let flush-right(body) = { set par(first-line-indent: 0em); align(right, body) }

#let body-blocks(bs) = for b in bs {
  if b.t == "p" { par(inls(b.c)) }
  else if b.t == "h" {
    block(above: 0.9em, below: 0.6em, sticky: true,
          { set par(first-line-indent: 0em); text(font: sans, weight: "bold", size: 10pt, inls(b.c)) })
  }
  else if b.t == "figure" {
    block(above: 0.8em, below: 0.8em, breakable: false, {
      set par(first-line-indent: 0em)
      rect(width: 100%, height: 28mm, fill: luma(215), stroke: none)
      v(-0.4em)
      align(center, text(font: sans, size: 7.5pt, inls(b.caption)))
    })
  }
  else if b.t == "list" { for item in b.items { body-blocks(item) } }
  else if b.t == "quote" { body-blocks(b.c) }
}

#let head(a, size) = {
  set par(first-line-indent: 0em, justify: false)
  set align(center)
  if a.kicker != "" { text(font: sans, size: size * 0.6, a.kicker); linebreak() }
  text(font: sans, weight: "bold", size: size, a.title)
  if a.subtitle != "" { linebreak(); text(font: sans, size: size * 0.6, "——" + a.subtitle) }
  if a.byline.len() > 0 { v(0.3em); for line in a.byline { text(size: 9.5pt, line); linebreak() } }
  else if a.dated != "" { linebreak() }
  if a.dated != "" { text(size: 9pt, a.dated) }
  v(0.6em)
}

#let tail(a) = {
  for line in a.tail { flush-right(line) }
  if a.note != "" { par(text(size: 8.5pt, a.note)) }
}

// the cover and the masthead: no running head, no folio
#{
  set par(first-line-indent: 0em)
  align(center, {
    v(30mm)
    text(font: sans, weight: "bold", size: 44pt, data.journal)
    v(4mm)
    text(font: sans, size: 12pt, tracking: 0.6em, "QING HAI GONG YUN")
    v(8mm)
    text(font: sans, size: 14pt, data.label)
    v(60mm)
    text(size: 11pt, data.publisher_line)
  })
  pagebreak()
  for line in data.masthead { par(line) }
  pagebreak()
  // the 目录
  align(center, text(font: sans, weight: "bold", size: 22pt, "目 录"))
  align(center, text(size: 10pt, data.label + "（" + data.date_text + "出版）"))
  v(4mm)
  columns(2, for s in data.toc {
    block(above: 1em, below: 0.5em, sticky: true, text(font: sans, weight: "bold", size: 12pt, s.name))
    for e in s.entries {
      if e.sub != "" { block(above: 0.5em, below: 0.3em, sticky: true, text(font: sans, size: 9pt, "●" + e.sub)) }
      block(above: 0.45em, below: 0.45em, if L.toc_leaders {
        // the page number in a column of its own at the right (a right tab), level with the
        // title's last line; leaders fill the rest of that line
        set par(justify: false)
        grid(columns: (1fr, auto), column-gutter: 0.3em, align: bottom, {
          e.title
          if e.authors != "" { h(0.6em); text(size: 8.5pt, "//" + e.authors) }
          box(width: 1fr, repeat(gap: 0.15em)[.])
        }, text(font: sans, weight: "bold", e.page))
      } else {
        set par(justify: false, hanging-indent: 2em)
        text(font: sans, weight: "bold", e.page)
        h(0.8em)
        e.title
        if e.authors != "" { h(0.6em); text(size: 8.5pt, "//" + e.authors) }
      })
    }
  })
}

#let piece-head(a) = {
  [#metadata(a.section) <sec>]
  if a.section_label != "" {
    block(below: 0.8em, { set par(first-line-indent: 0em)
      text(font: sans, weight: "bold", size: 10pt, L.brackets.clusters().first() + a.section_label + L.brackets.clusters().last()); v(-0.5em); line(length: 100%, stroke: 0.8pt) })
  }
  if a.sub_label != "" { block(below: 0.5em, { set par(first-line-indent: 0em); text(font: sans, size: 9pt, "●" + a.sub_label) }) }
}
#let piece(a, with-head) = {
  if with-head { head(a, if a.news { 12pt } else { 17pt }) }
  body-blocks(a.blocks)
  tail(a)
}

// a group: a piece that starts a page and the short ones that run on after it, flowing
// through the same columns, as a news page's items do
#for g in data.groups {
  let first = g.first()
  pagebreak()
  front.update(false)
  counter(page).update(first.first_page)
  piece-head(first)
  let cols = if first.news { L.news_columns } else { L.columns }
  let across = L.title_span and not first.news
  if across { head(first, 17pt) }
  columns(cols, {
    piece(first, not across)
    for a in g.slice(1) {
      v(0.6em)
      line(length: 100%, stroke: 0.3pt)
      piece-head(a)
      piece(a, true)
    }
  })
}
"""


def _author_note(note: str) -> str:
    """The note on the author as the journal prints it: (作者系…) for a post, (作者名片：…) for more."""
    if not note:
        return ""
    return f"（作者名片：{note}）" if len(note) > 30 else f"（作者系{note}）"


def issue_data(issue, layout: Layout) -> dict:
    """What the template sets, from an issue of the journal model (its pieces' `html` rendered)."""
    pieces = sorted(issue.articles + issue.notices, key=lambda a: a.order)
    toc: list[dict] = []
    for article in pieces:
        if article.kind != "article" or not article.in_toc:
            continue
        if not toc or toc[-1]["name"] != article.section:
            toc.append({"name": article.section, "entries": [], "subs": []})
        section = toc[-1]
        sub = article.subcolumn if article.subcolumn and article.subcolumn not in section["subs"] else ""
        if sub:
            section["subs"].append(sub)
        section["entries"].append({"title": article.title, "authors": "、".join(a.name for a in article.byline),  # as printed: a credit's writer is in the credit
                                   "page": f"{article.pages.first:02d}", "sub": sub})
    articles, previous = [], None
    for article in pieces:
        new_section = previous is None or previous.section != article.section
        new_sub = article.subcolumn and (new_section or previous.subcolumn != article.subcolumn)
        articles.append({
            "title": article.title, "kicker": article.kicker, "subtitle": article.subtitle,
            "byline": byline(article),
            "dated": f"（{long_date(article.article_date, LANGUAGE)}）" if article.article_date else "",
            "blocks": blocks(article.html), "tail": tail(article),
            "note": _author_note(article.author_note),
            "section": article.section or (previous.section if previous else ""),
            "section_label": article.section if new_section and article.kind == "article" else "",
            "sub_label": article.subcolumn if new_sub else "",
            "first_page": article.pages.first,
            "run_on": previous is not None and article.pages.first == previous.pages.last,
            "news": article.section == NEWS_SECTION,
        })
        previous = article
    contact = issue.contact
    masthead = [f"{m.role}：{'　'.join(m.names)}" for m in issue.masthead]
    if contact:
        masthead += [x for x in (f"编辑出版：{contact.publisher}" if contact.publisher else "",
                                 f"地址：{contact.address}" if contact.address else "",
                                 f"邮编：{contact.postcode}" if contact.postcode else "",
                                 f"电子邮箱：{contact.email}" if contact.email else "") if x]
    for section in toc:
        del section["subs"]
    groups: list[list[dict]] = []
    for article in articles:
        if article["run_on"] and groups:
            groups[-1].append(article)
        else:
            groups.append([article])
    return {"journal": JOURNAL_TITLE, "label": issue.label, "date_text": long_date(issue.date, LANGUAGE),
            "publisher_line": f"{PUBLISHER}主办", "masthead": masthead, "toc": toc, "groups": groups,
            "layout": asdict(layout)}


def make_magazine_pdf(issue, layout: Layout, dest: Path) -> Path:
    """The issue (of a journal whose bodies are rendered: Journal.render_bodies) set in a layout."""
    import typst

    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if layout.engine == "chromium":
        from devtools.magazine_html import issue_html, print_html

        return print_html(issue_html(issue_data(issue, layout)), dest)
    data = json.dumps(issue_data(issue, layout), ensure_ascii=False)
    _, warnings = typst.compile_with_warnings(TEMPLATE.encode("utf-8"), output=str(dest), sys_inputs={"data": data},
                                             font_paths=[str(FONT_DIR)], ignore_system_fonts=True)
    if warnings:  # an unknown font falls back silently: refuse
        raise RuntimeError("typst warned: " + "; ".join(w.message for w in warnings))
    return dest
