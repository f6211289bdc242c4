"""No interface text is written into a template: every word and every piece of punctuation that
belongs to a language ("：", "（…）", "、") goes through gettext, so another language's catalog can
say it its own way. The templates are read with their Jinja parts blanked out; what is left of
the HTML must hold no letter, no Chinese character and no Chinese punctuation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"
BLANK = "\u2063"  # stands for a Jinja expression or tag
WORDS = re.compile(r"[A-Za-z\u3000-\u303f\uff00-\uffef\u3400-\u9fff\U00020000-\U0002ffff]")
# Attributes a reader sees or hears; <meta> content only where it is a description.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label"}


def blanked(source: str) -> str:
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%-?\s*block canonical\s*-?%\}.*?\{%-?\s*endblock\s*-?%\}", BLANK, source, flags=re.S)
    source = re.sub(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}", BLANK, source, flags=re.S)
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", BLANK, source, flags=re.S)


class Literals(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._code = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._code += 1
        values = dict(attrs)
        for name, value in attrs:
            read = name in READ_ATTRIBUTES or (tag == "meta" and name == "content" and
                                               (values.get("name") or values.get("property", "")).endswith("description"))
            if read and value and WORDS.search(value.replace(BLANK, "")):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._code -= 1

    def handle_data(self, data):
        if not self._code and WORDS.search(data.replace(BLANK, "")):
            self.found.append((self.getpos()[0], data.replace(BLANK, "…").strip()))


def literals(source: str) -> list[tuple[int, str]]:
    scan = Literals()
    scan.feed(blanked(source))
    scan.close()
    return scan.found


@pytest.mark.parametrize("template", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")))
def test_a_template_writes_no_interface_text_of_its_own(template):
    assert literals((TEMPLATES / template).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("source", [
    "<p>{{ _('Tags') }}：{{ tags }}</p>",  # Chinese punctuation around a translated word
    "<p class=\"unit\">（{{ unit }}）</p>",
    "<a href=\"/\">首页</a>",
    "<nav aria-label=\"Breadcrumbs\"></nav>",
    "<p>{{ a }}、{{ b }}</p>",
])
def test_the_scan_finds_text_outside_gettext(source):
    assert literals(source)


def test_the_scan_leaves_markup_expressions_and_separators_alone():
    assert literals('<p class="x" lang="{{ lang }}">{{ _("Tags: %(t)s", t=tags) }} · {{ label }}</p>'
                    '<meta name="robots" content="noindex"><script>document.x = "y";</script>') == []
