"""iomextract: structured, checkable facts from IOM press releases."""
__version__ = "0.1.0"

from .extract import extract_file, extract_text  # noqa: E402
from .models import FactSheet  # noqa: E402
from .pipeline import build_nlp  # noqa: E402

__all__ = ["__version__", "build_nlp", "extract_file", "extract_text", "FactSheet"]
