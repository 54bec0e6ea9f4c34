"""One identity per person in a release: surnames, spelling variants, shared surnames."""
import pytest


def people(ents, text):
    return [(t, a.get("title"), a.get("key")) for label, t, a in ents(text) if label == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    ("Dr. Amara Diallo, IOM's Regional Health Officer, visited the clinic. Diallo said vaccination rates had doubled.",
     [("Amara Diallo", "Regional Health Officer", "diallo|amr"), ("Diallo", "Regional Health Officer", "diallo|amr")]),
    ("Mohamed Yusuf, the district commissioner, spoke first. Later, Mohammed Yusuf thanked the donors.",
     [("Mohamed Yusuf", "district commissioner", "yusuf|mhmd"), ("Mohammed Yusuf", "district commissioner", "yusuf|mhmd")]),
    ("IOM Chief of Mission Jan van der Berg met the press. Van der Berg said the office would stay open.",
     [("Jan van der Berg", "Chief of Mission", "vanderberg|jn"), ("Van der Berg", "Chief of Mission", "vanderberg|jn")]),
])
def test_mentions_of_one_person_share_title_and_key(ents, text, expected):
    assert people(ents, text) == expected


def test_a_shared_surname_is_refused(ents):
    text = "Ambassador Peter Lim met Dr. Susan Lim in Geneva. Lim said the meeting went well. Peter Lim left."
    found = people(ents, text)
    assert [t for t, _, _ in found] == ["Peter Lim", "Susan Lim", "Peter Lim"]  # the bare "Lim" is nobody
    assert found[2] == ("Peter Lim", "Ambassador", found[0][2])


def test_a_surname_inside_an_organization_stays_org(ents):
    found = ents("Dr. Amara Diallo spoke. The Diallo Foundation funded the clinic.")
    assert ("ORG", "Diallo Foundation") in [(label, t) for label, t, _ in found]
