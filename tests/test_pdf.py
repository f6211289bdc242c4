"""Print PDFs of the bundled issue (qhgy.pdf, plugin qhgy_pdf): they exist, hold the right
text, are set as Chinese print is, and carry fonts, bookmarks and metadata."""

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from qhgy.search.records import html_to_text

ISSUE_PDF = "2017/9-10/qhgy-2017-9-10.pdf"
NO_LINE_START = "，。、；：？！）」』》"
NO_LINE_END = "（「『《"
MM = 72 / 25.4
FOOT = 17 * MM  # the footer (page number, the citation on page 1) lies lower; the last body line higher


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def articles(site) -> list[dict]:
    """Every article page of the built site: its PDF, title, body text and bold runs."""
    out = []
    for page in sorted((site / "2017/9-10").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one(".article-body")
        pdf = site / soup.select_one('meta[name="citation_pdf_url"]')["content"].lstrip("/")
        out.append({"dir": page.parent, "pdf": pdf, "title": soup.h1.get_text(), "text": html_to_text(str(body)),
                    "bold": [b.get_text() for b in body.find_all("strong")],
                    "headings": {squash(h.get_text()) for h in body.find_all(re.compile("^h[1-6]$"))}})
    return out


def body_lines(pdf: Path, page: int) -> list[dict]:
    """The visual lines of a page's text area (header and footer cropped away), with their
    boxes: words grouped by baseline (pdftotext splits one line where compressed punctuation
    leaves a gap)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    soup = BeautifulSoup(out, "html.parser")
    height = float(soup.find("page")["height"])
    rows: dict[float, list] = {}
    for word in soup.find_all("word"):
        box = {k: float(word[k]) for k in ("xmin", "ymin", "xmax", "ymax")}
        if box["ymin"] < 22 * MM or box["ymax"] > height - FOOT:
            continue  # running head, footer
        key = next((k for k in rows if abs(k - box["ymax"]) < 1.5), box["ymax"])
        rows.setdefault(key, []).append((box, word.get_text()))
    lines = []
    for key in sorted(rows):
        words = sorted(rows[key], key=lambda w: w[0]["xmin"])
        boxes = [w[0] for w in words]
        lines.append({"xmin": boxes[0]["xmin"], "xmax": max(b["xmax"] for b in boxes),
                      "ymin": min(b["ymin"] for b in boxes), "ymax": key, "text": "".join(w[1] for w in words),
                      "size": max(b["ymax"] - b["ymin"] for b in boxes)})
    return lines


def body_text(pdf: Path) -> str:
    """The text of every page's text area, running head and footer cropped away (as a reader
    copies a paragraph that runs across a page break)."""
    width, height = 185 * MM, 260 * MM
    top, bottom = 22 * MM, FOOT
    return subprocess.run(["pdftotext", "-x", "0", "-y", str(int(top)), "-W", str(int(width)),
                           "-H", str(int(height - top - bottom)), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_every_article_and_the_issue_have_a_pdf_with_sane_page_counts(site, articles):
    assert len(articles) >= 50
    for a in articles:
        reader = PdfReader(a["pdf"])
        assert 1 <= len(reader.pages) <= 12, a["pdf"]
        width, height = (float(x) for x in reader.pages[0].mediabox[2:])
        assert round(width / MM) == 185 and round(height / MM) == 260  # 16开
    issue = PdfReader(site / ISSUE_PDF)
    assert len(articles) + 3 <= len(issue.pages) <= 3 * len(articles)


def test_the_title_is_on_page_one_as_extractable_text(articles):
    for a in articles:
        first = squash(PdfReader(a["pdf"]).pages[0].extract_text())
        assert squash(a["title"]) in first, a["pdf"]


def test_pdf_and_site_agree_on_every_article_text_and_emphasis(articles):
    """The body the site shows is, character for character (spacing aside), in the PDF, and
    what the site shows bold is bold in the PDF (a CommonMark parser would print asterisks)."""
    for a in articles:
        reader = PdfReader(a["pdf"])
        text = squash(body_text(a["pdf"]))
        for paragraph in a["text"].splitlines():
            assert squash(paragraph) in text, (a["pdf"], paragraph[:40])
        assert "**" not in text
        bold = []
        for page in reader.pages:
            page.extract_text(visitor_text=lambda t, cm, tm, font, size: bold.append(t)
                              if font and "Bold" in str(font.get("/BaseFont", "")) else None)
        bold_text = squash("".join(bold))
        for run in a["bold"]:
            assert squash(run) in bold_text, (a["pdf"], run)


def test_fonts_are_noto_serif_cjk_embedded_as_subsets(articles, site):
    for pdf in [a["pdf"] for a in articles[:5]] + [site / ISSUE_PDF]:
        fonts = set()
        for page in PdfReader(pdf).pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]))
        assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+NotoSerifCJK.*", f) for f in fonts), fonts


def test_chinese_glyphs_render_without_any_system_font(articles, tmp_path):
    """Rendered by poppler with an empty fontconfig (no fonts at all on the machine), the title
    still shows: the glyphs come from the PDF."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>')
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", "-png", str(articles[0]["pdf"]), str(png)],
                   check=True, capture_output=True, env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"})
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(1 for v in image.tobytes() if v < 128)
    assert dark > 500  # text, not a blank page


def test_body_lines_are_flush_on_both_edges(articles):
    """Every line that does not end a paragraph reaches the right edge of the text area (the
    next line starts at the left edge; a new paragraph starts 2em in)."""
    checked = 0
    for a in articles:
        pages = len(PdfReader(a["pdf"]).pages)
        for page in range(1, pages + 1):
            lines = [ln for ln in body_lines(a["pdf"], page) if 9 <= ln["size"] <= 12]
            if len(lines) < 3:
                continue
            # (a line may start with an opening quote set half width, its box ½em further left)
            left = min(ln["xmin"] for ln in lines if ln["text"][0] not in "“‘（《「『")
            right = left + (185 - 20 - 18) * MM  # the text area: page less inside and outside margins
            for line, after in zip(lines, lines[1:]):
                continuing = abs(after["xmin"] - left) < 1 and after["ymin"] - line["ymax"] < line["size"]
                short = line["xmax"] < right - 1.5
                ends_paragraph = (short and line["text"][-1] in "。！？”）》…：") \
                    or (short and abs(line["xmin"] - left - 2 * 10.5) < 1.5) \
                    or squash(line["text"]) in a["headings"]  # a one-line paragraph; a heading
                if continuing and line["xmin"] - left < 30 and not ends_paragraph:  # (before a heading)
                    # punctuation ending a line is set half width: its glyph box reaches ½em past
                    # (compressed by up to half: its glyph box may reach up to ½em past the edge)
                    overhang = 0 if line["text"][-1].isalnum() else line["size"] / 2
                    assert right - 1.5 < line["xmax"] < right + overhang + 1.5, (a["pdf"], page, line["text"])
                    checked += 1
    assert checked > 500


def test_no_line_starts_or_ends_with_forbidden_punctuation(articles):
    for a in articles:
        for page in range(1, len(PdfReader(a["pdf"]).pages) + 1):
            for line in body_lines(a["pdf"], page):
                assert line["text"][:1] not in NO_LINE_START, (a["pdf"], page, line["text"])
                assert line["text"][-1:] not in NO_LINE_END, (a["pdf"], page, line["text"])


def test_every_paragraph_is_indented_two_em_even_after_a_heading(articles):
    a = next(x for x in articles if x["dir"].name == "34")  # headings 一、二、三、 with text under them
    lines = [ln for ln in body_lines(a["pdf"], 1) if 9 <= ln["size"] <= 12]
    left = min(ln["xmin"] for ln in lines)
    firsts = [ln for ln in lines if ln["text"].startswith(("全面深化改革", "认真学习贯彻"))]
    assert len(firsts) == 2
    for line in firsts:
        assert abs(line["xmin"] - left - 2 * 10.5) < 1.5, line


def test_copied_text_has_no_space_between_han_and_digits(articles):
    for a in articles:
        text = "".join(page.extract_text() for page in PdfReader(a["pdf"]).pages)
        site = a["text"]
        for m in re.finditer(r"[\u4e00-\u9fff] (?=\d)|\d (?=[\u4e00-\u9fff])", text):
            assert m.group().replace(" ", "") + " " not in site, (a["pdf"], text[m.start() - 10:m.end() + 10])
        assert "7月19日" in text or "7 月" not in text


def outline(reader) -> list[tuple[int, str, int]]:
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 1)
    return out


def test_issue_bookmarks_follow_the_toc_by_section_and_article(site, articles):
    reader = PdfReader(site / ISSUE_PDF)
    marks = outline(reader)
    titles = [t for depth, t, _ in marks if depth == 2]
    assert len(titles) == len(articles)
    by_order = [a["title"] for a in sorted(articles, key=lambda a: a["dir"].name)]
    assert [t.split("（")[0] if t.endswith("）") and t.split("（")[0] in by_order else t for t in titles] == by_order
    sections = [t for depth, t, _ in marks if depth == 1]
    assert sections[0] == "省委群团改革工作座谈会特辑" and "信息短播" in sections
    # the three speeches printed under one title are told apart by their speakers
    speeches = [t for t in titles if t.startswith("在省委群团改革工作座谈会上的发言")]
    assert len(speeches) == 3 and len(set(speeches)) == 3


def test_toc_page_numbers_point_at_the_pages_where_articles_start(site):
    """The 目录's numbers are print pages (tests/test_pdf_folios.py): each is the label, or in the
    label's range, of the page the article starts on."""
    reader = PdfReader(site / ISSUE_PDF)
    starts = [page for depth, _, page in outline(reader) if depth == 2]
    toc = "\n".join(reader.pages[i].extract_text() for i in (2, 3))
    printed = [int(n) for n in re.findall(r"[·.…]+\s*(\d+)\s*$", toc, re.M)]
    assert len(printed) == len(starts)
    for number, page in zip(printed, starts):
        first, *rest = re.split(r"[—–]", reader.page_labels[page])
        assert int(first) <= number <= int(rest[-1] if rest else first), (number, reader.page_labels[page])
    for depth, title, page in outline(reader):
        if depth == 2:
            assert squash(title.split("（")[0])[:12] in squash(reader.pages[page].extract_text()), title


def test_issue_pdf_has_a_cover_masthead_and_metadata(site):
    reader = PdfReader(site / ISSUE_PDF)
    cover = reader.pages[0].extract_text()
    assert "青海工运" in cover and "2017年第9-10期" in cover and "2017年10月10日" in cover
    masthead = reader.pages[1].extract_text()
    assert "编委会" in masthead and "李忠" in masthead and "810007" in masthead
    meta = reader.metadata
    assert meta.title == "《青海工运》2017年第9-10期" and "青海省总工会" in meta.author
    assert "信息短播" in meta["/Keywords"] and "2017年10月10日出版" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_article_pdf_has_head_attributions_and_citation_footer(articles):
    a = next(x for x in articles if x["dir"].name == "34")
    first = PdfReader(a["pdf"]).pages[0].extract_text()
    assert "省总党组书记、常务副主席" in first and "李忠" in first  # author with role
    assert "李忠.关于推进工会改革向基层延伸的总体思考[J].青海工运，2017（9/10）：37-39." in squash(first)  # GB/T 7714-2025
    meta = PdfReader(a["pdf"]).metadata
    assert meta.title == a["title"] and meta.author == "李忠"


def test_pages_link_their_pdfs(site):
    article = (site / "2017/9-10/34/index.html").read_text(encoding="utf-8")
    assert 'href="/2017/9-10/34/qhgy-2017-9-10-34.pdf"' in article
    assert '<meta name="citation_pdf_url" content="/2017/9-10/34/qhgy-2017-9-10-34.pdf">' in article
    issue = (site / "2017/9-10/index.html").read_text(encoding="utf-8")
    assert f'href="/{ISSUE_PDF}"' in issue


def test_the_running_head_names_the_section_of_its_page(site):
    reader = PdfReader(site / ISSUE_PDF)
    for depth, title, page in outline(reader):
        if depth == 1:  # the page where a section starts says so in its head
            head = subprocess.run(["pdftotext", "-layout", "-f", str(page + 1), "-l", str(page + 1),
                                   str(site / ISSUE_PDF), "-"], capture_output=True, text=True).stdout.splitlines()[0]
            assert head.split()[-1] == title, (page + 1, head)


def test_short_pieces_printed_on_one_page_share_a_page(site):
    reader = PdfReader(site / ISSUE_PDF)
    news = [page for depth, title, page in outline(reader) if depth == 2][-13:-1]  # the twelve 信息短播 items
    assert len(set(news)) <= 6  # twelve items on two print pages do not take twelve PDF pages


def test_a_translations_pdf_is_set_in_english(site):
    """Its own PDF, linked from its page: English metadata and language, Noto Serif for the Latin with
    Noto Serif CJK for the names kept in Chinese, the English running head and citation."""
    page = (site / "en/2017/9-10/07/index.html").read_text(encoding="utf-8")
    pdf = site / "en/2017/9-10/07/qhgy-2017-9-10-07.pdf"
    assert 'href="/en/2017/9-10/07/qhgy-2017-9-10-07.pdf"' in page
    reader = PdfReader(pdf)
    title = BeautifulSoup(page, "html.parser").h1.get_text()
    assert reader.metadata.title == title and reader.trailer["/Root"]["/Lang"] == "en"
    assert "Qinghai Gongyun" in reader.metadata["/Keywords"] and "[J]. Qinghai Gongyun，2017（9/10）" in reader.metadata.subject
    first = reader.pages[0].extract_text()
    assert "Qinghai Gongyun, No. 9–10, 2017" in first  # the running head
    assert "王霞" in first  # the name, as printed
    assert "Wang Xia." in first  # the English citation at the foot (GB/T 7714-2025: the family name as written)
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any(f.startswith("NotoSerif-") for f in fonts) and any(f.startswith("NotoSerifCJK") for f in fonts), fonts
