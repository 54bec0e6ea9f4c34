"""One identity per person in a release: surnames, spelling variants, shared surnames."""
import pytest


def people(ents, text):
    return [(t, a.get("title"), a.get("key")) for label, t, a in ents(text) if label == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    # a later mention's title written short is the person's first one
    ("Director General António Vitorino spoke. DG Vitorino then left.",
     [("António Vitorino", "Director General", "vitorino|antn"), ("Vitorino", "Director General", "vitorino|antn")]),
    ("IOM Regional Director for Asia and the Pacific Sarah Lou Arriola arrived. RD Arriola met the minister.",
     [("Sarah Lou Arriola", "Regional Director for Asia and the Pacific", "arriola|srh"),
      ("Arriola", "Regional Director for Asia and the Pacific", "arriola|srh")]),
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


def roles(nlp, text):
    from iomextract import extract_text
    sheet = extract_text(text, nlp=nlp)
    return [(c.subject, c.value, c.object) for c in sheet.claims if c.attribute == "role"]


IOM = "International Organization for Migration"


@pytest.mark.parametrize("text, expected", [
    # posts stated by a verb, any tense and voice (IOM release, wire, government statement, biography)
    ("The Council elected Maria Lopes as Deputy Director General on Friday.",
     [("Maria Lopes", "Deputy Director General", None)]),
    ("Peter Jones, who served as Chief of Mission in Chad, spoke in Geneva.",
     [("Peter Jones", "Chief of Mission in Chad", None)]),
    ("Ana Reis joined IOM in 1999. In 2010 she became Deputy Director General.",
     [("Ana Reis", "Deputy Director General", None)]),
    ("Rui Costa was appointed Regional Director for West and Central Africa last year.",
     [("Rui Costa", "Regional Director for West and Central Africa", None)]),
    ("The ministry said Amina Yusuf has been named Permanent Secretary.",
     [("Amina Yusuf", "Permanent Secretary", None)]),
    ("Mark Lee succeeds Ana Reis as Chief of Mission in Niger.", [("Mark Lee", "Chief of Mission in Niger", None)]),
    ("Born in Lima, Carla Ruiz later worked as Programme Manager in Quito.",
     [("Carla Ruiz", "Programme Manager in Quito", None)]),
    ("President Samuel Okello appointed Grace Atieno as Cabinet Secretary for Labour on Monday.",
     [("Samuel Okello", "President", None), ("Grace Atieno", "Cabinet Secretary for Labour", None)]),
    # several posts of one person
    ("Laura Mendes, a former Minister of Labour and Ambassador to Brazil, chaired the session.",
     [("Laura Mendes", "Minister of Labour", None), ("Laura Mendes", "Ambassador to Brazil", None)]),
    ("IOM Chief of Mission Tomas Berg spoke. Berg was appointed Regional Director for Asia in 2019.",
     [("Tomas Berg", "Chief of Mission", IOM), ("Tomas Berg", "Regional Director for Asia", None)]),
    # press-style titles: lower case, a nationality before, an initial without its full stop
    ("British foreign secretary Boris Johnson met refugees in the camps.", [("Boris Johnson", "foreign secretary", None)]),
    ("The talks were led by foreign minister Ana Costa of Portugal.", [("Ana Costa", "foreign minister", None)]),
    ("Meanwhile, state minister for foreign affairs M Shahriar Alam said the camps were safe.",
     [("M Shahriar Alam", "state minister for foreign affairs", None)]),
    ("IOM VHR Operations Assistant Mohamed Hmouzi said flights would resume.",
     [("Mohamed Hmouzi", "VHR Operations Assistant", IOM)]),
    # boundaries: honorifics without a full stop, "and <title> <name>", an org that is the object
    ("He met Mr Shaher Bak, Minister of State for Foreign Affairs, and Dr Basem Awadallah, the Minister of Planning"
     " and Major General Majed Al Etan.",
     [("Shaher Bak", "Minister of State for Foreign Affairs", None), ("Basem Awadallah", "Minister of Planning", None),
      ("Majed Al Etan", "Major General", None)]),
    ("Deputy Minister of the Ministry of Labour, Jane Doe, opened the centre.",
     [("Jane Doe", "Deputy Minister", "Ministry of Labour")]),
    # a verb's object, then its title: right after it, or after "as" further on
    ("IOM welcomed the vote. The board named Peter Haas head of the agency last week.", [("Peter Haas", "head", IOM)]),
    ("The member states chose Amy Pope to lead the organization as Director General.",
     [("Amy Pope", "Director General", None)]),
    ("Parliament confirmed Lea Kovac yesterday as Minister of the Interior.", [("Lea Kovac", "Minister of the Interior", None)]),
    # a post after a form of "be" (biography, wire)
    ("Before joining IOM, Karim Nasser was the United Nations envoy to the Sahel.",
     [("Karim Nasser", "envoy to the Sahel", "United Nations")]),
    ("Olga Petrova, who is the Deputy Minister of Labour, opened the forum.",
     [("Olga Petrova", "Deputy Minister of Labour", None)]),
    ("Born in Accra, Kofi Mensah has been a Senior Adviser to the Government of Ghana.",
     [("Kofi Mensah", "Senior Adviser to the Government of Ghana", "Government of Ghana")]),
    # a region or country after the title with no "for": the title's, never the name's
    ("IOM Regional Director West Africa Christopher Gascon visited the camp.",
     [("Christopher Gascon", "Regional Director West Africa", IOM)]),
    ("“We need access,” said IOM Chief of Mission Kenya Ana Reis.", [("Ana Reis", "Chief of Mission Kenya", IOM)]),
    ("The UN Resident Coordinator Somalia, Adam Abdelmoula, chaired the meeting.",
     [("Adam Abdelmoula", "Resident Coordinator Somalia", "United Nations")]),
    ("Mohammed Abdiker, IOM Regional Director for the Middle East and North Africa, spoke.",
     [("Mohammed Abdiker", "Regional Director for the Middle East and North Africa", IOM)]),    # a country among the modifiers, an adjective before an appositive title, an office in the title
    ("“We cannot wait,” Assistant U.K. Home Secretary James Hart told reporters.",
     [("James Hart", "Assistant U.K. Home Secretary", None)]),
    ("Ana Reis, a former European Commissioner for Justice and Home Affairs, was elected in 2018.",
     [("Ana Reis", "Commissioner for Justice and Home Affairs", None)]),
    ("The new head of IOM's office in Libya, Federico Soda, arrived on Monday.",
     [("Federico Soda", "head of IOM's office in Libya", IOM)]),
    ("Ana Reis, who has worked as Head of Office in Juba since 2021, said.", [("Ana Reis", "Head of Office in Juba", None)]),
    # what stands between a name and its title: a hyphenated modifier, "(pictured)", an age, "its"
    ("Speakers included Prof. John Okoth, Vice-Chancellor of the University of Nairobi, and others.",
     [("John Okoth", "Vice-Chancellor", "University of Nairobi")]),  # the organization is the object
    ("Ahmed Musa (pictured), a community leader in Borno, said water was scarce.", [("Ahmed Musa", "community leader", None)]),
    ("Halima Idris, 45, a nurse from Maiduguri, volunteered at the camp.", [("Halima Idris", "nurse", None)]),
    ("Ugochi Daniels, IOM's Deputy Director General, and Amy Pope, its Director General, visited Chad.",
     [("Ugochi Daniels", "Deputy Director General", IOM), ("Amy Pope", "Director General", IOM)]),
    # a lower-case title in apposition to a name
    ("“It is hard,” said Paul Dube, spokesman for the agency.", [("Paul Dube", "spokesman", None)]),
    ("According to Sergio Ruiz, head of the IOM office in Libya, the flights resumed.",
     [("Sergio Ruiz", "head of the IOM office in Libya", IOM)]),
    # an announcement, and one verb with several posts
    ("IOM today welcomed Sofia Marques as its new Chief of Mission in Ethiopia.",
     [("Sofia Marques", "Chief of Mission in Ethiopia", IOM)]),
    ("Sofia Marques previously served as Deputy Chief of Mission in Mozambique (2016–2020) and as Head of Office in Beira.",
     [("Sofia Marques", "Deputy Chief of Mission in Mozambique", None), ("Sofia Marques", "Head of Office in Beira", None)]),
    ("Ana Reis served as Chief of Mission in Haiti and later as Regional Director for Asia.",
     [("Ana Reis", "Chief of Mission in Haiti", None), ("Ana Reis", "Regional Director for Asia", None)]),
    ("The Cabinet Secretary for Interior and Coordination of National Government, Hon. Kithure Kindiki, spoke.",
     [("Kithure Kindiki", "Cabinet Secretary for Interior and Coordination of National Government", None)]),
    # two titles joined by "and" before one name are both that person's, unless the first has a name of its own
    ("Deputy Prime Minister and Minister of Foreign Affairs Ana Costa opened the meeting.",
     [("Ana Costa", "Deputy Prime Minister", None), ("Ana Costa", "Minister of Foreign Affairs", None)]),
    ("The Minister of Labour and IOM Director General Amy Pope met in Accra.",
     [("Amy Pope", "Director General", IOM)]),
    ("The Minister of Labour and the Director General, Amy Pope, met in Accra.", [("Amy Pope", "Director General", None)]),
    # an article and time words between the verb and its title
    ("Mark Lee has been appointed the new IOM Chief of Mission in Nepal.", [("Mark Lee", "Chief of Mission in Nepal", IOM)]),
    ("Mark Lee was appointed the first woman to lead it.", []),
    # wire style: a mission's place stays with its lower-case head, a spokesman's place does not
    ("Federico Soda, IOM's chief of mission in Libya, told Reuters the agency had 500 staff.",
     [("Federico Soda", "chief of mission in Libya", IOM)]),
    ("According to Luis Ortega, an IOM spokesman in Geneva, the boat sank.", [("Luis Ortega", "spokesman", IOM)]),
    # an honorific, or a head used as a rank, opens the name after a title's complement
    ("He thanked outgoing Head of Sub-Office Ms. Efua Owusu for her service.", [("Efua Owusu", "Head of Sub-Office", None)]),
    ("Minister of Labour Hon. Peter Munya opened the centre.", [("Peter Munya", "Minister of Labour", None)]),
    ("Minister of Interior Ambassador Ana Lima spoke to the press.", [("Ana Lima", "Minister of Interior", None)]),
    ("The Secretary of State for Health Professor John Smith visited the clinic.",
     [("John Smith", "Secretary of State for Health", None)]),
    ("Ambassador Ana Lima spoke to the press.", [("Ana Lima", "Ambassador", None)]),
    # a possessive inside a complement
    ("Minister of Women's Affairs Ana Lima spoke.", [("Ana Lima", "Minister of Women's Affairs", None)]),
    ("Ana Lima, the Minister of Workers' Affairs, met the delegation.", [("Ana Lima", "Minister of Workers' Affairs", None)]),
    # a head written closed up with its modifier, and an irregular nationality adjective before it
    ("The Undersecretary of Labor, Maria Santos, met IOM staff.", [("Maria Santos", "Undersecretary of Labor", None)]),
    ("Subdirector of Migration Juan Perez said the office would open.", [("Juan Perez", "Subdirector of Migration", None)]),
    ("Sarah Lou Arriola spoke. Arriola previously served as Philippine Undersecretary for Migrant Workers' Affairs.",
     [("Sarah Lou Arriola", "Undersecretary for Migrant Workers' Affairs", None)]),
    ("British Home Secretary James Hart met the delegation.", [("James Hart", "Home Secretary", None)]),
    # the later posts of one verb after an aside, and in lower case
    ("Ana Lima served as Minister of Labour and, before that, as Ambassador to Kuwait.",
     [("Ana Lima", "Minister of Labour", None), ("Ana Lima", "Ambassador to Kuwait", None)]),
    ("Ana Lima served as Minister of Labour and as ambassador to Kuwait.",
     [("Ana Lima", "Minister of Labour", None), ("Ana Lima", "ambassador to Kuwait", None)]),
    ("Ana Lima served as Minister of Labour and worked as a teacher.", [("Ana Lima", "Minister of Labour", None)]),
    # a second verb of one subject: "..., and earlier served as"
    ("Ana Reis joined IOM in 2023. Before that, she was Minister of Labour from 2019 to 2022, and earlier served as "
     "Ambassador to Brazil.", [("Ana Reis", "Minister of Labour", None), ("Ana Reis", "Ambassador to Brazil", None)]),
    ("Ana Reis was Minister of Labour, and Paul Dube later served as Ambassador to Brazil.",
     [("Ana Reis", "Minister of Labour", None), ("Paul Dube", "Ambassador to Brazil", None)]),
    # nominal predicates, an honorific before the object, an aside between the object and "as"
    ("The Government of Ghana welcomes the appointment of Mr. Kwame Mensah as Head of the IOM Sub-Office in Tamale.",
     [("Kwame Mensah", "Head of the IOM Sub-Office in Tamale", IOM)]),
    ("IOM announced the election of Maria Lopes as Deputy Director General.", [("Maria Lopes", "Deputy Director General", None)]),
    ("The Council confirmed the nomination of Ana Lima as Chair of the Standing Committee.",
     [("Ana Lima", "Chair", "Standing Committee")]),
    # taking up duties, and "be" with adverbs of time
    ("Frantz Celestin has assumed his duties as IOM Somalia Chief of Mission.",
     [("Frantz Celestin", "Chief of Mission", "IOM Somalia")]),
    ("Ana Reis has assumed her new functions as Regional Director for Asia.", [("Ana Reis", "Regional Director for Asia", None)]),
    ("Ana Reis spoke. She is currently the Minister of Labour.", [("Ana Reis", "Minister of Labour", None)]),
    ("Ana Reis spoke. She was previously the Minister of Labour.", [("Ana Reis", "Minister of Labour", None)]),
    # letters after a name, and an honorific written like initials
    ("Hon. Ana Reis MP, Chair of the Parliamentary Committee on Migration, spoke.",
     [("Ana Reis", "Chair", "Parliamentary Committee on Migration")]),
    ("Ana Reis, PhD, Senior Adviser at IOM, spoke.", [("Ana Reis", "Senior Adviser", IOM)]),
    ("H.E. Ana Reis, Minister of State for Foreign Affairs, opened the forum.",
     [("Ana Reis", "Minister of State for Foreign Affairs", None)]),
    # abbreviated heads
    ("IOM DG Amy Pope visited Chad.", [("Amy Pope", "DG", IOM)]),
    ("Ana Reis, OIC of IOM Yemen, said the office would reopen.", [("Ana Reis", "OIC", "IOM Yemen")]),
    ("The RD presented a plaque to the PS.", []),
    # a title in brackets after the name
    ("The panel was moderated by Ms. Maria Moita (IOM Regional Coordinator for Labour Mobility).",
     [("Maria Moita", "Regional Coordinator for Labour Mobility", IOM)]),
    ("Ana Reis (Chief of Mission, IOM Chad) spoke.", [("Ana Reis", "Chief of Mission", "IOM Chad")]),
    ("Ana Reis (Kenya) and Paul Dube (Chief of Mission) spoke.", [("Paul Dube", "Chief of Mission", None)]),
    # a second organization of a complement after "and", when it names no one and holds no other title
    ("Brazilian Permanent Representative to the United Nations and Other International Organizations in Geneva "
     "Ana Reis told reporters.", [("Ana Reis", "Permanent Representative to the United Nations and Other International "
                                  "Organizations in Geneva", "United Nations")]),
    ("Special Envoy to the African Union and Regional Economic Communities Paul Dube arrived.",
     [("Paul Dube", "Special Envoy to the African Union and Regional Economic Communities", "African Union")]),
    ("Ambassador to the United Nations and IOM Director General Amy Pope met.", [("Amy Pope", "Director General", IOM)]),
    # the organization a post is of is its object, out of the claim's title; an office is no organization
    ("Lars Johan Lönnback, Chief of Mission of IOM Moldova, spoke.", [("Lars Johan Lönnback", "Chief of Mission", "IOM Moldova")]),
    ("Ana Reis, Deputy Director of the Ghana Immigration Service, spoke.",
     [("Ana Reis", "Deputy Director", "Ghana Immigration Service")]),
    ("Claire Dubois, Director of the French Office for Immigration and Integration, spoke.",
     [("Claire Dubois", "Director of the French Office for Immigration and Integration",
       "French Office for Immigration and Integration")]),
    ("IOM appointed Mr. Kwame Mensah as Director of Operations.", [("Kwame Mensah", "Director of Operations", None)]),
    # "its" is the organization a wire's description names, not the "U.N." inside it
    ("The U.N. migration agency named Sarah Lou Arriola, a Philippine diplomat, as its new Regional Director for Asia.",
     [("Sarah Lou Arriola", "Regional Director for Asia", IOM)]),
    ("The board named Ana Lima, who led the census, as Director of Statistics.", [("Ana Lima", "Director of Statistics", None)]),
    # words of no known kind between a modifier and its head are modifiers too (nouns, in lower case)
    ("Amy Pope, a former U.S. Deputy Homeland Security Adviser, spoke.",
     [("Amy Pope", "Deputy Homeland Security Adviser", None)]),
    ("Senior Cybersecurity Officer Ana Reis spoke.", [("Ana Reis", "Senior Cybersecurity Officer", None)]),
    ("Amy Pope, a former U.S. deputy homeland security adviser, spoke.",
     [("Amy Pope", "deputy homeland security adviser", None)]),
    ("The deputy said adviser Ana Reis was right.", []),  # a verb is no modifier
    # a later mention's own apposition is another post of the person
    ("The head of IOM, Amy Pope, visited the camp. Pope, a former Deputy Homeland Security Adviser, spoke.",
     [("Amy Pope", "head", IOM), ("Amy Pope", "Deputy Homeland Security Adviser", None)]),
    ("IOM Director General Amy Pope visited. Pope, the Director General, spoke.", [("Amy Pope", "Director General", IOM)]),
    # a possessive determiner opens a lower-case title
    ("The agency named Sarah Lou Arriola as its new regional director for Asia.",
     [("Sarah Lou Arriola", "regional director for Asia", None)]),
    ("Ana Lima, his chief of staff, said the plan works.", [("Ana Lima", "chief of staff", None)]),
])
def test_every_post_a_person_holds(nlp, text, expected):
    assert sorted(roles(nlp, text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "Kenya will serve as Chair of the committee next year.",  # a country, not a person
    "The centre will serve as a model for the region, said Ana Reis.",  # no title after the verb
    "The board named him head of the agency. Rui Costa said he was honoured.",  # "him" has no one before it
    "The minister of health said the clinic would open.",  # a lower-case title with its article, no name
    "IOM is looking for a Programme Manager to work as Head of Office in Juba.",  # a job advert
    "Applicants who served as Chief of Mission are welcome.",  # nobody named
    "Ana Reis said the speaker was the Minister of Labour.",  # "be" takes the subject right before it only
    "The Minister Kenya wants is a strong one.",  # a country after a title is no name
    "IOM Regional Director West Africa visited the camp.",  # a region after a title, no name after it
    "In Geneva, spokesman for the delegation was not named.",  # a lower-case title after a place, no name
    "The election of a new Director General is due in May.",  # a nominal predicate with nobody named
    "The Adviser to the European Union and Ana Reis met.",  # "and NAME": another person, not the title's
])
def test_no_post_without_its_person(nlp, text):
    assert roles(nlp, text) == []


def test_a_succession_gives_the_post_to_its_subject_only(nlp):
    found = roles(nlp, "Mark Lee, who succeeds Ana Reis as Chief of Mission, arrived on Monday. Ana Reis left.")
    assert found == [("Mark Lee", "Chief of Mission", None)]


@pytest.mark.parametrize("text, expected", [
    ("Gerard Karl Waite, Chief of Mission of IOM Iraq, arrived in 2017. Before joining IOM, Gerard worked in Sudan.",
     [("Gerard Karl Waite", "waite|grrd"), ("Gerard", "waite|grrd")]),
    ("Halima Osman fled Sudan in May. Halima, now 34, lives in Kakuma.", [("Halima Osman", "osman|hlm"),
                                                                          ("Halima", "osman|hlm")]),
    # refused: two people share it, it is an English word, it starts another name
    ("Ana Reis met Ana Costa in Lisbon. Later Ana left.", [("Ana Reis", "reis|an"), ("Ana Costa", "costa|an")]),
    ("Grace Atieno, a nurse, spoke. Grace under pressure matters.", [("Grace Atieno", "atieno|grc")]),
    ("Peter Lim spoke. Peter Smith left.", [("Peter Lim", "lim|ptr"), ("Peter Smith", "smith|ptr")]),
])
def test_a_given_name_alone_is_the_one_person_named_so(ents, text, expected):
    assert [(t, a.get("key")) for label, t, a in ents(text) if label == "PERSON"] == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM helps migrants.\n\nFor more information, please contact:\nJane Wambui\nMedia and Communications Officer\n"
     "IOM Kenya\nTel: +254 20 422 1000\n", [("Jane Wambui", "Media and Communications Officer", "IOM Kenya")]),
    ("Contacts\nPaul Dube\nSpokesperson, IOM Geneva\npdube@iom.int\n", [("Paul Dube", "Spokesperson", IOM)]),
    ("Media contact:\nGrace Atieno, Communications Officer, IOM Kenya\n", [("Grace Atieno", "Communications Officer",
                                                                           "IOM Kenya")]),
    # a government statement's signature
    ("The ministry signed the agreement.\n\nIssued by:\nChileshe Mwansa\nPublic Relations Officer\nIOM Zambia\n",
     [("Chileshe Mwansa", "Public Relations Officer", "IOM Zambia")]),
])
def test_signature_and_contact_blocks(ents, text, expected):
    assert [(t, a.get("title"), a.get("org")) for label, t, a in ents(text) if label == "PERSON"] == expected


def test_two_people_with_one_surname_keep_their_own_titles(nlp):
    from iomextract import extract_text
    sheet = extract_text("Ana Reis met the Minister of Health, Rui Reis, in Lisbon. Reis said the talks went well.",
                         nlp=nlp)
    people = [(e.text, e.title) for e in sheet.entities if e.type == "PERSON"]
    assert ("Ana Reis", None) in people and ("Rui Reis", "Minister of Health") in people
    assert ("Reis", "Minister of Health") not in people  # the bare surname is nobody's: two people share it
    assert [(c.subject, c.value) for c in sheet.claims if c.attribute == "role"] == [("Rui Reis", "Minister of Health")]


@pytest.mark.parametrize("text, expected", [
    ("Maxime Tandonnet, Advisor on Immigration and Integration to French President, Nicolas Sarkozy, will lead it.",
     [("Maxime Tandonnet", "Advisor on Immigration and Integration to French President"),
      ("Nicolas Sarkozy", "French President")]),
    ("Jane Doe, Adviser to Prime Minister Boris Johnson, said it.",
     [("Jane Doe", "Adviser to Prime Minister"), ("Boris Johnson", "Prime Minister")]),
    # a name wrapped across the lines of a hard-wrapped paragraph is one name; in a block of short lines it is not
    ("The panel will be led by Maxime Tandonnet and by the French President Nicolas\nSarkozy, who arrives today.",
     [("Maxime Tandonnet", None), ("Nicolas\nSarkozy", "President")]),  # "French": the country, no part of the post
    ("Contacts\nPaul Dube\nSpokesperson\n", [("Paul Dube", "Spokesperson")]),
])
def test_a_post_inside_another_title_and_names_across_wrapped_lines(ents, text, expected):
    assert [(t, a.get("title")) for label, t, a in ents(text) if label == "PERSON"] == expected


def test_a_post_read_from_another_persons_title_states_no_claim(nlp):
    claims = roles(nlp, "Jane Doe, Adviser to Prime Minister Boris Johnson, said it.")
    assert claims == [("Jane Doe", "Adviser to Prime Minister", None)]


@pytest.mark.parametrize("text", [
    "IOM Director General Brunson McKinley will arrive in Amman tonight. A brief biography of Mr McKinley from "
    "IOM's website is attached. Media may interview Mr McKinley after the press conference.",
    "Ambassador Njeri Kamau opened the office. The remarks of Amb. Kamau at the Ministry were brief.",
])
def test_a_surname_mention_that_names_only_an_org_keeps_its_persons_title(ents, text):
    people = [(t, a.get("title")) for label, t, a in ents(text) if label == "PERSON"]
    full_title = people[0][1]
    assert full_title and all(title == full_title for _, title in people), people


@pytest.mark.parametrize("text, expected", [
    # a surname next to a reporting verb is the person named in full, over a city of that name
    ("The Minister of Interior, Jorge Lima, spoke. Lima said 300 people had returned.",
     [("Jorge Lima", "Minister of Interior"), ("Lima", "Minister of Interior")]),
    ("Jorge Lima spoke in Lima. He flew to Lima on Monday.", [("Jorge Lima", None)]),
])
def test_a_speaking_surname_outranks_a_city(ents, text, expected):
    assert [(t, a.get("title")) for label, t, a in ents(text) if label == "PERSON"] == expected
