"""Concrete facts of the two seed releases."""
import pytest


def find(sheet, type_, text):
    return [e for e in sheet.entities if e.type == type_ and e.text == text]


def test_every_offset_matches_its_text(corpus_sheets):
    from conftest import CORPUS
    for doc_id, sheet in corpus_sheets.items():
        text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
        assert sheet.entities
        for entity in sheet.entities:
            assert text[entity.start:entity.end] == entity.text


def test_regional_director_with_title_and_org(partnership):
    person = find(partnership, "PERSON", "Mohamed Abdiker")[0]
    assert person.title == "Regional Director for East and Horn of Africa"
    assert person.org == "International Organization for Migration"


def test_surname_mentions_are_linked(partnership):
    later = find(partnership, "PERSON", "Kamau")
    assert len(later) == 2
    assert all(p.title == "Principal Secretary" and p.org == "Ministry of Foreign Affairs" for p in later)
    assert find(partnership, "PERSON", "Abdiker")[0].title.startswith("Regional Director")


def test_dates_are_normalized(partnership):
    assert find(partnership, "DATE", "13 September 2019")[0].value == "2019-09-13"
    assert find(partnership, "DATE", "21st Century")[0].value == "20"
    assert find(partnership, "DATE", "1985")[0].value == "1985"


def test_no_date_or_figure_inside_2030_agenda(partnership):
    from conftest import CORPUS
    text = (CORPUS / "iom-appreciates-kenya-partnership.txt").read_text(encoding="utf-8")
    agenda = [i for i in range(len(text)) if text.startswith("2030 Agenda", i)]
    assert len(agenda) == 2
    for entity in partnership.entities:
        if entity.type in ("DATE", "FIGURE"):
            assert not any(entity.start < a + 11 and a < entity.end for a in agenda), entity


def test_figure_with_qualifier_and_unit(kenya):
    figure = find(kenya, "FIGURE", "over 300")[0]
    assert (figure.value, figure.qualifier, figure.unit) == (300, "over", "staff")
    assert find(kenya, "FIGURE", "162")[0].unit == "member states"


def test_kenyan_places(partnership):
    for name in ["Kakuma", "Dadaab", "Mombasa", "Kwale", "Kilifi", "Lamu"]:
        place = find(partnership, "PLACE", name)[0]
        assert place.country == "KE", name
    assert find(partnership, "PLACE", "Kingdom of Saudi Arabia")[0].country == "SA"


def test_acronym_resolved_to_its_definition(partnership):
    ncm = find(partnership, "ORG", "NCM")
    assert ncm and all(e.canonical == "National Coordination Mechanism on Migration" for e in ncm)
    assert find(partnership, "ORG", "Kenya NCM")[0].canonical == "National Coordination Mechanism on Migration"


def test_iom_offices_fold_to_office_names(partnership, kenya):
    assert find(partnership, "ORG", "IOM Kenya Country Office")[0].canonical == "IOM Kenya"
    assert find(partnership, "ORG", "IOM Somalia Office")[0].canonical == "IOM Somalia"
    assert all(e.canonical == "IOM Kenya" for e in find(kenya, "ORG", "IOM Kenya"))


def test_glued_punctuation_is_split(partnership):
    assert find(partnership, "ORG", "NCM")  # "(NCM).Among"
    assert find(partnership, "ORG", "AfricanUnion Institute of Remittances")


@pytest.mark.parametrize("doc_id", ["iom-kenya", "iom-appreciates-kenya-partnership"])
def test_every_iom_is_inside_an_org(corpus_sheets, doc_id):
    """Each occurrence of "IOM" (also glued: "IOM,international", "IOMKenya" aside) is covered by an ORG."""
    import re
    from conftest import CORPUS
    text = (CORPUS / f"{doc_id}.txt").read_text(encoding="utf-8")
    occurrences = [m.start() for m in re.finditer(r"(?<![A-Za-z])IOM(?![A-Za-z])", text)]
    orgs = [e for e in corpus_sheets[doc_id].entities if e.type == "ORG"]
    uncovered = [o for o in occurrences if not any(e.start <= o and o + 3 <= e.end for e in orgs)]
    assert occurrences and uncovered == []


def test_title_found_after_navigation_block(corpus_sheets):
    assert corpus_sheets["iom-appreciates-kenya-partnership"].document.title == "IOM Appreciates Kenya Partnership"
    assert corpus_sheets["iom-kenya"].document.title is None
