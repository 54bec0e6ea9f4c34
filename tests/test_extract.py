"""The library API: the garbage collector is paused per release and left as it was found."""
import gc
import threading

import pytest

from iomextract import extract, extract_text


@pytest.fixture
def collector_state():
    was_enabled = gc.isenabled()
    yield
    gc.enable() if was_enabled else gc.disable()


@pytest.mark.parametrize("enabled_before", [True, False])
def test_extraction_pauses_the_collector_and_restores_it(nlp, monkeypatch, collector_state, enabled_before):
    seen = []
    real_factsheet = extract.factsheet

    def watching_factsheet(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_factsheet(*args, **kwargs)

    monkeypatch.setattr(extract, "factsheet", watching_factsheet)
    gc.enable() if enabled_before else gc.disable()
    sheet = extract_text("IOM has 175 member states.", nlp=nlp)
    assert sheet.claims
    assert seen == [False]
    assert gc.isenabled() is enabled_before


def test_nested_and_concurrent_pauses_resume_only_when_the_last_ends(collector_state):
    gc.enable()
    with extract.collector_paused():
        with extract.collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()

    inside, release = threading.Barrier(3), threading.Event()

    def pause_until_released():
        with extract.collector_paused():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=pause_until_released) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    release.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_an_error_inside_a_pause_still_resumes_the_collector(collector_state):
    gc.enable()
    with pytest.raises(ValueError):
        with extract.collector_paused():
            raise ValueError("boom")
    assert gc.isenabled()


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u200e", "\u2060", "\ufeff", "\u200d"])
def test_defect_05_format_characters_inside_words_keep_entities_and_offsets(nlp, invisible):
    text = f"I{invisible}OM was founded in 19{invisible}51. I{invisible}OM has 175 mem{invisible}ber states."
    sheet = extract_text(text, nlp=nlp)
    claims = {c.attribute: c.value for c in sheet.claims}
    assert claims == {"founded": "1951", "member_state_count": 175}
    orgs = [e for e in sheet.entities if e.type == "ORG"]
    assert [e.canonical for e in orgs] == ["International Organization for Migration"] * 2
    for item in sheet.entities:
        assert text[item.start:item.end] == item.text
    for claim in sheet.claims:
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert sheet.document.characters == len(text)


@pytest.mark.parametrize("given, error", [(None, TypeError), (b"IOM has 175 member states.", TypeError),
                                          (42, TypeError)])
def test_defect_15_the_library_refuses_what_is_no_text_clearly(nlp, given, error):
    with pytest.raises(error, match="must be a str"):
        extract_text(given, nlp=nlp)


def test_defect_15_a_published_date_that_is_no_date_is_refused(nlp):
    with pytest.raises(TypeError, match="datetime.date"):
        extract_text("IOM has 175 member states.", published="2024-03-05", nlp=nlp)


def test_defect_20_evidence_of_a_run_on_line_is_bounded(nlp):
    text = "IOM has 175 member states" + ", and the words go on" * 40_000 + " while IOM was founded in 1951"
    sheet = extract_text(text, nlp=nlp)
    assert {c.attribute for c in sheet.claims} >= {"member_state_count", "founded"}
    assert max(len(c.evidence.text) for c in sheet.claims) < 2_000
    assert len(sheet.model_dump_json()) < 50_000
