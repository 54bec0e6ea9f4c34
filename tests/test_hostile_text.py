"""Text from the open web: extraction never raises, offsets hold, work grows linearly, hostile runs are refused.

The time bounds here are no speed measurements (benchmarks/ does those): they sit ten or more times
above what the pipeline takes, to catch work that grows with the square of some run of the text.
"""
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import release_folder
from iomextract import batch, extract_text
from iomextract.cli import main
from iomextract.reader import MAX_PUNCTUATION_RUN, ReadError, check_text

SECONDS_PER_KB = 0.1  # the pipeline takes 2 to 15 ms a kilobyte on the worst texts below
SECONDS_FLOOR = 2.0

RELEASE_WORDS = ["IOM", "International", "Organization", "for", "Migration", "of", "the", "and", "Kenya",
                 "Nairobi", "Director", "General", "Amy", "Pope", "said", "Mr.", "Dr", "175", "1,200", "2023",
                 "May", "15", "joined", "member", "states", "(", ")", "\"", ",", ".", "\n", "\n\n", "–", "%",
                 "million", "UNHCR", "people", "displaced", "since", "in", "on", "Chief", "of", "Mission", ":"]


def bound(text: str) -> float:
    return SECONDS_FLOOR + SECONDS_PER_KB * len(text.encode("utf-8", "surrogatepass")) / 1000


def assert_extracts_cleanly(nlp, text: str) -> None:
    """No exception but a ReadError, offsets that point at their text, time within the bound."""
    started = time.perf_counter()
    try:
        sheet = extract_text(text, nlp=nlp)
    except ReadError as err:
        assert str(err)
        return
    elapsed = time.perf_counter() - started
    checked = check_text(text)
    assert len(checked) == len(text)
    for entity in sheet.entities:
        assert checked[entity.start:entity.end] == entity.text
    for claim in sheet.claims:
        assert checked[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert elapsed < bound(text), f"{elapsed:.2f} s for {len(text):,} characters"


property_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
release_like = st.lists(st.sampled_from(RELEASE_WORDS), max_size=400).map(" ".join)
one_character_runs = st.tuples(st.characters(), st.integers(1, 20_000)).map(lambda pair: pair[0] * pair[1])
deep_brackets = st.tuples(st.sampled_from(["(", "[", "{", "\"", "«"]), st.integers(1, MAX_PUNCTUATION_RUN * 2),
                          st.sampled_from(["IOM", "Kenya", "1983", ""])).map(
    lambda t: t[0] * t[1] + t[2] + {"(": ")", "[": "]", "{": "}", "\"": "\"", "«": "»"}[t[0]] * t[1])
huge_numbers = st.integers(10 ** 15, 10 ** 2000).map(lambda n: f"IOM counted {n:,} people in {n % 3000} and {n}.")
mixed_scripts = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Mn", "Zs", "Po", "Ps", "Pe")),
                        max_size=2000)
with_surrogates = st.lists(st.one_of(st.sampled_from(RELEASE_WORDS), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
                           max_size=200).map(" ".join)


GENERATED_TEXTS = {
    "random unicode": st.text(max_size=3000),
    "release words in any order": release_like,
    "long runs of one character": one_character_runs,
    "deep brackets": deep_brackets,
    "huge numbers": huge_numbers,
    "mixed scripts": mixed_scripts,
    "lone surrogates": with_surrogates,
    "whitespace runs before words": st.lists(st.tuples(st.sampled_from([" ", "\t", "\u00a0", " \t", "\n "]),
                                                       st.integers(1, 20_000), st.sampled_from(RELEASE_WORDS)),
                                             max_size=3).map(lambda runs: "".join(ws * n + word for ws, n, word in runs)),
}


@pytest.mark.parametrize("kind", GENERATED_TEXTS)
@property_settings
@given(data=st.data())
def test_generated_text_extracts_cleanly(nlp, kind, data):
    assert_extracts_cleanly(nlp, data.draw(GENERATED_TEXTS[kind], label=kind))


NESTED_PARENTHESES = "(" * 200_000 + ")" * 200_000  # 400 KB; the tokenizer alone would take hours


@pytest.mark.parametrize("text", [
    pytest.param(NESTED_PARENTHESES, id="200,000 nested parentheses"),
    pytest.param("IOM said. " + "".join(chr(0x300 + i % 100) for i in range(100_000)), id="100,000 combining marks"),
    pytest.param("\u200d" * 50_000 + " IOM", id="50,000 zero-width joiners"),
    pytest.param("Sign here: " + "_" * 20_000, id="20,000 underscores"),
    pytest.param("IOM" + "_-" * 10_000 + " said", id="underscores and hyphens after a word"),
])
def test_overlong_punctuation_runs_are_refused_fast(text):
    started = time.perf_counter()
    with pytest.raises(ReadError, match="punctuation marks or symbols without a space"):
        check_text(text)
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("text", [
    pytest.param("1 " * 100_000, id="200 KB of numbers"),
    pytest.param("the International Organization for " * 6_000, id="one 200 KB capitalized run"),
    pytest.param(" ".join("".join("()[]{}\"'!?.,;:-*"[(i * 7 + j * 13) % 16] for j in range(MAX_PUNCTUATION_RUN - 1))
                          for i in range(400)), id="400 runs of 499 punctuation marks"),
    pytest.param("Kenya became a member of IOM in 1983. IOM has 175 member states. " * 3_000, id="200 KB of claims"),
    pytest.param("\n• IOM 5 staff" * 14_000, id="200 KB of bullets"),
    pytest.param("-".join(["Alpha"] * 33_000), id="one 200 KB hyphenated word"),
    pytest.param(("\u0301" * 400 + " IOM 1983 ") * 200, id="words of combining marks alone"),
    pytest.param(("_" * (MAX_PUNCTUATION_RUN - 1) + " ") * 200, id="200 runs of 499 underscores"),
    pytest.param(" " * 100_000 + "IOM said.", id="100,000 spaces before a sentence"),
    pytest.param("GENEVA\n" + "\t" * 100_000 + "| 5 March 2024", id="100,000 tabs in a header line"),
    pytest.param("News" + " | " * 30_000 + "5 March 2024\nIOM said", id="30,000 bars between spaces"),
])
def test_long_hostile_texts_take_linear_time(nlp, text):
    assert_extracts_cleanly(nlp, text)


def test_a_refused_release_does_not_stop_the_batch(tmp_path, capsys):
    releases = release_folder(tmp_path / "in")
    (releases / "parentheses.txt").write_text(NESTED_PARENTHESES)
    started = time.perf_counter()
    outcome = batch.extract_one(str(releases / "parentheses.txt"), str(tmp_path / "out"))
    assert outcome.status == "failed" and time.perf_counter() - started < 2
    code = main(["extract", str(releases), "--out", str(tmp_path / "out"), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "parentheses.txt: a run of 400,000 punctuation marks or symbols" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["iom-appreciates-kenya-partnership.json",
                                                                        "iom-kenya.json"]


HIDING = ['<p style="display:none">{}</p>', '<div hidden>{}</div>', '<textarea>{}</textarea>',
          '<select><option>{}</option></select>', '<span style="visibility: hidden">{}</span>', '<!-- {} -->']
visible_words = st.lists(st.sampled_from([w for w in RELEASE_WORDS if w.strip() and w not in "()\"<>"]), min_size=1,
                         max_size=30).map(" ".join)
html_pages = st.lists(st.one_of(visible_words.map(lambda w: ("shown", f"<p>{w}</p>")),
                                st.tuples(st.sampled_from(HIDING), visible_words).map(
                                    lambda t: ("hidden", t[0].format("HIDDENWORD " + t[1])))), min_size=1, max_size=12)


@property_settings
@given(parts=html_pages)
def test_generated_html_shows_no_hidden_part(parts):
    from iomextract.reader import html_to_text
    text = html_to_text("<html><body>" + "".join(html for _, html in parts) + "</body></html>")
    assert "HIDDENWORD" not in text and "<" not in text.replace("&lt;", "")
    for kind, html in parts:
        if kind == "shown":
            assert html[3:-4].split()[0] in text


FORMAT_CHARACTERS = ["\u200b", "\u00ad", "\u200e", "\u200f", "\u2060", "\ufeff", "\u202a", "\u200c"]
words_with_format_characters = st.lists(st.tuples(st.sampled_from(RELEASE_WORDS), st.integers(0, 8),
                                                  st.sampled_from(FORMAT_CHARACTERS)), max_size=200)


@property_settings
@given(words=words_with_format_characters)
def test_format_characters_inside_words_change_no_fact(nlp, words):
    clean = " ".join(word for word, _, _ in words)
    marked = " ".join(word[:at] + mark + word[at:] if at <= len(word) else word for word, at, mark in words)
    assert_extracts_cleanly(nlp, marked)
    try:
        plain, folded = extract_text(clean, nlp=nlp), extract_text(marked, nlp=nlp)
    except ReadError:
        return
    assert [(e.type, e.text) for e in plain.entities] == \
        [(e.type, "".join(ch for ch in e.text if ch not in FORMAT_CHARACTERS)) for e in folded.entities]
    assert [(c.attribute, c.value) for c in plain.claims] == [(c.attribute, c.value) for c in folded.claims]
