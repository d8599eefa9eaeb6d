"""Which characters an agreement's text may hold, and how to show those a reader cannot see.

Two classes, two treatments:

- CONTROL: C0 controls other than tab and newline, DEL, C1 controls, lone surrogates and
  U+FFFE/U+FFFF. They are never legitimate in an agreement's text, no writer can put
  them in a Word document (XML forbids most of them) and a terminal would obey them, so
  a reader refuses them at load, at their place in the file.
- HIDDEN: characters that print as nothing or reorder what is around them: bidirectional
  embeddings, overrides, isolates and marks (the Trojan Source attack, CVE-2021-42574, in
  prose), zero-width spaces and joiners, the word joiner and invisible operators, a
  byte-order mark inside text, soft hyphens, fillers, variation selectors and tag
  characters. They can make the words a reader sees differ from the words that count,
  or an anchor match where it seems not to. They may be meant (a Hebrew or Arabic name),
  so they load, and `check` reports each as an error (`hidden-character`).

Whatever reaches a person (a terminal, an error, a check report) shows both classes
visibly, as `<U+202E>`, never raw.

The same rules apply to every document reader that comes later (Word, PDF, HTML): it
calls `first_control` on each text it reads, and `hidden` lets `check` find the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# The classes as regular-expression sets; compiled on first use, since most runs (a
# command answered from the cache) never look at a character.
CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"

HIDDEN = (
    "["
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels (invisible)
    "\u180b-\u180f"  # Mongolian variation selectors and vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u2028\u2029"  # line and paragraph separators (a break to some readers, none to others)
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u206f"  # bidirectional isolates; deprecated format characters
    "\ufe00-\ufe0f"  # variation selectors
    "\ufeff"  # zero-width no-break space (a byte-order mark inside text)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U0001d173-\U0001d17a"  # musical formatting
    "\U000e0000-\U000e007f"  # tag characters
    "\U000e0100-\U000e01ef"  # variation selectors supplement
    "]"
)


@cache
def _pattern(which: str) -> re.Pattern:
    shown = f"{CONTROL[:-1]}{HIDDEN[1:-1]}]"
    return re.compile(
        {
            "control": CONTROL,
            "hidden": HIDDEN,
            "shown": shown,
            "shown but ESC": shown.replace("\x0b-\x1f", "\x0b-\x1a\x1c-\x1f"),
        }[which]
    )


def code_point(ch: str) -> str:
    """U+202E: how a character is named when it cannot be shown."""
    return f"U+{ord(ch):04X}"


def describe(ch: str) -> str:
    """The code point and, where Unicode gives one, the name: U+202E RIGHT-TO-LEFT OVERRIDE."""
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"{code_point(ch)} {name}" if name else code_point(ch)


def visible(text: str, *, colours: bool = False) -> str:
    """The text with every control and hidden character shown as <U+XXXX>; tabs and line
    breaks kept. With `colours`, ESC is kept too: for output this program styled itself,
    whose text had every control character refused at load."""
    pattern = _pattern("shown but ESC" if colours else "shown")
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: f"<{code_point(m.group())}>", text)


def quote(text: str) -> str:
    """Words quoted in a message: as repr() quotes them, with the characters a reader
    cannot see shown as <U+202E> rather than as an escape only a programmer reads."""
    return repr(visible(text))


def first_control(text: str) -> int | None:
    """The offset of the first character a text may not hold, or None."""
    m = _pattern("control").search(text)
    return m.start() if m else None


def why_refused(ch: str) -> str:
    """What is wrong with a character CONTROL matches, in a reader's words."""
    if "\ud800" <= ch <= "\udfff":
        return f"{code_point(ch)} is half of a UTF-16 surrogate pair, not a character"
    if ch in "\ufffe\uffff":
        return f"{code_point(ch)} is not a character"
    return f"the control character {code_point(ch)} has no place in an agreement's text"


def hidden(text: str) -> Iterator[int]:
    """The offset of each hidden character in a text."""
    for m in _pattern("hidden").finditer(text):
        yield m.start()
