"""Web text glues words and punctuation; the tokenizer must split them where a name ends."""
import pytest


@pytest.mark.parametrize("text, tokens", [
    ("the (NCM).Among others", ["the", "(", "NCM", ")", ".", "Among", "others"]),
    ("on migration.The Ministry", ["on", "migration", ".", "The", "Ministry"]),
    ("CSOs/NGOs and UN agencies", ["CSOs", "/", "NGOs", "and", "UN", "agencies"]),
    ("© Grace Kae/IOMKenya", ["©", "Grace", "Kae", "/", "IOMKenya"]),
    ("including IOM,international organizations", ["including", "IOM", ",", "international", "organizations"]),
    ("Amb. Kamau said", ["Amb.", "Kamau", "said"]),
    ("the 2017–2018 appeal", ["the", "2017", "–", "2018", "appeal"]),
])
def test_glued_text_is_split(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_ordinary_abbreviations_and_numbers_stay_whole(nlp):
    assert [t.text for t in nlp.make_doc("U.N. staff paid USD 3.5 million")] == ["U.N.", "staff", "paid", "USD", "3.5", "million"]
