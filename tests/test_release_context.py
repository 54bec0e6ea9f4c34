"""What a release is about: its main organization and the country office whose page it is."""
import pytest

from iomextract.components.release_context import main_organization, release_office
from iomextract.extract import make_doc

IOM = "International Organization for Migration"

BIOGRAPHY = ("IOM Director General Ana Reis\n\n"
             "Ana Reis worked for the United Nations for twenty years. At the UN she led reforms; the UN then sent her"
             " to Geneva, where the UN and UNHCR share offices. She joined IOM in 2019 after the UN General Assembly.\n")


@pytest.mark.parametrize("text, main, office", [
    (BIOGRAPHY, IOM, None),  # the headline's organization, though the UN is named more often
    ("IOM Iraq\n\nIOM Iraq has 1,300 staff. IOM works with the Government of Iraq.\n", IOM, "IOM Iraq"),
    ("Floods in the north\n\nUNHCR and IOM said the International Organization for Migration would help."
     " IOM and UNHCR met.\n", IOM, None),  # a full name counts twice an acronym
])
def test_main_organization_and_page_office(nlp, text, main, office):
    doc = nlp(make_doc(nlp, text))
    assert main_organization(doc) == main
    assert release_office(doc) == office
