"""Claims by meaning: each table is text -> the whole set of asserted claims it yields.

Comparing whole sets means an extra wrong claim fails a case as surely as a
missing one. Claims flagged hedged or negated are not asserted.
"""
from datetime import date

import pytest

from iomextract import extract_text

IOM = "International Organization for Migration"
MSC, OSC, CPC, STAFF = "member_state_count", "observer_state_count", "country_presence_count", "staff_count"


def asserted(nlp, text, published=None):
    sheet = extract_text(text, nlp=nlp, published=published)
    return {(c.subject, c.attribute, c.value, c.qualifier, c.object) for c in sheet.claims
            if not (c.hedged or c.negated) and c.attribute != "role"}


def count(subject, attribute, value, qualifier="exact"):
    return (subject, attribute, value, qualifier, None)


def year(subject, attribute, value, obj=None):
    return (subject, attribute, value, None, obj)


def office(subject, kind, place):
    return (subject, "office", kind, None, place)


@pytest.mark.parametrize("text, expected", [
    ("IOM has 175 member states.", {count(IOM, MSC, 175)}),
    ("The International Organization for Migration now counts 180 Member States.", {count(IOM, MSC, 180)}),
    ("With 166 member states, IOM is the leading organization in the field of migration.", {count(IOM, MSC, 166)}),
    ("IOM's 172 Member States met in Geneva.", {count(IOM, MSC, 172)}),
    ("The number of IOM member states rose to 169 in 2016.", {count(IOM, MSC, 169)}),
    ("IOM's membership reached 174 states after the Council approved two applications.", {count(IOM, MSC, 174)}),
    ("Today 178 countries are members of IOM.", {count(IOM, MSC, 178)}),
    ("A total of 170 states are full members of the International Organization for Migration.", {count(IOM, MSC, 170)}),
    ("IOM, which has 173 member states, welcomed the decision.", {count(IOM, MSC, 173)}),
    ("UNHCR welcomed IOM, which has 175 member states.", {count(IOM, MSC, 175)}),
    ("Since 2016 the UN Migration Agency has had 166 Member States.", {count(IOM, MSC, 166)}),
    ("The admission of Fiji raised the total number of IOM Member States to 157.", {count(IOM, MSC, 157)}),
    ("IOM opened a new office. It has 174 member states.", {count(IOM, MSC, 174)}),
    ("Kenya is one of the 162 member states of IOM.", {count(IOM, MSC, 162)}),
    ("IOM counts over 170 member states and eight observers.", {count(IOM, MSC, 170, "over"), count(IOM, OSC, 8)}),
    ("IOM now has 171 member states and 9 states holding observer status.", {count(IOM, MSC, 171), count(IOM, OSC, 9)}),
    # a change "from X to Y": the later value is the statement, with the earlier one's noun
    ("IOM's membership has grown from 67 states in 1998 to 172 today.", {count(IOM, MSC, 172)}),
    ("Over the decades IOM grew from 16 to 169 member states.", {count(IOM, MSC, 169)}),
    ("Arrivals in the camp rose from 200 people to 300.", set()),
    # descriptions, fronted phrases and appositions point to the organization
    ("IOM spoke. The Geneva-based agency, which has 170 member states, called on governments.", {count(IOM, MSC, 170)}),
    ("IOM spoke. The intergovernmental agency now has 171 member states.", {count(IOM, MSC, 171)}),
    ("IOM spoke. The new health agency has 80 member states.", set()),
    ("IOM met donors. With 171 Member States and offices in over 90 countries, the agency employs 12,000 staff.",
     {count(IOM, MSC, 171), count(IOM, CPC, 90, "over"), count(IOM, STAFF, 12000)}),
    ("IOM met donors. UNHCR said camps were full. The migration agency now counts 168 member states.",
     {count(IOM, MSC, 168)}),
    ("IOM met donors. The organization, founded in 1951, today has 167 Member States.",
     {count(IOM, MSC, 167), year(IOM, "founded", "1951")}),
    ("The African Union has 55 member states.", {count("African Union", MSC, 55)}),
    # no asserted count: a hope, a target, applications, new members, a negation
    ("IOM hopes its membership could reach 180 states by 2030.", set()),
    ("IOM aims to reach 200 member states by 2030.", set()),
    ("IOM expects to have 190 member states one day.", set()),
    ("IOM is on track to reach 185 member states.", set()),
    ("Twelve states have applied for IOM membership.", set()),
    ("The IOM Council admitted two new members on Tuesday.", set()),
    ("IOM did not have 200 member states in 2020.", set()),
])
def test_member_state_counts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM has 8 observer states.", {count(IOM, OSC, 8)}),
    ("A further 9 states hold observer status with IOM.", {count(IOM, OSC, 9)}),
    ("Eight states hold observer status at IOM.", {count(IOM, OSC, 8)}),
    ("IOM counts 175 member states and 8 observer states.", {count(IOM, MSC, 175), count(IOM, OSC, 8)}),
    ("With 172 member states and 9 observer states, IOM works in many countries.", {count(IOM, MSC, 172), count(IOM, OSC, 9)}),
    ("IOM has 172 member states and a further 9 states holding observer status.", {count(IOM, MSC, 172), count(IOM, OSC, 9)}),
    ("Twelve states have applied for observer status at IOM.", set()),
    ("IOM may grant observer status to 3 states next year.", set()),
])
def test_observer_state_counts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM has offices in over 100 countries.", {count(IOM, CPC, 100, "over")}),
    ("IOM operates in 171 countries.", {count(IOM, CPC, 171)}),
    ("IOM is present in more than 150 countries.", {count(IOM, CPC, 150, "over")}),
    ("With a presence in 171 countries, IOM supports governments.", {count(IOM, CPC, 171)}),
    ("IOM runs programmes in some 120 countries.", {count(IOM, CPC, 120, "about")}),
    ("IOM has a presence in 171 countries and territories.", {count(IOM, CPC, 171)}),
    ("IOM works in over 100 countries worldwide.", {count(IOM, CPC, 100, "over")}),
    ("IOM staff are deployed in 130 countries.", {count(IOM, CPC, 130)}),
    ("IOM helps migrants. The agency is active in 160 countries.", {count(IOM, CPC, 160)}),
    ("UNHCR has a presence in 135 countries.", {count("United Nations High Commissioner for Refugees", CPC, 135)}),
    ("IOM has field missions in 140 countries.", {count(IOM, CPC, 140)}),
    ("IOM operations span 150 countries.", {count(IOM, CPC, 150)}),
    ("Migrants from 40 countries arrived in Lampedusa.", set()),
    ("IOM has 175 member countries.", {count(IOM, MSC, 175)}),
    ("IOM plans to open offices in 10 countries.", set()),
])
def test_country_presence_counts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM employs more than 20,000 staff.", {count(IOM, STAFF, 20000, "over")}),
    ("The IOM mission in Kenya has over 300 staff.", {count("IOM Kenya", STAFF, 300, "over")}),
    ("IOM Ethiopia, with over 600 national and international staff, runs 14 offices.", {count("IOM Ethiopia", STAFF, 600, "over")}),
    ("IOM's workforce of nearly 9,000 people serves in 470 locations.", {count(IOM, STAFF, 9000, "about")}),
    ("IOM has 15,000 employees worldwide.", {count(IOM, STAFF, 15000)}),
    ("IOM Somalia has 250 personnel in Mogadishu.", {count("IOM Somalia", STAFF, 250)}),
    ("The IOM office in Bangladesh employs 1,000 people.", {count("IOM Bangladesh", STAFF, 1000)}),
    ("Some 500 IOM staff are working in Cox's Bazar.", {count(IOM, STAFF, 500, "about")}),
    ("UNHCR has 18,000 staff.", {count("United Nations High Commissioner for Refugees", STAFF, 18000)}),
    ("IOM works in Sudan. The mission in Sudan has 200 staff members.", {count("IOM Sudan", STAFF, 200)}),
    ("IOM's Uganda office has 140 staff members.", {count("IOM Uganda", STAFF, 140)}),
    ("IOM works in Chad. Its Chad mission employs some 90 people.", {count("IOM Chad", STAFF, 90, "about")}),
    ("The 300 staff of the hospital went on strike.", set()),
    ("The camp's 300 teachers were paid by the education ministry.", set()),
    ("IOM trained 200 government staff in Nairobi.", set()),
    ("IOM will hire 100 staff next year.", set()),
    ("IOM site management staff assessed over 1,800 people.", set()),
])
def test_staff_counts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Established in 1951, IOM is the leading organization in the field of migration.", {year(IOM, "founded", "1951")}),
    ("Founded in 1951, the International Organization for Migration helps migrants.", {year(IOM, "founded", "1951")}),
    ("IOM was founded in 1951.", {year(IOM, "founded", "1951")}),
    ("The Norwegian Refugee Council was established in 1946.", {year("Norwegian Refugee Council", "founded", "1946")}),
    ("IOM, founded in 1951 as the Provisional Intergovernmental Committee, employs over 9,000 staff.",
     {year(IOM, "founded", "1951"), count(IOM, STAFF, 9000, "over")}),
    ("Since its creation in 1951, IOM has assisted millions of migrants.", {year(IOM, "founded", "1951")}),
    ("IOM marks its anniversary. The agency was born in 1951 in post-war Europe.", {year(IOM, "founded", "1951")}),
    ("IOM was set up in 1951 to resettle refugees.", {year(IOM, "founded", "1951")}),
    ("The African Union was established on 26 May 2001.", {year("African Union", "founded", "2001")}),
    ("IOM, which was created in 1951, works in 171 countries.", {year(IOM, "founded", "1951"), count(IOM, CPC, 171)}),
    ("Since its founding in 1951, IOM has grown.", {year(IOM, "founded", "1951")}),
    ("IOM met donors. The agency, which was created in 1951, works in 160 countries.",
     {year(IOM, "founded", "1951"), count(IOM, CPC, 160)}),
    ("IOM met donors. The UN migration agency, set up in 1951 to resettle Europeans, said arrivals rose.",
     {year(IOM, "founded", "1951")}),
    ("IOM has offices in Kenya. The office was established in 1996.", set()),
    ("The camp was set up in 2012 for 5,000 refugees.", set()),
    ("The programme was launched in 2015.", set()),
    ("IOM found in 2019 that arrivals had doubled.", set()),
])
def test_founding(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("Ghana joined the International Organization for Migration in 1988.", None, {year("Ghana", "member_since", "1988", IOM)}),
    ("Kenya has been a member state of IOM since 1983.", None, {year("Kenya", "member_since", "1983", IOM)}),
    ("Bhutan was admitted as a member of IOM on 30 June 2016.", None, {year("Bhutan", "member_since", "2016", IOM)}),
    ("Mexico has been an IOM Member State since 2002.", None, {year("Mexico", "member_since", "2002", IOM)}),
    ("A member of IOM since 1991, Albania works with the Organization on border management.", None,
     {year("Albania", "member_since", "1991", IOM)}),
    ("The Gambia's membership of IOM dates back to 1998.", None, {year("Gambia", "member_since", "1998", IOM)}),
    ("Having held observer status since 1992, Moldova became a full member of IOM in 2001.", None,
     {year("Moldova", "member_since", "2001", IOM)}),
    ("Ethiopia joined IOM in 1995.", None, {year("Ethiopia", "member_since", "1995", IOM)}),
    ("IOM met donors. Zambia, which had held observer status since 1990, became a full member in 2000.", None,
     {year("Zambia", "member_since", "2000", IOM)}),
    ("IOM met donors. Namibia, a long-time partner, became a member in 2002.", None,
     {year("Namibia", "member_since", "2002", IOM)}),
    ("Kenya was the first African member state to join IOM in 1985.", None, {year("Kenya", "member_since", "1985", IOM)}),
    ("Cuba and Tajikistan were admitted as new Member States of IOM at the Council session this week.", date(2021, 11, 30),
     {year("Cuba", "member_since", "2021", IOM), year("Tajikistan", "member_since", "2021", IOM)}),
    ("The IOM Council approved the applications of Fiji and Samoa.", date(2012, 12, 5),
     {year("Fiji", "member_since", "2012", IOM), year("Samoa", "member_since", "2012", IOM)}),
    ("Uganda became a member of the International Organization for Migration in 1994.", None,
     {year("Uganda", "member_since", "1994", IOM)}),
    ("Colombia acceded to IOM in 1956.", None, {year("Colombia", "member_since", "1956", IOM)}),
    ("Peru, an IOM member since 1964, hosted the meeting.", None, {year("Peru", "member_since", "1964", IOM)}),
    ("The IOM Council on Tuesday admitted Belize, Cabo Verde and Nauru as new Member States of IOM.", date(2018, 12, 4),
     {year("Belize", "member_since", "2018", IOM), year("Cabo Verde", "member_since", "2018", IOM),
      year("Nauru", "member_since", "2018", IOM)}),
    ("The Government of Kenya has been a member state of IOM since 1983.", None, {year("Kenya", "member_since", "1983", IOM)}),
    ("China will join the IOM next year.", date(2019, 6, 1), set()),
    ("Twelve states have applied for IOM membership.", None, set()),
    ("IOM and Kenya held talks in 1985.", None, set()),
    ("Kenya joined IOM as an observer in 1980.", None, set()),
])
def test_membership(nlp, text, published, expected):
    assert asserted(nlp, text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM Kenya has sub-offices in Kakuma and Dadaab and a field office in Mombasa.",
     {office("IOM Kenya", "sub-office", "Kakuma"), office("IOM Kenya", "sub-office", "Dadaab"),
      office("IOM Kenya", "field office", "Mombasa")}),
    ("The Organization's headquarters are in Geneva, Switzerland, IOM said.", {office(IOM, "headquarters", "Geneva")}),
    ("IOM Ethiopia opened a new field office in Gode last month.", {office("IOM Ethiopia", "field office", "Gode")}),
    ("IOM's Regional Office for East and Horn of Africa is based in Nairobi.", {office(IOM, "regional office", "Nairobi")}),
    ("IOM is headquartered in Geneva.", {office(IOM, "headquarters", "Geneva")}),
    ("IOM Somalia has a country office in Mogadishu.", {office("IOM Somalia", "country office", "Mogadishu")}),
    ("The IOM mission in Kenya has a satellite office in Lamu.", {office("IOM Kenya", "satellite office", "Lamu")}),
    ("IOM Kenya Country Office is in the capital, Nairobi.", {office("IOM Kenya", "country office", "Nairobi")}),
    ("IOM Kenya works with refugees. It has a sub-office in Kakuma.", {office("IOM Kenya", "sub-office", "Kakuma")}),
    ("IOM opened a regional office in Dakar in 2019.", {office(IOM, "regional office", "Dakar")}),
    ("IOM's regional office for West and Central Africa is in Dakar, Senegal.", {office(IOM, "regional office", "Dakar")}),
    ("IOM met donors. The regional office for Asia and the Pacific is based in Bangkok.",
     {office(IOM, "regional office", "Bangkok")}),
    # a mission's office in a city is the mission's in that country (GUIDELINES: "a field office in Mombasa" -> IOM Kenya)
    ("IOM met donors. Ms. Laine said that the Organization opened a sub-office in Mombasa in 2020.",
     {office("IOM Kenya", "sub-office", "Mombasa")}),
    ("IOM works in Niger. Its Niger mission runs field offices in Agadez and Arlit.",
     {office("IOM Niger", "field office", "Agadez"), office("IOM Niger", "field office", "Arlit")}),
    ("The IOM office in Nairobi functions as a hub.", set()),
    # an office of no kind: in a country, or set up in its capital, the organization's country office
    ("IOM set up its office in Beirut in 2006.", {office(IOM, "country office", "Beirut")}),
    ("The IOM office in Oman opened in 1993.", {office(IOM, "country office", "Oman")}),
    ("The ministry said IOM established its mission in Chad in 2004.", {office(IOM, "country office", "Chad")}),
    ("IOM opened its office in Mombasa in 2015.", set()),  # not the capital: of what kind?
    ("UNHCR opened an office in Juba in 2011.", set()),  # whose? "an office" names no owner
    ("Delegates visited the UNHCR field office.", set()),
    ("IOM plans to open a field office in Gode.", set()),
])
def test_offices(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM Director General Amy Pope visited Kenya.", {("Amy Pope", "Director General", IOM)}),
    ("Mohamed Farah, IOM's Chief of Mission in Somalia, spoke first. Later, Mohammed Farah thanked the donors.",
     {("Mohamed Farah", "Chief of Mission in Somalia", IOM)}),
    ("The panel included Omar Saleh, Minister of Labour, and Ines Duarte, Director of Programmes.",
     {("Omar Saleh", "Minister of Labour", None), ("Ines Duarte", "Director of Programmes", None)}),
])
def test_roles_one_claim_per_person(nlp, text, expected):
    roles = {(c.subject, c.value, c.object) for c in extract_text(text, nlp=nlp).claims if c.attribute == "role"}
    assert roles == expected


@pytest.mark.parametrize("text, published, wrong", [
    # the defects a new user met: the subject is the entity the clause is about, futures and targets assert nothing
    ("UNHCR welcomed IOM, which has 175 member states.", None, ("United Nations High Commissioner for Refugees", MSC)),
    ("IOM has offices in Kenya. The office was established in 1996.", None, (IOM, "founded")),
    ("China will join the IOM next year.", date(2019, 6, 1), ("China", "member_since")),
    ("IOM aims to reach 200 member states by 2030.", None, (IOM, MSC)),
])
def test_defects_stay_fixed(nlp, text, published, wrong):
    assert wrong not in {(c[0], c[1]) for c in asserted(nlp, text, published)}


def test_hedged_and_attributed_claims_are_kept_and_flagged(nlp):
    sheet = extract_text("IOM hopes its membership could reach 180 states by 2030, according to IOM Director General Amy Pope.",
                         nlp=nlp)
    (claim,) = [c for c in sheet.claims if c.attribute == MSC]
    assert (claim.value, claim.hedged, claim.attributed_to) == (180, True, "Amy Pope")


def test_corpus_claims(kenya, partnership):
    found = {(c.subject, c.attribute, c.value, c.qualifier, c.object) for c in kenya.claims}
    assert found == {
        year(IOM, "founded", "1951"), count(IOM, MSC, 162), count(IOM, OSC, 8), count(IOM, CPC, 100, "over"),
        year("Kenya", "member_since", "1983", IOM), count("IOM Kenya", STAFF, 300, "over"),
        office("IOM Kenya", "country office", "Nairobi"), office("IOM Kenya", "sub-office", "Kakuma"),
        office("IOM Kenya", "sub-office", "Dadaab"), office("IOM Kenya", "field office", "Mombasa"),
    }
    roles = {(c.subject, c.value, c.object) for c in partnership.claims if c.attribute == "role"}
    assert roles == {("Mohamed Abdiker", "Regional Director for East and Horn of Africa", IOM),
                     ("Macharia Kamau", "Principal Secretary", "Ministry of Foreign Affairs")}


def test_every_claim_has_its_rule_and_evidence_in_the_text(corpus_sheets):
    from conftest import CORPUS
    from iomextract.patterns import load
    rule_ids = {family.id for family in load("claims.jsonl")}
    for doc_id, sheet in corpus_sheets.items():
        text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
        for claim in sheet.claims:
            assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
            assert claim.rule in rule_ids


@pytest.mark.parametrize("text, expected", [
    # totals through "the number of": a figure with no noun of its own
    ("China became a member of IOM, bringing to 165 the number of IOM member states.", {count(IOM, MSC, 165)}),
    ("Uzbekistan has joined IOM, the number of member countries of the organization reaching 173, media reported.",
     {count(IOM, MSC, 173)}),
    ("With Nauru, the total number of IOM member states rose to 174.", {count(IOM, MSC, 174)}),
    ("IOM, which includes over 170 countries, welcomed the decision.", {count(IOM, MSC, 170, "over")}),
    # events and parts of one operation are no totals
    ("Fourteen countries joined the International Organization for Migration on Monday.", set()),
    ("Twelve states have joined IOM this year, the Council said.", set()),
    ("Over 50 IOM staff members are currently engaged in the resettlement process in Beirut.", set()),
    ("IOM has 40 staff working on the airlift from Dadaab.", set()),
    ("IOM employs more than 20,000 staff in over 100 countries.",
     {count(IOM, STAFF, 20000, "over"), count(IOM, CPC, 100, "over")}),
])
def test_count_totals_and_events(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a country office's page: its staff and offices are the office's; the whole organization's stay with it
    ("IOM Chad\n\nIOM has 200 staff and a sub-office in Abeche. IOM has over 19,000 staff worldwide and 175 member"
     " states.", {count("IOM Chad", STAFF, 200), office("IOM Chad", "sub-office", "Abeche"),
                  count(IOM, STAFF, 19000, "over"), count(IOM, MSC, 175)}),
    ("In Chad, IOM employs 120 staff.", {count("IOM Chad", STAFF, 120)}),
    ("IOM has 19,000 staff around the world.", {count(IOM, STAFF, 19000)}),
    # office phrases are offices of their owner, never organizations; a country mission's head office
    ("IOM opened its Country Office in Gabon last year.", {office(IOM, "country office", "Gabon")}),
    ("IOM Senegal\n\nIts Head Office in Dakar coordinates the work of IOM in Senegal.",
     {office("IOM Senegal", "country office", "Dakar")}),
    ("IOM works with governments. The Organization's headquarters are in Geneva.", {office(IOM, "headquarters", "Geneva")}),
    # an office's opening is not its organization's founding
    ("The IOM office in Nepal was established in 1991.", {office(IOM, "country office", "Nepal")}),
    ("IOM set up its office in Beirut in 2006.", {office(IOM, "country office", "Beirut")}),
    ("The mission in Kenya was established in 1996.", set()),
    ("IOM was established in 1951.", {year(IOM, "founded", "1951")}),
])
def test_country_offices_and_office_phrases(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text", ["IOM opened its Country Office in Gabon.", "The IOM Field Office in Kharkiv was busy."])
def test_an_office_phrase_is_no_organization(nlp, text):
    sheet = extract_text(text, nlp=nlp)
    assert [e.text for e in sheet.entities if e.type == "ORG"] == ["IOM"]


@pytest.mark.parametrize("text, expected", [
    ("Two new members, Tuvalu and Nauru, joined IOM.",
     {year("Tuvalu", "member_since", "2016", IOM), year("Nauru", "member_since", "2016", IOM)}),
    ("The Council welcomed two more member states—Tuvalu and Solomon Islands—which join IOM this year.",
     {year("Tuvalu", "member_since", "2016", IOM), year("Solomon Islands", "member_since", "2016", IOM)}),
    ("Its newest members—Fiji, Samoa and Tonga—joined IOM on Monday.",
     {year("Fiji", "member_since", "2016", IOM), year("Samoa", "member_since", "2016", IOM),
      year("Tonga", "member_since", "2016", IOM)}),
    ("Peru, an IOM member since 1964, hosted the meeting.", {year("Peru", "member_since", "1964", IOM)}),
])
def test_joining_in_lists(nlp, text, expected):
    assert asserted(nlp, text, published=date(2016, 7, 1)) == expected


@pytest.mark.parametrize("text, expected", [
    ("IOM Kenya staff has grown to 310 (including 290 national and 20 international staff).",
     {count("IOM Kenya", STAFF, 310)}),
    ("The IOM mission in Chad has 12 international and 80 national staff.", {count("IOM Chad", STAFF, 92)}),
    ("IOM Niger employs 250 people, of whom 40 are international staff.", {count("IOM Niger", STAFF, 250)}),
    ("IOM said on Monday that the 130-nation agency would meet in Geneva.", {count(IOM, MSC, 130)}),
    ("IOM runs projects in 60 countries.", set()),  # projects, not presence
    ("A 20-year-old man and a 5-member team met IOM staff.", set()),
])
def test_totals_and_their_parts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Samoa joined IOM in 2018, and Fiji in 2009.",
     {year("Samoa", "member_since", "2018", IOM), year("Fiji", "member_since", "2009", IOM)}),
    ("Kenya joined IOM in 1983 and Uganda in 1998, officials said.",
     {year("Kenya", "member_since", "1983", IOM), year("Uganda", "member_since", "1998", IOM)}),
    ("Kenya joined IOM in 1983 and Uganda signed a deal in 1998.", {year("Kenya", "member_since", "1983", IOM)}),
])
def test_joining_with_the_verb_left_out(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Head of the IOM Field Office in Kharkiv said the office would stay open.",
     {office("IOM Ukraine", "field office", "Kharkiv")}),
    ("IOM in Chad\n\nIOM has 200 staff and a sub-office in Abeche.",
     {count("IOM Chad", STAFF, 200), office("IOM Chad", "sub-office", "Abeche")}),
])
def test_offices_named_inside_other_phrases_and_pages_about_a_country(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "the mission", "the office" with no place: the page's country office, else the office named last
    ("IOM Kenya\n\nThe mission has 310 staff.", {count("IOM Kenya", STAFF, 310)}),
    ("IOM Kenya helps migrants in Nairobi. The office has 12 international and 80 national staff.",
     {count("IOM Kenya", STAFF, 92)}),
    ("IOM Somalia opened a centre. Its office now employs 140 people.", {count("IOM Somalia", STAFF, 140)}),
    ("IOM helps migrants. The mission has 310 staff.", set()),  # which mission: nobody's count
    # a description with a figure in it stands for the organization ("the 130-nation agency")
    ("IOM helps migrants. The 130-nation agency was founded in 1951.",
     {count(IOM, MSC, 130), year(IOM, "founded", "1951")}),
    # wire descriptions of UN agencies are those agencies, never the United Nations
    ("The UN migration agency now counts 166 member states.", {count(IOM, MSC, 166)}),
    ("The U.N. migration agency, which has 175 member states, said flights resumed.", {count(IOM, MSC, 175)}),
    ("The U.N. refugee agency said 2,000 people had fled. The agency has 20,000 staff.",
     {count("United Nations High Commissioner for Refugees", STAFF, 20000)}),
    ("The UN has 193 member states.", {count("United Nations", MSC, 193)}),
])
def test_office_and_agency_descriptions(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Rui Costa, a former Ambassador to Brazil, joined IOM in 2012.",  # a person joins a staff, not a membership
    "Ana Reis, the Minister of Labour of Kenya, joined IOM in 2015 as an adviser.",
    "Before joining IOM in 2019, Ana Reis was a lawyer in Brazil.",  # the joiner is the main clause's subject
    "Before joining IOM in 2019, she served as Ambassador to Brazil.",
])
def test_a_person_joining_is_no_membership(nlp, text):
    assert {c for c in asserted(nlp, text) if c[1] == "member_since"} == set()


@pytest.mark.parametrize("text, expected", [
    # a year that opens the sentence ("In 2002, ..."), and "dates from"
    ("In 2002, Mexico joined IOM.", {year("Mexico", "member_since", "2002", IOM)}),
    ("In May 2019, Mexico became a member state of IOM.", {year("Mexico", "member_since", "2019", IOM)}),
    ("Mexico's membership in IOM dates from 2002.", {year("Mexico", "member_since", "2002", IOM)}),
    ("In 2002, Mexico said it would join IOM next year.", set()),
    ("After joining IOM in 1985, Kenya hosted the Council.", {year("Kenya", "member_since", "1985", IOM)}),
    ("A member of IOM since 1991, Albania hosts a country office.", {year("Albania", "member_since", "1991", IOM)}),
    ("Since joining IOM in 2016, the Republic of Kenya has grown.",
     {year("Republic of Kenya", "member_since", "2016", IOM)}),
])
def test_membership_after_a_fronted_clause_or_year(nlp, text, expected):
    assert {c for c in asserted(nlp, text) if c[1] == "member_since"} == expected


@pytest.mark.parametrize("text, expected", [
    # staff counted in one country are that country's operation; in several, no office's
    ("IOM employs over 400 staff in Yemen, most of them national staff.", {count("IOM Yemen", STAFF, 400, "over")}),
    ("IOM has 200 staff in Chad, its largest operation in the region.", {count("IOM Chad", STAFF, 200)}),
    ("IOM has 300 staff in Chad and Niger.", set()),
    ("IOM has 19,000 staff in over 100 countries.", {count(IOM, STAFF, 19000), count(IOM, CPC, 100, "over")}),
    # a compound count before an organization's name is its membership; before a noun, the noun's
    ("The 54-member African Union and IOM signed a memorandum.", {count("African Union", MSC, 54)}),
    ("The 27-nation European Union pledged funds.", {count("European Union", MSC, 27)}),
    ("A 5-member IOM team visited the site.", set()),
])
def test_counts_of_one_operation_and_compound_counts(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the organization's work "in COUNTRY" names its operation there, which "the mission" then means
    ("IOM has worked in Mali since 1998. The mission now employs more than 250 staff.",
     {count("IOM Mali", STAFF, 250, "over")}),
    ("IOM's Chief of Mission in Chad, Ana Reis, met the press. The mission has 12 international and 80 national staff.",
     {count("IOM Chad", STAFF, 92)}),
    ("IOM helps migrants in Libya and Tunisia. The mission has 310 staff.", set()),  # two countries: no one mission
    ("IOM trained officials from Niger in Geneva. The office has 40 staff.", set()),  # no country after "in"
    # staff of a sentence that says the organization works in one country are that country's mission
    ("IOM has operated in Afghanistan since 1992 and today has more than 1,000 national and international staff.",
     {count("IOM Afghanistan", STAFF, 1000, "over")}),
    ("IOM has been present in Somalia since 2006 and has 600 staff across 12 offices.", {count("IOM Somalia", STAFF, 600)}),
    ("IOM Director General Amy Pope, speaking in Kenya, said IOM has 20,000 staff.", {count(IOM, STAFF, 20000)}),
    ("IOM, which works in Chad and Niger, has 300 staff.", {count(IOM, STAFF, 300)}),
    # a mission's offices in a city are the mission in that city's country
    ("IOM today opened a sub-office in Gao and a field office in Mombasa.",
     {office("IOM Mali", "sub-office", "Gao"), office("IOM Kenya", "field office", "Mombasa")}),
    ("IOM opened a regional office in Nairobi.", {office(IOM, "regional office", "Nairobi")}),  # the organization's
    # a bracketed name (a wire's credit) is no subject the next sentences point back to
    ("GENEVA (Reuters) - The U.N. migration agency named a new director on Tuesday. The agency has 175 member states.",
     {count(IOM, MSC, 175)}),
    ("NAIROBI (AP) - IOM opened a centre. It has 175 member states.", {count(IOM, MSC, 175)}),
])
def test_operations_in_a_country_and_wire_credits(nlp, text, expected):
    assert asserted(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a figure's own noun, never the noun of the figure before ("1,200 staff and 12 sub-offices")
    ("IOM Ethiopia has some 1,200 staff and operates 12 sub-offices across the country.",
     {count("IOM Ethiopia", STAFF, 1200, "about")}),
    ("IOM Kenya staff has grown to 310.", {count("IOM Kenya", STAFF, 310)}),
    # the organization before an appositive clause, past its bracketed acronym
    ("The framework was adopted by the Intergovernmental Authority on Development (IGAD), an eight-country bloc "
     "founded in 1986.", {year("Intergovernmental Authority on Development", "founded", "1986")}),
    ("The Southern African Development Community (SADC), established in 1992, met in Gaborone.",
     {year("Southern African Development Community", "founded", "1992")}),
])
def test_a_figures_own_noun_and_the_organization_before_an_appositive(nlp, text, expected):
    assert asserted(nlp, text) == expected
