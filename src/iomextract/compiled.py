"""A component's compiled tables on disk, the spaCy way: ``to_disk`` and ``from_disk``.

What a component's ``initialize`` builds (gazetteers, phrase sets, lexicons) is plain Python data;
it is pickled whole. The tokenizer the tables were built with is not: it is written as a reference
and the loading pipeline's own tokenizer takes its place, so a loaded component tokenizes as a
built one does.
"""
from __future__ import annotations

import contextvars
import copyreg
import pickle
from pathlib import Path

from spacy.tokenizer import Tokenizer

TABLES_FILE = "tables.pickle"

# the tokenizer of the pipeline whose component is being loaded
_loading_tokenizer: contextvars.ContextVar = contextvars.ContextVar("loading_tokenizer")


def _loading_pipelines_tokenizer():
    return _loading_tokenizer.get()


def _as_reference(tokenizer):
    return _loading_pipelines_tokenizer, ()


def _dispatch_table() -> dict:
    """Pickle's reducers, with tokenizers written as a reference (a table lookup in C, not a call per object)."""
    from .tokenizer_cache import ChunkCachingTokenizer
    table = copyreg.dispatch_table.copy()
    table[Tokenizer] = table[ChunkCachingTokenizer] = _as_reference
    return table


class CompiledTables:
    """Mixin of the components that compile tables in ``initialize``.

    A component whose tables refer to the tokenizer keeps it as ``self.tokenizer`` from its
    factory; the tables loaded refer to that one.
    """

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / TABLES_FILE, "wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _dispatch_table()
            pickler.dump(self.__dict__)

    def from_disk(self, path, *, exclude=()):
        token = _loading_tokenizer.set(getattr(self, "tokenizer", None))
        try:
            with open(Path(path) / TABLES_FILE, "rb") as handle:
                state = pickle.load(handle)
        finally:
            _loading_tokenizer.reset(token)
        if not isinstance(state, dict):
            raise pickle.UnpicklingError("not a component's tables")
        self.__dict__.update(state)
        return self
