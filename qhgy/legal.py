"""The marks the law asks of the journal and its website, from one setting (LEGAL).

A journal in mainland China is either a periodical with a 刊号 (CN and ISSN numbers) or an
internal publication (内部资料) with a 准印证 (printing permit), which must print "内部资料 免费交流",
its permit number, who compiles it (编印单位), who it is sent to (发送对象), the printer (印刷单位),
the printing date and the print run (印数) — the last two differ by issue (`printed`, `print_run`
in issue.yaml). A website hosted in mainland China shows its ICP 备案 number (and, once filed,
its 公安备案 number) at the bottom of every page, linked to the official lookup.

The site's footer and about page and the issue PDF's 版权 block read these marks from here; in
内部资料 mode `check` warns about words an internal publication may not use about itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PERIODICAL, INTERNAL = "periodical", "internal"
# Where a build keeps the checked marks (plugin qhgy_model), for the plugins that print them too (qhgy_pdf).
LEGAL_MARKS_SETTING = "QHGY_LEGAL_MARKS"
INTERNAL_MARK = "内部资料 免费交流"
ICP_LOOKUP = "https://beian.miit.gov.cn/"
POLICE_LOOKUP = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"

# 《内部资料性出版物管理办法》: an internal publication may not present itself as a periodical
# (刊号, 期刊社, 杂志社), be sold (定价, 订阅, 邮发代号) or carry advertising.
INTERNAL_FORBIDDEN = ("刊号", "期刊社", "杂志社", "报社", "定价", "订阅价", "邮发代号", "广告经营许可证", "公开发行")

_CN = re.compile(r"CN ?\d{2}-\d{4}/[A-Z0-9]{1,4}")
_ISSN = re.compile(r"ISSN ?(\d{4})-(\d{3})([\dX])")
_ICP = re.compile(r"[\u4e00-\u9fff]ICP备\d{8,10}号(?:-\d{1,3})?")
_POLICE = re.compile(r"[\u4e00-\u9fff]公网安备 ?(\d{14})号")

KEYS = {
    PERIODICAL: ("mode", "cn", "issn", "icp", "police"),
    INTERNAL: ("mode", "permit", "compiler", "audience", "printer", "icp", "police"),
}


@dataclass(frozen=True)
class LegalMarks:
    mode: str
    cn: str = ""  # 国内统一连续出版物号: CN 63-1001/D
    issn: str = ""  # 国际标准连续出版物号: ISSN 1234-5679
    permit: str = ""  # 准印证号: 青内资准字（2017）第001号
    compiler: str = ""  # 编印单位
    audience: str = ""  # 发送对象
    printer: str = ""  # 印刷单位
    icp: str = ""  # ICP 备案号: 青ICP备17000123号-1
    police: str = ""  # 公安备案号: 青公网安备63010202000123号

    @property
    def internal(self) -> bool:
        return self.mode == INTERNAL

    @property
    def mark(self) -> str:
        """What a 内部资料 prints on every copy."""
        return INTERNAL_MARK if self.internal else ""

    @property
    def icp_url(self) -> str:
        return ICP_LOOKUP

    @property
    def police_url(self) -> str:
        m = _POLICE.fullmatch(self.police)
        return POLICE_LOOKUP.format(code=m.group(1)) if m else ""

    def publication_lines(self, issue=None) -> list[tuple[str, str]]:
        """(what, value) of the publication's marks, in the order the about page and the 版权 block
        print them (each names `what` in its own language); an issue adds its printing date and run."""
        if not self.internal:
            return [("issn", self.issn), ("cn", self.cn)]
        lines = [("permit", self.permit), ("compiler", self.compiler), ("audience", self.audience),
                 ("printer", self.printer)]
        if issue is not None and getattr(issue, "printed", None):
            lines.append(("printed", issue.printed.isoformat()))
        if issue is not None and getattr(issue, "print_run", None):
            lines.append(("print_run", str(issue.print_run)))
        return lines


def issn_check_digit(seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(seven, range(8, 1, -1)))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def problems(value) -> str | None:
    """What is wrong with a LEGAL setting (None when it can be used): the settings check's message."""
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("mode") not in KEYS:
        return "None, or a dict with mode 'periodical' (cn, issn) or 'internal' (permit, compiler, audience, printer)"
    mode = value["mode"]
    unknown = set(value) - set(KEYS[mode])
    if unknown:
        return f"a dict of the keys {', '.join(KEYS[mode])} in mode {mode!r} (not {', '.join(sorted(unknown))})"
    if any(not isinstance(v, str) for v in value.values()):
        return "a dict of texts"
    if mode == PERIODICAL:
        if not _CN.fullmatch(value.get("cn", "")):
            return "with 'cn' as printed, e.g. 'CN 63-1001/D'"
        m = _ISSN.fullmatch(value.get("issn", ""))
        if not m or issn_check_digit(m.group(1) + m.group(2)) != m.group(3):
            return "with 'issn' as printed, e.g. 'ISSN 1234-5679' (its last digit is a check digit)"
    else:
        missing = [key for key in ("permit", "compiler", "audience", "printer") if not value.get(key, "").strip()]
        if missing:
            return f"with {', '.join(missing)} (a 内部资料 prints each of them)"
    if value.get("icp") and not _ICP.fullmatch(value["icp"]):
        return "with 'icp' as issued, e.g. '青ICP备17000123号-1'"
    if value.get("police") and not _POLICE.fullmatch(value["police"]):
        return "with 'police' as issued, e.g. '青公网安备63010202000123号'"
    return None


def legal_marks(value) -> LegalMarks | None:
    """The marks of a checked LEGAL setting (settings.plugin_settings checks it first)."""
    return LegalMarks(**value) if value else None


def forbidden_words(text: str) -> list[str]:
    """The words of INTERNAL_FORBIDDEN in a text, in order of first use."""
    found = [(text.find(word), word) for word in INTERNAL_FORBIDDEN if word in text]
    return [word for _, word in sorted(found)]
