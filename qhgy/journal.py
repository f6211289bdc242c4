"""Facts about the journal itself that the importer relies on.

They are the journal's fixed page furniture and vocabulary, not facts of one issue:
every issue of 《青海工运》 prints the same running header, masthead labels and slogan.
"""

import re

JOURNAL_TITLE = "青海工运"
# The journal's name in English citations: its title in pinyin, as Chinese journals name themselves.
JOURNAL_TITLE_EN = "Qinghai Gongyun"
JOURNAL_SLUG = "qhgy"  # the ASCII stem of issue and article ids: qhgy-2017-9-10-07
PUBLISHER = "青海省总工会"
PUBLISHER_EN = "Qinghai Federation of Trade Unions"
# The journal's language, spelt as HTML and content write it; Babel's zh_CN and Typst's zh/cn
# derive from it. Content may also be written in the other languages listed.
LANGUAGE = "zh-CN"
LANGUAGES = (LANGUAGE, "en")

# Lines printed on every page (running headers, the slogan, folios) rather than in an article.
PAGE_FURNITURE = [
    re.compile(p)
    for p in (
        r"^青海工运\s*\d{1,2}(?:\s*[-－—–]\s*\d{1,2})?\s*(?:19|20)\d{2}$",  # 青海工运 9-10 2017
        r"^(?:19|20)\d{2}\s*\d{1,2}(?:\s*[-－—–]\s*\d{1,2})?\s*青海工运$",  # the same, mirrored page
        r"^QING\s*HAI\s*GONG\s*YUN\b.*$",
        r"^(?:青海省总工会主办|主办[:：]?\s*青海省总工会)$",
        r"^宣传政策\s*指导工作\s*交流经验\s*探讨理论\s*沟通信息$",
        r"^青海工运$",
        r"^\d{1,3}$",  # a folio (page number) alone
        r"^(?:19|20)\d{2}$",  # the cover's year alone
        r"^\d{1,2}\s*[-－—–]\s*\d{1,2}$",  # the cover's combined number alone
    )
]

# Masthead (版权页) labels and what they mean in the issue file.
MASTHEAD_ROLE_LABELS = ("主编", "副主编", "执行主编", "总编", "社长", "编委", "编委会", "责任编辑",
                        "编辑", "美术编辑", "校对", "顾问", "主任")
CONTACT_LABELS = {
    "编辑出版": "publisher",
    "出版": "publisher",
    "地址": "address",
    "电子邮箱": "email",
    "邮箱": "email",
    "E-mail": "email",
    "电话": "phone",
    "联系电话": "phone",
    "传真": "fax",
    "邮编": "postcode",
}

# Titles of pieces that are not articles but feed the submission page.
CALL_FOR_SUBMISSIONS = re.compile(r"征稿(?:启事|通知|简则|函)|稿约")

# Section of 目录 entries printed before any section heading.
UNSECTIONED = "综合"

# A credit line's roles (（文稿：朱爱丽 摄影：石彬）): who wrote the piece is one of its authors, listed
# on her author page and cited; who took the photographs, or the unit that supplied it, stays a credit.
WRITER_CREDITS = ("本刊记者", "特约记者", "文稿", "文字", "撰稿", "撰文", "图文", "记者", "通讯员", "文")
OTHER_CREDITS = ("摄影", "图片", "供稿", "摄", "图")
CREDIT_ROLES = WRITER_CREDITS + OTHER_CREDITS
# A role at the start or after a space or list mark, then a colon (or, for a reporter, a space):
# 文 inside a name (马文) is not a role.
_CREDIT_ROLE = re.compile(r"(?:^|(?<=[\s（(、，,；;]))(?P<role>{roles})\s*(?:[:：/]|(?<=[员者])\s+)\s*".format(
    roles="|".join(sorted(CREDIT_ROLES, key=len, reverse=True))))
# A person's name as credits print it: 2–4 Han characters, or a name with a middle dot (阿·卓玛).
_PERSON = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3400-\u9fff]{1,6}(?:[·•・][\u3400-\u9fff]{1,6})+$")


def credit_writers(credits: str) -> list[tuple[str, str]]:
    """(name, role) of each writer a credit line names, in its order: 文稿：朱爱丽 摄影：石彬 gives
    [("朱爱丽", "文稿")]. A unit (文：省总工会宣传部) or anything not shaped like a person's name is
    left in the credit only."""
    found: list[tuple[str, str]] = []
    marks = list(_CREDIT_ROLE.finditer(credits or ""))
    for mark, following in zip(marks, marks[1:] + [None]):
        if mark.group("role") not in WRITER_CREDITS:
            continue
        names = credits[mark.end():following.start() if following else len(credits)]
        for name in re.split(r"[\s、，,；;]+", names.strip(" 　)）")):
            if _PERSON.match(name) and name not in [n for n, _ in found]:
                found.append((name, mark.group("role")))
    return found


# Words that end a person's title or post in a byline (省总工会党组书记、常务副主席 李忠).
ROLE_WORDS = ("主席", "书记", "部长", "主任", "委员", "常委", "会长", "经理", "讲师", "教授",
              "记者", "编辑", "干事", "科长", "处长", "局长", "厅长", "院长", "校长", "所长",
              "站长", "队长", "组长", "董事长", "秘书长", "研究员", "工程师", "律师", "馆员", "员")
