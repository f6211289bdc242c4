"""A synthetic archive of the journal, for benchmarks: N issues of ~50 articles each, written in
the project's real content format (issue.yaml and one Markdown file per article).

The text is not the sample's paragraphs reused (that makes every common character pair hit
most pages and inflates a search index): it is sentences of words drawn by frequency from
jieba's dictionary (dict.txt, ~350k words with counts) and from the journal's own vocabulary
(the bundled articles segmented by jieba, so the archive is as topical as the journal),
mixed with the names, places and numbers this journal prints. `pair_statistics` shows that its character pairs fall off with
rank the way the real issue's do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from qhgy.content import ISSUES_DIR, dump_yaml, render_markdown_file
from qhgy.journal import LANGUAGE

SECTIONS = [("工作指导", []), ("省总动态", []), ("地方剪影", []), ("产业动态", []), ("理论与实践", []),
            ("学习园地", []), ("基层风采", []), ("维权在线", []), ("职工风采", []),
            ("综艺之旅", ["革命家风", "革命故事", "生活感悟", "健康有道"]), ("信息短播", [])]
SECTION_WEIGHTS = [5, 6, 8, 6, 5, 4, 5, 3, 3, 4, 12]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "军伟华明强平芳敏静丽勇艳杰娟涛超秀霞刚英辉鹏玲红忠宁慧洋良彬海生德成文斌国兰建新志永春晓梅林清云峰"
# Names that Pinyin turns into the same letters, and the real issue's people: URL ids must tell them apart.
FIXED_NAMES = ["汪军", "王军", "李忠", "王霞", "朱爱丽", "常伟宁", "刘宁", "石彬"]
PLACES = ["西宁", "海东", "格尔木", "德令哈", "玉树", "果洛", "黄南州", "海北州", "海南州", "海西州", "共和县", "贵南县",
          "祁连县", "湟中区", "大通县", "乐都区", "民和县", "互助县", "门源县", "同仁市", "城东区", "城西区"]
ROLES = ["省总工会党组书记、常务副主席", "市总工会主席", "县总工会副主席", "省总研究室主任", "区总工会办公室主任", "公司工会主席"]
NUMERALS = "一二三四五六七八九十"
CLAUSE_END = "，，，，，、；"


@dataclass
class Vocabulary:
    words: list[str]
    cumulative: list[float]

    def draw(self, rng: random.Random, k: int) -> list[str]:
        total = self.cumulative[-1]
        return [self.words[bisect.bisect(self.cumulative, rng.random() * total)] for _ in range(k)]


def load_vocabulary() -> Vocabulary:
    """Han-only words of jieba's dict.txt with their counts (its ~350k entries, minus Latin ones)."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    words, counts = [], []
    for line in text.splitlines():
        word, count, *_ = line.split(" ")
        if re.fullmatch(r"[\u4e00-\u9fff]+", word):
            words.append(word)
            counts.append(int(count))
    return Vocabulary(words, list(itertools.accumulate(counts)))


def domain_vocabulary(texts) -> Vocabulary | None:
    """The journal's own words with their counts (jieba-segmented real articles): a trade-union
    journal says 工会, 职工, 改革 far more often than general text does."""
    import jieba

    jieba.setLogLevel(60)
    counts = Counter(w for text in texts for w in jieba.lcut(text) if re.fullmatch(r"[\u4e00-\u9fff]+", w))
    if not counts:
        return None
    words = sorted(counts)
    return Vocabulary(words, list(itertools.accumulate(counts[w] for w in words)))


class Writer:
    """Sentences, titles and names for one archive (seeded: the same seed writes the same archive)."""

    DOMAIN_SHARE = 0.45  # of the words drawn: the rest come from the general dictionary

    def __init__(self, seed: int, domain_texts=()):
        self.rng = random.Random(seed)
        self.general = load_vocabulary()
        self.domain = domain_vocabulary(domain_texts)
        people = {self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2))))
                  for _ in range(900)}
        self.people = FIXED_NAMES + sorted(people - set(FIXED_NAMES))

    def person(self) -> str:
        # a few prolific authors, many occasional ones
        return self.people[min(int(self.rng.paretovariate(1.1)) - 1, len(self.people) - 1)
                           if self.rng.random() < 0.5 else self.rng.randrange(len(self.people))]

    def extra(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(PLACES)
        if r < 0.55:
            return self.person()
        if r < 0.75:
            return f"{self.rng.randint(1990, 2030)}年"
        if r < 0.9:
            return f"{self.rng.randint(2, 999)}{self.rng.choice(['名', '家', '万元', '余人', '个', '次'])}"
        return self.rng.choice(["QQ群", "APP", "微信公众号", "“互联网+”", "5G", "12351热线"])

    def words(self, k: int) -> list[str]:
        if self.domain is None:
            return self.general.draw(self.rng, k)
        return [(self.domain if self.rng.random() < self.DOMAIN_SHARE else self.general).draw(self.rng, 1)[0]
                for _ in range(k)]

    def clause(self) -> str:
        words = self.words(self.rng.randint(2, 7))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words) + 1), self.extra())
        return "".join(words)

    def sentence(self) -> str:
        clauses = [self.clause() for _ in range(self.rng.randint(1, 4))]
        out = clauses[0]
        for clause in clauses[1:]:
            out += self.rng.choice(CLAUSE_END) + clause
        return out + ("。" if self.rng.random() < 0.92 else "！")

    def body(self, length: int) -> str:
        paragraphs, size, heading = [], 0, 0
        while size < length:
            if length > 1500 and self.rng.random() < 0.12:
                heading += 1
                paragraphs.append(f"## {NUMERALS[(heading - 1) % 10]}、{self.clause()}")
            paragraph = "".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph)
        return "\n\n".join(paragraphs)

    def title(self) -> str:
        core = "".join(self.words(self.rng.randint(2, 5)))
        pattern = self.rng.choice(["{}", "{}", "关于{}的思考", "{}工作座谈会召开", "{}扎实开展{}",
                                   "{}举办{}培训班", "浅谈{}", "{}：{}"])
        return pattern.format(self.rng.choice(PLACES) + "总工会" if "{}" in pattern[1:] else core, core)[:40]


def article_length(rng: random.Random) -> int:
    """Lengths like the real issue's: median ~540 characters, mean ~1,000, a few long pieces."""
    return int(min(6000, max(150, rng.lognormvariate(math.log(540), 1.05))))


def issue_numbers() -> list[str]:
    return [f"{m}-{m + 1}" for m in range(1, 12, 2)]  # bimonthly: 1-2, 3-4, … 11-12


def generate_archive(dest: Path, issues: int, articles_per_issue: int = 50, start_year: int = 2026, seed: int = 1,
                     domain_texts=()) -> int:
    """Write `issues` issues (the newest in start_year, going back) into dest/ (a content folder),
    words drawn from jieba's dictionary and, where given, from the journal's own texts.
    Returns the number of articles written."""
    writer = Writer(seed, domain_texts)
    rng = writer.rng
    written = 0
    numbers = issue_numbers()
    for n in range(issues):
        year = start_year - n // len(numbers)
        number = numbers[len(numbers) - 1 - n % len(numbers)]
        month = int(number.split("-")[-1])
        date = dt.date(year, month, 10).isoformat()
        count = max(10, int(rng.gauss(articles_per_issue, 4)))
        sections = sorted(set(rng.choices(range(len(SECTIONS)), weights=SECTION_WEIGHTS, k=count)))
        plan = sorted(rng.choices(sections, k=count - len(sections)) + sections)
        issue_dir = dest / ISSUES_DIR / str(year) / number
        issue_dir.mkdir(parents=True, exist_ok=True)
        (issue_dir / "issue.yaml").write_text(dump_yaml({
            "journal": "青海工运", "year": str(year), "number": number, "label": f"{year}年第{number}期", "date": date,
            "sections": [{"name": SECTIONS[s][0], "subcolumns": SECTIONS[s][1]} for s in sections]}), encoding="utf-8")
        page = 1
        article_dir = dest / "articles" / str(year) / number
        article_dir.mkdir(parents=True, exist_ok=True)
        for order, section in enumerate(plan, 1):
            name, subcolumns = SECTIONS[section]
            length = article_length(rng) // (3 if name == "信息短播" else 1)
            pages = max(1, round(length / 1100))
            meta = {"title": writer.title()}
            if name != "信息短播" and rng.random() < 0.8:
                meta["authors"] = [writer.person() for _ in range(rng.choice((1, 1, 1, 2)))]
                if rng.random() < 0.3:
                    meta["author_roles"] = {meta["authors"][0]: rng.choice(ROLES)}
            meta["category"] = name
            if subcolumns:
                meta["subcolumn"] = rng.choice(subcolumns)
            meta.update({"issue": f"{year}/{number}", "order": f"{order:02d}", "first_page": str(page),
                         "last_page": str(page + pages - 1), "date": date})
            if "authors" not in meta:
                meta["source_unit"] = rng.choice(PLACES) + "总工会"
            meta.update({"lang": LANGUAGE, "slug": f"qhgy-{year}-{number}-{order:02d}"})
            page += pages
            (article_dir / f"{order:02d}.md").write_text(render_markdown_file(meta, writer.body(length)), encoding="utf-8")
            written += 1
    return written


def pair_statistics(texts) -> dict:
    """How character pairs fall off with rank: the slope of log(count) against log(rank) over
    ranks 10–1000 (Zipf's law gives about -1), the share of all pairs the top 100 hold, and how
    many pairs occur once."""
    counts: Counter[str] = Counter()
    for text in texts:
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
            counts.update(a + b for a, b in zip(run, run[1:]))
    ranked = [c for _, c in counts.most_common()]
    total = sum(ranked)
    xs = [math.log(r) for r in range(10, min(1000, len(ranked)) + 1)]
    ys = [math.log(ranked[r - 1]) for r in range(10, min(1000, len(ranked)) + 1)]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return {"pairs": total, "distinct": len(ranked), "slope_10_1000": round(slope, 2),
            "top100_share": round(sum(ranked[:100]) / total, 3),
            "once_share": round(sum(1 for c in ranked if c == 1) / len(ranked), 3)}
