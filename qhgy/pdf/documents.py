"""What a PDF prints, as plain data for the Typst template (qhgy/pdf/templates/journal.typ):
an article (head, body blocks, attributions, citation) or a whole issue (cover, masthead,
目录 by section, every article in print order)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from qhgy.journal import JOURNAL_TITLE, PUBLISHER

# The words the print layout adds (one place, for the day the PDFs speak another language).
LABELS = {
    "reprinted": "摘自{source}",
    "author_note": "作者简介：{note}",
    "issue_label": "{year}年第{number}期",
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
        return {"width": self.width, "height": self.height, "font": self.font, "size": self.size,
                "leading": self.leading}


@dataclass
class ArticleInput:
    """An article as the PDF needs it (from a Pelican article, or straight from content)."""
    slug: str
    title: str
    section: str
    blocks: list
    order: str
    first_page: str
    last_page: str
    citation: str = ""
    subcolumn: str = ""
    kicker: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    article_date: dt.date | None = None
    source_unit: str = ""
    reprinted_from: str = ""
    credits: str = ""
    author_note: str = ""


def as_date(value) -> dt.date | None:
    """A date from YAML: a date already, or its ISO text; None for none."""
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def long_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def byline(a: ArticleInput) -> list[str]:
    """The printed byline: names on one line; with roles, one author (role and name) a line."""
    if not any(a.roles.get(name) for name in a.authors):
        return ["　".join(a.authors)] if a.authors else []
    return [f"{a.roles[name]}　{name}" if a.roles.get(name) else name for name in a.authors]


def tail(a: ArticleInput) -> list[str]:
    lines = []
    if a.source_unit:
        lines.append(f"（{a.source_unit}）")
    if a.reprinted_from:
        lines.append(LABELS["reprinted"].format(source=a.reprinted_from))
    if a.credits:
        lines.append(f"（{a.credits}）")
    return lines


def _article_data(a: ArticleInput, subcolumn_head: str = "") -> dict:
    return {"title": a.title, "kicker": a.kicker, "subtitle": a.subtitle, "section": a.section,
            "subcolumn": a.subcolumn, "byline": byline(a),
            "dated": f"（{long_date(a.article_date)}）" if a.article_date else "", "blocks": a.blocks,
            "tail": tail(a), "note": LABELS["author_note"].format(note=a.author_note) if a.author_note else "",
            "anchor": f"a{a.order}", "toc_title": a.title, "toc_byline": "、".join(a.authors),
            "subcolumn_head": subcolumn_head, "run_on": False}


def issue_label(issue: dict) -> str:
    return issue.get("label") or LABELS["issue_label"].format(year=issue["year"], number=issue["number"])


def article_document(a: ArticleInput, issue: dict, settings: PageSettings) -> dict:
    label = issue_label(issue)
    return {"kind": "article", "settings": settings.as_data(), "citation": a.citation,
            "meta": {"journal": JOURNAL_TITLE, "title": a.title, "authors": a.authors or [PUBLISHER],
                     "keywords": [k for k in (JOURNAL_TITLE, label, a.section, a.subcolumn) if k],
                     "description": a.citation or f"《{JOURNAL_TITLE}》{label}", "issue_label": label,
                     "section": a.section},
            "article": _article_data(a)}


def _contact_lines(contact: dict) -> list[str]:
    lines = [contact["publisher"]] if contact.get("publisher") else []
    for key in ("address", "postcode", "email"):
        if contact.get(key):
            lines.append(LABELS[key].format(v=contact[key]))
    if contact.get("phone"):
        phones = contact["phone"] if isinstance(contact["phone"], list) else [contact["phone"]]
        lines.append(LABELS["phone"].format(v="，".join(map(str, phones))))
    return lines


def issue_document(issue: dict, articles: list[ArticleInput], settings: PageSettings,
                   cover_image: str | None = None) -> dict:
    """The whole issue: articles in print order, grouped into runs of one section (the 目录
    lists a section again where print order returns to it)."""
    label = issue_label(issue)
    date = as_date(issue["date"])
    sections: list[dict] = []
    for previous, a in zip([None] + articles, articles):
        if not sections or sections[-1]["name"] != a.section:
            sections.append({"name": a.section, "articles": []})
        run = sections[-1]["articles"]
        previous_sub = run[-1]["subcolumn"] if run else ""
        item = _article_data(a, a.subcolumn if a.subcolumn and a.subcolumn != previous_sub else "")
        # starts on the page where the piece before it ends: run on (short items share a page)
        item["run_on"] = previous is not None and str(a.first_page) == str(previous.last_page)
        run.append(item)
    credit = issue.get("cover_credit", "")
    data = {"label": label, "date_text": LABELS["published"].format(date=long_date(date)),
            "publisher_line": PUBLISHER + "主办",
            "cover_credit": LABELS["cover"].format(credit=" ".join(x for x in (issue.get("cover_caption", ""), credit) if x))
            if credit else "",
            "masthead": [{"role": m["role"], "names": list(m["names"])} for m in issue.get("masthead", [])],
            "contact": _contact_lines(issue.get("contact", {})), "sections": sections}
    if cover_image:
        data["cover_image"] = cover_image
    # the bookmarks tell apart pieces printed under one title (the three speeches) by their authors
    titles = [a.title for a in articles]
    by_title = {t: titles.count(t) for t in titles}
    for run in sections:
        for item in run["articles"]:
            item["bookmark"] = item["title"] + (f"（{item['toc_byline']}）" if by_title[item["title"]] > 1
                                                and item["toc_byline"] else "")
    authors = sorted({name for a in articles for name in a.authors})
    items = [item for run in sections for item in run["articles"]]
    for item, after in zip(items, items[1:] + [None]):
        item["compact"] = item["run_on"] or bool(after and after["run_on"])
    first_anchor = sections[0]["articles"][0]["anchor"] if sections else None
    return {"kind": "issue", "settings": settings.as_data(), "citation": "", "first_anchor": first_anchor,
            "meta": {"journal": JOURNAL_TITLE, "title": f"《{JOURNAL_TITLE}》{label}", "authors": [PUBLISHER] + authors,
                     "keywords": list(dict.fromkeys([JOURNAL_TITLE, label] + [s["name"] for s in sections])),
                     "description": f"《{JOURNAL_TITLE}》{label}，{PUBLISHER}主办，{long_date(date)}出版",
                     "issue_label": label, "section": ""},
            "issue": data}
