"""Search ranking and spelling, without a browser: the theme's own search worker, with the site's lunr
files (phrases first, tone-free Vietnamese, British and American spellings), run in Node by
tests/search_worker.js on the built site's indexes and on small made-up ones.

The browser tests in test_search.py check the same through the search box; these catch a slip in the
logic in the fast loop (`-m "not browser"`).
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("search_worker.js")


def ask_in_turn(node: str, site: Path, index: dict, queries: list[str], tmp_path: Path) -> list[list[dict]]:
    """The worker's items for each query, asked in turn of one worker, best first:
    {location, title, text, score}."""
    index_file = tmp_path / "search_index.json"
    index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, str(HARNESS), str(site), str(index_file)], input=json.dumps(queries),
                         capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def ask_many(node: str, site: Path, jobs: list[tuple[dict, list[str]]], tmp_path: Path) -> list[dict[str, list[dict]]]:
    """``ask`` for many indexes in one run of the worker: per job, each query's items."""
    files = []
    for number, (index, queries) in enumerate(jobs):
        index_file = tmp_path / f"index-{number}.json"
        index_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        files.append({"index": str(index_file), "queries": queries})
    run = subprocess.run([node, str(HARNESS), str(site)], input=json.dumps(files), capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    return [dict(zip(queries, answers, strict=True)) for (_, queries), answers in zip(jobs, json.loads(run.stdout),
                                                                                        strict=True)]


def ask(node: str, site: Path, index: dict, queries: list[str], tmp_path: Path) -> dict[str, list[dict]]:
    return dict(zip(queries, ask_in_turn(node, site, index, queries, tmp_path), strict=True))


def fold(text: str) -> str:
    """Lower case, no tone marks, đ as d, markup and punctuation as single spaces."""
    text = unicodedata.normalize("NFD", re.sub(r"<[^>]+>", " ", text).lower()).replace("đ", "d")
    return " ".join(re.findall(r"\w+", "".join(c for c in text if not unicodedata.combining(c))))


def has_phrase(doc: dict, phrase: str) -> bool:
    """Whether the indexed page or section (not the excerpt the worker returns) has the phrase."""
    return any(f" {fold(phrase)} " in f" {fold(doc[field])} " for field in ("title", "text"))


def marks(item: dict) -> list[str]:
    """The marked words; each must be a whole word (no letter just before or after the mark)."""
    html = item["title"] + " " + item["text"]
    cut = re.findall(r"\w<mark>|</mark>\w", html)
    assert not cut, f"{item['location']!r}: a word is marked in part: {cut} in {html}"
    return re.findall(r"<mark>(.*?)</mark>", html)


def site_index(built_site: Path, lang: str) -> dict:
    folder = "" if lang == "vi" else f"{lang}/"
    return json.loads((built_site / folder / "search/search_index.json").read_text(encoding="utf-8"))


# --- the site's own pages -----------------------------------------------------------------------

# Without the phrase ranking, the first result of "Đinh Tiến Dũng", "Bộ Chính trị", "ban chi dao",
# "Steering Committee", "Organisation Board" and "National Assembly deputies" lacks the phrase.
PHRASES = {
    "vi": ["Đinh Tiến Dũng", "dinh tien dung", "cải cách hành chính", "hanh chinh", "Bộ Chính trị",
           "ban chi dao"],
    "en": ["Đinh Tiến Dũng", "Dinh Tien Dung", "administrative reform", "Law on the Capital",
           "Steering Committee", "Organisation Board", "National Assembly deputies"],
}


@pytest.fixture(scope="module")
def site_answers(node, built_site, tmp_path_factory) -> dict[str, dict[str, list[dict]]]:
    queries = {"vi": PHRASES["vi"], "en": PHRASES["en"] + [us for us, _ in US_ON_THE_SITE]}
    return {lang: ask(node, built_site, site_index(built_site, lang), qs, tmp_path_factory.mktemp(lang))
            for lang, qs in queries.items()}


@pytest.mark.parametrize("lang, phrase", [(lang, p) for lang, ps in PHRASES.items() for p in ps])
def test_the_phrase_ranks_first_where_it_stands_as_a_phrase(built_site, site_answers, lang, phrase):
    items = site_answers[lang][phrase]
    assert items, f"{phrase!r}: no result"
    docs = {doc["location"]: doc for doc in site_index(built_site, lang)["docs"]}
    first = items[0]
    assert has_phrase(docs[first["location"]], phrase), f"{phrase!r}: first is {first['location']!r}: {first['title']}"
    words = {fold(m) for m in marks(first)}
    assert set(fold(phrase).split()) - {"on", "the"} <= words, f"{phrase!r}: marked {sorted(words)}"
    assert f" {fold(phrase)} " in f" {fold(first['title'] + ' ' + first['text'])} ", \
        f"{phrase!r}: the excerpt shown does not hold the phrase: {first['text']}"


# American spellings of the British words the site writes: (query, the site's word)
US_ON_THE_SITE = [("decentralization", "decentralisation"), ("organization", "Organisation"),
                  ("program", "Programme"), ("programs", "programmes"), ("recognized", "recognised"),
                  ("mobilized", "mobilised"), ("analyzing", "analysing"), ("center", "centre"),
                  ("defense", "defence"), ("analyze", "analysing"), ("centers", "centre"),
                  ("finalize", "finalising")]


@pytest.mark.parametrize("query, word", US_ON_THE_SITE)
def test_american_spellings_find_and_mark_the_british_words(site_answers, query, word):
    items = site_answers["en"][query]
    assert items, f"{query!r}: no result"
    marked = [m for item in items for m in marks(item)]
    assert word.lower() in {m.lower() for m in marked}, f"{query!r}: marked {marked}"
    stem = re.sub(r"(e|es|ed|ing|s|'s|me|mes)$", "", word.lower())  # other forms of the word count too
    assert all(m.lower().startswith(stem) for m in marked), f"{query!r}: marked {marked}"


# --- the logic, on made-up pages -----------------------------------------------------------------


def made_up_index(built_site: Path, lang: str, docs: list[tuple[str, str, str]]) -> dict:
    index = site_index(built_site, lang)
    return {**index, "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs]}


def test_a_phrase_outranks_its_syllables_apart_even_in_a_title(node, built_site, tmp_path):
    index = made_up_index(built_site, "vi", [
        ("", "Trang chủ", ""),
        ("apart/", "Đinh, tiên phong và sử dụng", "<p>Đinh làm tiên phong, dùng đúng người.</p>"),
        ("split/", "Hai đoạn", "<p>Ông Đinh</p><p>Tiến Dũng nói.</p>"),
        ("phrase/", "Người kết luận", "<p>Ông Đinh nói.</p><p>Tiên phong, sử dụng.</p><p>Bí thư Đinh Tiến Dũng kết luận.</p>"),
    ])
    queries = ["dinh tien dung", "Đinh Tiến Dũng", "ông Đinh Tiến Dũng", "dung tien dinh"]
    answers = ask(node, built_site, index, queries, tmp_path)
    for query in queries[:3]:
        order = [item["location"] for item in answers[query]]
        assert order[0] == "phrase/", f"{query!r}: {order}"
        assert order.index("split/") > 0, "a phrase does not run across paragraphs"
        excerpt = answers[query][0]["text"]
        assert "<mark>Đinh</mark> <mark>Tiến</mark> <mark>Dũng</mark>" in excerpt, f"the phrase is not shown: {excerpt}"
        assert marks(answers[query][0]) == ["Đinh", "Tiến", "Dũng"], "only the phrase stays marked"
    assert answers["dung tien dinh"][0]["location"] == "apart/", "the words in another order are no phrase"


def test_stop_words_keep_their_place_in_a_vietnamese_phrase(node, built_site, tmp_path):
    index = made_up_index(built_site, "vi", [
        ("", "Trang chủ", ""),
        ("apart/", "Trọng tâm và toàn diện", "<p>Có trọng tâm, toàn diện.</p>"),
        ("phrase/", "Phong cách", "<p>Lãnh đạo toàn diện mà có trọng tâm.</p>"),
    ])
    for query in ("toàn diện mà có trọng tâm", "toan dien ma co trong tam"):
        assert ask(node, built_site, index, [query], tmp_path)[query][0]["location"] == "phrase/", query


def test_stop_words_keep_their_place_in_an_english_phrase(node, built_site, tmp_path):
    index = made_up_index(built_site, "en", [
        ("", "Home", ""),
        ("apart/", "Capital law", "<p>The capital has a new law.</p>"),
        ("phrase/", "Plans", "<p>The revised Law on the Capital goes before the Assembly.</p>"),
    ])
    answers = ask(node, built_site, index, ["Law on the Capital"], tmp_path)
    assert answers["Law on the Capital"][0]["location"] == "phrase/", answers["Law on the Capital"]


PAIRS = [  # (British, American)
    ("organisation", "organization"), ("decentralisation", "decentralization"), ("recognised", "recognized"),
    ("analysing", "analyzing"), ("programme", "program"), ("programmes", "programs"), ("centre", "center"),
    ("labour", "labor"), ("behaviour", "behavior"), ("favourable", "favorable"), ("defence", "defense"),
    ("judgement", "judgment"),
]


SPELLINGS = [(uk, us) for uk, us in PAIRS] + [(us, uk) for uk, us in PAIRS]
NO_PAIRS = [("advise", "advize"), ("hour", "hor"), ("size", "sise"), ("citizen", "citisen")]


@pytest.fixture(scope="module")
def spelling_answers(node, built_site, tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    """Each (written, typed) pair asked of an index of its own, all in one run of the worker."""
    jobs = [(made_up_index(built_site, "en", [("", "Home", "<p>Nothing here.</p>"),
                                               ("page/", "Page", f"<p>On the {written} of the city.</p>")]), [typed])
            for written, typed in SPELLINGS]
    jobs += [(made_up_index(built_site, "en", [("", "Home", f"<p>The {written} matters.</p>")]), [typed])
             for written, typed in NO_PAIRS]
    answers = ask_many(node, built_site, jobs, tmp_path_factory.mktemp("spellings"))
    return {pair: answer[pair[1]] for pair, answer in zip(SPELLINGS + NO_PAIRS, answers, strict=True)}


@pytest.mark.parametrize("written, typed", SPELLINGS)
def test_either_spelling_finds_the_other(spelling_answers, written, typed):
    items = spelling_answers[written, typed]
    assert [item["location"] for item in items] == ["page/"], f"{typed!r} did not find {written!r}"
    assert marks(items[0]) == [written], f"{typed!r}: marked {marks(items[0])}"


# Typed in another form than the site writes it: the search is by prefix ("analyze" is no prefix of
# "analyzing"), so the typed word's ending goes before it is matched, in either spelling.
OTHER_FORMS = [("analysing", "analyze"), ("analysing", "analyse"), ("analysed", "analyzes"),
               ("centre", "centers"), ("centres", "center"), ("programme", "programs"),
               ("defence", "defenses"), ("labour", "labors"), ("organising", "organizes"),
               ("finalized", "finalise")]


@pytest.mark.parametrize("written, typed", OTHER_FORMS)
def test_another_form_of_either_spelling_finds_the_word(node, built_site, tmp_path, written, typed):
    index = made_up_index(built_site, "en", [
        ("", "Home", "<p>Nothing here.</p>"),
        ("page/", "Page", f"<p>On the {written} of the city.</p>"),
    ])
    items = ask(node, built_site, index, [typed], tmp_path)[typed]
    assert [item["location"] for item in items] == ["page/"], f"{typed!r} did not find {written!r}"
    assert marks(items[0]) == [written], f"{typed!r}: marked {marks(items[0])}"


@pytest.mark.parametrize("written, typed", NO_PAIRS)
def test_words_that_are_no_spelling_pair_gain_none(spelling_answers, written, typed):
    assert spelling_answers[written, typed] == []


def test_a_word_typed_with_its_tone_marks_ranks_the_pages_with_those_marks_first(node, built_site, tmp_path):
    """Tone marks are folded away so that "tien" finds "tiến"; typed, they must still count: the pages
    with the word as typed come before those with the same letters under other marks."""
    index = made_up_index(built_site, "vi", [
        ("", "Trang chủ", ""),
        ("tien/", "Tiên phong", "<p>Tiên phong, tiên phong và tiền.</p><p>Tiên phong.</p>"),
        ("tien-2/", "Tiền", "<p>Tiền và tiện.</p>"),
        ("exact/", "Tiến độ", "<p>Công việc.</p>"),
        ("exact-2/", "Kế hoạch", "<p>Dự án chậm tiến độ.</p>"),
    ])
    answers = ask(node, built_site, index, ["tiến", "tiến độ", "Tiến", "tien"], tmp_path)
    for query in ("tiến", "tiến độ", "Tiến"):
        order = [item["location"] for item in answers[query]]
        assert set(order[:2]) == {"exact/", "exact-2/"}, f"{query!r}: {order}"
        assert set(order[2:]) == {"tien/", "tien-2/"}, f"{query!r}: the other marks are still found: {order}"
    assert len(answers["tien"]) == 4, "without tone marks every page with the letters is found"


def test_a_word_found_under_both_spellings_is_marked_once(node, built_site, tmp_path):
    index = made_up_index(built_site, "en", [("", "Home", "<p>The Party Organisation met.</p>")])
    items = ask(node, built_site, index, ["organi"], tmp_path)["organi"]
    assert items and items[0]["text"].count("<mark>") == 1, items
    assert marks(items[0]) == ["Organisation"]


def test_a_search_leaves_the_index_as_it_was(node, built_site, tmp_path):
    """The ranking trims what a result marks; lunr may hand out the index's own position lists."""
    index = made_up_index(built_site, "vi", [
        ("", "Trang chủ", "<p>Ông Đinh Tiến Dũng dùng người.</p><p>Sử dụng đất.</p>"),
        ("other/", "Khác", "<p>Tiên phong.</p>"),
    ])
    queries = ["dung", "dinh tien dung", "dung", "tien", "dinh tien dung", "tien"]
    answers = ask_in_turn(node, built_site, index, queries, tmp_path)
    assert marks(answers[0][0]) == ["Dũng", "dùng", "dụng"], answers[0][0]
    assert answers[2] == answers[0] and answers[5] == answers[3] and answers[4] == answers[1]
