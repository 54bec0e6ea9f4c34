"""What the commands print about files: names made safe to show on a terminal."""
from __future__ import annotations

import re
import sys

# control characters (a newline could fake a summary line, an escape clear the screen) and the
# invisible direction and format marks that reorder or hide what a terminal shows
UNSAFE = re.compile("[\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]")


def shown(name) -> str:
    """``name`` with every unsafe character written as an escape (\\n, \\x1b, \\u202e)."""
    text = str(name)
    if UNSAFE.search(text) is None:
        return text
    return UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(what, message: str) -> None:
    """One line on stderr: ``error: WHAT: MESSAGE``, the name escaped."""
    print(f"error: {shown(what)}: {message}", file=sys.stderr, flush=True)
