import json

import pytest

from iomextract.check import DocumentClaim, check, compatible
from iomextract.cli import main
from iomextract.models import Claim, Evidence


def claim(value, qualifier=None, attribute="country_presence_count", subject="IOM", obj=None):
    return Claim(subject=subject, attribute=attribute, value=value, qualifier=qualifier, object=obj,
                 evidence=Evidence(text="...", start=0, end=3), sentence=0)


@pytest.mark.parametrize("a, b, expected", [
    (claim(100, "over"), claim(171, "exact"), True),
    (claim(171, "exact"), claim(100, "over"), True),
    (claim(200, "over"), claim(171, "exact"), False),
    (claim(2000, "about"), claim(1950, "exact"), True),
    (claim(2000, "about"), claim(1500, "exact"), False),
    (claim(100, "under"), claim(80, "exact"), True),
    (claim(100, "under"), claim(120, "over"), False),
    (claim(162, "exact"), claim(175, "exact"), False),
    (claim("195", attribute="founded"), claim("1951", attribute="founded"), True),
    (claim("1983", attribute="member_since"), claim("1985", attribute="member_since"), False),
    (claim("sub-office", attribute="office"), claim("field office", attribute="office"), False),
])
def test_compatible(a, b, expected):
    assert compatible(a, b) is expected


def test_kinds_and_corroboration():
    items = [
        DocumentClaim("a", "2019-01-01", claim("1983", attribute="member_since", subject="Kenya")),
        DocumentClaim("b", None, claim("1985", attribute="member_since", subject="Kenya")),
        DocumentClaim("a", "2019-01-01", claim(175, "exact", attribute="member_state_count")),
        DocumentClaim("b", "2016-01-01", claim(162, "exact", attribute="member_state_count")),
        DocumentClaim("a", None, claim("1951", attribute="founded")),
        DocumentClaim("b", None, claim("1951", attribute="founded")),
    ]
    report = check(items)
    kinds = {(c.attribute, c.kind) for c in report.conflicts}
    assert kinds == {("member_since", "contradiction"), ("member_state_count", "changed")}
    changed = next(c for c in report.conflicts if c.kind == "changed")
    assert [c.value for c in changed.claims] == [162, 175]  # ordered by publication date
    assert report.corroborated == 1


def test_corpus_conflicts(corpus_sheets):
    items = [DocumentClaim(s.document.id, s.document.published, c) for s in corpus_sheets.values() for c in s.claims]
    report = check(items)
    by_key = {(c.subject, c.attribute, c.object): c for c in report.conflicts}
    iom = "International Organization for Migration"
    membership = by_key[("Kenya", "member_since", iom)]
    assert membership.kind == "contradiction"
    assert {c.value for c in membership.claims} == {"1983", "1985"}
    assert any("since 1983" in c.evidence for c in membership.claims)
    assert any("join IOM in 1985" in c.evidence for c in membership.claims)
    assert by_key[(iom, "member_state_count", None)].kind == "changed"
    assert by_key[(iom, "country_presence_count", None)].kind == "compatible"
    assert by_key[("IOM Kenya", "office", "Mombasa")].kind == "changed"
    assert (iom, "founded", None) not in by_key
    assert report.corroborated >= 1  # IOM founded 1951 in both


def test_several_posts_in_one_release_are_no_change_but_across_releases_are():
    minister = claim("Minister of Labour", attribute="role", subject="Laura Mendes")
    ambassador = claim("Ambassador to Brazil", attribute="role", subject="Laura Mendes")
    assert check([DocumentClaim("bio", None, minister), DocumentClaim("bio", None, ambassador)]).conflicts == []
    report = check([DocumentClaim("a", "2015-01-01", minister), DocumentClaim("b", "2020-01-01", ambassador)])
    assert [(c.attribute, c.kind) for c in report.conflicts] == [("role", "changed")]


def test_a_career_is_ordered_by_the_years_of_its_posts():
    def post(title, start):
        return Claim(subject="Ana Reis", attribute="role", value=title, evidence=Evidence(text="...", start=0, end=3),
                     sentence=0, held_from=start)
    report = check([DocumentClaim("late", "2020-01-01", post("Chief of Mission in Chad", "2001")),
                    DocumentClaim("early", "2011-01-01", post("Deputy Director General", "2010"))])
    [career] = report.conflicts
    assert career.kind == "changed" and [c.value for c in career.claims] == ["Chief of Mission in Chad",
                                                                            "Deputy Director General"]
    assert career.preferred.value == "Deputy Director General"


# The check at crawl scale ----------------------------------------------------------

@pytest.fixture(scope="module")
def ten_pages(tmp_path_factory):
    """Ten pages of one site printing the same furniture paragraph (175 member states), two of them dated
    with counts of their own; and a manifest giving each its URL on iom.int."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parent))
    from test_timeline import release
    folder = tmp_path_factory.mktemp("crawl")
    rows = ["file,url"]
    for number in range(10):
        year = 2010 + number
        body = (f"IOM counts {160 + number} member states, the Organization said." if number in (3, 7) else
                f"IOM opened a transit centre for {100 + number} returnees on Monday.")
        (folder / f"page-{number}.txt").write_text(release(year, body), encoding="utf-8")
        rows.append(f"page-{number}.txt,https://www.iom.int/news/page-{number}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = folder / "out"
    assert main(["extract", str(folder), "--out", str(out), "--meta", str(folder / "manifest.csv"), "--jobs", "1"]) == 0
    return folder, out


def test_furniture_on_ten_pages_is_one_line_in_check_timeline_and_report(ten_pages, capsys):
    folder, out = ten_pages
    capsys.readouterr()
    assert main(["check", str(out), "--attribute", "member_state_count"]) == 0
    text = capsys.readouterr().out
    furniture = [line for line in text.splitlines() if "page furniture" in line]
    assert furniture == [line for line in furniture if "175 — page furniture on 10 pages of iom.int" in line]
    assert len(furniture) == 1 and text.count("175") == 1
    assert main(["timeline", str(out), "--attribute", "member_state_count"]) == 0
    text = capsys.readouterr().out
    assert text.count("page furniture on 10 pages") == 1 and "and 7 more" in text
    page = folder / "report.html"
    assert main(["report", str(out), "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.count("page furniture on 10 pages of iom.int") == 1


def test_filters_and_fail_on(ten_pages, capsys):
    _, out = ten_pages
    capsys.readouterr()
    assert main(["check", str(out), "--subject", "IOM", "--kind", "changed", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["conflicts"] and {c["kind"] for c in report["conflicts"]} == {"changed"}
    assert {c["subject"] for c in report["conflicts"]} == {"International Organization for Migration"}  # by acronym
    assert main(["check", str(out), "--subject", "Nauru", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []
    assert main(["check", str(out), "--fail-on", "changed"]) == 3
    assert main(["check", str(out), "--fail-on", "contradiction"]) == 0
    capsys.readouterr()
    assert main(["timeline", str(out), "--attribute", "member_states"]) == 2
    err = capsys.readouterr().err
    assert "no attribute 'member_states'" in err and "member_state_count" in err


@pytest.mark.parametrize("a, b, compatible_", [
    ("Chief of Mission", "Chief of Mission for Nepal", True),
    ("Minister", "Minister of Health", True),
    ("Head of Office", "Head of Office in Kharkiv", True),
    ("Director General", "Deputy Director General", False),  # another post, not a complement
    ("Chief of Mission", "Chief of Staff", False),
])
def test_a_title_with_a_complement_is_compatible(a, b, compatible_):
    from iomextract.check import compatible
    from iomextract.models import Claim, Evidence
    claims = [Claim(subject="Ana Reis", attribute="role", value=v, object="IOM", sentence=0,
                    evidence=Evidence(text=v, start=0, end=len(v))) for v in (a, b)]
    assert compatible(*claims) is compatible_


def test_counts_read_right():
    from iomextract.check import format_table
    from iomextract.models import ConflictReport
    assert format_table(ConflictReport(conflicts=[], corroborated=1)).endswith(
        "0 contradictions, 0 changed, 0 compatible; 1 claim corroborated; 0 set aside")
