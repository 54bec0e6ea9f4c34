"""Title, publication date and dateline, wherever a page puts them."""
from datetime import date

import pytest

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
