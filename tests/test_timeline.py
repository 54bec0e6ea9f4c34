"""Facts over time: a dated timeline, page furniture told apart, one identity per title, hedged counts aside."""
import pytest

from iomextract.check import check
from iomextract.cli import gather, document_claims, main
from iomextract.timeline import timeline

FURNITURE = ("IOM in brief: Established in 1951, IOM is the leading inter-governmental organization in the field of "
             "migration, with 175 member states and a presence in 171 countries.")
BODIES = {
    2016: "IOM now has 165 member states after the Council admitted three new members. "
          "IOM Director-General Jonas Lind welcomed the decision.",
    2017: "The number of IOM member states rose to 169 this year. IOM Director General Jonas Lind thanked the donors.",
    2018: "IOM counts 172 member states, the Organization said in its annual report.",
    2019: "IOM has 173 member states. IOM hopes to reach 180 member states by 2025, the report said.",
    2020: "IOM opened a transit centre in Gode, Ethiopia, for 300 returnees on Monday.",
}


def release(year: int, body: str) -> str:
    return (f"IOM news from {year}\nPosted on 12 March {year}\n\n"
            f"GENEVA, 12 March {year} – {body} The centre will offer health care, meals and counselling to migrants "
            f"returning from the Gulf.\n\n{FURNITURE}\n")


@pytest.fixture(scope="module")
def five_years(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    for year, body in BODIES.items():
        (folder / f"release-{year}.txt").write_text(release(year, body), encoding="utf-8")
    out = folder / "out"
    assert main(["extract", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    sheets, _, failed = gather([str(out)], None)
    assert failed == 0 and len(sheets) == 5
    return sheets


def test_furniture_is_marked_in_every_release(five_years):
    for sheet in five_years:
        furniture = [c for c in sheet.claims if c.boilerplate]
        assert {(c.attribute, c.value) for c in furniture} >= {("member_state_count", 175), ("founded", "1951")}
        paragraph = next(p for p in sheet.paragraphs if p.furniture)
        assert paragraph.furniture == "repeated"  # found by counting, not by a known furniture line


def test_the_timeline_orders_dated_values_and_keeps_furniture_apart(five_years):
    (fact,) = timeline(document_claims(five_years), attribute="member_state_count").facts
    assert [(p.date, p.value) for p in fact.points] == [
        ("2016-03-12", 165), ("2017-03-12", 169), ("2018-03-12", 172), ("2019-03-12", 173)]
    (furniture,) = fact.boilerplate  # counted once, however many pages print it
    assert furniture.value == 175 and furniture.date is None and len(furniture.documents) == 5
    assert "release-2020" not in {d for p in fact.points for d in p.documents}  # its only count is furniture
    assert fact.current.value == 173 and "2019-03-12" in fact.current.reasons


def test_title_variants_corroborate_and_hedged_counts_stay_out(five_years):
    report = check(document_claims(five_years))
    assert not [c for c in report.conflicts if c.attribute == "role"]  # Director-General = Director General
    assert any(item.value == 180 and item.why == "hedged" for item in report.set_aside)
    assert not any(claim.value == 180 for conflict in report.conflicts for claim in conflict.claims)
    changed = next(c for c in report.conflicts if c.attribute == "member_state_count")
    assert [c.value for c in changed.claims][:4] == [165, 169, 172, 173]  # dated first, in date order
    assert all(c.boilerplate for c in changed.claims[4:])


def test_timeline_command_filters_and_prints_json(five_years, tmp_path, capsys):
    import json
    from iomextract.writers import write_factsheet
    for sheet in five_years:
        write_factsheet(sheet, tmp_path)
    assert main(["timeline", str(tmp_path), "--subject", "migration", "--attribute", "member_state_count", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    assert [f["attribute"] for f in facts] == ["member_state_count"]
    assert main(["timeline", str(tmp_path), "--attribute", "staff_count"]) == 0
    assert "0 facts that change" in capsys.readouterr().out


def test_likely_value_of_the_seed_contradiction(corpus_sheets):
    report = check(document_claims(list(corpus_sheets.values())))
    kenya = next(c for c in report.conflicts if c.attribute == "member_since")
    assert kenya.kind == "contradiction" and kenya.preferred.value == "1983"
    assert "equal support" in kenya.preferred.reasons and "earlier year" in kenya.preferred.reasons
    assert {s.value: s.support for s in kenya.preferred.scores} == {"1983": 1, "1985": 1}


def test_own_site_and_copies_weigh_in(corpus_sheets):
    """Two copies of one release count once; a page on the organization's own site adds half a document."""
    from iomextract.check import DocumentClaim, likely_value
    from iomextract.models import Claim, Evidence
    def stated(document, value, sentence, site=""):
        claim = Claim(subject="Ghana", attribute="member_since", value=value, object="International Organization for Migration",
                      evidence=Evidence(text=sentence, start=0, end=len(sentence)), sentence=0)
        return DocumentClaim(document, None, claim, site=site)
    copy = "Ghana joined IOM in 1987, officials said."
    members = [stated("wire-a", "1987", copy), stated("wire-b", "1987", copy),
               stated("iom-page", "1988", "Ghana joined IOM in 1988.", site="iom.int")]
    preference = likely_value(members, fixed=True, sites={"International Organization for Migration": {"iom.int"}})
    scores = {s.value: (s.support, s.own_source, s.score) for s in preference.scores}
    assert scores == {"1987": (1, 0, 1.0), "1988": (1, 1, 1.5)}
    assert preference.value == "1988"
