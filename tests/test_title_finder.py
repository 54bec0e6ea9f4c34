"""Titles in the positions press text puts them, read by the title grammar and linked to people.

Registers: IOM releases, wire stories, national newspapers, government statements,
contact and signature lines. Each case: text -> [(person, title, org)].
"""
import pytest

IOM = "International Organization for Migration"


def people(ents, text):
    return [(t, a.get("title"), a.get("org")) for label, t, a in ents(text) if label == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    # IOM releases: the org before the title, possessive, apposition, "the Organization's"
    ("IOM Chief of Mission in Nigeria Frantz Celestin said the flights would resume.",
     [("Frantz Celestin", "Chief of Mission in Nigeria", IOM)]),
    ("“Safe routes save lives,” said Ugo Nwankwo, IOM Deputy Director General for Operations.",
     [("Ugo Nwankwo", "Deputy Director General for Operations", IOM)]),
    ("IOM welcomed the decision. The delegation was received by Marta Ruiz, the Organization's Director of "
     "Programme Support and Management.",
     [("Marta Ruiz", "Director of Programme Support and Management", IOM)]),
    ("Anne Lindqvist, IOM's Regional Director for Asia and the Pacific, visited the camps.",
     [("Anne Lindqvist", "Regional Director for Asia and the Pacific", IOM)]),
    ("The IOM Regional Director (RD) for West and Central Africa, Mr. Idrissa Sow, met the Principal Secretary (PS) "
     "for the Ministry of Interior, Amb. Wanjiku Mwangi.",
     [("Idrissa Sow", "Regional Director for West and Central Africa", IOM),
      ("Wanjiku Mwangi", "Principal Secretary", "Ministry of Interior")]),
    ("IOM’s emergency coordinator in Cox’s Bazar, Rashid Karim, said more shelters were needed.",
     [("Rashid Karim", "emergency coordinator", IOM)]),
    # wire stories
    ("UN Secretary-General Ana Brandt welcomed the pact on Tuesday.", [("Ana Brandt", "Secretary-General", "United Nations")]),
    ("According to Luis Ortega, an IOM spokesman in Geneva, the boat carried 60 people.",
     [("Luis Ortega", "spokesman", IOM)]),
    ("By Karen Moss, Senior Correspondent\n\nThe talks ended late.", [("Karen Moss", "Senior Correspondent", None)]),
    # national newspapers: nationality or country before the title, which is no part of it
    ("Swedish Migration Minister Karl Holm and Ghanaian Foreign Minister Efua Asante signed the memorandum.",
     [("Karl Holm", "Migration Minister", None), ("Efua Asante", "Foreign Minister", None)]),
    ("Kenyan Cabinet Secretary for Interior Otieno Wafula opened the centre.",
     [("Otieno Wafula", "Cabinet Secretary for Interior", None)]),
    ("Kenya's Ambassador to Ethiopia, Njeri Kamau, attended the ceremony.",
     [("Njeri Kamau", "Ambassador to Ethiopia", None)]),
    # a complement run that ends with the name, before a comma or at the sentence end
    ("“Borders must stay open,” said IOM Deputy Director General for Operations Chidi Okonkwo, speaking in Geneva.",
     [("Chidi Okonkwo", "Deputy Director General for Operations", IOM)]),
    ("The shelter was opened by IOM Director of Operations and Emergencies Lena Berg.",
     [("Lena Berg", "Director of Operations and Emergencies", IOM)]),
    ("The Minister of Labour and Social Protection, Jane Wambui, spoke first.",
     [("Jane Wambui", "Minister of Labour and Social Protection", None)]),
    ("She was appointed Minister of Labour and Social Protection.", []),
    ("IOM helped. The National Disaster Management Agency warned of floods. Hamid Noor, the agency's Commissioner, "
     "called for funds.", [("Hamid Noor", "Commissioner", "National Disaster Management Agency")]),
    ("Omar Haddad, IOM Regional Emergency and Post-Crisis Specialist, said 20 trucks arrived.",
     [("Omar Haddad", "Regional Emergency and Post-Crisis Specialist", IOM)]),
    ("IOM's outgoing Director General Lars Eklund handed over to his successor.",
     [("Lars Eklund", "Director General", IOM)]),
    ("The Director of IOM's Department of Operations and Emergencies, Nadia Rahman, briefed the council.",
     [("Nadia Rahman", "Director of IOM's Department of Operations and Emergencies", IOM)]),
    ("Speaking at the launch, the Head of the EU Delegation to Ghana, Petra Lindqvist, praised the project.",
     [("Petra Lindqvist", "Head of the EU Delegation to Ghana", "EU Delegation to Ghana")]),
    # government statements: long titles right before the name
    ("State Minister of Labour and Skills Hana Girma visited the centre on Saturday.",
     [("Hana Girma", "State Minister of Labour and Skills", None)]),
    ("Deputy Minister of Interior and Administrative Reform Paulo Sousa opened the session.",
     [("Paulo Sousa", "Deputy Minister of Interior and Administrative Reform", None)]),
    # lists: each person takes the title after their name, none bleeds into the next
    ("The panel included Omar Saleh, Minister of Labour, Ines Duarte, Director of the National Migration Service, "
     "and Raj Patel, Secretary for Overseas Affairs.",
     [("Omar Saleh", "Minister of Labour", None),
      ("Ines Duarte", "Director of the National Migration Service", "National Migration Service"),
      ("Raj Patel", "Secretary for Overseas Affairs", None)]),
    # contact and signature lines
    ("For more information please contact:\nLena Fischer, Media and Communications Officer, IOM, Tel: +49 30 1234 567",
     [("Lena Fischer", "Media and Communications Officer", IOM)]),
    ("“We are ready” – Dimakatso Molefe, Chief of Mission, IOM South Africa.",
     [("Dimakatso Molefe", "Chief of Mission", "IOM South Africa")]),
    ("Deputy Minister of Foreign Affairs Rosa Lima and the IOM Regional Director for South America, Pedro Alves, "
     "signed the agreement.",
     [("Rosa Lima", "Deputy Minister of Foreign Affairs", None),
      ("Pedro Alves", "Regional Director for South America", IOM)]),
    # an organization's office inside the complement: the title holds it, the organization is its org
    ("The Head of the IOM Field Office in Kharkiv, Ana Lima, said the convoy had arrived.",
     [("Ana Lima", "Head of the IOM Field Office in Kharkiv", IOM)]),
    ("Chief of IOM mission in Nepal Ana Lima said the convoy had arrived.",
     [("Ana Lima", "Chief of IOM mission in Nepal", IOM)]),
    ("Ana Lima, Head of the IOM office in Niger, said the convoy had arrived.",
     [("Ana Lima", "Head of the IOM office in Niger", IOM)]),
])
def test_titles_in_every_position(ents, text, expected):
    assert people(ents, text) == expected


@pytest.mark.parametrize("text", [
    "The Minister of Health did not attend the meeting.",
    "The Regional Director for Europe will be appointed next year.",
    "Jordan's Minister of Labour met the press on Monday.",
    "An IOM spokesman said the figures would be updated.",
])
def test_a_title_alone_makes_no_person(ents, text):
    assert people(ents, text) == []


def test_titles_are_spans_with_owner_and_key(nlp):
    doc = nlp("Kenya's Cabinet Secretary for Interior, Otieno Wafula, spoke.")
    (span,) = doc.spans["titles"]
    attrs = doc._.entity_attrs[(span.start_char, span.end_char, "TITLE")]
    assert span.text == "Cabinet Secretary for Interior"
    assert (attrs["country"], attrs["key"], attrs["rule"]) == ("KE", "cabinet secretary for interior", "title.grammar")


@pytest.mark.parametrize("a, b", [
    ("IOM Director-General Lena Cruz spoke.", "IOM Director General Lena Cruz spoke."),
    ("IOM director general Lena Cruz spoke.", "IOM General Director Lena Cruz spoke."),
    ("A ministry spokesman, Ali Omar, said the talks went well.", "A ministry spokesperson, Ali Omar, said the talks went well."),
    # one post with or without its owner and department
    ("Lena Cruz, Director of IOM's Department of Operations and Emergencies, spoke.",
     "Lena Cruz, Director of Operations and Emergencies, spoke."),
    ("Lena Cruz, Director of the Organization’s Division of Migration Health, spoke.",
     "Lena Cruz, Director of Migration Health, spoke."),
])
def test_title_variants_share_a_key(ents, a, b):
    key = lambda text: [attrs.get("title_key") for label, _, attrs in ents(text) if label == "PERSON"]
    assert key(a) == key(b) and key(a)[0]


def test_different_posts_keep_different_keys(ents):
    key = lambda text: [attrs.get("title_key") for label, _, attrs in ents(text) if label == "PERSON"]
    assert key("Lena Cruz, Director of Operations, spoke.") != key("Lena Cruz, Director of Migration Health, spoke.")
