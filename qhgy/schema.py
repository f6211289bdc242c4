"""The one table of content keys: what the importer writes, the checker validates, the
plugins read and the README documents (a test holds the README to this table)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from qhgy.i18n import N_, _
from qhgy.journal import LANGUAGES


ISSUE_NUMBER = re.compile(r"^\d{1,2}(?:-\d{1,2})?$")
ISSUE_REF = re.compile(r"^(?:19|20)\d{2}/\d{1,2}(?:-\d{1,2})?$")
DIGITS = re.compile(r"^\d{1,4}$")
# A DOI as the registration agency issues it (10.prefix/suffix), written without https://doi.org/.
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
# 中图分类号 (Chinese Library Classification), one or more separated by ;: D412.6, TP391.1, F272-05
CLC_CODE = r"[A-Z][A-Z]?\d*(?:[.\-/]\d+)*"
CLC = re.compile(rf"^{CLC_CODE}(?:;{CLC_CODE})*$")


@dataclass(frozen=True)
class Key:
    name: str
    type: str  # one of TYPES
    required: bool
    meaning: str


TYPES = {
    "text": N_("a line of text"),
    "texts": N_("a list of lines of text"),
    "date": N_("a date written YYYY-MM-DD"),
    "digits": N_("a number written as a quoted string ('07', '37')"),
    "issue-number": N_("the number as printed, quoted: '9-10', '3', '5'"),
    "issue-ref": N_("an issue as YEAR/NUMBER: 2017/9-10"),
    "roles": N_("a mapping name → role or post, one entry per author who has one"),
    "masthead": N_("a list of {role, names} entries"),
    "contact": N_("a mapping with publisher, address, email, phone (list), postcode"),
    "sections": N_("a list of {name, subcolumns} entries in print order"),
    "bool": N_("true or false"),
    "lang": N_("a language code: {codes}"),
    "status": N_("published (the default) or draft"),
    "doi": N_("a DOI without https://doi.org/: 10.12345/qhgy.2017.09.007"),
    "clc": N_("a 中图分类号 (several separated by ;): D412.6"),
}

ARTICLE_KEYS = (
    Key("title", "text", True, N_("the title as a reader should see it (the 目录's; swapped halves restored)")),
    Key("kicker", "text", False, N_("引题: the short headline printed above the title")),
    Key("subtitle", "text", False, N_("副题: the line printed under the title")),
    Key("title_en", "text", False, N_("the English title, where there is one")),
    Key("summary_en", "text", False, N_("the English abstract (Abstract), where there is one: shown on the English "
        "site and exported with the citation")),
    Key("abstract", "text", False, N_("the 摘要 as printed, one paragraph")),
    Key("keywords", "texts", False, N_("the 关键词 as printed, one per line")),
    Key("keywords_en", "texts", False, N_("the English keywords (Keywords), one per line")),
    Key("authors", "texts", False,
        N_("personal names of the authors, in print order; none for an institution's piece")),
    Key("author_roles", "roles", False,
        N_("each author's post or affiliation as printed (省总工会党组书记、常务副主席)")),
    Key("author_note", "text", False, N_("the printed note on the author (作者简介): (作者系…) or (作者名片：…)")),
    Key("fund", "text", False, N_("the 基金项目 as printed: 青海省社会科学规划项目“…”（17049）")),
    Key("clc", "clc", False, N_("the 中图分类号 as printed: D412.6")),
    Key("doi", "doi", False, N_("the article's DOI, where it has one: 10.12345/qhgy.2017.09.007")),
    Key("received", "date", False, N_("the date the manuscript was received (收稿日期)")),
    Key("revised", "date", False, N_("the date the revised manuscript was received (修回日期)")),
    Key("category", "text", True, N_("the section (栏目) the 目录 lists the article under; Pelican's category")),
    Key("subcolumn", "text", False, N_("the sub-column inside the section (综艺之旅 → 革命家风)")),
    Key("issue", "issue-ref", True, N_("the issue the article is printed in")),
    Key("order", "digits", True, N_("1-based position in the issue's print order, counting every piece; fixed at "
        "import, "
        "never recomputed: it makes the URL /2017/9-10/07/")),
    Key("first_page", "digits", True, N_("the print page the article starts on")),
    Key("last_page", "digits", True, N_("the print page the article ends on")),
    Key("date", "date", True, N_("the issue's publication date (Pelican orders by it)")),
    Key("article_date", "date", False, N_("the article's own printed date, e.g. of a speech (2017年9月17日)")),
    Key("source_unit", "text", False, N_("the unit that supplied the piece, printed at its end: (省总研究室)")),
    Key("reprinted_from", "text", False, N_("where the piece is reprinted from: 摘自《党史纵横》")),
    Key("credits", "text", False, N_("text and photo credits as printed: 文稿：朱爱丽 摄影：石彬. The writer it names (文稿, 文, 撰稿, 记者, 通讯员…) is one of the piece's authors, listed on her author page and cited; the photographer stays a credit")),
    Key("in_toc", "bool", False, N_("false for a piece printed outside the 目录 (a cover news item); default true")),
    Key("lang", "lang", True, N_("the article's language")),
    Key("slug", "text", True, N_("Pelican's identity of the article: qhgy-YEAR-NUMBER-ORDER, never from the title")),
    Key("status", "status", False, N_("draft keeps an article out of the site (an entry the importer could not find)")),
    Key("tags", "texts", False, N_("keywords (标签)")),
)

PAGE_KEYS = (
    Key("title", "text", True, N_("the page's title")),
    Key("purpose", "text", False, N_("what the page is for: call-for-submissions (an issue's printed call, linked from the submission page) or submission (the submission page: guidelines and form)")),
    Key("issue", "issue-ref", False, N_("the issue the page was printed in")),
    Key("order", "digits", False, N_("its position in that issue's print order")),
    Key("first_page", "digits", False, N_("the print page it is on")),
    Key("last_page", "digits", False, N_("the print page it ends on")),
    Key("date", "date", False, N_("the issue's publication date")),
    Key("lang", "lang", True, N_("the page's language")),
    Key("slug", "text", True, N_("the page's URL name")),
    Key("status", "status", False, N_("hidden or draft keep the page out of menus or out of the site")),
)

ISSUE_KEYS = (
    Key("journal", "text", True, N_("the journal's title: 青海工运")),
    Key("year", "digits", True, N_("the year of the issue's label")),
    Key("number", "issue-number", True, N_("the number as printed: '9-10' for a combined issue")),
    Key("label", "text", True, N_("the label as printed: 2017年第9-10期")),
    Key("date", "date", True, N_("the publication date (出版日期)")),
    Key("cover_image", "text", False, N_("file name of the cover image in the issue's folder")),
    Key("cover_caption", "text", False, N_("the cover photo's title: 《浇筑》")),
    Key("cover_credit", "text", False, N_("the cover photo's credit: 刘家赢 摄")),
    Key("back_cover_credit", "text", False,
        N_("the back cover photo's title and credit: 《和谐》 摄影：张海燕")),
    Key("masthead", "masthead", False,
        N_("the editors as printed on the masthead (主编, 副主编, 责任编辑…)")),
    Key("contact", "contact", False, N_("the editorial office: publisher, address, email, phone, postcode")),
    Key("sections", "sections", True, N_("the sections (栏目) in print order, with their sub-columns")),
    Key("source", "text", False, N_("file name of the issue's source (.txt or .pdf) kept in the issue's folder")),
    Key("print_pdf", "text", False, N_("file name of the issue's original print PDF in its folder (the source, "
        "if that is a PDF): each article's pages are cut from it as a download")),
    Key("print_pdf_offset", "digits", False, N_("where print page 1 is in that PDF, less one: '0' (the default) "
        "when its first page is print page 1, '2' when two unnumbered pages come first")),
    Key("printed", "date", False, N_("the printing date (印刷日期), printed among a 内部资料's marks (setting LEGAL)")),
    Key("print_run", "digits", False, N_("the print run (印数), copies, printed among a 内部资料's marks: '3000'")),
)

KEY_TABLES = {"article": ARTICLE_KEYS, "page": PAGE_KEYS, "issue": ISSUE_KEYS}


def _is_text(v) -> bool:
    return isinstance(v, str) and v.strip() != "" and "\n" not in v


# An example of each type, for the fix of a value of the wrong type.
EXAMPLES = {"text": "标题", "date": "'2017-10-10'", "digits": "'07'", "issue-number": "'9-10'",
            "issue-ref": "2017/9-10", "bool": "true", "lang": LANGUAGES[0], "status": "draft",
            "doi": "10.12345/qhgy.2017.09.007", "clc": "D412.6"}
CHINESE_QUOTES = ("“”", "‘’", "「」", "『』", "＂＂", "＇＇")


@dataclass(frozen=True)
class KeyProblem:
    """A problem of one header: the key it is about (None: the header as a whole), what is
    wrong and the fix."""
    key: str | None
    problem: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.problem} — {self.fix}" if self.fix else self.problem


def in_chinese_quotes(value) -> str | None:
    """The text inside Chinese quotes when a whole value is written in them (“07”), else None."""
    if isinstance(value, str) and len(value) >= 2:
        for pair in CHINESE_QUOTES:
            if value[0] == pair[0] and value[-1] == pair[1]:
                return value[1:-1]
    return None


def _type_ok(t: str, value) -> bool:
    return {
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
        "doi": lambda v: isinstance(v, str) and bool(DOI.match(v)),
        "clc": lambda v: isinstance(v, str) and bool(CLC.match(v)),
    }[t](value)


def _type_problem(key: Key, value) -> KeyProblem | None:
    t = key.type
    if _type_ok(t, value):
        return None
    inner = in_chinese_quotes(value)
    if inner is not None and t != "text" and _type_ok(t, inner):
        return KeyProblem(key.name, _("the value of '{key}' is in Chinese quotes {value}: an input-method slip")
                          .format(key=key.name, value=value),
                          _("type ASCII quotes: {key}: '{inner}'").format(key=key.name, inner=inner))
    if t == "date" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
        problem = _("'{key}' must be a date of the calendar: {value} is not one").format(key=key.name, value=value)
    else:
        problem = _("'{key}' must be {kind}, not {value}").format(key=key.name, kind=type_text(t), value=repr(value))
        if t in ("digits", "issue-number") and isinstance(value, int):
            problem += _(" (numbers must be quoted: '07')")
    example = EXAMPLES.get(t)
    if example:
        fix = _("write it as {example}").format(example=f"{key.name}: {example}")
    elif t == "texts":
        fix = _("write a list: '{key}:' on its line, then one line '- …' for each entry").format(key=key.name)
    else:
        fix = _("see the content guide")
    return KeyProblem(key.name, problem, fix)


def _parses_as_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def validate_keys(kind: str, meta: dict) -> list[KeyProblem]:
    """Problems of one metadata header against the key table, each naming its key and the fix."""
    keys = {k.name: k for k in KEY_TABLES[kind]}
    problems = []
    for key in keys.values():
        if key.required and meta.get(key.name) in (None, "", []):
            problem = _("'{key}' is missing: {meaning}").format(key=key.name, meaning=_(key.meaning))
            where = key.name if key.name in meta else None  # written without a value: point at it
            problems.append(KeyProblem(where, problem, _("add a line '{key}: …' to the header").format(key=key.name)))
    for name, value in meta.items():
        if name not in keys:
            near = difflib.get_close_matches(str(name), list(keys), n=1, cutoff=0.6)
            fix = (_("did you mean '{key}'?").format(key=near[0]) if near else
                   _("remove it, or use a key of the content guide: {keys}").format(keys=", ".join(keys)))
            problems.append(KeyProblem(str(name), _("unknown key '{key}'").format(key=name), fix))
        elif value not in (None, "", []) and (problem := _type_problem(keys[name], value)):
            problems.append(problem)
    if kind == "article":
        roles = meta.get("author_roles") or {}
        if isinstance(roles, dict):
            for name in roles:
                if name not in (meta.get("authors") or []):
                    problems.append(KeyProblem("author_roles", _("'author_roles' names '{name}', who is not in "
                                                                 "'authors'").format(name=name),
                                               _("add the name to 'authors', or correct it here")))
    first, last = meta.get("first_page"), meta.get("last_page")
    if isinstance(first, str) and isinstance(last, str) and first.isdigit() and last.isdigit() \
            and int(last) < int(first):
        problems.append(KeyProblem("last_page", _("'last_page' {last} is before 'first_page' {first}: the pages go "
                                                  "backwards").format(last=last, first=first),
                                   _("correct one of the two (a piece on one page has both the same)")))
    return problems


def validate(kind: str, meta: dict) -> list[str]:
    """Problems of one metadata header, each a sentence naming the key and the fix."""
    return [str(problem) for problem in validate_keys(kind, meta)]


def type_text(kind: str, translate=None) -> str:
    """How a value of this type is written, in the editor's language (or through `translate`)."""
    text = (translate or _)(TYPES[kind])
    return text.format(codes=" / ".join(LANGUAGES)) if kind == "lang" else text


def markdown_table(kind: str, locale: str = "en") -> str:
    """The key table of one kind of file, as the README's content guide (English) and the editors'
    manual (zh_CN, through the tools' catalog) print it."""
    from qhgy.i18n import translations

    tr = translations(locale).gettext
    if locale == "en":
        rows = ["| key | type | required | meaning |"]
        yes, no = "yes", "no"
    else:
        rows = ["| 键 | 写法 | 必填 | 含义 |"]
        yes, no = "是", "否"
    rows.append("| --- | --- | --- | --- |")
    for key in KEY_TABLES[kind]:
        rows.append(f"| `{key.name}` | {type_text(key.type, tr)} | {yes if key.required else no} | {tr(key.meaning)} |")
    return "\n".join(rows)
