"""How well an import reads an issue (`invoke score-import`): the bundled issue, set as print
PDFs in several magazine layouts (devtools.magazine_pdf), imported again and scored against
its proofread Markdown, beside the import of its extracted text.

For every article of the proofread issue: was it found (an imported piece with its title and
a body), is its body clean (the text, markup aside, at least CLEAN alike), and are its section,
authors, roles, own date, source unit and photo captions right. Each share is of all the issue's articles: one
not found counts as wrong everywhere."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from qhgy.textnorm import match_key, similarity

FOUND = 0.8  # a piece whose title is at least this alike is the article
CLEAN = 0.95  # bodies at least this alike (character pairs) are clean
FIELDS = ("section", "authors", "roles", "article_date", "source_unit", "captions")


@dataclass
class Score:
    source: str
    articles: int
    found: int
    clean: int
    right: dict[str, int]

    def row(self) -> str:
        def pct(n):
            return f"{100 * n / self.articles:5.1f}%"

        return (f"| {self.source} | {pct(self.found)} | {pct(self.clean)} | "
                + " | ".join(pct(self.right[f]) for f in FIELDS) + " |")


HEADER = ("| source | found | clean body | " + " | ".join(FIELDS) + " |\n"
          "| --- | --- | --- | " + " | ".join("---" for _ in FIELDS) + " |")


def _plain(markdown_or_html: str, md) -> str:
    from qhgy.search.records import html_to_text

    return match_key(html_to_text(md.reset().convert(markdown_or_html)))


def _captions(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [match_key(c.get_text()) for c in BeautifulSoup(html, "html.parser").find_all("figcaption")]


def score_plan(name: str, plan, issue) -> Score:
    """Score an import plan against the proofread issue (journal model, bodies rendered)."""
    from qhgy.content import markdown_renderer
    from qhgy.search.records import html_to_text

    md = markdown_renderer()
    items = [i for i in plan.items if i.kind == "article"]
    found = clean = 0
    right = dict.fromkeys(FIELDS, 0)
    used: set[int] = set()
    for article in issue.articles:
        # pieces printed under one title (three speeches) are told apart by their authors
        best = max((i for i in items if id(i) not in used), default=None,
                   key=lambda i: (round(similarity(i.draft.title, article.title), 2),
                                  len(set(i.draft.authors) & {a.name for a in article.byline}), -abs(i.order - article.order)))
        if best is None or similarity(best.draft.title, article.title) < FOUND or not best.draft.paragraphs:
            continue
        used.add(id(best))
        found += 1
        expected = match_key(html_to_text(article.html))
        got = _plain("\n\n".join(best.draft.paragraphs), md)
        clean += similarity(expected, got) >= CLEAN
        d = best.draft
        roles = {name: role for name, role in d.roles.items() if name in d.authors and role}
        right["section"] += best.section == article.section
        # the byline as printed: the writer a credit line names is an author the model derives from it
        right["authors"] += tuple(d.authors) == tuple(a.name for a in article.byline)
        right["roles"] += roles == {a.name: a.role for a in article.authors if a.role}
        right["article_date"] += (d.article_date or None) == (article.article_date.isoformat()
                                                              if article.article_date else None)
        right["source_unit"] += (d.source_unit or "") == article.source_unit
        right["captions"] += [match_key(c) for c in d.captions] == _captions(article.html)
    return Score(name, len(issue.articles), found, clean, right)


def run(content_dir: str = "content", keep: str | None = None, layouts: str = "") -> list[Score]:
    from devtools.magazine_pdf import LAYOUTS, make_magazine_pdf
    from qhgy.check import load_journal
    from qhgy.errors import QhgyError
    from qhgy.importer.pipeline import plan_import

    journal = load_journal(Path(content_dir))
    journal.render_bodies()
    issue = journal.issues[0]
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="qhgy-score-"))
    scores = []
    source = issue.folder / issue.source
    scores.append(score_plan(f"extracted text ({source.name})", plan_import(source), issue))
    chosen = [LAYOUTS[name] for name in layouts.split(",")] if layouts else list(LAYOUTS.values())
    for layout in chosen:
        pdf = make_magazine_pdf(issue, layout, work / f"{layout.name}.pdf")
        try:
            scores.append(score_plan(f"PDF, {layout.name}", plan_import(pdf), issue))
        except QhgyError as err:
            print(f"{layout.name}: the import stopped: {err}")
            scores.append(Score(f"PDF, {layout.name} (stopped)", len(issue.articles), 0, 0, dict.fromkeys(FIELDS, 0)))
    print(HEADER)
    for score in scores:
        print(score.row())
    print(f"(PDFs in {work})")
    return scores
