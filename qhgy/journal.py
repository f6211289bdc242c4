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

# Words that end a person's title or post in a byline (省总工会党组书记、常务副主席 李忠).
ROLE_WORDS = ("主席", "书记", "部长", "主任", "委员", "常委", "会长", "经理", "讲师", "教授",
              "记者", "编辑", "干事", "科长", "处长", "局长", "厅长", "院长", "校长", "所长",
              "站长", "队长", "组长", "董事长", "秘书长", "研究员", "工程师", "律师", "馆员", "员")
