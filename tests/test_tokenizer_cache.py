"""The chunk cache changes how fast the tokenizer is, never what it returns."""
import pickle
import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from iomextract.components.tokenizer_fixes import apply_tokenizer_fixes
from iomextract.tokenizer_cache import MAX_CHUNK, ChunkCachingTokenizer
from test_hostile_text import RELEASE_WORDS


def plain_tokenizer():
    """spaCy's tokenizer with the project's rules and no cache filling: the reference."""
    nlp = spacy.blank("en")
    apply_tokenizer_fixes(nlp)
    return nlp.tokenizer


def caching_tokenizer():
    return ChunkCachingTokenizer(plain_tokenizer())


def tokens(doc):
    return [(t.text, t.whitespace_, t.idx) for t in doc]


@pytest.fixture(scope="module")
def reference():
    return plain_tokenizer()


SPECIAL_CASES_EARLY = [
    "Mr. Smith said\n\nthe U.S. and Kenya don't agree — yet.",
    "GENEVA –\nIOM\u00a0Kenya (IOM) said: \"we're here\"  \t and 1,200 people\n",
    " \n  leading whitespace, then Dr. Amina and (Mr. Otieno), 5 p.m.",
    "trailing spaces   ",
    "a" * (MAX_CHUNK + 5) + " then " + "a" * (MAX_CHUNK + 5) + ".",
    "",
]


@pytest.mark.parametrize("text", SPECIAL_CASES_EARLY + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))])
def test_tokens_equal_spacys_cold_and_warm(reference, text):
    cached = caching_tokenizer()
    assert tokens(cached(text)) == tokens(reference(text))
    assert tokens(cached(text)) == tokens(reference(text))  # now from the filled cache


@pytest.fixture(scope="module")
def shared_cache():
    return caching_tokenizer()


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(RELEASE_WORDS), max_size=80).map(" ".join)),
                      min_size=1, max_size=4))
def test_generated_texts_tokenize_as_spacy_does(reference, shared_cache, texts):
    """One cache for every example: chunks cached from other texts must not change a text's tokens."""
    for text in texts + texts:
        assert tokens(shared_cache(text)) == tokens(reference(text))


def test_a_rule_set_through_the_wrapper_reaches_the_tokenizer_and_its_cache(reference):
    cached = caching_tokenizer()
    assert [t.text for t in cached("the UN/IOM office")] == ["the", "UN", "/", "IOM", "office"]
    cached.infix_finditer = re.compile(r"(?!)").finditer  # no infix at all: "UN/IOM" stays whole
    assert cached.tokenizer.infix_finditer == cached.infix_finditer
    assert [t.text for t in cached("the UN/IOM office")] == ["the", "UN/IOM", "office"]
    cached.add_special_case("office", [{"ORTH": "off"}, {"ORTH": "ice"}])
    assert [t.text for t in cached("the UN/IOM office")] == ["the", "UN/IOM", "off", "ice"]


def test_long_chunks_are_not_remembered():
    cached = caching_tokenizer()
    long_chunk = "x" * (MAX_CHUNK + 1)
    cached(f"short {long_chunk}")
    assert "short" in cached.known and long_chunk not in cached.known


def test_the_pipeline_tokenizes_through_the_cache(nlp):
    assert isinstance(nlp.tokenizer, ChunkCachingTokenizer)
    assert [t.text for t in nlp.make_doc("Amb. Kamau said")] == ["Amb.", "Kamau", "said"]


def test_the_wrapper_survives_pickling(reference):
    """Worker processes (Dask) receive the pipeline pickled."""
    cached = caching_tokenizer()
    text = "Mr. Otieno — IOM's (NCM).Among"
    cached(text)
    copy = pickle.loads(pickle.dumps(cached))
    assert isinstance(copy, ChunkCachingTokenizer)
    assert tokens(copy(text)) == tokens(reference(text))
