"""The submission page (/submit/, /en/submit/) in Debian's chromium: the guidelines, the editorial
office's address from the one source, the form's checks and messages, the prepared e-mail, a POST
to an endpoint (the reference receiver on 127.0.0.1) and its failure, the honeypot, the draft kept
across a reload, without JavaScript, and axe."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import CONTENT, ROOT
from site_helpers import build_site, soup

ISSUE = yaml.safe_load((CONTENT / "issues/2017/9-10/issue.yaml").read_text(encoding="utf-8"))
EMAIL = ISSUE["contact"]["email"]
REQUIRED = ["name", "unit", "address", "postcode", "mobile", "title", "section", "genre", "abstract", "manuscript",
            "original", "privacy"]
MIN_FILL_S = 3.2  # js/submit.js MIN_FILL_MS: a form sent sooner is taken for a bot's


def manuscript(name="稿件.docx", size=2048) -> dict:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": b"x" * size}


def fill_valid(page, title="职工书屋建设的几点体会", abstract="介绍基层工会建设职工书屋的做法和体会。") -> None:
    page.fill("#f-name", "卓玛")
    page.fill("#f-unit", "西宁市总工会")
    page.fill("#f-address", "西宁市城东区昆仑路184号")
    page.fill("#f-postcode", "810007")
    page.fill("#f-mobile", "13912345678")
    page.fill("#f-email", "zhuoma@example.com")
    page.fill("#f-title", title)
    page.select_option("#f-section", index=1)
    page.select_option("#f-genre", index=2)
    page.fill("#f-abstract", abstract)
    page.fill("#f-keywords", "职工书屋 基层工会")
    page.set_input_files("#f-file", manuscript())
    page.check("#f-original")
    page.check("#f-privacy")


def errors(page) -> dict[str, str]:
    """field name → its message, for every message shown."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.field-error'))
        .filter((e) => !e.hidden).map((e) => [document.getElementById('f-' + e.id.slice(2)).name, e.textContent]))""")


def submit(page) -> None:
    # no wait: a prepared e-mail is a navigation to mailto:, which a browser hands to the mail program
    page.click("#submit-form button[type=submit]", no_wait_after=True)
    page.wait_for_timeout(100)


@pytest.fixture
def form_page(browser, base):
    """A fresh page for each test (headless chromium hands a mailto: navigation to no program, and
    the page that made it stops answering clicks), with no draft, loaded long enough to send."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{base}/submit/")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_timeout(MIN_FILL_S * 1000)
    yield page
    page.close()
    assert errors == []


def test_the_page_is_linked_from_every_header_and_footer_and_names_the_office_from_the_masthead(site):
    for path, link in (("index.html", "/submit/"), ("2017/9-10/07/index.html", "/submit/"),
                       ("en/index.html", "/en/submit/"), ("en/2017/9-10/28/index.html", "/en/submit/")):
        page = soup(site, path)
        assert page.select_one(f'.site-nav a[href="{link}"]') and page.select_one(f'.site-footer a[href="{link}"]'), path
    page = soup(site, "submit/index.html")
    office = page.select_one(".submit-contact").get_text(" ")
    assert EMAIL in office and ISSUE["contact"]["postcode"] in office and ISSUE["contact"]["address"] in office
    assert page.select_one('.submit-contact a[href="/call-for-submissions-2017-9-10/"]')  # the printed call
    assert soup(site, "en/submit/index.html").html["lang"] == "en"
    # one source: no template spells the office's address or e-mail
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert EMAIL not in text and ISSUE["contact"]["postcode"] not in text, template


def test_the_guidelines_say_what_a_contributor_needs(site):
    text = soup(site, "submit/index.html").select_one(".guidelines").get_text()
    for words in ("工作指导", "理论与实践", "体裁", "字以内", "原创", "一稿多投", "自留底稿", "照片", "摄影者", "30 日内"):
        assert words in text, words


def test_an_empty_form_shows_every_required_fields_error(form_page):
    submit(form_page)
    shown = errors(form_page)
    assert set(shown) == set(REQUIRED)
    summary = form_page.locator(".form-summary")
    assert summary.is_visible() and summary.get_attribute("role") == "alert"
    assert form_page.evaluate("document.activeElement.classList.contains('form-summary')")
    assert len(summary.locator("li").all()) == len(REQUIRED)
    assert form_page.get_attribute("#f-name", "aria-invalid") == "true"
    assert "e-name" in form_page.get_attribute("#f-name", "aria-describedby")


@pytest.mark.parametrize("field, value, expected", [
    ("#f-postcode", "81007", "6 位数字"),
    ("#f-mobile", "12912345678", "11 位数字"),
    ("#f-landline", "09718804826", "区号"),
    ("#f-email", "zhuoma.example.com", "电子邮箱格式"),
])
def test_a_wrong_format_is_named_next_to_its_field(form_page, field, value, expected):
    fill_valid(form_page)
    form_page.fill(field, value)
    submit(form_page)
    name = form_page.get_attribute(field, "name")
    assert list(errors(form_page)) == [name] and expected in errors(form_page)[name]


def test_a_landline_alone_is_enough(form_page):
    fill_valid(form_page)
    form_page.fill("#f-mobile", "")
    form_page.fill("#f-landline", "0971-8804826")
    submit(form_page)
    assert errors(form_page) == {}


@pytest.mark.parametrize("file, expected", [
    (manuscript("稿件.exe"), "不接受这种文件格式"),
    (manuscript("稿件.pdf", 21 * 1024 * 1024), "不能超过 20 MB"),
])
def test_a_wrong_file_is_named(form_page, file, expected):
    fill_valid(form_page)
    form_page.set_input_files("#f-file", file)
    submit(form_page)
    assert list(errors(form_page)) == ["manuscript"] and expected in errors(form_page)["manuscript"]


def test_a_valid_form_prepares_the_e_mail(form_page):
    fill_valid(form_page)
    submit(form_page)
    assert errors(form_page) == {}
    link = form_page.locator(".form-mailto a")
    assert link.is_visible()
    url = link.get_attribute("href")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == EMAIL
    query = parse_qs(parts.query)
    assert query["subject"] == ["投稿：职工书屋建设的几点体会"]
    body = query["body"][0]
    for line in ("姓名：卓玛", "工作单位：西宁市总工会", "邮编：810007", "手机：13912345678", "稿件文件：稿件.docx",
                 "原创声明：是", "同意个人信息说明：是"):
        assert line in body, line
    assert "请把稿件文件" in body and "website" not in body
    assert len(url) <= 1900


def test_a_long_form_is_shortened_to_a_mailto_url_mail_programs_accept(form_page):
    fill_valid(form_page, abstract="这篇文章介绍基层工会的做法。" * 28)
    form_page.fill("#f-captions", "\n".join(f"第{n}张：2017年8月，职工书屋开放日，读者在阅读。摄影：石彬" for n in range(30)))
    submit(form_page)
    url = form_page.get_attribute(".form-mailto a", "href")
    assert len(url) <= 1900
    body = parse_qs(urlsplit(url).query)["body"][0]
    assert "（有删节，全文见稿件）" in body and "姓名：卓玛" in body and "请把稿件文件" in body


def test_a_form_sent_too_soon_or_by_a_bot_sends_nothing(browser, base):
    page = browser.new_page()
    page.goto(f"{base}/submit/")
    page.evaluate("localStorage.clear()")
    page.reload()
    fill_valid(page)
    submit(page)  # within MIN_FILL_S of loading: a program's speed
    assert page.locator(".form-mailto").is_hidden() and "太快" in page.inner_text(".form-status")
    page.wait_for_timeout(MIN_FILL_S * 1000)
    page.evaluate("document.getElementById('f-website').value = 'http://spam.example'")  # what a bot fills in
    submit(page)
    assert page.locator(".form-mailto").is_hidden() and errors(page) == {}
    page.close()


def test_a_reload_restores_the_draft_and_clearing_removes_it(form_page):
    form_page.fill("#f-name", "卓玛")
    form_page.fill("#f-abstract", "草稿中的摘要")
    form_page.check("#f-privacy")
    form_page.reload()
    assert form_page.input_value("#f-name") == "卓玛" and form_page.input_value("#f-abstract") == "草稿中的摘要"
    assert form_page.is_checked("#f-privacy") and "已恢复" in form_page.inner_text(".form-status")
    form_page.click(".form-clear")
    form_page.reload()
    assert form_page.input_value("#f-name") == "" and not form_page.is_checked("#f-privacy")


def test_the_form_works_from_the_keyboard(form_page):
    form_page.focus("#f-name")
    form_page.keyboard.type("卓玛")
    for _ in range(20):  # Tab through to the send button and press it
        form_page.keyboard.press("Tab")
        if form_page.evaluate("document.activeElement.type === 'submit'"):
            break
    assert form_page.evaluate("document.activeElement.type === 'submit'")
    form_page.keyboard.press("Enter")
    assert "name" not in errors(form_page) and "unit" in errors(form_page)


def test_without_javascript_the_guidelines_address_and_a_mailto_link_remain(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/submit/")
    assert page.locator(".guidelines").is_visible()
    link = page.locator(f'.submit-contact p a[href^="mailto:{EMAIL}"]')
    assert link.is_visible() and "subject=" in link.get_attribute("href")
    context.close()


@pytest.mark.parametrize("path", ["/submit/", "/en/submit/"])
def test_no_serious_or_critical_accessibility_violations(form_page, base, path):
    from axe_playwright_python.sync_playwright import Axe

    form_page.goto(base + path)
    form_page.wait_for_timeout(MIN_FILL_S * 1000)
    submit(form_page)  # with every error shown
    results = Axe().run(form_page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)


# ------------------------------------------------------------------ with an endpoint

@pytest.fixture(scope="module")
def endpoint_site(tmp_path_factory):
    """The bundled content built with SUBMISSION_ENDPOINT at a reference receiver on 127.0.0.1."""
    from devtools.submission_receiver import receiving

    work = tmp_path_factory.mktemp("endpoint")
    with receiving(work / "received") as receiver:
        settings = work / "settings.py"
        settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                            f"SUBMISSION_ENDPOINT = {receiver.url!r}\n", encoding="utf-8")
        result = build_site(work / "output", settings=str(settings))
        assert result.returncode == 0, result.stdout + result.stderr
        yield work / "output", receiver


@pytest.fixture
def endpoint_page(browser, endpoint_site):
    from devtools.browser import serve

    site, receiver = endpoint_site
    receiver.received.clear()
    with serve(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/submit/")
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_timeout(MIN_FILL_S * 1000)
        yield page, receiver
        page.close()


def test_with_an_endpoint_the_form_posts_every_field_and_the_file(endpoint_page):
    page, receiver = endpoint_page
    assert page.get_attribute("#submit-form", "action") == receiver.url  # also without JavaScript
    fill_valid(page)
    page.set_input_files("#f-photos", [{"name": "书屋.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8" + b"0" * 500}])
    submit(page)
    page.wait_for_function("() => document.querySelector('.form-status').textContent.includes('稿件已收到')")
    assert len(receiver.received) == 1
    got = receiver.received[0]
    assert {k: got["fields"][k] for k in ("name", "unit", "postcode", "mobile", "title", "original", "privacy")} == {
        "name": "卓玛", "unit": "西宁市总工会", "postcode": "810007", "mobile": "13912345678",
        "title": "职工书屋建设的几点体会", "original": "yes", "privacy": "yes"}
    assert ("manuscript", "稿件.docx", 2048) in got["files"] and ("photos", "书屋.jpg", 502) in got["files"]
    assert got["fields"]["website"] == ""


def test_a_failed_send_keeps_the_form_and_shows_the_servers_error(endpoint_page):
    page, receiver = endpoint_page
    receiver.fail = True
    try:
        fill_valid(page)
        submit(page)
        page.wait_for_function("() => document.querySelector('.form-status').textContent.includes('没有提交成功')")
    finally:
        receiver.fail = False
    assert "the receiver is down for a test" in page.inner_text(".form-status")
    assert page.input_value("#f-title") == "职工书屋建设的几点体会" and page.is_checked("#f-privacy")
    page.reload()
    assert page.input_value("#f-title") == "职工书屋建设的几点体会"  # and the draft survives a reload


def test_the_policy_lets_the_form_reach_its_endpoint_and_nothing_else(endpoint_site):
    site, receiver = endpoint_site
    policy = soup(site, "submit/index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    origin = re.match(r"https?://[^/]+", receiver.url)[0]
    assert f"connect-src 'self' {origin};" in policy and f"form-action 'self' {origin};" in policy


def test_without_javascript_the_form_posts_natively_and_comes_back_received(browser, endpoint_site):
    from devtools.browser import serve

    site, receiver = endpoint_site
    receiver.received.clear()
    with serve(site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/submit/")
        page.click("#submit-form button[type=submit]:visible")  # the browser's own checks stop an empty form
        assert receiver.received == [] and page.url == f"{base}/submit/"
        fill_valid(page)
        page.click("#submit-form button[type=submit]:visible")
        page.wait_for_url(f"{base}/submit/#received")
        assert page.locator("#received").is_visible()
        context.close()
    assert receiver.received and receiver.received[0]["fields"]["title"] == "职工书屋建设的几点体会"
