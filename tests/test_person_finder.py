"""People named the ways press text names them, with cue words and without."""
import pytest


def people(ents, text):
    return [(t, a.get("title"), a.get("org")) for label, t, a in ents(text) if label == "PERSON"]


def names(ents, text):
    return [t for label, t, a in ents(text) if label == "PERSON"]


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


@pytest.mark.parametrize("text, expected", [
    # no cue word at all: a known given name and a surname
    ("The Council appointed Helga Brandt to lead the review.", ["Helga Brandt"]),
    ("Grace Achieng, 34, fled Juba in 2016 with her children.", ["Grace Achieng"]),
    ("Santiago Herrera travelled from Santiago to Quito on Monday.", ["Santiago Herrera"]),
    # coordination: one conjunct is a person, so is the other
    ("Talks between Sipho Dlamini and Ingrid Nilsen ended without agreement.", ["Sipho Dlamini", "Ingrid Nilsen"]),
    # shapes only names have: particles, hyphenated given names, initials
    ("Maria do Carmo Silva arrived in Luanda on Monday.", ["Maria do Carmo Silva"]),
    ("Officials said Ban Ki-moon would attend the summit.", ["Ban Ki-moon"]),
    ("Speaking in Busan, Park Ji-hoon and Choi Soo-min welcomed the centre.", ["Park Ji-hoon", "Choi Soo-min"]),
    ("J. K. Mensah will chair the session.", ["J. K. Mensah"]),
    ("IOM spokesperson Maria E. Santos said the flights would resume.", ["Maria E. Santos"]),
    # reporting verbs
    ("“We will not give up,” Amal Haddad told reporters.", ["Amal Haddad"]),
    # bylines and credits
    ("Families wait in Gao. Photo: IOM/Aisha Bello", ["Aisha Bello"]),
    ("The boat sank on Sunday. (Reporting by Lucas Martin; editing by Ana Costa)", ["Lucas Martin", "Ana Costa"]),
    ("BY SAMUEL ADEYEMI\n\nLAGOS, Nigeria – IOM opened a centre for returnees.", ["SAMUEL ADEYEMI"]),
    # honorifics
    ("Dr. Wanjiru Kamau of the Ministry of Health said three clinics had closed.", ["Wanjiru Kamau"]),
    ("Jean-Pierre Dubois, a volunteer, said the roads were blocked.", ["Jean-Pierre Dubois"]),
    # a given name alone, where press text introduces a person by it
    ("“The water rose at night,” says Zainab, a farmer from Beledweyne.", ["Zainab"]),
    ("“We had nothing left,” Farida said.", ["Farida"]),
    ("Yusuf, 19, crossed the desert twice.", ["Yusuf"]),
    ("Khadija, who arrived in May, now runs a shop.", ["Khadija"]),
    ("“I want to go home,” said 12-year-old Musa.", ["Musa"]),
    # names no lexicon knows, introduced by an age or a relative clause
    ("Kiprono Chebet, 34, left his village when the rains failed.", ["Kiprono Chebet"]),
    ("Nyaboke Mokaya, who runs a shop in the camp, said prices doubled.", ["Nyaboke Mokaya"]),
    ("Gebre Hailu, 27, and Tsega Alemu, 25, reached the border.", ["Gebre Hailu", "Tsega Alemu"]),
    # ... unless it is the surname of someone named in full: the linker decides
    ("Ambassador Peter Lim met Dr. Susan Lim. Lim said the talks went well.", ["Peter Lim", "Susan Lim"]),
])
def test_names_in_many_contexts(ents, text, expected):
    assert names(ents, text) == expected


@pytest.mark.parametrize("text", [
    "The Ministry of Foreign Affairs said it would help.",
    "Migration and Development is a priority.",
    "The Government of Kenya announced new rules.",
    "The Kofi Annan International Peacekeeping Training Centre hosted the Nelson Mandela Foundation delegation.",
    "Delegates flew from Santiago to Victoria on Monday.",
    "Take Action\nGet Involved\nWhere We Work",
    "Human Rights Watch said the camps were overcrowded.",
    "Kenya Red Cross staff said the roads were closed.",
    "In June Kenya joined the Global Compact.",
    "“It is over,” He said.",
    "Hope, a rare thing in the camps, returned with the rains.",
    "Human Rights Watch, who documented the abuses, called for action.",
    "Kakuma Camp, which hosts 200,000 people, is full.",
    "June, a month of heavy rain, brought floods.",
    "“We will return,” Said told reporters.",
    "Officials said the road was closed. Authorities, who asked not to be named, confirmed it.",
])
def test_not_people(ents, text):
    assert names(ents, text) == []


def test_a_name_is_never_a_place(ents):
    found = ents("Santiago Ramos met officials in Santiago and Lima.")
    assert [(label, t) for label, t, _ in found] == [("PERSON", "Santiago Ramos"), ("PLACE", "Santiago"), ("PLACE", "Lima")]


@pytest.mark.parametrize("text, expected", [
    ("The Director General of the International Organization for Migration (IOM), Amy Pope, spoke today.",
     [("Amy Pope", "Director General", "International Organization for Migration")]),
    ("For more information please contact:\nSafa Msehli, IOM Geneva, Tel: +41 79 403 5526", [("Safa Msehli", None, None)]),
])
def test_appositions_and_contacts(ents, text, expected):
    assert people(ents, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a nationality before a title in apposition, in any of its spellings ("Ecuadoran", "Ecuadorian")
    ("Panellists including Lorena Escudero Durán, Ecuadoran Secretary of State for Migration, will speak.",
     [("Lorena Escudero Durán", "Secretary of State for Migration")]),
    ("Ecuadorian Foreign Minister Ricardo Patiño met IOM officials in Quito on Tuesday.",
     [("Ricardo Patiño", "Foreign Minister")]),
    ("Maria Lopes, Kenyan Principal Secretary for Immigration, said the plan would help.",
     [("Maria Lopes", "Principal Secretary for Immigration")]),
    ("Chadi Haddad, a Lebanese volunteer, helped the families.", [("Chadi Haddad", None)]),  # a name, no adjective
    # a portfolio before "and NAME" is a title's complement, never a person
    ("Hatem Ben Salem, Tunisia's Secretary of State in charge of European Affairs and Maxime Tandonnet, "
     "Advisor on Immigration, will speak.",
     [("Hatem Ben Salem", "Secretary of State in charge of European Affairs"), ("Maxime Tandonnet", "Advisor on Immigration")]),
    ("Ana Costa, Minister of Foreign Affairs and Rui Reis, Minister of Health, met in Lisbon.",
     [("Ana Costa", "Minister of Foreign Affairs"), ("Rui Reis", "Minister of Health")]),
    ("Talks between Sipho Ndlovu and Ingrid Berg ended on Monday.", [("Sipho Ndlovu", None), ("Ingrid Berg", None)]),
])
def test_nationalities_and_portfolios_around_titles(ents, text, expected):
    assert [(t, title) for t, title, _ in people(ents, text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a headline's verb after a title names nobody
    ("IOM Regional Director Commends Bangladesh's Migration Management and Rohingya Response\n\n"
     "DHAKA – IOM Regional Director Sarah Arriola met officials on Monday.\n", ["Sarah Arriola"]),
    ("UN Special Envoy Welcomes Kenya's New Refugee Bill\n\nNAIROBI – The envoy spoke to reporters.\n", []),
    ("Minister of Interior Launches National Migration Policy\n\nThe policy was adopted in March.\n", []),
    # a headline capitalizes its verb: the name ends before it
    ("IOM Director General Amy Pope Visits Chad\n\nN'DJAMENA – The Director General met refugees.\n", ["Amy Pope"]),
    ("UN Special Envoy Amina Mohammed Calls for Action on Migration\n\nGENEVA – She spoke on Monday.\n",
     ["Amina Mohammed"]),
    ("IOM Regional Director Sarah Lou Ysmael Arriola Concludes Visit to Bangladesh\n\nDHAKA – It ended.\n",
     ["Sarah Lou Ysmael Arriola"]),
    # a first line of wrapped prose, shaped like a headline, still names its person
    ("IOM Director General Brunson McKinley\nwill arrive in Amman tonight on a three-day visit.\n",
     ["Brunson McKinley"]),
])
def test_headline_verbs_after_titles(ents, text, expected):
    assert names(ents, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a place after "in", "at" or "from" ends what came before a name; it is no part of the name
    ("Permanent Representative to the United Nations and Other International Organizations in Geneva "
     "Gennady Gatilov told TASS.", ["Gennady Gatilov"]),
    ("Speaking in Nairobi Amina Mohammed said the talks went well.", ["Amina Mohammed"]),
    # a name word that is also a town ("Shahriar", Iran) after a title stays in the name
    ("Bangladesh state minister for foreign affairs M Shahriar Alam said the camps were full.", ["M Shahriar Alam"]),
])
def test_a_place_before_a_name(ents, text, expected):
    assert names(ents, text) == expected
