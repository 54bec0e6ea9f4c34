from datetime import date

import pytest


@pytest.mark.parametrize("text, title, published", [
    ("IOM Chief Calls for Safe Pathways\n\nGeneva, 14 June 2023 – The Director General spoke today.",
     "IOM Chief Calls for Safe Pathways", date(2023, 6, 14)),
    ("News\nLocal\n\nIOM Kenya Launches Report\n\nPublished: 5 March 2024\n\nNairobi – IOM launched a report.",
     "IOM Kenya Launches Report", date(2024, 3, 5)),
    ("Established in 1951, the International Organization for Migration is the leading organization in the field of "
     "migration and works closely with governmental, intergovernmental and non-governmental partners across the world.",
     None, None),
])
def test_title_and_publication_date(nlp, text, title, published):
    doc = nlp(text)
    assert (doc._.title, doc._.published) == (title, published)


def test_relative_dates_use_the_dateline(nlp):
    doc = nlp("Title\n\nGeneva, 14 June 2023 – IOM said today that arrivals rose last year.")
    values = {e.text: e._.attrs["value"] for e in doc.ents if e.label_ == "DATE"}
    assert values["today"] == "2023-06-14" and values["last year"] == "2022"
