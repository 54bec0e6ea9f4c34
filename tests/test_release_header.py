"""Title, publication date and dateline, wherever a page puts them."""
from datetime import date, timedelta

import pytest

from iomextract import extract_file, extract_text
from iomextract.extract import make_doc

BODY = "The ministers met to discuss the response to the floods and agreed to open two new centres."


@pytest.mark.parametrize("text, title, published, how", [
    ("IOM Chief Calls for Safe Pathways\n\nGeneva, 14 June 2023 – The Director General spoke today about it all.",
     "IOM Chief Calls for Safe Pathways", date(2023, 6, 14), "dateline"),
    ("News\nLocal\n\nIOM Kenya Launches Report\n\nPublished: 5 March 2024\n\nNairobi – IOM launched a report on migration.",
     "IOM Kenya Launches Report", date(2024, 3, 5), "label"),
    (f"Floods in the North\nPosted on Tue. Nov-24-2015\n\n{BODY}", "Floods in the North", date(2015, 11, 24), "label"),
    (f"Floods in the North\nDate Publish: 2023-06-20\n\n{BODY}", "Floods in the North", date(2023, 6, 20), "label"),
    (f"Floods in the North\ndate 2018-11-28\n\n{BODY}", "Floods in the North", date(2018, 11, 28), "label"),
    (f"Floods in the North\nPublished on Tuesday, 4 December 2018\n\n{BODY}", "Floods in the North", date(2018, 12, 4), "label"),
    (f"Floods in the North\nRelease date: December 4, 2018\n\n{BODY}", "Floods in the North", date(2018, 12, 4), "label"),
    (f"Floods in the North\n04.12.2018\n\n{BODY}", "Floods in the North", date(2018, 12, 4), "date line"),
    (f"Floods in the North\n\nGENEVA, 30 November 2021 – {BODY}", "Floods in the North", date(2021, 11, 30), "dateline"),
    (f"Floods in the North\n\nABUJA, Nigeria, 3 May 2022 (Wire News) — {BODY}", "Floods in the North", date(2022, 5, 3), "dateline"),
    (f"Floods in the North\n\nLAGOS, Nigeria, March 3, 2024 (Wire News) -- {BODY}", "Floods in the North",
     date(2024, 3, 3), "dateline"),
    (f"Floods in the North\n\nDakar, Senegal, Sept. 14, 2019 – {BODY}", "Floods in the North", date(2019, 9, 14), "dateline"),
    (f"Geneva – Friday 12 May 2023 – {BODY} {BODY}", None, date(2023, 5, 12), "dateline"),
    (f"Floods in the North\n\nBANGKOK — Monday, 6 November 2023 — {BODY}", "Floods in the North",
     date(2023, 11, 6), "dateline"),
    (f"Floods in the North\nBy Tomas Berg | March 5, 2024\n\n{BODY}", "Floods in the North", date(2024, 3, 5), "date line"),
    (f"Floods in the North\nMar 5, 2024 · 3 min read\n\n{BODY}", "Floods in the North", date(2024, 3, 5), "date line"),
    (f"Floods in the North\nPress Release | Geneva | 5 March 2024\n\n{BODY}", "Floods in the North", date(2024, 3, 5),
     "date line"),
    (f"Floods in the North\nWritten by Amina Yusuf on 5 March 2024\n\n{BODY}", "Floods in the North", date(2024, 3, 5),
     "date line"),
    (f"Floods in the North\nNairobi, 5 March 2024\n\n{BODY}", "Floods in the North", date(2024, 3, 5), "date line"),
    (f"Floods in the North\nNews | Kenya | Floods\n\n{BODY}", "Floods in the North", None, None),
    (f"Press briefing notes, 4 December 2018\n\n{BODY}", "Press briefing notes, 4 December 2018", date(2018, 12, 4), "title"),
    (f"BY AMINA WARSAME\n\nFloods in the North\n\nNAIROBI – {BODY}", "Floods in the North", None, None),
    ("Established in 1951, the International Organization for Migration is the leading organization in the field of "
     "migration and works closely with governmental, intergovernmental and non-governmental partners across the world.",
     None, None, None),
])
def test_title_and_publication_date(nlp, text, title, published, how):
    doc = nlp(text)
    assert (doc._.title, doc._.published, doc.user_data["iom_header"].published_from) == (title, published, how)


def test_a_date_without_year_in_the_dateline_gives_no_publication_date(nlp):
    doc = nlp(f"Floods\n\nBELEDWEYNE, Somalia, April 29 (Horn Wire) – {BODY}")
    assert doc._.published is None
    found = {(e.label_, e.text, e._.attrs.get("rule")) for e in doc.ents}
    assert {("PLACE", "BELEDWEYNE", "place.dateline"), ("PLACE", "Somalia", "place.dateline"),
            ("ORG", "Horn Wire", "org.agency"), ("DATE", "April 29", "date.month_day")} <= found


def test_the_date_a_caller_gives_wins(nlp):
    doc = nlp(make_doc(nlp, f"Floods\nPosted on 3 May 2021\n\n{BODY}", date(2021, 5, 4), "meta"))
    assert doc._.published == date(2021, 5, 4)
    assert doc.user_data["iom_header"].published_from == "meta"
    assert [(e.text, e._.attrs["value"]) for e in doc.ents if e.label_ == "DATE"] == [("3 May 2021", "2021-05-03")]


def test_header_dates_are_dates(nlp):
    doc = nlp(f"Floods in the North\nPosted on Tue. Nov-24-2015\n\n{BODY}")
    assert [(e.text, e._.attrs["value"], e._.attrs["rule"]) for e in doc.ents if e.label_ == "DATE"] == \
        [("Tue. Nov-24-2015", "2015-11-24", "date.header")]


def test_relative_dates_use_the_dateline(nlp):
    doc = nlp("Title\n\nGeneva, 14 June 2023 – IOM said today that arrivals rose last year, more than in any year before.")
    values = {e.text: e._.attrs["value"] for e in doc.ents if e.label_ == "DATE"}
    assert values["today"] == "2023-06-14" and values["last year"] == "2022"


def test_credits_at_the_end_are_organizations(nlp):
    doc = nlp(f"Floods\n\n{BODY}\n\n[Reuters / The Daily Nation]")
    assert [(e.text, e._.attrs["rule"]) for e in doc.ents if e.label_ == "ORG"] == \
        [("Reuters", "org.credit"), ("The Daily Nation", "org.credit")]


# The dates of a crawl: feed and wire header lines, all-caps months, year-less datelines, story dates
CRAWL_BODY = ("IOM said on Tuesday that 300 migrants had returned home. The agency will open a centre "
              "tomorrow, officials said today in a statement to the press.")


@pytest.mark.parametrize("header, published, today", [
    ("IOM opens centre\nMon, 05/14/2018 - 11:02\n\n", "2018-05-14", "2018-05-14"),  # a feed's timestamp
    ("IOM opens centre\nPosted: Thursday, May 7, 2020 - 10:15\n\n", "2020-05-07", "2020-05-07"),
    ("IOM opens centre\nMonday, 4 March 2019 07:41\n\n", "2019-03-04", "2019-03-04"),
    ("IOM opens centre\n\nNAIROBI, Kenya, May 2, 2016/Wire Service/ -- ", "2016-05-02", "2016-05-02"),  # press wire
    ("IOM opens centre\n\nMARCH 3 2015\n\nGENEVA – ", "2015-03-03", "2015-03-03"),  # all-caps month
    # a year-less dateline takes the page's year; the story's day anchors "today", not the page's
    ("IOM opens centre\nPosted on 12 May 2019\n\nBELEDWEYNE, Somalia, May 10 (Horn Wire) – ", "2019-05-12", "2019-05-10"),
    ("IOM opens centre\nDate Publish: 2023-06-21\n\nGENEVA, 20 June 2023 – ", "2023-06-21", "2023-06-20"),
    ("IOM opens centre\nDate Publish:\nFriday, July 1, 2016\n\nJUNE 30 2016\n\nGENEVA – ", "2016-07-01", "2016-06-30"),
])
def test_crawl_dates_and_the_story_date(nlp, header, published, today):
    sheet = extract_text(header + CRAWL_BODY + "\n", nlp=nlp)
    assert sheet.document.published == published
    values = {e.text: e.value for e in sheet.entities if e.type == "DATE"}
    assert values["today"] == today
    assert values["tomorrow"] == (date.fromisoformat(today) + timedelta(days=1)).isoformat()


def test_a_weekday_with_a_future_cue_after_it_is_the_coming_one(nlp):
    sheet = extract_text("IOM chief visits Jordan\nMonday, 24 March 2003\n\nThe Director General arrives today. "
                         "On Wednesday he is scheduled to visit the border. On Sunday IOM said it will help.\n", nlp=nlp)
    values = {e.text: e.value for e in sheet.entities if e.type == "DATE"}
    assert values["Wednesday"] == "2003-03-26" and values["Sunday"] == "2003-03-23"


@pytest.mark.parametrize("slug, expected", [
    ("iom-amman-press-briefing-note-24-mar-2003", "2003-03-24"),
    ("https://example.org/news/2019/05/14/iom-opens-centre", "2019-05-14"),
    ("report_14_May_2019", "2019-05-14"),
    ("may-14-2019-iom-update", "2019-05-14"),
    ("https://tass.com/politics/1227471", None),  # an article number, no date
    ("covid-19-update-2-2020", None),
    ("release-2017", None),  # a year alone is no publication date
])
def test_dates_in_urls_and_file_names(slug, expected):
    from iomextract.dateparse import date_in_slug
    found = date_in_slug(slug)
    assert (found.isoformat() if found else None) == expected


def test_a_file_name_dates_a_release_whose_text_does_not(nlp, tmp_path):
    path = tmp_path / "iom-press-briefing-note-24-mar-2003.txt"
    path.write_text("IOM Director General arrives in Amman tonight for a three-day visit. Tomorrow he meets "
                    "the Minister of the Interior.\n", encoding="utf-8")
    sheet = extract_file(path, nlp=nlp)
    assert (sheet.document.published, sheet.document.published_from) == ("2003-03-24", "file name")
    assert {e.text: e.value for e in sheet.entities if e.type == "DATE"}["Tomorrow"] == "2003-03-25"
