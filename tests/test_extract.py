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
