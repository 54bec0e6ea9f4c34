import pytest

from iomextract.check import DocumentClaim, check, compatible
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
