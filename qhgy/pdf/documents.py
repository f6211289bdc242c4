"""What a PDF prints, as plain data for the Typst template (qhgy/pdf/templates/journal.typ):
an article (head, body blocks, attributions, citation) or a whole issue (cover, masthead,
目录 by section, every article in print order), read from the journal's model (qhgy.model)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from qhgy.journal import JOURNAL_TITLE, JOURNAL_TITLE_EN, LANGUAGE, PUBLISHER
from qhgy.languages import issue_label, long_date, typst_language
from qhgy.model import Article, Contact, Issue, PageRange, page_dash
from qhgy.names import NameTable

# The words the print layout adds, per language: the issue's PDF and its articles are Chinese;
# a translation's PDF is in its own language (its names of people stay as printed, in Chinese).
LABELS = {
    "zh": {"reprinted": "摘自{source}", "author_note": "作者简介：{note}", "published": "{date}出版",
           "cover": "封面：{credit}", "address": "地址：{v}", "postcode": "邮编：{v}", "email": "电子邮箱：{v}",
           "phone": "电话：{v}", "bracketed": "（{v}）", "running_head": "《{journal}》{label}",
           "role_name": "{role}　{name}", "names": "　", "print_page": "印刷版第{pages}页",
           "print_pages": "印刷版第{pages}页",
           # the 版权 block's legal marks (setting LEGAL, qhgy.legal)
           "issn": "{v}", "cn": "{v}", "permit": "准印证号：{v}", "compiler": "编印单位：{v}", "audience": "发送对象：{v}",
           "printer": "印刷单位：{v}", "printed": "印刷日期：{v}", "print_run": "印数：{v}册", "qr": "扫码阅读本文"},
    "en": {"reprinted": "Reprinted from {source}", "author_note": "About the author: {note}",
           "bracketed": "({v})", "running_head": "{journal}, {label}", "role_name": "{name}, {role}", "names": ", ",
           "print_page": "Print page {pages}", "print_pages": "Print pages {pages}", "qr": "Scan to read online"},
}


def _labels(lang: str) -> dict:
    return LABELS.get(lang.split("-")[0].lower(), LABELS["en"])


@dataclass
class PageSettings:
    """The print page: the magazine's 16开 (185 × 260 mm) by default; pelicanconf PDF_PAGE changes it."""
    width: float = 185
    height: float = 260
    font: str = "Noto Serif CJK SC"
    size: float = 10.5
    leading: float = 0.8

    def as_data(self, lang: str = LANGUAGE) -> dict:
        language, region = typst_language(lang)
        font = self.font
        if language != "zh" and latin_serif_installed():  # Latin in Noto Serif, the names in Chinese in CJK
            font = [LATIN_FONT, self.font]
        return {"width": self.width, "height": self.height, "font": font, "size": self.size,
                "leading": self.leading, "lang": language, "region": region}


LATIN_FONT = "Noto Serif"


@functools.lru_cache(maxsize=None)  # asked for every translation's PDF
def latin_serif_installed() -> bool:
    from qhgy.fonts import OTHER_FONT_DIR

    return (OTHER_FONT_DIR / "NotoSerif-Regular.ttf").is_file()


def byline(a: Article) -> list[str]:
    """The printed byline: names on one line; with roles, one author (role and name) a line."""
    words = _labels(a.lang)
    printed = a.byline  # a credit line's writer is in the credit line (tail), as printed
    if not any(author.role for author in printed):
        return [words["names"].join(author.name for author in printed)] if printed else []
    return [words["role_name"].format(role=author.role, name=author.name) if author.role else author.name
            for author in printed]


def tail(a: Article) -> list[str]:
    words = _labels(a.lang)
    lines = []
    if a.source_unit:
        lines.append(words["bracketed"].format(v=a.source_unit))
    if a.reprinted_from:
        lines.append(words["reprinted"].format(source=a.reprinted_from))
    if a.credits:
        lines.append(words["bracketed"].format(v=a.credits))
    return lines


def print_pages(a: Article) -> PageRange | None:
    """The pages the article is printed on (a translation: its original's, unless it names its own)."""
    return a.pages or (a.original.pages if a.original else None)


def _print_data(a: Article) -> dict:
    """Its print pages for the template: the folios of its pages, and the mark at its opening."""
    pages = print_pages(a)
    if pages is None:
        return {"print": None, "print_mark": ""}
    mark = _labels(a.lang)["print_page" if pages.single else "print_pages"].format(pages=pages.text(a.lang))
    return {"print": {"first": pages.first, "last": pages.last}, "print_mark": mark}


def _article_data(a: Article, blocks: list, subcolumn_head: str = "", names: NameTable | None = None) -> dict:
    words, lang = _labels(a.lang), a.lang
    section = (names.section(a.section) if names else "") or a.section
    subcolumn = (names.subcolumn(a.subcolumn) if names and a.subcolumn else "") or a.subcolumn
    return {"title": a.title, "kicker": a.kicker, "subtitle": a.subtitle, "section": section,
            "subcolumn": subcolumn, "byline": byline(a),
            "dated": words["bracketed"].format(v=long_date(a.article_date, lang)) if a.article_date else "",
            "blocks": blocks, "tail": tail(a),
            "note": words["author_note"].format(note=a.author_note) if a.author_note else "",
            "anchor": f"a{a.order_text}", "toc_title": a.title, "toc_byline": words["names"].join(author.name for author in a.byline),
            "subcolumn_head": subcolumn_head, "run_on": False, **_print_data(a)}


def _citation(a: Article) -> str:
    """The reference at the foot of page 1 (a translation's in its language where there is one);
    none where the print pages are unknown, as a reference must give them."""
    if (a.original or a).pages is None:
        return ""
    return a.citation_gbt if a.in_default_language else a.citation_en or a.citation_gbt


def article_document(a: Article, blocks: list, settings: PageSettings, names: NameTable | None = None,
                     qr: str = "") -> dict:
    """An article's PDF; blocks: its body (qhgy.pdf.blocks). A translation's (another language
    than the journal's) is in that language: names (content/names/<lang>.yaml) give its sections.
    qr: the SVG of its public address's QR code (qhgy.qr), printed at the foot of page 1."""
    if a.in_default_language:
        journal, label, names = JOURNAL_TITLE, a.issue.label, None
    else:
        journal, label = JOURNAL_TITLE_EN, issue_label(a.issue.year, a.issue.number, a.lang)
    citation = _citation(a)
    data = _article_data(a, blocks, names=names)
    return {"kind": "article", "settings": settings.as_data(a.lang), "citation": citation,
            "qr": qr, "qr_caption": _labels(a.lang)["qr"] if qr else "",
            "meta": {"journal": journal, "page_dash": page_dash(a.lang), "title": a.title,
                     "authors": list(a.author_names) or [PUBLISHER],
                     "keywords": [k for k in (journal, label, data["section"], data["subcolumn"]) if k],
                     "description": citation or f"《{JOURNAL_TITLE}》{label}", "issue_label": label,
                     "section": data["section"],
                     "running_head": _labels(a.lang)["running_head"].format(journal=journal, label=label)},
            "article": data}


def _contact_lines(contact: Contact | None) -> list[str]:
    if contact is None:
        return []
    lines = [contact.publisher] if contact.publisher else []
    for key in ("address", "postcode", "email"):
        if value := getattr(contact, key):
            lines.append(LABELS["zh"][key].format(v=value))
    if contact.phones:
        lines.append(LABELS["zh"]["phone"].format(v="，".join(contact.phones)))
    return lines


def legal_lines(legal, issue: Issue) -> list[str]:
    """The legal marks (qhgy.legal.LegalMarks) as the 版权 block prints them, with the issue's
    printing date and run; none without marks."""
    if legal is None:
        return []
    words = LABELS["zh"]
    lines = [legal.mark] if legal.mark else []
    for what, value in legal.publication_lines(issue):
        if what == "printed":
            value = long_date(issue.printed, LANGUAGE)
        lines.append(words[what].format(v=value))
    return lines


def issue_document(issue: Issue, blocks: dict[Article, list], settings: PageSettings,
                   cover_image: str | None = None, legal=None) -> dict:
    """The whole issue: articles in print order, grouped into runs of one section (the 目录
    lists a section again where print order returns to it); blocks: each article's body;
    legal: the marks the 版权 block prints (qhgy.legal)."""
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
        item["run_on"] = previous is not None and None not in (a.pages, previous.pages) \
            and a.pages.first == previous.pages.last
        run.append(item)
    data = {"label": label, "date_text": LABELS["zh"]["published"].format(date=long_date(issue.date, LANGUAGE)),
            "publisher_line": PUBLISHER + "主办",
            "cover_credit": LABELS["zh"]["cover"].format(credit=issue.cover_credit_text) if issue.cover_credit else "",
            "masthead": [{"role": m.role, "names": list(m.names)} for m in issue.masthead],
            "contact": _contact_lines(issue.contact), "legal": legal_lines(legal, issue), "sections": sections}
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
            "meta": {"journal": JOURNAL_TITLE, "page_dash": page_dash(LANGUAGE), "title": f"《{JOURNAL_TITLE}》{label}",
                     "authors": [PUBLISHER] + authors,
                     "keywords": list(dict.fromkeys([JOURNAL_TITLE, label] + [s["name"] for s in sections])),
                     "description": f"《{JOURNAL_TITLE}》{label}，{PUBLISHER}主办，{long_date(issue.date, LANGUAGE)}出版",
                     "issue_label": label, "section": "",
                     "running_head": LABELS["zh"]["running_head"].format(journal=JOURNAL_TITLE, label=label)},
            "issue": data}
