
import pytest

from iomextract.store import Store, StoreError


def test_storing_again_replaces_rows(tmp_path, corpus_sheets):
    with Store(tmp_path / "facts.db") as store:
        for sheet in corpus_sheets.values():
            store.save(sheet)
        first = store.counts()
        for sheet in corpus_sheets.values():
            store.save(sheet)
        assert store.counts() == first
        assert first["documents"] == 2 and first["claims"] > 0


def test_failure_mid_document_leaves_no_partial_rows(tmp_path, corpus_sheets, monkeypatch):
    sheet = corpus_sheets["iom-kenya"]
    broken = sheet.model_copy(deep=True)
    broken.claims[3].evidence = None  # fails while writing the claims, after document and entities
    with Store(tmp_path / "facts.db") as store:
        store.save(corpus_sheets["iom-appreciates-kenya-partnership"])
        before = store.counts()
        with pytest.raises(AttributeError):
            store.save(broken)
        assert store.counts() == before


def test_claims_read_back(tmp_path, kenya):
    with Store(tmp_path / "facts.db") as store:
        store.save(kenya)
        stored = store.document_claims()
    assert [item.claim.model_dump() for item in stored] == [c.model_dump() for c in kenya.claims]
    assert all(item.document == "iom-kenya" for item in stored)


def test_not_a_database(tmp_path):
    path = tmp_path / "facts.db"
    path.write_text("this is no database " * 100)
    with pytest.raises(StoreError):
        Store(path)
