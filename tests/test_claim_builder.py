import pytest

from iomextract import extract_text


def claims(sheet):
    return {(c.subject, c.attribute, c.value, c.qualifier, c.object) for c in sheet.claims}


def test_kenya_page_claims(kenya):
    found = claims(kenya)
    iom = "International Organization for Migration"
    assert (iom, "founded", "1951", None, None) in found
    assert (iom, "member_state_count", 162, "exact", None) in found
    assert (iom, "observer_state_count", 8, "exact", None) in found
    assert (iom, "country_presence_count", 100, "over", None) in found
    assert ("Kenya", "member_since", "1983", None, iom) in found
    assert ("IOM Kenya", "staff_count", 300, "over", None) in found  # "The mission in Kenya"


def test_pronoun_subject_and_place_lists(kenya):
    offices = {(c.subject, c.value, c.object) for c in kenya.claims if c.attribute == "office"}
    assert offices == {("IOM Kenya", "country office", "Nairobi"), ("IOM Kenya", "sub-office", "Kakuma"),
                       ("IOM Kenya", "sub-office", "Dadaab"), ("IOM Kenya", "field office", "Mombasa")}


def test_every_claim_has_evidence_in_the_text(corpus_sheets):
    from conftest import CORPUS
    for doc_id, sheet in corpus_sheets.items():
        text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
        for claim in sheet.claims:
            assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_roles(partnership):
    roles = {(c.subject, c.value, c.object) for c in partnership.claims if c.attribute == "role"}
    assert ("Mohamed Abdiker", "Regional Director for East and Horn of Africa", "International Organization for Migration") in roles
    assert ("Macharia Kamau", "Principal Secretary", "Ministry of Foreign Affairs") in roles


@pytest.mark.parametrize("text, expected", [
    ("Ethiopia joined IOM in 1995.", ("Ethiopia", "member_since", "1995")),
    ("Founded in 1951, the International Organization for Migration (IOM) helps migrants.",
     ("International Organization for Migration", "founded", "1951")),
    ("IOM now has 175 member states.", ("International Organization for Migration", "member_state_count", 175)),
    ("UNHCR has a presence in 135 countries.", ("United Nations High Commissioner for Refugees", "country_presence_count", 135)),
    ("Bhutan has been an IOM member since 2016.", ("Bhutan", "member_since", "2016")),
    ("IOM, founded in 1951 as the Provisional Intergovernmental Committee, employs over 9,000 staff.",
     ("International Organization for Migration", "staff_count", 9000)),
    ("The IOM mission in Tajikistan has 120 staff and a sub-office in Khujand.", ("IOM Tajikistan", "office", "sub-office")),
])
def test_claim_rules_on_new_sentences(nlp, text, expected):
    found = {(c.subject, c.attribute, c.value) for c in extract_text(text, nlp=nlp).claims}
    assert expected in found


@pytest.mark.parametrize("text", [
    "IOM and Kenya held talks in 1985.",
    "The 300 staff of the hospital went on strike.",
    "China will join the IOM next year.",
])
def test_no_claim(nlp, text):
    assert extract_text(text, nlp=nlp).claims == []
