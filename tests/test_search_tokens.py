"""The search token scheme (qhgy.search.tokens): what Pagefind indexes and what a query sends."""

import random
import re
import unicodedata

import pytest

from qhgy.search.tokens import FILLER, SPACE, TITLE_REGION, decode, index_tokens, runs, title_tokens
from search_reference import query_terms


def occurs_at(index: list[str], term: dict) -> list[int]:
    """Positions p where each of the term's tokens matches the index token at p + its offset, as
    Pagefind matches a word: the whole word or a prefix of it."""
    span = term["offsets"][-1] + 1
    return [p for p in range(len(index) - span + 1)
            if all(index[p + o].lower().startswith(t) for o, t in zip(term["offsets"], term["tokens"]))]


def test_han_text_becomes_one_token_per_character():
    tokens = index_tokens("农民工入会")
    assert len(tokens) == 5 and all(re.fullmatch(r"x[0-9a-v]{8}|x[0-9a-v]{4}w", t) for t in tokens)
    assert tokens[-1].endswith("w")  # the last character of a run


def test_tokens_decode_back_to_the_text():
    text = "推进农民工入会，建QQ群 开发APP（2017年）——“实名制”管理 50万元"
    assert decode(index_tokens(text)) == text


def test_full_width_letters_and_digits_read_as_ascii():
    assert decode(index_tokens("ＡＰＰ２０１７年")) == "APP2017年"
    assert query_terms("ＡＰＰ") == query_terms("app")


def test_no_index_token_is_a_prefix_of_another_kind():
    pair, last = index_tokens("工会")
    assert not pair.startswith(last) and not last.startswith(pair)


def test_query_terms_are_what_stands_between_spaces():
    assert [t["text"] for t in query_terms("工会 改革")] == ["工会", "改革"]
    assert [t["text"] for t in query_terms(" QQ群\u3000 ")] == ["qq群"]
    assert query_terms("，。！") == [] and query_terms("") == []
    assert [t["text"] for t in query_terms("入会 入会")] == ["入会"]


def test_punctuation_inside_a_term_is_matched_as_printed_and_dropped_at_its_edges():
    (term,) = query_terms("7·26")
    assert term["text"] == "7·26" and term["offsets"] == [0, 2]
    tokens = index_tokens("“7·26”重要讲话，7.3%和26个")
    assert occurs_at(tokens, term) == [1]
    assert [t["text"] for t in query_terms("“金秋助学”")] == ["金秋助学"]
    (term,) = query_terms("2017-2020")
    assert term["text"] == "2017-2020" and occurs_at(index_tokens("（2017-2020年）2017—2021"), term) == [1]
    (term,) = query_terms("青海工运》征稿")  # a title's mark inside a term, as printed
    assert occurs_at(index_tokens("《青海工运》征稿启事"), term) == [1]


@pytest.mark.parametrize("query", ["工会，改革", "工会、改革", "工会；改革", "工会：改革", "工会。改革", "工会！改革",
                                   "工会？改革", "工会\u3000改革", "工会,改革", "工会; 改革", "“工会”、“改革”"])
def test_punctuation_between_words_separates_terms_as_a_space_does(query):
    assert query_terms(query) == query_terms("工会 改革")


def test_punctuation_inside_a_word_of_letters_or_digits_does_not_separate():
    assert [t["text"] for t in query_terms("1,600 3.5 7:30 U.S.")] == ["1,600", "3.5", "7:30", "u.s"]
    assert [t["text"] for t in query_terms("2017年,工会")] == ["2017年", "工会"]  # a Han character is no digit


def test_words_starting_with_x_never_meet_han_tokens():
    tokens = index_tokens("Xbox与xml")
    assert decode(tokens) == "Xbox与xml"
    (term,) = query_terms("x")
    assert [t for t in tokens if t.lower().startswith(term["tokens"][0])] == ["xXbox", "xxml"]  # not 与
    (term,) = query_terms("与")
    assert [t for t in tokens if t.lower().startswith(term["tokens"][0])] == [tokens[1]]


def test_one_text_one_spelling():
    composed, decomposed = "café", "cafe\u0301"
    assert query_terms(decomposed) == query_terms(composed) and decode(index_tokens(decomposed)) == composed
    assert index_tokens("工\u200b会") == index_tokens("工会")  # a zero-width space hides nothing
    assert index_tokens("\uf9a8") == index_tokens("令")  # a compatibility ideograph is its unified twin


def test_title_region_has_a_fixed_length():
    assert len(title_tokens("在省委群团改革工作座谈会上的发言")) == TITLE_REGION
    assert title_tokens("短")[-1] == FILLER
    assert len(title_tokens("长" * (TITLE_REGION + 20))) == TITLE_REGION


def overlapping(needle: str, text: str) -> int:
    return sum(text.startswith(needle, i) for i in range(len(text)))


@pytest.mark.parametrize("seed", range(3))
def test_every_han_substring_of_the_sample_is_found_exactly_where_it_occurs(sample_text, seed):
    """The invariant the search rests on, over real text: the tokens of a run of Han characters
    match consecutive index tokens once per occurrence of the run, and nowhere else."""
    rng = random.Random(seed)
    lines = [line for line in sample_text.splitlines() if len(re.sub(r"[^\u4e00-\u9fff]", "", line)) > 8]
    for _ in range(200):
        line = rng.choice(lines)
        runs = re.findall(r"[\u4e00-\u9fff]+", line)
        run = rng.choice([r for r in runs if len(r) > 1] or runs)
        start = rng.randrange(len(run))
        needle = run[start:start + rng.randint(1, 5)]
        (term,) = query_terms(needle)
        assert len(occurs_at(index_tokens(line), term)) == overlapping(needle, line), (line, needle)


def test_mixed_terms_are_found_from_a_word_start():
    """Letters and digits match from the start of a word, as Pagefind matches words: 2017年 and
    QQ群 are found; 017年 (inside the word 2017) is not, by design (README, Search)."""
    tokens = index_tokens("2017年全省建成QQ群30个，开发APP")
    for query in ("2017年", "2017", "201", "QQ群", "建成QQ", "群30个", "app", "开发APP"):
        (term,) = query_terms(query)
        assert occurs_at(tokens, term), query
    (term,) = query_terms("017年")
    assert occurs_at(tokens, term) == []


def test_a_pair_that_does_not_occur_is_not_matched():
    tokens = index_tokens("公民工作，农民")
    assert occurs_at(tokens, query_terms("农民工")[0]) == []
    assert occurs_at(tokens, query_terms("民工")[0]) == [1]


def test_long_terms_look_up_every_other_pair():
    (term,) = query_terms("实名制管理")
    assert term["offsets"] == [0, 2, 3] and len(term["tokens"]) == 3
    tokens = index_tokens("推进实名制管理工作，实名制，管理")
    assert occurs_at(tokens, term) == [2]


def test_whitespace_is_a_marker_pagefind_does_not_index():
    assert index_tokens("QQ 群")[1] == SPACE and not SPACE.isalnum()


@pytest.mark.parametrize("text, words", [
    ("བོད་ལྗོངས", ["བོད", "ལྗོངས"]),  # Tibetan: vowel signs and subjoined letters are combining marks
    ("हिन्दी", ["हिन्दी"]),  # Devanagari: the matras and the virama
    ("cafe\u0301", ["café"]),
])
def test_combining_marks_belong_to_their_word(text, words):
    assert [run for kind, run in runs(text) if kind == "word"] == words
    assert decode(index_tokens(text)) == unicodedata.normalize("NFC", text)
    assert [t["text"] for t in query_terms(text)] == [unicodedata.normalize("NFC", text)]
