import pytest


def places(ents, text):
    return [(t, a.get("kind"), a.get("country")) for label, t, a in ents(text) if label == "PLACE"]


@pytest.mark.parametrize("text, expected", [
    ("Workers went to the Kingdom of Saudi Arabia, Qatar and United Arab Emirates.",
     [("Kingdom of Saudi Arabia", "country", "SA"), ("Qatar", "country", "QA"), ("United Arab Emirates", "country", "AE")]),
    ("IOM Kenya has sub-offices in Kakuma and Dadaab and a field office in Mombasa.",
     [("Kakuma", "camp", "KE"), ("Dadaab", "camp", "KE"), ("Mombasa", "city", "KE")]),
    ("Monsoon rains hit Cox’s Bazar in Bangladesh.", [("Cox’s Bazar", "city", "BD"), ("Bangladesh", "country", "BD")]),
    ("Floods hit Borno State and Yobe in Nigeria.",
     [("Borno State", "region", "NG"), ("Yobe", "region", "NG"), ("Nigeria", "country", "NG")]),
    ("In Mozambique, IOM works in Cabo Delgado Province.", [("Mozambique", "country", "MZ"), ("Cabo Delgado Province", "region", "MZ")]),
    ("Flows in the East and Horn of Africa and Sub-Saharan Africa grew.",
     [("East and Horn of Africa", "region", None), ("Sub-Saharan Africa", "region", None)]),
    ("IDPs at the Jamhuri Showground camp in Nairobi, Kenya were moved. Few remain at Jamhuri.",
     [("Jamhuri Showground", "camp", "KE"), ("Nairobi", "city", "KE"), ("Kenya", "country", "KE"), ("Jamhuri", "camp", "KE")]),
    ("Equipment went to Jomo Kenyatta International Airport in Kenya.",
     [("Jomo Kenyatta International Airport", "facility", "KE"), ("Kenya", "country", "KE")]),
    ("A fire destroyed shelters in Camp 11 in Cox's Bazar, Bangladesh.",
     [("Camp 11", "camp", "BD"), ("Cox's Bazar", "city", "BD"), ("Bangladesh", "country", "BD")]),
    ("HE Katarina Leligdonova, Solvak Republic Ambassador to Kenya, spoke.",
     [("Solvak Republic", "country", "SK"), ("Kenya", "country", "KE")]),
    # a city's name the tokenizer keeps whole ("Sana'a", either apostrophe), and long names ("Port-au-Prince")
    ("The delegation met partners in Sana’a and in N'Djamena.", [("Sana’a", "city", "YE"), ("N'Djamena", "city", "TD")]),
    ("Flights left Port-au-Prince for Rio de Janeiro.", [("Port-au-Prince", "city", "HT"), ("Rio de Janeiro", "city", "BR")]),
    # a nationality names its country for the small cities of it ("the Gambian capital of Banjul")
    ("The flight went from Misrata airport to the Gambian capital of Banjul.",
     [("Misrata", "city", "LY"), ("Banjul", "city", "GM")]),
])
def test_places(ents, text, expected):
    assert places(ents, text) == expected


def test_city_named_after_its_country(ents):
    assert places(ents, "Panama City – Migrants reached Panama.") == [("Panama City", "city", "PA"), ("Panama", "country", "PA")]


def test_tail_of_a_longer_name_is_not_a_city(ents):
    assert places(ents, "New York – The ministers met in New York.") == [("New York", "city", "US")] * 2


@pytest.mark.parametrize("text", [
    "Kenyan and Sudanese officials met.",
    "The Union of Progress is a Mission of Hope.",
])
def test_not_places(ents, text):
    assert places(ents, text) == []


def test_place_inside_org_name_stays_org(ents):
    found = ents("The University of Nairobi hosts the Kenya Institute of Migration Studies.")
    assert [label for label, t, a in found] == ["ORG", "ORG"]


def test_counties_of_a_mentioned_country(ents):
    found = places(ents, "Drought hit Turkana in Kenya.")
    assert ("Turkana", "region", "KE") in found
    assert places(ents, "Drought hit Turkana.") == []  # no country context, no small region


@pytest.mark.parametrize("text, expected", [
    # spellings geonames lists for the same city
    ("IOM has sub-offices in Hargeisa and Garowe, Somalia.",
     [("Hargeisa", "city", "SO"), ("Garowe", "city", "SO"), ("Somalia", "country", "SO")]),
    ("Families returned to Mogadiscio.", [("Mogadiscio", "city", "SO")]),
    # curly apostrophes
    ("Rains flooded camps in Cox’s Bazar.", [("Cox’s Bazar", "city", "BD")]),
    # places named by their cue
    ("Families fled from Lajas Blancas, Panama to the capital, Panama City.",
     [("Lajas Blancas", "city", "PA"), ("Panama", "country", "PA"), ("Panama City", "city", "PA")]),
    ("Migrants crossed near the town of Tokar in Sudan.", [("Tokar", "city", "SD"), ("Sudan", "country", "SD")]),
    ("Aid reached Kakuma, Dadaab and Lokichoggio in Kenya.",
     [("Kakuma", "camp", "KE"), ("Dadaab", "camp", "KE"), ("Lokichoggio", "camp", "KE"), ("Kenya", "country", "KE")]),
    ("The ministers met in Victoria, Seychelles.", [("Victoria", "city", "SC"), ("Seychelles", "country", "SC")]),
    # official country names are places, not organizations
    ("Talks with the Russian Federation and the Republic of Kenya resumed.",
     [("Russian Federation", "country", "RU"), ("Republic of Kenya", "country", "KE")]),
])
def test_places_beyond_one_spelling(ents, text, expected):
    assert places(ents, text) == expected


def test_all_capitals_dateline_place(ents):
    text = "Floods in the North\n\nABUJA, Nigeria – IOM opened a new centre for returnees on Friday, officials said."
    assert places(ents, text)[:2] == [("ABUJA", "city", "NG"), ("Nigeria", "country", "NG")]
