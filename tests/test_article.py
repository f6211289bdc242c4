"""Articles of the real sample issue, as build_draft makes them: every piece found, numbered, placed,
its text complete and clean."""

import re
from collections import Counter

import pytest

from qhgy.importer.blocks import split_blocks
from qhgy.importer.patterns import TRAILING_SOURCE_UNIT, closing_kind, is_paragraph_like
from qhgy.importer.punctuation import normalize_more
from qhgy.importer.source import read_source
from qhgy.textnorm import HAN, normalize

from conftest import SAMPLE


def body(item) -> str:
    return "\n\n".join(item.draft.paragraphs)


def test_every_toc_entry_and_every_unlisted_piece(sample_plan):
    items = sample_plan.items
    assert len(items) == 56
    assert sum(i.piece.entry is not None for i in items) == 53
    assert [i.order for i in items] == list(range(1, 57))
    assert not any("NOT FOUND" in n for n in sample_plan.notes)
    assert all(i.draft.paragraphs for i in items)
    unlisted = [(i.order, i.draft.title, i.kind) for i in items if i.piece.entry is None]
    assert unlisted == [(1, "省委群团改革工作座谈会在西宁召开", "article"),
                        (37, "《青海工运》征稿启事", "page"),
                        (56, "省总工会召开十三届九次委员会议", "article")]


def test_toc_order_is_kept_in_print_order(sample_plan):
    pages = [i.first_page for i in sample_plan.items if i.piece.entry is not None]
    assert pages == sorted(pages)


def test_page_furniture_gone_everywhere(sample_plan):
    for item in sample_plan.items:
        text = body(item)
        for furniture in ("青海工运 9-10 2017", "QING HAI", "宣传政策 指导工作", "青海省总工会主办"):
            assert furniture not in text, (item.order, furniture)


def test_news_briefs_are_twelve_articles(sample_plan):
    # the 目录's twelve (the committee meeting printed after them, outside the 目录, is filed there too: a guess)
    briefs = [i for i in sample_plan.items if i.section == "信息短播" and i.piece.entry is not None]
    assert len(briefs) == 12
    assert all(i.draft.source_unit for i in briefs)
    assert not any(i.draft.title.startswith("★") for i in briefs)
    assert briefs[0].draft.title == "加强联动 促进工会经费代收"


def test_subcolumns(items_by_title):
    assert items_by_title["抗战烽火中的朱德家书"].subcolumn == "革命家风"
    assert items_by_title["肺动脉高压的几大表现"].subcolumn == "健康有道"
    assert items_by_title["窗外的白丁香"].subcolumn == "生活感悟"


def test_every_paragraph_of_the_body_lands_in_exactly_one_piece(sample_plan):
    """Nothing lost, nothing leaked: each paragraph of the source is in one article only."""
    source = read_source(SAMPLE)
    blocks, _ = split_blocks(source.lines, sample_plan.toc.end)
    def plain(text):  # a bold heading loses its ** as a Markdown heading; escapes are not text
        text = re.sub(r"\\([\\`*_.)#>+=|-])", r"\1", text).replace("**", "")
        # a heading loses the space a line wrap left in it; a list's '14. ' becomes '14、' like its '13、'
        text = re.sub(f"(?<=[{HAN}]) +(?=[{HAN}])", "", text)
        text = re.sub(r"(?m)^(\d{1,3})(?:、|[.．](?!\d) ?)", r"\1、", text)
        m = TRAILING_SOURCE_UNIT.match(text)  # "…列席会议。(省总办公室)": the unit is metadata
        return m.group("body") if m else text

    bodies = [plain(body(i)) for i in sample_plan.items]
    def imported(text):  # the normalisation the importer applies to body text
        return plain(normalize_more(normalize(text), Counter()))

    texts = [imported(b.text) for b in blocks]
    everywhere = [imported(b.text) for b in split_blocks(source.lines)[0]]  # the cover pages too
    title_lines = {b.line for i in sample_plan.items for b in i.piece.blocks[: i.piece.title_blocks]}
    checked = 0
    for block, text in zip(blocks, texts):
        if block.line in title_lines or len(text) < 20 or not is_paragraph_like(text) or closing_kind(block.text):
            continue
        holders = [n for n, b in enumerate(bodies) if text in b]
        # The sample prints one paragraph twice (王国生's instruction, on pages 4 and 5): as often as printed.
        printed = sum(text in other for other in everywhere)
        assert 1 <= len(holders) <= printed, (block.line, text[:30], holders)
        checked += 1
    assert checked > 250  # 297 paragraphs of the sample are checked


@pytest.mark.parametrize("key", ["title", "category", "issue", "order", "first_page", "last_page", "date", "lang",
                                 "slug"])
def test_required_metadata_on_every_article(sample_plan, key):
    for item in sample_plan.items:
        if item.kind == "article":
            assert item.meta.get(key), (item.order, key)
    assert {i.meta["date"] for i in sample_plan.items} == {"2017-10-10"}
