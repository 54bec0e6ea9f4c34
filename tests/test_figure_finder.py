import pytest


def figures(ents, text):
    return [(t, a["value"], a["qualifier"], a["unit"]) for label, t, a in ents(text) if label == "FIGURE"]


@pytest.mark.parametrize("text, expected", [
    ("The mission has over 300 staff.", [("over 300", 300, "over", "staff")]),
    ("IOM assisted nearly 2,000 internally displaced people.", [("nearly 2,000", 2000, "about", "internally displaced people")]),
    ("More than 480 people still remain at the site.", [("More than 480", 480, "over", "people")]),
    ("The appeal seeks USD 35 million for the response.", [("USD 35 million", 35_000_000, "exact", "USD")]),
    ("About 46% of the flow occurs within the region.", [("About 46%", 46, "about", "%")]),
    ("Almost one million people live in the camps.", [("Almost one million", 1_000_000, "about", "people")]),
    ("Kenya hosts three IOM offices.", [("three", 3, "exact", "IOM offices")]),
    ("It has 175 member states and 8 states holding observer status.",
     [("175", 175, "exact", "member states"), ("8", 8, "exact", "states")]),
    ("The group brought its total number of member states to 165.", [("165", 165, "exact", "member states")]),
    ("The figure fell by 4.5 percent last year.", [("4.5 percent", 4.5, "exact", "%")]),
    ("IOM Ethiopia has over 600 national and international staff.",
     [("over 600", 600, "over", "national and international staff")]),
    ("The number of IOM member states rose to 169 in 2016.", [("169", 169, "exact", "IOM member states")]),
    ("Eight states hold observer status.", [("Eight", 8, "exact", "states")]),
])
def test_figures(ents, text, expected):
    assert figures(ents, text) == expected


@pytest.mark.parametrize("text", [
    "Kenya joined IOM in 1985.",
    "The 65-year-old body met for the 4th time.",
    "The three-day workshop lasted nearly 9 years in spirit.",
    "Call +254 20 422 1000 for details.",
    "It supports SDG 10 and Article 13 of the declaration.",
    "It counts one in seven people worldwide as a migrant.",
    "The clinic kept all but one medical facility open.",
    "Nearly half of the refugees are children under 18.",
    "Volunteers aged 25 and older joined.",
    "1. Home 2. Region 3. Country",
    "IOM supports the 2030 Agenda and the 109th Council Session.",
    "Halima, 42, a mother of seven, fled with her children.",
    "The boat carried Omar Said Farah, 19, and his cousin.",
])
def test_not_figures(ents, text):
    assert figures(ents, text) == []
