"""The issue model the website's templates read: issues in date order, each with its
articles grouped by section in print order, and the neighbours of issues and articles.

Pure code over plain objects (Pelican's articles in the build, simple stand-ins in tests):
an article needs the attributes `issue` ('2017/9-10'), `order` ('07') and `category`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class SectionGroup:
    name: str
    id: str
    subcolumns: list[str]
    articles: list = field(default_factory=list)

    @property
    def runs(self) -> list[tuple[str, list]]:
        """Consecutive articles of one sub-column ('' for none): the 目录 prints a heading per run."""
        runs: list[tuple[str, list]] = []
        for article in self.articles:
            if getattr(article, "toc_notice", False) and runs:
                runs[-1][1].append(article)  # a notice printed inside a run does not break it in two
                continue
            sub = getattr(article, "subcolumn", "") or ""
            if not runs or runs[-1][0] != sub:
                runs.append((sub, []))
            runs[-1][1].append(article)
        return runs


@dataclass
class IssueModel:
    year: str
    number: str
    label: str
    date: dt.date
    meta: dict
    articles: list = field(default_factory=list)  # print order
    notices: list = field(default_factory=list)  # pages printed in the issue (its 征稿启事), print order
    sections: list[SectionGroup] = field(default_factory=list)
    newer: IssueModel | None = None
    older: IssueModel | None = None
    cover: dict = field(default_factory=dict)  # filled by the image plugin

    @property
    def ref(self) -> str:
        return f"{self.year}/{self.number}"

    @property
    def url(self) -> str:
        return f"{self.year}/{self.number}/"

    @property
    def slug(self) -> str:
        return f"qhgy-{self.year}-{self.number}"

    @property
    def pages(self) -> tuple[int, int]:
        firsts = [int(a.first_page) for a in self.articles]
        lasts = [int(a.last_page) for a in self.articles]
        return (min(firsts), max(lasts)) if firsts else (0, 0)


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _name(category) -> str:
    return getattr(category, "name", category) or ""


def build_issues(issue_metas: list[dict], articles: list, section_ids: dict[str, str]) -> list[IssueModel]:
    """Issues newest first, with their articles and sections; links between neighbours."""
    issues: dict[str, IssueModel] = {}
    for m in issue_metas:
        ref = f"{m['year']}/{m['number']}"
        if ref in issues:  # the content check names both files; never let one silently win
            raise ValueError(f"two issue files describe issue {ref}: run `invoke check`")
        issues[ref] = IssueModel(str(m["year"]), str(m["number"]), m["label"], _date(m["date"]), m)
    for article in articles:
        issue = issues.get(getattr(article, "issue", None))
        if issue is not None:
            issue.articles.append(article)
    ordered = sorted(issues.values(), key=lambda i: (i.date, i.year, i.number), reverse=True)
    for n, issue in enumerate(ordered):
        issue.articles.sort(key=lambda a: int(a.order))
        issue.newer = ordered[n - 1] if n else None
        issue.older = ordered[n + 1] if n + 1 < len(ordered) else None
        groups: dict[str, SectionGroup] = {}
        for section in issue.meta.get("sections") or []:
            groups[section["name"]] = SectionGroup(section["name"], section_ids.get(section["name"], ""),
                                                   list(section.get("subcolumns") or []))
        for article in issue.articles:
            name = _name(article.category)
            group = groups.setdefault(name, SectionGroup(name, section_ids.get(name, ""), []))
            group.articles.append(article)
        # Sections read as printed: ordered by their first article (the 目录's order, and a piece
        # outside the 目录 filed by hand under some section does not move that section).
        issue.sections = sorted((g for g in groups.values() if g.articles),
                                key=lambda g: min(int(a.order) for a in g.articles))
        titles = [a.title for a in issue.articles]
        for n_art, article in enumerate(issue.articles):
            article.journal_issue = issue
            # In lists, pieces that share a printed title (three speeches) are told apart by author.
            names = "、".join(getattr(a, "name", str(a)) for a in getattr(article, "authors", None) or [])
            shared = titles.count(article.title) > 1 and names
            article.list_title = f"{article.title}（{names}）" if shared else article.title
            article.prev_in_issue = issue.articles[n_art - 1] if n_art else None
            article.next_in_issue = issue.articles[n_art + 1] if n_art + 1 < len(issue.articles) else None
    return ordered


CALL_FOR_SUBMISSIONS = "call-for-submissions"  # a page's `purpose`


def place_pages(issues: list[IssueModel], pages: list) -> None:
    """Pages printed in an issue (`issue` and `order` set: the 征稿启事) join its 目录 at their place in
    print order, inside the section printed around them, marked `toc_notice` (they belong to no section)."""
    by_ref = {issue.ref: issue for issue in issues}
    for page in pages:
        issue = by_ref.get(getattr(page, "issue", None))
        if issue is None or not str(getattr(page, "order", "")).isdigit() or not issue.sections:
            continue
        order = int(page.order)
        page.toc_notice = True
        page.list_title = page.title
        issue.notices.append(page)
        before = [a for a in issue.articles if int(a.order) < order]
        # the section of the piece printed just before it; the first section if it opens the issue
        group = next(g for g in issue.sections if (before[-1] if before else issue.articles[0]) in g.articles)
        group.articles.append(page)
        group.articles.sort(key=lambda a: int(a.order))
    for issue in issues:
        issue.notices.sort(key=lambda p: int(p.order))


def newest_call(issues: list[IssueModel], pages: list):
    """The call for submissions of the newest issue that prints one (or one printed in no issue)."""
    rank = {issue.ref: n for n, issue in enumerate(issues)}  # newest first
    calls = [p for p in pages if getattr(p, "purpose", None) == CALL_FOR_SUBMISSIONS]
    return min(calls, key=lambda p: rank.get(getattr(p, "issue", None), len(rank)), default=None)


def issues_by_year(issues: list[IssueModel]) -> list[tuple[str, list[IssueModel]]]:
    years: dict[str, list[IssueModel]] = {}
    for issue in issues:
        years.setdefault(issue.year, []).append(issue)
    return list(years.items())


def by_issue(articles: list) -> list[tuple[IssueModel, list]]:
    """Articles (of a section, an author, a tag) grouped by issue, newest issue first, print order."""
    groups: dict[int, tuple[IssueModel, list]] = {}
    for article in articles:
        issue = getattr(article, "journal_issue", None)
        if issue is not None:
            groups.setdefault(id(issue), (issue, []))[1].append(article)
    out = sorted(groups.values(), key=lambda g: (g[0].date, g[0].year, g[0].number), reverse=True)
    for _, items in out:
        items.sort(key=lambda a: int(a.order))
    return out
