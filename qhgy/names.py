"""Names in another language: sections, sub-columns and authors as the English (or a later
Tibetan) site writes them.

Sections and sub-columns are named by the editors, in one file per language:
content/names/<lang>.yaml (content/names/en.yaml for English). Authors' names are spelt in
pinyin, family name first (李忠 → Li Zhong, 欧阳修 → Ouyang Xiu), unless that file gives the
name (a name read another way, a Tibetan name, a foreign author's own spelling):

    sections:
      工作指导: Work Guidance
    subcolumns:
      健康有道: Health Matters
    roles:              # the masthead's posts
      主编: Editor-in-Chief
    authors:
      才让多杰: Tsering Dorje
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qhgy.content import load_yaml, read_text
from qhgy.errors import ContentError
from qhgy.i18n import _
from qhgy.textnorm import HAN

NAMES_DIR = "names"
KINDS = ("sections", "subcolumns", "roles", "authors")

# Two-character family names (复姓): the rest of the name is the given name.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 申屠 太史 西门 独孤 南宫 "
    "呼延 轩辕 闻人 万俟 澹台 公冶 宗政 濮阳 淳于 单于 赫连 百里 东郭 钟离 第五 司空 左丘 拓跋".split())
# Family names read otherwise than the character's common reading (单雄信 is Shan, not Dan).
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou", "盖": "ge",
    "乐": "yue", "缪": "miao", "翟": "zhai", "覃": "qin", "员": "yun", "召": "shao", "秘": "bi", "冼": "xian",
    "句": "gou", "种": "chong", "宿": "su", "那": "na", "能": "nai", "藏": "zang", "折": "she", "尉迟": "yuchi",
    "万俟": "moqi", "长孙": "zhangsun", "澹台": "tantai", "单于": "chanyu", "令狐": "linghu", "重": "chong",
}
_HAN = re.compile(rf"^[{HAN}]+$")
_DOTS = re.compile(r"[·•・‧.]")  # the middle dot between the parts of a transliterated name


def _syllables(chars: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # here: it takes ~0.5 s to import

    return lazy_pinyin(chars, style=Style.NORMAL, v_to_u=True)


def _joined(syllables: list[str]) -> str:
    """One word of pinyin syllables, capitalised, with the apostrophe before a syllable starting
    with a, o or e (Jia'en, not Jiaen)."""
    word = ""
    for n, syllable in enumerate(syllables):
        word += ("'" if n and syllable[:1] in "aoe" else "") + syllable
    return word[:1].upper() + word[1:]


@functools.lru_cache(maxsize=None)  # the English site spells each name on every page that lists it
def pinyin_name(name: str) -> str:
    """A Chinese personal name in pinyin, family name first: 李忠 → Li Zhong, 耿生成 → Geng Shengcheng,
    欧阳修 → Ouyang Xiu. A transliterated name's parts (买买提·艾力) are spelt one by one; a name
    not written in Chinese characters is returned as it is."""
    name = name.strip()
    parts = [p for p in _DOTS.split(name) if p]
    if not parts or not all(_HAN.match(p) for p in parts):
        return name
    if len(parts) > 1:
        return " ".join(_joined(_syllables(p)) for p in parts)
    if len(name) == 1:
        return _joined(_syllables(name))
    family = name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]
    reading = SURNAME_READINGS.get(family)
    family_word = _joined([reading]) if reading else _joined(_syllables(family))
    return f"{family_word} {_joined(_syllables(name[len(family):]))}"


@dataclass
class NameTable:
    """One language's names (content/names/<lang>.yaml); empty where the file is missing."""
    lang: str
    sections: dict[str, str] = field(default_factory=dict)
    subcolumns: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # the masthead's posts: 主编 → Editor-in-Chief
    authors: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> str:
        """The section's name in this language, or "" if the file gives none."""
        return self.sections.get(name, "")

    def subcolumn(self, name: str) -> str:
        return self.subcolumns.get(name, "")

    def role(self, name: str) -> str:
        return self.roles.get(name, "")

    def author(self, name: str) -> str:
        """The author's name as the file gives it, or in pinyin."""
        return self.authors.get(name) or pinyin_name(name)


def names_path(content_dir: Path, lang: str) -> Path:
    return Path(content_dir) / NAMES_DIR / f"{lang}.yaml"


def _line_of(lines: list[str], key: str) -> int | None:
    """The line (1-based) where a name is given, to point a message at it."""
    for n, line in enumerate(lines, 1):
        if line.strip().startswith((f"{key}:", f"'{key}':", f'"{key}":')):
            return n
    return None


def load_names(path: Path, lang: str) -> NameTable:
    """The table of one names file; ContentError (file, line, problem, fix) if it cannot be used."""
    text = read_text(path)
    try:
        data = load_yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError(path, _("does not parse as YAML: {error}").format(
                               error=getattr(err, "problem", None) or str(err).splitlines()[0]),
                           _("check quotes and colons on that line (a value with ': ' needs quotes)"),
                           mark.line + 1 if mark is not None else None) from None
    data = data or {}
    lines = text.split("\n")
    if not isinstance(data, dict):
        raise ContentError(path, _("must be a mapping of sections, subcolumns, roles and authors"),
                           _("write it as in the README (Names in another language)"), 1)
    table = NameTable(lang, path=path)
    for kind, entries in data.items():
        if kind not in KINDS:
            raise ContentError(path, _("unknown key '{key}'").format(key=kind),
                               _("use sections, subcolumns, roles or authors"), _line_of(lines, str(kind)))
        entries = entries or {}
        if not isinstance(entries, dict):
            raise ContentError(path, _("'{key}' must map each Chinese name to its name in this language").format(
                                   key=kind), _("write one 'Chinese name: translation' per line under it"),
                               _line_of(lines, kind))
        for name, given in entries.items():
            if not isinstance(name, str) or not isinstance(given, str) or not given.strip():
                raise ContentError(path, _("'{name}' has no name in this language").format(name=name),
                                   _("write it after the colon, as text"), _line_of(lines, str(name)))
        getattr(table, kind).update({name: given.strip() for name, given in entries.items()})
    return table


def load_all_names(content_dir: Path) -> dict[str, NameTable]:
    """Every language's names file in content/names/, by language code (en, bo…)."""
    folder = Path(content_dir) / NAMES_DIR
    if not folder.is_dir():
        return {}
    return {path.stem: load_names(path, path.stem) for path in sorted(folder.glob("*.yaml"))}
