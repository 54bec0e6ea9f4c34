"""When a post is held: time words before a title or in its verb, years after it or opening its clause.

Registers: biographies, IOM announcements, wire stories. Each case: text -> [(title, held, from, until)].
"""
import pytest


def role_times(nlp, text):
    from iomextract import extract_text
    return [(c.value, c.held, c.held_from, c.held_until) for c in extract_text(text, nlp=nlp).claims
            if c.attribute == "role"]


@pytest.mark.parametrize("text, expected", [
    ("Laura Mendes, a former Minister of Labour (2003–2006) and Ambassador to Brazil, chaired the session.",
     [("Minister of Labour", "former", "2003", "2006"), ("Ambassador to Brazil", "former", None, None)]),
    ("Ana Reis joined IOM in 1999. In 2010 she became Deputy Director General.",
     [("Deputy Director General", None, "2010", None)]),
    ("The outgoing Director General Ana Reis spoke.", [("Director General", "current", None, None)]),
    ("Rui Costa, Chief of Mission in Chad since 2018, said it.", [("Chief of Mission in Chad", None, "2018", None)]),
    ("Peter Jones, who served as Chief of Mission in Chad from 2001 to 2006, spoke.",
     [("Chief of Mission in Chad", "former", "2001", "2006")]),
    # verbs that start or end a post date it with "in YEAR"; a month's date gives its year
    ("Ana Reis was appointed Minister of Labour in 2019.", [("Minister of Labour", None, "2019", None)]),
    ("Rui Costa was elected Director General in June 2018.", [("Director General", None, "2018", None)]),
    ("Ana Reis, who retired as Deputy Director General in 2015, now teaches.",
     [("Deputy Director General", "former", None, "2015")]),
    ("Ana Reis has served as Chief of Mission in Chad since March 2018.",
     [("Chief of Mission in Chad", "current", "2018", None)]),
    ("Ana Reis will take up her new post as Chief of Mission in Chad in March.",
     [("Chief of Mission in Chad", "coming", None, None)]),
    ("Mark Lee will take up the post of Chief of Mission in Niger in March.",
     [("Chief of Mission in Niger", "coming", None, None)]),
    ("The newly elected Director General, Ana Reis, thanked the Council.", [("Director General", "coming", None, None)]),
    ("IOM Chief of Mission Rui Costa visited the camp in 2019.", [("Chief of Mission", None, None, None)]),  # a visit's year
    # a time word before the title is no part of it
    ("Outgoing Chief of Mission Hans Meyer handed over to his successor.", [("Chief of Mission", "current", None, None)]),
    ("Former Regional Director Sara Lind returned to Dakar.", [("Regional Director", "former", None, None)]),
    ("The Acting Director General, Hans Meyer, opened the session.", [("Acting Director General", "current", None, None)]),
    # the perfect with "since" states a post still held
    ("Since 2018, Mohammed Abdiker has served as Regional Director for Asia.",
     [("Regional Director for Asia", "current", "2018", None)]),
    ("Ana Reis has worked as Head of Office in Juba since 2021.", [("Head of Office in Juba", "current", "2021", None)]),
    ("Karim Nasser was the United Nations envoy to the Sahel until 2015.", [("envoy to the Sahel", "former", None, "2015")]),
    ("IOM today welcomed Sofia Marques as its new Chief of Mission in Ethiopia.",
     [("Chief of Mission in Ethiopia", "current", None, None)]),
    # a year that belongs to another verb is no year of the post
    ("Before joining IOM in 2009, Sofia Marques was a Senior Adviser to the Minister.",
     [("Senior Adviser to the Minister", "former", None, None)]),
    ("Tomas Reis, who has led the mission since 2019, takes up the post of Regional Director for Asia in June.",
     [("Regional Director for Asia", "coming", None, None)]),
])
def test_the_time_of_a_post(nlp, text, expected):
    assert role_times(nlp, text) == expected
