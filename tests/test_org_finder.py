import pytest


def orgs(ents, text):
    return [(t, a.get("canonical")) for label, t, a in ents(text) if label == "ORG"]


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Labour and Social Protection met IOM.",
     [("Ministry of Labour and Social Protection", "Ministry of Labour and Social Protection"),
      ("IOM", "International Organization for Migration")]),
    ("Staff of the Directorate of Immigration Services attended.", [("Directorate of Immigration Services", "Directorate of Immigration Services")]),
    ("Staff of the EU Delegation to Ghana and the Embassy of Japan attended.",
     [("EU Delegation to Ghana", "EU Delegation to Ghana"), ("Embassy of Japan", "Embassy of Japan")]),
    ("It was set up with the AfricanUnion Institute of Remittances in Nairobi.",
     [("AfricanUnion Institute of Remittances", "African Union Institute of Remittances")]),
    ("UN Migration Agency (IOM) staff worked with WFP and UNHCR.",
     [("UN Migration Agency", "International Organization for Migration"), ("IOM", "International Organization for Migration"),
      ("WFP", "World Food Programme"), ("UNHCR", "United Nations High Commissioner for Refugees")]),
    ("The government of Kenya and the Kenya Red\nCross helped.",
     [("government of Kenya", "Government of Kenya"), ("Kenya Red\nCross", "Kenya Red Cross")]),
    ("IOM Kenya and IOM Somalia Office work with the IOM Regional Office for East and Horn of Africa.",
     [("IOM Kenya", "IOM Kenya"), ("IOM Somalia Office", "IOM Somalia"),
      ("IOM Regional Office for East and Horn of Africa", "IOM Regional Office for East and Horn of Africa")]),
    ("The Council of the European Union and Human Rights Watch met.",
     [("Council of the European Union", "Council of the European Union"), ("Human Rights Watch", "Human Rights Watch")]),
    ("Leaders of the International Organization for Migration agreed.",
     [("International Organization for Migration", "International Organization for Migration")]),
    ("Staff of the Ministry of Interior and Coordination of National Government attended.",
     [("Ministry of Interior and Coordination of National Government",
       "Ministry of Interior and Coordination of National Government")]),
    ("Issued by:\nChileshe Mwansa\nPublic Relations Officer\nMinistry of Foreign Affairs\n",
     [("Ministry of Foreign Affairs", "Ministry of Foreign Affairs")]),
    ("The 4th Migration and Mobility Working Group-Kenya (MMWG) met. The MMWG agreed.",
     [("Migration and Mobility Working Group-Kenya", "Migration and Mobility Working Group-Kenya"),
      ("MMWG", "Migration and Mobility Working Group-Kenya"), ("MMWG", "Migration and Mobility Working Group-Kenya")]),
])
def test_organizations(ents, text, expected):
    assert orgs(ents, text) == expected


@pytest.mark.parametrize("text", [
    "WHO WE ARE\nWe help migrants.",
    "IOM Appreciates Kenya Partnership",
    "Internally Displaced Persons (IDPs) fled the floods.",
    "The Diaspora Forum was held in Tokyo.",
    "Issued by:\nChileshe Mwansa\nPublic Relations Officer\n",  # block lines are no one name
    # a title's portfolio is no organization
    "The Cabinet Secretary for Interior and Coordination of National Government, Kithure Kindiki, spoke.",
])
def test_not_organizations(ents, text):
    assert [t for label, t, a in ents(text) if label == "ORG" and t != "IOM"] == []


def test_acronym_used_without_definition_links_to_org(ents):
    found = orgs(ents, "The Ministry of Foreign Affairs leads. IOM works with MFA on this.")
    assert ("MFA", "Ministry of Foreign Affairs") in found
