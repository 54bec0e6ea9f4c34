"""Tokenizer rules for web text: glued punctuation such as "(NCM).Among" and "Kae/IOMKenya"."""
from __future__ import annotations

from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

from ..patterns import load

EXTRA_INFIXES = [
    r"(?<=\w)\)(?=\.[A-Z])",  # "(NCM).Among": close the bracket ...
    r"(?<=\))\.(?=[A-Z])",  # ... then the full stop
    r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",  # "migration.The"
    r"(?<=[A-Za-z])/(?=[A-Za-z])",  # "CSOs/NGOs", "Kae/IOMKenya"
    r"(?<=[0-9])[–—](?=[0-9])",  # "2017–2018": a range of years is two dates
]  # a comma between letters ("IOM,international") is split by spaCy's own infixes


def apply_tokenizer_fixes(nlp, patterns_dir: str | None = None) -> None:
    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # "Amb. Kamau": an honorific's full stop is no sentence end
    for honorific in load("people.json", patterns_dir).honorifics:
        if honorific.endswith("."):
            nlp.tokenizer.add_special_case(honorific, [{ORTH: honorific}])
