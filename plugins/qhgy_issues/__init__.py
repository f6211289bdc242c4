"""qhgy_issues: the pages of the journal Pelican does not make: one page per issue (its 目录 by
section, from the journal model) in each language's site, and each article's citation files
(RIS, BibTeX, EndNote) once, by the journal's own language's run, at the output phase. Each file is
written only when its bytes change (qhgy_writer)."""

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from qhgy.citation import DOWNLOADS
from qhgy.incremental import write_if_changed
from qhgy.site import JOURNAL_SETTING


class IssuePagesGenerator(Generator):
    """One page per issue, plus each article's citation files (RIS, BibTeX, EndNote)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        siteurl = self.settings.get("SITEURL", "")
        here = self.context["here"]
        for issue in self.settings[JOURNAL_SETTING].issues:
            url = here.issue_url(issue)
            writer.write_file(f"{url}index.html", self.get_template("issue"), self.context,
                              issue=issue, page_name=url.rstrip("/"), url=url,
                              relative_urls=self.settings["RELATIVE_URLS"])
            if not here.is_default:
                continue
            for article in issue.articles:
                citation = article.citation(siteurl)
                for suffix, render in DOWNLOADS.items():
                    write_if_changed(Path(self.output_path) / f"{article.cite_stem}{suffix}",
                                     render(citation).encode("utf-8"))


def get_generators(pelican):
    return IssuePagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
