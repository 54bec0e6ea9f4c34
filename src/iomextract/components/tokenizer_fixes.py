"""Tokenizer rules for web text: glued punctuation such as "(NCM).Among" and "Kae/IOMKenya"."""
from __future__ import annotations

from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from ..patterns import load

EXTRA_INFIXES = [
    r"(?<=\w)\)(?=\.[A-Z])",  # "(NCM).Among": close the bracket ...
    r"(?<=\))\.(?=[A-Z])",  # ... then the full stop
    r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",  # "migration.The"
    r"(?<=[A-Za-z])/(?=[A-Za-z])",  # "CSOs/NGOs", "Kae/IOMKenya"
    r"(?<=[0-9])[–—](?=[0-9])",  # "2017–2018": a range of years is two dates
]  # a comma between letters ("IOM,international") is split by spaCy's own infixes


def _infixes(nlp) -> list[str]:
    return list(nlp.Defaults.infixes) + EXTRA_INFIXES


def _special_cases(patterns_dir: str | None) -> dict:
    # "Amb. Kamau": an honorific's full stop is no sentence end
    return {h: [{ORTH: h}] for h in load("people.json", patterns_dir).honorifics if h.endswith(".")}


@registry.tokenizers("iomextract.web_tokenizer.v1")
def create_web_tokenizer(patterns_dir: str | None = None):
    """spaCy's English tokenizer with the rules above, built once (setting them one by one on a
    built tokenizer reloads its 1,300 special cases each time)."""
    def make(nlp) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(nlp.vocab, rules={**defaults.tokenizer_exceptions, **_special_cases(patterns_dir)},
                         prefix_search=compile_prefix_regex(defaults.prefixes).search,
                         suffix_search=compile_suffix_regex(defaults.suffixes).search,
                         infix_finditer=compile_infix_regex(_infixes(nlp)).finditer,
                         token_match=defaults.token_match, url_match=defaults.url_match)
    return make


def apply_tokenizer_fixes(nlp, patterns_dir: str | None = None) -> None:
    """The same rules on the tokenizer of a pipeline loaded with its own (a statistical model's)."""
    nlp.tokenizer.infix_finditer = compile_infix_regex(_infixes(nlp)).finditer
    for honorific, substrings in _special_cases(patterns_dir).items():
        nlp.tokenizer.add_special_case(honorific, substrings)
