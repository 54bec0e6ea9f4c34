import pytest


def people(ents, text):
    return [(t, a.get("title"), a.get("org")) for label, t, a in ents(text) if label == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    ("IOM Director General António Vitorino visited Kenya.",
     [("António Vitorino", "Director General", "International Organization for Migration")]),
    ("IOM Director-General William Lacy Swing called the move historic.",
     [("William Lacy Swing", "Director-General", "International Organization for Migration")]),
    ("“We must act,” said Manuel Marques Pereira, IOM’s emergency coordinator in Cox’s Bazar.",
     [("Manuel Marques Pereira", "emergency coordinator", "International Organization for Migration")]),
    ("“We must act” – Dimanche Sharon, Chief of Mission, IOM Kenya, and Co-Chair of the group.",
     [("Dimanche Sharon", "Chief of Mission", "IOM Kenya")]),
    ("The visit was hosted by Dr. Jane Wanjiru of the ministry. Dr. Wanjiru thanked IOM.",
     [("Jane Wanjiru", None, None), ("Wanjiru", None, None)]),
    ("“We will help,” said HE Katarina Žuffa Leligdonova, Slovak Republic Ambassador to Kenya and Co-Chair.",
     [("Katarina Žuffa Leligdonova", "Ambassador to Kenya", None)]),
    ("Photo: © Grace Kae/IOMKenya", [("Grace Kae", None, None)]),
    ("Kenya's Cabinet Secretary for Interior, Kithure Kindiki, opened the meeting.",
     [("Kithure Kindiki", "Cabinet Secretary for Interior", None)]),
    ("IOM's Regional Director for Central America, North America and the Caribbean, Michele Klein Solomon, spoke.",
     [("Michele Klein Solomon", "Regional Director for Central America, North America and the Caribbean",
       "International Organization for Migration")]),
    ("Dr. Samir Hossain of the Ministry of Health said three people were hurt.", [("Samir Hossain", None, "Ministry of Health")]),
])
def test_people(ents, text, expected):
    assert people(ents, text) == expected


@pytest.mark.parametrize("text", [
    "The Ministry of Foreign Affairs said it would help.",
    "Migration and Development is a priority.",
    "The Government of Kenya announced new rules.",
])
def test_not_people(ents, text):
    assert people(ents, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Director General of the International Organization for Migration (IOM), Amy Pope, spoke today.",
     [("Amy Pope", "Director General", "International Organization for Migration")]),
    ("For more information please contact:\nSafa Msehli, IOM Geneva, Tel: +41 79 403 5526", [("Safa Msehli", None, None)]),
])
def test_appositions_and_contacts(ents, text, expected):
    assert people(ents, text) == expected
