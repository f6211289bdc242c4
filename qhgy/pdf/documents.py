"""What a PDF prints, as plain data for the Typst template (qhgy/pdf/templates/journal.typ):
an article (head, body blocks, attributions, citation) or a whole issue (cover, masthead,
目录 by section, every article in print order), read from the journal's model (qhgy.model)."""

from __future__ import annotations

from dataclasses import dataclass

from qhgy.journal import JOURNAL_TITLE, LANGUAGE, PUBLISHER
from qhgy.languages import long_date, typst_language
from qhgy.model import Article, Contact, Issue

# The words the print layout adds (one place, for the day the PDFs speak another language).
LABELS = {
    "reprinted": "摘自{source}",
    "author_note": "作者简介：{note}",
    "published": "{date}出版",
    "cover": "封面：{credit}",
    "address": "地址：{v}", "postcode": "邮编：{v}", "email": "电子邮箱：{v}", "phone": "电话：{v}",
}


@dataclass
class PageSettings:
    """The print page: the magazine's 16开 (185 × 260 mm) by default; pelicanconf PDF_PAGE changes it."""
    width: float = 185
    height: float = 260
    font: str = "Noto Serif CJK SC"
    size: float = 10.5
    leading: float = 0.8

    def as_data(self) -> dict:
        language, region = typst_language(LANGUAGE)
        return {"width": self.width, "height": self.height, "font": self.font, "size": self.size,
                "leading": self.leading, "lang": language, "region": region}


def byline(a: Article) -> list[str]:
    """The printed byline: names on one line; with roles, one author (role and name) a line."""
    if not any(author.role for author in a.authors):
        return ["　".join(a.author_names)] if a.authors else []
    return [f"{author.role}　{author.name}" if author.role else author.name for author in a.authors]


def tail(a: Article) -> list[str]:
    lines = []
    if a.source_unit:
        lines.append(f"（{a.source_unit}）")
    if a.reprinted_from:
        lines.append(LABELS["reprinted"].format(source=a.reprinted_from))
    if a.credits:
        lines.append(f"（{a.credits}）")
    return lines


def _article_data(a: Article, blocks: list, subcolumn_head: str = "") -> dict:
    return {"title": a.title, "kicker": a.kicker, "subtitle": a.subtitle, "section": a.section,
            "subcolumn": a.subcolumn, "byline": byline(a),
            "dated": f"（{long_date(a.article_date, LANGUAGE)}）" if a.article_date else "", "blocks": blocks,
            "tail": tail(a), "note": LABELS["author_note"].format(note=a.author_note) if a.author_note else "",
            "anchor": f"a{a.order_text}", "toc_title": a.title, "toc_byline": "、".join(a.author_names),
            "subcolumn_head": subcolumn_head, "run_on": False}


def article_document(a: Article, blocks: list, settings: PageSettings) -> dict:
    """An article's PDF; blocks: its body (qhgy.pdf.blocks)."""
    label = a.issue.label
    citation = a.citation_gbt
    return {"kind": "article", "settings": settings.as_data(), "citation": citation,
            "meta": {"journal": JOURNAL_TITLE, "title": a.title, "authors": list(a.author_names) or [PUBLISHER],
                     "keywords": [k for k in (JOURNAL_TITLE, label, a.section, a.subcolumn) if k],
                     "description": citation or f"《{JOURNAL_TITLE}》{label}", "issue_label": label,
                     "section": a.section},
            "article": _article_data(a, blocks)}


def _contact_lines(contact: Contact | None) -> list[str]:
    if contact is None:
        return []
    lines = [contact.publisher] if contact.publisher else []
    for key in ("address", "postcode", "email"):
        if value := getattr(contact, key):
            lines.append(LABELS[key].format(v=value))
    if contact.phones:
        lines.append(LABELS["phone"].format(v="，".join(contact.phones)))
    return lines


def issue_document(issue: Issue, blocks: dict[Article, list], settings: PageSettings,
                   cover_image: str | None = None) -> dict:
    """The whole issue: articles in print order, grouped into runs of one section (the 目录
    lists a section again where print order returns to it); blocks: each article's body."""
    label = issue.label
    articles = issue.articles
    sections: list[dict] = []
    for previous, a in zip([None] + articles, articles):
        if not sections or sections[-1]["name"] != a.section:
            sections.append({"name": a.section, "articles": []})
        run = sections[-1]["articles"]
        previous_sub = run[-1]["subcolumn"] if run else ""
        item = _article_data(a, blocks[a], a.subcolumn if a.subcolumn and a.subcolumn != previous_sub else "")
        # starts on the page where the piece before it ends: run on (short items share a page)
        item["run_on"] = previous is not None and a.pages.first == previous.pages.last
        run.append(item)
    data = {"label": label, "date_text": LABELS["published"].format(date=long_date(issue.date, LANGUAGE)),
            "publisher_line": PUBLISHER + "主办",
            "cover_credit": LABELS["cover"].format(credit=issue.cover_credit_text) if issue.cover_credit else "",
            "masthead": [{"role": m.role, "names": list(m.names)} for m in issue.masthead],
            "contact": _contact_lines(issue.contact), "sections": sections}
    if cover_image:
        data["cover_image"] = cover_image
    # the bookmarks tell apart pieces printed under one title (the three speeches) by their authors
    titles = [a.title for a in articles]
    by_title = {t: titles.count(t) for t in titles}
    for run in sections:
        for item in run["articles"]:
            item["bookmark"] = item["title"] + (f"（{item['toc_byline']}）" if by_title[item["title"]] > 1
                                                and item["toc_byline"] else "")
    authors = sorted({name for a in articles for name in a.author_names})
    items = [item for run in sections for item in run["articles"]]
    for item, after in zip(items, items[1:] + [None]):
        item["compact"] = item["run_on"] or bool(after and after["run_on"])
    first_anchor = sections[0]["articles"][0]["anchor"] if sections else None
    return {"kind": "issue", "settings": settings.as_data(), "citation": "", "first_anchor": first_anchor,
            "meta": {"journal": JOURNAL_TITLE, "title": f"《{JOURNAL_TITLE}》{label}", "authors": [PUBLISHER] + authors,
                     "keywords": list(dict.fromkeys([JOURNAL_TITLE, label] + [s["name"] for s in sections])),
                     "description": f"《{JOURNAL_TITLE}》{label}，{PUBLISHER}主办，{long_date(issue.date, LANGUAGE)}出版",
                     "issue_label": label, "section": ""},
            "issue": data}
