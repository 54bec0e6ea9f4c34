import json
import shutil
from datetime import date

import pytest

from iomextract.components.date_finder import DateFinder
from iomextract.extract import make_doc
from iomextract.patterns import PatternError, default_patterns_dir


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
    # published on Thursday, 28 November 2019
    ("The workshop opened on Tuesday (26/11) in Geneva.", [("Tuesday (26/11)", "2019-11-26")]),
    ("The ministers met yesterday in Geneva.", [("yesterday", "2019-11-27")]),
    ("The ministers meet today and tomorrow.", [("today", "2019-11-28"), ("tomorrow", "2019-11-29")]),
    ("The boat left tonight.", [("tonight", "2019-11-28")]),
    ("Staff worked round the clock this week.", [("this week", "2019-W48")]),
    ("The talks ended last week.", [("last week", "2019-W47")]),
    ("The ministers met on Monday in Geneva.", [("Monday", "2019-11-25")]),
    ("The ministers met on Wednesday in Geneva.", [("Wednesday", "2019-11-27")]),
    ("The ministers will meet on Monday in Geneva.", [("Monday", "2019-12-02")]),
    ("The centre opens next Monday.", [("next Monday", "2019-12-02")]),
    ("Rains are expected this weekend.", [("this weekend", "2019-W48-WE")]),
    ("A first boat had arrived the day before.", [("the day before", "2019-11-27")]),
    ("Arrivals doubled earlier this month.", [("earlier this month", "2019-11")]),
    ("Arrivals fell last month and last year.", [("last month", "2019-10"), ("last year", "2018")]),
    ("Over 1,500 consultations took place on 25 July.", [("25 July", "2019-07-25")]),
])
def test_dates_resolved_against_publication_date(nlp, text, expected):
    assert dates(nlp, text, published=date(2019, 11, 28)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The report is dated 2018-11-28.", [("2018-11-28", "2018-11-28")]),
    ("The plan ran from 2014-2017.", [("2014", "2014"), ("2017", "2017")]),
    ("The 2017-18 season was wet.", [("2017-18", "2017")]),
    ("The appeal covers 2017–2018.", [("2017", "2017"), ("2018", "2018")]),
    ("Visits between 2014 and 2017 grew.", [("2014", "2014"), ("2017", "2017")]),
    ("Figures of 24.11.2015 and Nov-24-2015 agree.", [("24.11.2015", "2015-11-24"), ("Nov-24-2015", "2015-11-24")]),
    ("Since mid-2021 arrivals have doubled, and by late-2022 they fell.", [("mid-2021", "2021"), ("late-2022", "2022")]),
    ("On 5 and 6 June 2023, IOM trained 40 officials.", [("5", "2023-06-05"), ("6 June 2023", "2023-06-06")]),
    ("Between 3, 4 and 5 May 2022 the team met.", [("3", "2022-05-03"), ("4", "2022-05-04"), ("5 May 2022", "2022-05-05")]),
    ("IOM trained 40 and 6 June 2023 was the last day.", [("6 June 2023", "2023-06-06")]),
    ("The survey ran in October and November 2021.", [("October", "2021-10"), ("November 2021", "2021-11")]),
    ("Rains fell in April, May and June 2020.", [("April", "2020-04"), ("May", "2020-05"), ("June 2020", "2020-06")]),
    ("A mid-season review and a late-1500 figure.", []),
])
def test_dates_in_digits_and_ranges(nlp, text, expected):
    assert dates(nlp, text) == expected


def test_a_decade_modifier_of_several_words_is_refused(tmp_path):
    """"mid-2021" is found from the year after the hyphen, then the one word before it."""
    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder)
    rules = json.loads((folder / "dates.json").read_text(encoding="utf-8"))
    rules["decade_modifiers"].append("middle of")
    (folder / "dates.json").write_text(json.dumps(rules), encoding="utf-8")
    with pytest.raises(PatternError, match="decade modifier"):
        DateFinder().initialize(patterns_dir=str(folder))


@pytest.mark.parametrize("text, published", [
    ("On 31 December 9999 IOM said that tomorrow, next week, next month, next year and on Friday it acts.",
     date(9999, 12, 31)),
    ("On 1 January 0001 IOM said that yesterday, last week, last month, last year and on Monday it acted.",
     date(1, 1, 1)),
])
def test_defect_07_relative_dates_past_the_calendar_have_no_value(nlp, text, published):
    found = dates(nlp, text, published)
    assert len(found) >= 5
    assert all(value is None or len(value) >= 4 for _, value in found)
