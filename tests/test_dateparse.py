"""Calendar dates in short texts, and which texts are worth asking dateparser about."""
from datetime import date

import pytest
from hypothesis import given, strategies as st

from iomextract import dateparse


@pytest.fixture
def no_dateparser(monkeypatch):
    """Fail if dateparser is asked: its first call costs about half a second."""
    def refuse(text):
        raise AssertionError(f"dateparser was asked about {text!r}")
    monkeypatch.setattr(dateparse, "_words", refuse)


@pytest.mark.parametrize("text, expected", [
    ("2018-11-28", date(2018, 11, 28)),
    ("04.12.2018", date(2018, 12, 4)),
    ("12/04/2018", date(2018, 4, 12)),  # day first unless the caller says otherwise
    ("Tue. Nov-24-2015", date(2015, 11, 24)),
    ("Tuesday, 4 December 2018", date(2018, 12, 4)),
    ("4th of December 2018", date(2018, 12, 4)),
    ("Sept. 14, 2019", date(2019, 9, 14)),
    ("May 21, 2017", date(2017, 5, 21)),
])
def test_common_forms_are_read_without_dateparser(no_dateparser, text, expected):
    assert dateparse.parse_calendar_date(text) == expected


@pytest.mark.parametrize("text", [
    "2018-11-28 Baku, Azerbaijan",          # a header line: the date and the dateline's place
    "May 21, 2017 (no. 4",                  # a date and what follows it
    "2023-03-28 Cabinet Secretary",
    "Posted by IOM on 4 December 2018",     # a run of words longer than the date
    "Resolution 1325 of 2000",
])
def test_a_text_with_other_words_is_no_date_and_dateparser_is_not_asked(no_dateparser, text):
    assert dateparse.parse_calendar_date(text) is None


def test_an_unusual_form_of_calendar_words_still_reaches_dateparser():
    # no expression reads "December 4th, 2018 at 10:00"; every word in it is a calendar word
    assert dateparse.parse_calendar_date("December 4th, 2018 at 10:00") == date(2018, 12, 4)


@pytest.mark.parametrize("fragment, expected", [
    ("2018-11-28 Baku, Azerbaijan, Nov. 28", date(2018, 11, 28)),
    ("Posted on May 14, 2019 by the press office", date(2019, 5, 14)),
])
def test_the_date_in_a_fragment_is_found_without_dateparser(no_dateparser, fragment, expected):
    assert dateparse.date_in(fragment, 0, True)[2] == expected


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po", "Pd")), max_size=40),
       st.sampled_from(["Baku", "Cabinet", "report", "no", "Nairobi"]))
def test_no_text_with_a_word_that_is_no_calendar_word_reaches_dateparser(text, word):
    asked = []
    original = dateparse._words
    dateparse._words = asked.append
    try:
        dateparse.parse_calendar_date(f"{text} {word} 2018-11")
    finally:
        dateparse._words = original
    assert asked == []
