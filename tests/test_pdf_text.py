"""pdf_to_text: the text layer of a PDF comes back in the shape of the extracted .txt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdf_fixtures import (PAGE_DAMAGE, damage_page, make_damaged_pdf, make_encrypted_pdf, make_issue_pdf,
                          make_owner_only_pdf, make_scanned_pdf, text_blocks)
from qhgy.errors import SourceError
from qhgy.importer.blocks import is_furniture
from qhgy.importer.pdf_text import DAMAGED_FIX, pdf_to_text

SAMPLE = Path(__file__).parent.parent / "content" / "issues" / "2017" / "9-10" / "qhgy-2017-09-10.txt"


def pdf_blocks(text: str) -> list[list[str]]:
    """Blocks of pdf_to_text's output, each as its list of lines."""
    return [block.split("\n") for block in text.strip("\n").split("\n\n")]


def test_sample_issue_round_trips_block_for_block(tmp_path):
    sample = SAMPLE.read_text(encoding="utf-8")
    out = pdf_to_text(make_issue_pdf(sample, tmp_path / "issue.pdf"))

    assert "\n\n\n" not in out and not out.startswith("\n")
    expected = text_blocks(sample)
    got = pdf_blocks(out)
    assert len(got) == len(expected) == 544
    # Every block comes back exactly, its lines joined with nothing, but for one thing:
    # where typst wrapped a line at a space ("- 05 王国生", "5 个"), that space ends the
    # PDF line and goes with it, as in any print PDF (4 of 544 blocks in this sample).
    # So a space may be missing only at a line end, nowhere else.
    for want, lines in zip(expected, got):
        pattern = " ?".join(re.escape(line) for line in lines)
        assert re.fullmatch(pattern, want), (want, lines)
    exact = sum(want == "".join(lines) for want, lines in zip(expected, got))
    assert exact >= len(expected) - 10


def test_columns_and_pages_start_blocks(tmp_path):
    # Long paragraphs in two columns over several pages: each column/page jump is a
    # block start only where a paragraph starts (paragraphs here never straddle one).
    paragraphs = [f"第{i}段。" + "职工群众" * 60 for i in range(12)]
    out = pdf_to_text(make_issue_pdf("\n\n".join(paragraphs), tmp_path / "cols.pdf"))
    assert ["".join(lines) for lines in pdf_blocks(out)] == paragraphs
    assert all(len(lines) > 5 for lines in pdf_blocks(out))  # typst wrapped them


@pytest.mark.parametrize("algorithm", [None, "AES-128", "AES-256"])
def test_owner_password_only_opens_and_reads(tmp_path, algorithm):
    # RC4 (pypdf's default), and AES, which pypdf reads with the 'cryptography' package
    pdf = make_owner_only_pdf(tmp_path / "owner.pdf", "青海工运\n\n省委群团改革工作座谈会在西宁召开", algorithm)
    assert pdf_to_text(pdf) == "青海工运\n\n省委群团改革工作座谈会在西宁召开\n"


@pytest.mark.parametrize("algorithm", [None, "AES-256"])
def test_user_password_is_a_source_error_naming_the_file(tmp_path, algorithm):
    pdf = make_encrypted_pdf(tmp_path / "locked.pdf", user_password="secret", algorithm=algorithm)
    with pytest.raises(SourceError) as caught:
        pdf_to_text(pdf)
    assert caught.value.path == pdf
    assert "locked.pdf" in str(caught.value) and "password" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_damaged_pdf_is_a_source_error(tmp_path):
    pdf = make_damaged_pdf(tmp_path / "damaged.pdf")
    with pytest.raises(SourceError, match="damaged.pdf.*re-export the PDF"):
        pdf_to_text(pdf)


def test_not_a_pdf_at_all_is_a_source_error(tmp_path):
    fake = tmp_path / "issue.pdf"
    fake.write_text("青海工运 2017年第9-10期", encoding="utf-8")
    with pytest.raises(SourceError, match="issue.pdf"):
        pdf_to_text(fake)


def test_scan_without_text_layer_is_a_source_error(tmp_path):
    pdf = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(SourceError, match="scan.pdf.*no text layer.*OCR"):
        pdf_to_text(pdf)


def test_nothing_is_printed(tmp_path, capsys):
    good = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "good.pdf")
    for pdf in (make_damaged_pdf(tmp_path / "d.pdf"), make_scanned_pdf(tmp_path / "s.pdf"),
                damage_page(good, tmp_path / "p.pdf", 2)):
        with pytest.raises(SourceError):
            pdf_to_text(pdf)
    pdf_to_text(make_owner_only_pdf(tmp_path / "o.pdf"))
    assert capsys.readouterr() == ("", "")


# Paragraphs long enough to run over columns and pages, with a sentence ending every few
# characters, so that many column ends fall right after a full stop.
PARAGRAPHS = [f"第{i}段。" + "职工群众团结奋进，建功立业。" * (24 + i % 7) for i in range(20)]


@pytest.mark.parametrize("how", PAGE_DAMAGE)
def test_a_page_that_cannot_be_read_stops_the_import_naming_it(tmp_path, how):
    good = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "good.pdf")
    assert len(PdfReader(good).pages) >= 3
    pdf = damage_page(good, tmp_path / "issue.pdf", 2, how)
    with pytest.raises(SourceError) as caught:
        pdf_to_text(pdf)
    message = str(caught.value)
    assert caught.value.path == pdf and "\n" not in message
    assert "issue.pdf: page 2 of " in message and "cannot be read" in message and DAMAGED_FIX in message


def test_every_unreadable_page_is_named(tmp_path):
    good = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "good.pdf")
    once = damage_page(good, tmp_path / "once.pdf", 1)
    twice = damage_page(once, tmp_path / "twice.pdf", 3, "missing-object")
    with pytest.raises(SourceError, match=r"twice\.pdf: pages 1, 3 of \d+ cannot be read"):
        pdf_to_text(twice)


def _texts(out: str) -> list[str]:
    """The blocks of pdf_to_text's output as text, page furniture left out."""
    return ["".join(line for line in lines if not is_furniture(line)) for lines in pdf_blocks(out)
            if not all(is_furniture(line) for line in lines)]


@pytest.mark.parametrize("columns", [1, 2])
def test_paragraphs_run_on_over_columns_and_pages_in_an_indented_layout(tmp_path, columns):
    # Chinese print indents each paragraph's first line: a full last line of a column followed by
    # a line that is not indented is one paragraph, even right after a full stop.
    pdf = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "indented.pdf", columns=columns, breakable=True,
                         indent=2, head="青海工运 9-10 2017")
    assert len(PdfReader(pdf).pages) >= 3
    assert _texts(pdf_to_text(pdf)) == PARAGRAPHS


def test_without_indents_a_column_end_after_a_full_stop_cannot_be_told(tmp_path):
    # Without first-line indents a paragraph broken right after a full stop at a column end
    # looks like two: the blocks come back as pieces of the paragraphs, nothing lost, cut only
    # where a column or page ends (the text stage joins what does not end a sentence).
    pdf = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "flush.pdf", breakable=True)
    texts = _texts(pdf_to_text(pdf))
    assert len(texts) > len(PARAGRAPHS)
    pieces = iter(texts)
    for paragraph in PARAGRAPHS:
        joined = next(pieces)
        while joined != paragraph:
            assert paragraph.startswith(joined)
            joined += next(pieces)


def test_aes_without_the_cryptography_package_says_how_to_mend_the_installation(tmp_path, monkeypatch):
    from pypdf.errors import DependencyError

    pdf = make_owner_only_pdf(tmp_path / "aes.pdf", algorithm="AES-256")

    def no_cryptography(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_cryptography)
    with pytest.raises(SourceError, match=r"aes\.pdf: .*'cryptography'.*scripts/setup\.sh"):
        pdf_to_text(pdf)


def test_a_repeated_damage_report_still_stops_the_import_with_pelican_loaded(tmp_path):
    """Pelican, once imported, makes every logger created afterwards drop a message it has seen
    (its log de-duplication): the same damage on a second PDF must still be reported. Run in a
    fresh process, so that Pelican is imported before pypdf, as in a build that imports."""
    import subprocess
    import sys

    good = make_issue_pdf("\n\n".join(PARAGRAPHS), tmp_path / "good.pdf")
    first = damage_page(good, tmp_path / "first.pdf", 2, PAGE_DAMAGE[0])
    second = damage_page(good, tmp_path / "second.pdf", 2, PAGE_DAMAGE[0])
    code = ("import sys, pelican.log\n"
            "from qhgy.errors import SourceError\n"
            "from qhgy.importer.pdf_text import pdf_to_text\n"
            "for pdf in sys.argv[1:]:\n"
            "    try:\n"
            "        pdf_to_text(pdf)\n"
            "        print('read', pdf)\n"
            "    except SourceError as err:\n"
            "        print('refused', err.path.name)\n")
    done = subprocess.run([sys.executable, "-c", code, str(first), str(second)], capture_output=True, text=True)
    assert done.stdout.split() == ["refused", "first.pdf", "refused", "second.pdf"], done.stdout + done.stderr


WIDE_LINES = r"""
#set page(width: 120mm, height: 80mm, margin: 10mm)
#set text(font: "Noto Serif CJK SC", size: 10pt, lang: "zh", region: "cn")
#text(tracking: 0.5em)[最直接最有效的办法]

#text(font: "Noto Sans CJK SC", tracking: 0.6em)[QING HAI GONG YUN]

提高政治站位 把准主攻方向 加强组织领导

Trade Unions in Qinghai: A Survey
"""


def test_spaces_of_type_set_wide_are_undone_and_real_spaces_kept(tmp_path):
    """Tracking or a justified line stretched over a few characters reads as 最 直 接 最 and
    Q I N G  H A I; a kicker's spaces between its phrases and Latin word spaces are the text's."""
    import typst

    from qhgy.fonts import FONT_DIR

    pdf = tmp_path / "wide.pdf"
    typst.compile(WIDE_LINES.encode(), output=str(pdf), font_paths=[str(FONT_DIR)])
    lines = [line for line in pdf_to_text(pdf).splitlines() if line]
    assert lines == ["最直接最有效的办法", "QING HAI GONG YUN", "提高政治站位 把准主攻方向 加强组织领导",
                     "Trade Unions in Qinghai: A Survey"]


PHOTO_PAGE = r"""
#set page(width: 110mm, height: 230mm, margin: 12mm)
#set text(font: "Noto Serif CJK SC", size: 10pt, lang: "zh")
// unjustified: where a stretched line really ends is not read (see pdf_text.FULL_SLACK)
#set par(justify: false, leading: 0.62em, spacing: 0.62em, first-line-indent: (amount: 2em, all: true))
#let caption(body) = block(above: 0.4em, below: 0.9em, align(center, text(font: "Noto Sans CJK SC", size: 7.5pt, body)))
#align(center, block(width: 60%, text(font: "Noto Sans CJK SC", weight: "bold", size: 15pt)[省总工会召开十三届九次委员会议暨全省工会工作推进会]))
#align(center, text(size: 8pt)[本刊记者　朱爱丽])

9月22日，省总工会召开十三届九次委员会议，深入学习贯彻习近平总书记重要讲话精神，学习贯彻中央、省委群团改革工作座谈会精神，学习贯彻省第十三次党代会精神。会议由省总党组书记主持，全体委员和

#block(above: 0.6em, below: 0.3em, rect(width: 100%, height: 30mm, fill: luma(215), stroke: none))
#caption[省总党组书记、常务副主席李忠主持会议并讲话，全体委员参加会议并分组讨论]

#par(first-line-indent: 0em)[各市州总工会负责同志列席会议。会议指出，习近平总书记重要指示从全局和战略高度深刻阐明做好群团工作、推进群团改革的重大意义、目标任务和基本要求。]

会议要求，各级工会要提高政治站位，深入学习领会习近平总书记重要讲话重要指示精神，切实增强贯彻落实的思想自觉和行动自觉。

#block(above: 0.6em, below: 0.3em, image("photo.png", width: 100%, height: 25mm))
#caption[会议现场]

会议强调，要紧盯年初确定的目标任务，系统梳理工作进度，着实补齐工作短板，狠抓落实，以优异成绩迎接党的十九大胜利召开。

会议审议通过了有关人事事项，选举产生了新一届经费审查委员会，并对下一阶段的重点工作作出了具体安排和部署。

会议号召，全省各级工会组织和广大工会干部要以更加饱满的热情、更加务实的作风，团结动员广大职工群众建功立业。

#align(right, text(size: 8pt)[（省总办公室）])
"""


def test_captions_are_read_by_their_type_and_place_under_a_picture(tmp_path):
    """A line in smaller type right under a photo (a raster image, or a filled box standing for
    one) begins a caption, and the caption's centred lines are one block. The paragraph the photo
    interrupts runs on below it; small type that stands under no picture (a byline, an
    attribution) is no caption; a centred title wrapped over lines is one block."""
    import typst
    from PIL import Image

    from qhgy.fonts import FONT_DIR
    from qhgy.importer.pdf_text import read_pdf

    Image.new("RGB", (60, 20), (120, 140, 160)).save(tmp_path / "photo.png")
    source = tmp_path / "page.typ"
    source.write_text(PHOTO_PAGE, encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    typst.compile(str(source), output=str(pdf), font_paths=[str(FONT_DIR)])

    read = read_pdf(pdf)
    lines = read.text.split("\n")
    blocks = pdf_blocks(read.text)
    joined = ["".join(block) for block in blocks]
    captions = ["".join(block) for block in blocks
                if lines.index(block[0]) + 1 in read.captions]
    assert captions == ["省总党组书记、常务副主席李忠主持会议并讲话，全体委员参加会议并分组讨论", "会议现场"]
    assert joined[0] == "省总工会召开十三届九次委员会议暨全省工会工作推进会"  # wrapped, centred: one block
    # the paragraph the photo cuts is one paragraph, its caption set aside after it
    cut = next(j for j in joined if j.startswith("9月22日"))
    assert "全体委员和各市州总工会负责同志列席会议。" in cut and "李忠" not in cut
    assert "本刊记者朱爱丽" in [j.replace("　", "").replace(" ", "") for j in joined]
    assert "（省总办公室）" in joined
    assert not any(lines[n - 1].startswith(("本刊记者", "（省总办公室）")) for n in read.captions)
