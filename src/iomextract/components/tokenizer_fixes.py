"""Tokenizer rules for web text: glued punctuation such as "(NCM).Among" and "Kae/IOMKenya"."""
from __future__ import annotations

from spacy.util import compile_infix_regex

EXTRA_INFIXES = [
    r"(?<=\w)\)(?=\.[A-Z])",  # "(NCM).Among": close the bracket ...
    r"(?<=\))\.(?=[A-Z])",  # ... then the full stop
    r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",  # "migration.The"
    r"(?<=[A-Za-z])/(?=[A-Za-z])",  # "CSOs/NGOs", "Kae/IOMKenya"
    r"(?<=[a-z]),(?=[A-Za-z])",  # "IOM,international"
]


def apply_tokenizer_fixes(nlp) -> None:
    infixes = list(nlp.Defaults.infixes) + EXTRA_INFIXES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
