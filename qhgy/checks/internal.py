"""In 内部资料 mode (setting LEGAL, qhgy.legal): the journal's own words about itself — its pages
(the call for submissions, about pages) and its issue files (masthead, contact) — use none of the
words an internal publication may not use (刊号, 杂志社, 定价…). Articles are left alone: news
may well report on another journal's 杂志社. A warning: the editors decide."""

from __future__ import annotations

from qhgy.checks import Findings
from qhgy.content import ContentFiles
from qhgy.i18n import _
from qhgy.legal import forbidden_words


def check_internal_words(files: ContentFiles, found: Findings) -> None:
    paths = [path for path, _meta in files.issues] + [path for path, _meta, _body in files.pages]
    for path in paths:
        source = files.sources.get(path)
        if source is None:
            continue
        for number, line in enumerate(source.lines, 1):
            for word in forbidden_words(line):
                found.warning(path, _("'{word}': a 内部资料 may not use this word about itself").format(word=word),
                              _("reword it (e.g. 本刊, 编辑部, 免费赠阅), or set LEGAL's mode to 'periodical' if the "
                                "journal has a CN number"), number)
