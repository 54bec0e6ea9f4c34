"""iomextract: structured, checkable facts from IOM press releases."""
__version__ = "0.1.0"

__all__ = ["__version__", "build_nlp", "extract_file", "extract_text", "FactSheet"]

# The library API, imported on first use: a command that builds no pipeline (a rerun where
# nothing changed, `check`, `timeline`) should not pay for importing spaCy.
_LAZY = {"extract_file": "extract", "extract_text": "extract", "FactSheet": "models", "build_nlp": "pipeline"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
