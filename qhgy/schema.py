"""The one table of content keys: what the importer writes, the checker validates, the
plugins read and the README documents (a test holds the README to this table)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from qhgy.journal import LANGUAGES

ISSUE_NUMBER = re.compile(r"^\d{1,2}(?:-\d{1,2})?$")
ISSUE_REF = re.compile(r"^(?:19|20)\d{2}/\d{1,2}(?:-\d{1,2})?$")
DIGITS = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class Key:
    name: str
    type: str  # one of TYPES
    required: bool
    meaning: str


TYPES = {
    "text": "a line of text",
    "texts": "a list of lines of text",
    "date": "a date written YYYY-MM-DD",
    "digits": "a number written as a quoted string ('07', '37')",
    "issue-number": "the number as printed, quoted: '9-10', '3', '5'",
    "issue-ref": "an issue as YEAR/NUMBER: 2017/9-10",
    "roles": "a mapping name → role or post, one entry per author who has one",
    "masthead": "a list of {role, names} entries",
    "contact": "a mapping with publisher, address, email, phone (list), postcode",
    "sections": "a list of {name, subcolumns} entries in print order",
    "bool": "true or false",
    "lang": "a language code: " + " or ".join(LANGUAGES),
    "status": "published (the default) or draft",
}

ARTICLE_KEYS = (
    Key("title", "text", True, "the title as a reader should see it (the 目录's; swapped halves restored)"),
    Key("kicker", "text", False, "引题: the short headline printed above the title"),
    Key("subtitle", "text", False, "副题: the line printed under the title"),
    Key("title_en", "text", False, "the English title, where there is one"),
    Key("summary_en", "text", False, "an English summary, where there is one"),
    Key("authors", "texts", False, "personal names of the authors, in print order; none for an institution's piece"),
    Key("author_roles", "roles", False, "each author's post or affiliation as printed (省总工会党组书记、常务副主席)"),
    Key("author_note", "text", False, "the printed note on the author: (作者系…) or (作者名片：…)"),
    Key("category", "text", True, "the section (栏目) the 目录 lists the article under; Pelican's category"),
    Key("subcolumn", "text", False, "the sub-column inside the section (综艺之旅 → 革命家风)"),
    Key("issue", "issue-ref", True, "the issue the article is printed in"),
    Key("order", "digits", True, "1-based position in the issue's print order, counting every piece; fixed at import, "
        "never recomputed: it makes the URL /2017/9-10/07/"),
    Key("first_page", "digits", True, "the print page the article starts on"),
    Key("last_page", "digits", True, "the print page the article ends on"),
    Key("date", "date", True, "the issue's publication date (Pelican orders by it)"),
    Key("article_date", "date", False, "the article's own printed date, e.g. of a speech (2017年9月17日)"),
    Key("source_unit", "text", False, "the unit that supplied the piece, printed at its end: (省总研究室)"),
    Key("reprinted_from", "text", False, "where the piece is reprinted from: 摘自《党史纵横》"),
    Key("credits", "text", False, "text and photo credits as printed: 文稿：朱爱丽 摄影：石彬"),
    Key("in_toc", "bool", False, "false for a piece printed outside the 目录 (a cover news item); default true"),
    Key("lang", "lang", True, "the article's language"),
    Key("slug", "text", True, "Pelican's identity of the article: qhgy-YEAR-NUMBER-ORDER, never from the title"),
    Key("status", "status", False, "draft keeps an article out of the site (an entry the importer could not find)"),
    Key("tags", "texts", False, "keywords (标签)"),
)

PAGE_KEYS = (
    Key("title", "text", True, "the page's title"),
    Key("purpose", "text", False, "what the page is for: call-for-submissions feeds the submission page"),
    Key("issue", "issue-ref", False, "the issue the page was printed in"),
    Key("order", "digits", False, "its position in that issue's print order"),
    Key("first_page", "digits", False, "the print page it is on"),
    Key("last_page", "digits", False, "the print page it ends on"),
    Key("date", "date", False, "the issue's publication date"),
    Key("lang", "lang", True, "the page's language"),
    Key("slug", "text", True, "the page's URL name"),
    Key("status", "status", False, "hidden or draft keep the page out of menus or out of the site"),
)

ISSUE_KEYS = (
    Key("journal", "text", True, "the journal's title: 青海工运"),
    Key("year", "digits", True, "the year of the issue's label"),
    Key("number", "issue-number", True, "the number as printed: '9-10' for a combined issue"),
    Key("label", "text", True, "the label as printed: 2017年第9-10期"),
    Key("date", "date", True, "the publication date (出版日期)"),
    Key("cover_image", "text", False, "file name of the cover image in the issue's folder"),
    Key("cover_caption", "text", False, "the cover photo's title: 《浇筑》"),
    Key("cover_credit", "text", False, "the cover photo's credit: 刘家赢 摄"),
    Key("back_cover_credit", "text", False, "the back cover photo's title and credit: 《和谐》 摄影：张海燕"),
    Key("masthead", "masthead", False, "the editors as printed on the masthead (主编, 副主编, 责任编辑…)"),
    Key("contact", "contact", False, "the editorial office: publisher, address, email, phone, postcode"),
    Key("sections", "sections", True, "the sections (栏目) in print order, with their sub-columns"),
    Key("source", "text", False, "file name of the issue's source (.txt or .pdf) kept in the issue's folder"),
    Key("print_pdf", "text", False, "file name of the issue's original print PDF in its folder (the source, "
        "if that is a PDF): each article's pages are cut from it as a download"),
    Key("print_pdf_offset", "digits", False, "where print page 1 is in that PDF, less one: '0' (the default) "
        "when its first page is print page 1, '2' when two unnumbered pages come first"),
)

KEY_TABLES = {"article": ARTICLE_KEYS, "page": PAGE_KEYS, "issue": ISSUE_KEYS}


def _is_text(v) -> bool:
    return isinstance(v, str) and v.strip() != "" and "\n" not in v


def _type_problem(key: Key, value) -> str | None:
    t = key.type
    ok = {
        "text": lambda v: _is_text(v),
        "texts": lambda v: isinstance(v, list) and all(_is_text(x) for x in v),
        "date": lambda v: isinstance(v, (str, dt.date)) and _parses_as_date(v),
        "digits": lambda v: isinstance(v, str) and bool(DIGITS.match(v)),
        "issue-number": lambda v: isinstance(v, str) and bool(ISSUE_NUMBER.match(v)),
        "issue-ref": lambda v: isinstance(v, str) and bool(ISSUE_REF.match(v)),
        "roles": lambda v: isinstance(v, dict) and all(_is_text(k) and _is_text(x) for k, x in v.items()),
        "masthead": lambda v: isinstance(v, list) and all(
            isinstance(x, dict) and _is_text(x.get("role")) and isinstance(x.get("names"), list) for x in v),
        "contact": lambda v: isinstance(v, dict),
        "sections": lambda v: isinstance(v, list) and all(
            isinstance(x, dict) and _is_text(x.get("name")) and isinstance(x.get("subcolumns", []), list)
            for x in v),
        "bool": lambda v: isinstance(v, bool),
        "lang": lambda v: v in LANGUAGES,
        "status": lambda v: v in ("published", "draft", "hidden"),
    }[t](value)
    if ok:
        return None
    hint = " (numbers must be quoted: '07')" if t in ("digits", "issue-number") and isinstance(value, int) else ""
    return f"'{key.name}' must be {TYPES[t]}, not {value!r}{hint}"


def _parses_as_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def validate(kind: str, meta: dict) -> list[str]:
    """Problems of one metadata header, each a sentence naming the key and the fix."""
    keys = {k.name: k for k in KEY_TABLES[kind]}
    problems = []
    for key in keys.values():
        if key.required and meta.get(key.name) in (None, "", []):
            problems.append(f"'{key.name}' is missing: {key.meaning}")
    for name, value in meta.items():
        if name not in keys:
            problems.append(f"unknown key '{name}' (known keys: {', '.join(keys)})")
        elif value not in (None, "", []) and (problem := _type_problem(keys[name], value)):
            problems.append(problem)
    if kind == "article":
        roles = meta.get("author_roles") or {}
        if isinstance(roles, dict):
            for name in roles:
                if name not in (meta.get("authors") or []):
                    problems.append(f"'author_roles' names '{name}', who is not in 'authors'")
        first, last = meta.get("first_page"), meta.get("last_page")
        if isinstance(first, str) and isinstance(last, str) and first.isdigit() and last.isdigit() \
                and int(last) < int(first):
            problems.append(f"'last_page' {last} is before 'first_page' {first}")
    return problems


def markdown_table(kind: str) -> str:
    """The key table of one kind of file, as the README's content guide prints it."""
    rows = ["| key | type | required | meaning |", "| --- | --- | --- | --- |"]
    for key in KEY_TABLES[kind]:
        rows.append(f"| `{key.name}` | {TYPES[key.type]} | {'yes' if key.required else 'no'} | {key.meaning} |")
    return "\n".join(rows)
