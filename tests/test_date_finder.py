from datetime import date

import pytest

from iomextract.extract import make_doc


def dates(nlp, text, published=None):
    doc = nlp(make_doc(nlp, text, published))
    return [(e.text, e._.attrs["value"]) for e in doc.ents if e.label_ == "DATE"]


@pytest.mark.parametrize("text, expected", [
    ("The visit took place on 13 September 2019 in Nairobi.", [("13 September 2019", "2019-09-13")]),
    ("The visit took place on September 13, 2019 in Nairobi.", [("September 13, 2019", "2019-09-13")]),
    ("Since its inception in September 2022, the group has met often.", [("September 2022", "2022-09")]),
    ("Kenya joined IOM in 1985.", [("1985", "1985")]),
    ("Migration rose in the 1950s and again in the early 1980s.", [("1950s", "195"), ("early 1980s", "198")]),
    ("Migration is an issue of concern in the 21st Century.", [("21st Century", "20")]),
    ("IOM supports the 2030 Agenda and the 2018 Migration Profile.", []),
    ("According to the Region on the Move Report 2022, flows grew.", []),
    ("The programme ran for three years and the boy is 12 years old.", []),
    ("It was the 109th Council Session on SDG 10.", []),
    ("Staff worked through the night of 25/26 July.", [("25/26 July", None)]),
    ("The event was held on the 25th of June 2021.", [("25th of June 2021", "2021-06-25")]),
    ("The workshop opened on Tuesday (26/11) in Geneva.", [("Tuesday (26/11)", None)]),
])
def test_dates_without_publication_date(nlp, text, expected):
    assert dates(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The workshop opened on Tuesday (26/11) in Geneva.", [("Tuesday (26/11)", "2019-11-26")]),
    ("The ministers met yesterday in Geneva.", [("yesterday", "2019-11-27")]),
    ("Staff worked round the clock this week.", [("this week", "2019-W48")]),
    ("The ministers met on Monday in Geneva.", [("Monday", "2019-11-25")]),
    ("Over 1,500 consultations took place on 25 July.", [("25 July", "2019-07-25")]),
])
def test_dates_resolved_against_publication_date(nlp, text, expected):
    assert dates(nlp, text, published=date(2019, 11, 28)) == expected
