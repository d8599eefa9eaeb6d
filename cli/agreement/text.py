"""Legal-aware text: anchor search that forgives typography, sentences, spacing.

Pure functions over strings; they know nothing of units or amendments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .errors import TextEditError
from .lazyre import deferred

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)
_SPACE = deferred(r"\s+")


def fold_plain(text: str) -> str:
    """The search form of a text, for comparisons: quotes straightened, every run of
    white space one space, no space at the edges."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def _is_word(ch: str) -> bool:
    return ch.isalnum()


_QUOTE_CLASS = {'"': '["\u201c\u201d\u201e\u201f\u2033]', "'": "['\u2018\u2019\u201a\u201b\u2032]"}


@lru_cache(maxsize=1024)
def _anchor_pattern(needle: str) -> re.Pattern[str]:
    """A pattern for folded words that matches them in the original text: any quote for a
    quote, any run of white space for a space, whole words at word edges."""
    parts = []
    for ch in needle:
        if ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(_QUOTE_CLASS.get(ch) or re.escape(ch))
    body = "".join(parts)
    if _is_word(needle[0]):
        body = r"(?<![^\W_])" + body
    if _is_word(needle[-1]):
        body = body + r"(?![^\W_])"
    if needle[-1].isdigit():
        body = body + r"(?![.,]\d)"  # "Section 8" is not in "Section 8.4"
    if needle[0].isdigit():
        body = r"(?<!\d[.,])" + body  # nor "4" in "8.4"
    return re.compile(f"(?=({body}))")


def find_all(text: str, anchor: str) -> list[tuple[int, int]]:
    """Spans in `text` where `anchor` stands, forgiving quotes, line breaks and spaces.

    An anchor that starts or ends with a letter or digit must start or end on a word
    boundary: "Note" does not match inside "Notes".
    """
    needle = fold_plain(anchor)
    if not needle:
        raise TextEditError("the anchor words are empty")
    if " " in needle or "'" in needle or '"' in needle or needle[0].isdigit() or needle[-1].isdigit():
        return [m.span(1) for m in _anchor_pattern(needle).finditer(text)]
    # one word with nothing to forgive: plain search, whole words only
    spans = []
    word_start, word_end = _is_word(needle[0]), _is_word(needle[-1])
    at = text.find(needle)
    while at != -1:
        end = at + len(needle)
        if not (word_start and at and _is_word(text[at - 1])) and not (
            word_end and end < len(text) and _is_word(text[end])
        ):
            spans.append((at, end))
        at = text.find(needle, at + 1)
    return spans


def line_of(text: str, offset: int) -> int:
    """1-based line of `offset` within `text`."""
    return text.count("\n", 0, offset) + 1


_CLASH = set(".,;:")
_CLASH_LEFT = _CLASH | set("?!")
_CLOSERS_NO_PAREN = "\"'\u201d\u2019"
_EDGE_MARKS = "".join(sorted(_CLASH))


def closest_passages(text: str, anchor: str, limit: int = 3) -> list[str]:
    """The passages of `text` most like `anchor`, best first, for a not-found error."""
    from difflib import SequenceMatcher  # only on the error path

    needle = fold_plain(anchor)
    words = fold_plain(text).split(" ")
    width = max(1, len(needle.split(" ")))
    scored: list[tuple[float, int, str]] = []
    low = needle.casefold()
    for i in range(0, max(1, len(words) - width + 1)):
        for w in (width - 1, width, width + 1):
            if w < 1:
                continue
            cand = " ".join(words[i : i + w])
            if needle[-1:] not in _EDGE_MARKS:
                cand = cand.rstrip(_EDGE_MARKS)
            if not cand:
                continue
            ratio = SequenceMatcher(None, low, cand.casefold(), autojunk=False).ratio()
            scored.append((ratio, -i, cand))
    scored.sort(reverse=True)
    seen: list[str] = []
    for ratio, _, cand in scored:
        if ratio < 0.6:
            break
        if not any(cand in s or s in cand for s in seen):
            seen.append(cand)
        if len(seen) == limit:
            break
    return seen


# --- spacing ---------------------------------------------------------------

_CLOSING = set(",;:.!?)]}")
_OPENING = set("([{")


def _opening_quote_at_end(left: str) -> bool:
    """Does `left` end with a quote that opens (preceded by space or nothing)?"""
    return left[-1] in "\"'\u201c\u2018" and (len(left) == 1 or left[-2].isspace() or left[-2] in _OPENING)


def _closing_quote_at_start(right: str) -> bool:
    """Does `right` start with a quote that closes (followed by space, punctuation or nothing)?"""
    return right[0] in "\"'\u201d\u2019" and (len(right) == 1 or right[1].isspace() or right[1] in _CLOSING)


def _needs_space_before(left: str, insert: str) -> bool:
    if not left or left[-1].isspace() or left[-1] in _OPENING:
        return False
    if insert[0] in _CLOSING or _closing_quote_at_start(insert):
        return False
    return not _opening_quote_at_end(left)


def _needs_space_after(insert: str, right: str) -> bool:
    if not right or right[0].isspace() or right[0] in _CLOSING:
        return False
    if insert[-1] in _OPENING or _opening_quote_at_end(insert):
        return False
    if _closing_quote_at_start(right):
        return False
    return True


def clash(left: str, right: str) -> str | None:
    """The two marks if `left` ends and `right` starts with clashing punctuation (";." ",,").

    The period of an abbreviation is no clash: "Inc.," is how lawyers write it.
    """
    stripped = left.rstrip()
    closed = stripped.rstrip(_CLOSERS_NO_PAREN)  # 'Holders."' ends in a period all the same
    a, b = closed[-1:], right.lstrip()[:1]
    if not (a and b and a in _CLASH_LEFT and b in _CLASH_LEFT):
        return None
    if closed != stripped:
        return stripped[len(closed) - 1 :] + b
    if a == "." and b in ",;:" and _is_abbreviation(stripped, len(stripped) - 1):
        return None
    return a + b


def splice(text: str, start: int, end: int, insert: str) -> str:
    """Replace text[start:end] by `insert`, with exactly one space where words meet.

    An empty `insert` is a deletion: the gap closes with no doubled space and no
    space before punctuation. Raises TextEditError where punctuation would clash.
    """
    insert = _SPACE.sub(" ", insert).strip()
    left, right = text[:start], text[end:]
    if not insert:
        return _close_gap(left, right)
    for a, b in ((left, insert), (insert, right)):
        mark = clash(a, b)
        if mark:
            shown = insert if len(insert) <= 70 else f"{insert[:30]} ... {insert[-30:]}"
            raise TextEditError(
                f"the inserted words meet the text's punctuation: the conformed copy would read {mark!r}",
                hint="if you have decided how the words should stand, write them in `as_conformed:` "
                "and say why in `conforming_note:`",
                details=(f"...{_tail(left)}[{shown}]{_head(right)}...",),
            )
    if start < end:
        # words in place of words: the original's spacing on each side stays as it was
        # ("the Company's" -> "the Parent's", "pre-Closing" -> "pre-Effective Time")
        before = " " if left and not left[-1].isspace() and text[start - 1 : start].isspace() else ""
        after = ""
    else:
        before = " " if _needs_space_before(left, insert) else ""
        after = " " if _needs_space_after(insert, right) else ""
    return left + before + insert + after + right


def _close_gap(left: str, right: str) -> str:
    mark = clash(left, right)
    if mark:
        raise TextEditError(
            f"deleting the words brings the text's punctuation together: the conformed copy would read {mark!r}",
            details=(f"...{_tail(left)}[deleted]{_head(right)}...",),
            hint="if you have decided which mark goes, write the words with it in `as_conformed:` "
            "and say why in `conforming_note:`",
        )
    if not left:
        return right.lstrip()
    if not right:
        return left.rstrip()
    if left[-1].isspace() and right[0].isspace():
        # keep one break: a newline on either side wins, so line numbers survive
        ws = "\n" if "\n" in (left[-1] + right[0]) else " "
        return left.rstrip() + ws + right.lstrip()
    stripped_right = right.lstrip()
    if (stripped_right[:1] in _CLOSING or (stripped_right and _closing_quote_at_start(stripped_right))) and (
        left[-1].isspace() or right[0].isspace()
    ):
        return left.rstrip() + stripped_right
    stripped_left = left.rstrip()
    if stripped_left and (stripped_left[-1] in _OPENING or _opening_quote_at_end(stripped_left)):
        return stripped_left + stripped_right
    return left + right


def _tail(s: str, n: int = 30) -> str:
    s = _SPACE.sub(" ", s)
    return s[-n:]


def _head(s: str, n: int = 30) -> str:
    s = _SPACE.sub(" ", s)
    return s[:n]


def core_words(text: str) -> str:
    """The words of `text` without the punctuation and spaces at its two ends."""
    return fold_plain(text).strip(" " + _EDGE_MARKS)


# --- whole tokens ------------------------------------------------------------

_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_GAP = r"(?:[ \t]|\n(?!\n))+"
WHOLE = (
    rf"{_MONTH}{_GAP}\d{{1,2}},{_GAP}\d{{4}}"  # a date: January 30, 2003
    rf"|\d{{1,2}}{_GAP}{_MONTH},?{_GAP}\d{{4}}"  # 30 January 2003
    r"|[\"\u201c]\w[^\"\u201c\u201d\n]{0,60}?[\"\u201d]"  # a term in quotes: "Required Holders"
    r"|\((?:[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\)"  # a clause's label: (a), (iv), (B), (12)
    r"|[$\u20ac\u00a3]?\w*\d(?:\w|[.,:/-](?=\d))*(?:\([A-Za-z0-9]{1,6}\))*%?"  # 8.4(a)(ii), $1,000,000, 11.5%, 5:00
)
"""What a lawyer reads as one token although it holds marks or spaces: a date, a term in
quotes, a clause's label, and a number with its marks (a section number with the clauses
it cites, an amount, a percentage, a time, "2.01A"). A redline changes these whole
("Section [-8.3-]{+8.4+}", never "Section 8.[-3-]{+4+}"), and blame credits them whole."""

_CORE = deferred(rf"{WHOLE}|\w+|[^\w\s]")
_QUOTE = deferred(r"[\"\u201c]")


def _spaced_token_near(text: str, k: int) -> bool:
    """May white space at `k` lie inside a date or a term in quotes, the only whole tokens
    that hold it? A quick test that spares most spaces a scan: a date's spaces stand
    between a month and its day ("January 30"), after the day's comma (", 2003") or before
    the month ("30 January"); a term's after an opening quote not far before."""
    i = k - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = k
    while j < len(text) and text[j].isspace():
        j += 1
    left = text[i] if i >= 0 else ""
    right = text[j] if j < len(text) else ""
    if right.isdigit() and (left == "," or left.isalpha()) or left.isdigit() and right in _MONTH_INITIALS:
        return True
    return _QUOTE.search(text, max(0, k - _REACH), k) is not None


_MONTH_INITIALS = frozenset("JFMASOND")
_REACH = 80  # longer than any token of WHOLE, so a scan begun this far back has found its start


def token_at(text: str, k: int) -> tuple[int, int] | None:
    """The token (a word, a mark, or one of WHOLE) that `k` falls strictly inside, if any.

    The text is scanned from a space at least _REACH characters back, so the answer does
    not depend on a scan of the whole paragraph."""
    if k <= 0 or k >= len(text):
        return None
    if (text[k - 1].isspace() or text[k].isspace()) and not _spaced_token_near(text, k):
        return None
    lo = max(0, k - _REACH)
    if lo:
        space = text.rfind(" ", 0, lo)
        lo = space + 1 if space >= 0 else 0
    for m in _CORE.finditer(text, lo, min(len(text), k + _REACH)):
        if m.start() >= k:
            return None
        if m.end() > k:
            return m.start(), m.end()
    return None


def inside_token(text: str, k: int) -> bool:
    """Whether `k` falls strictly inside a token (token_at finds one). Between an ASCII
    letter and an ASCII letter or digit it always does, and no scan is needed: a word or
    a number runs on over both, and so does a date's month, a term in quotes or a
    clause's label; a token ends between two such characters only after a digit (a
    date's year), or after a mark."""
    if 0 < k < len(text):
        before, after = text[k - 1], text[k]
        if before.isascii() and before.isalpha() and after.isascii() and after.isalnum():
            return True
    return token_at(text, k) is not None


# --- sentences ---------------------------------------------------------------

ABBREVIATIONS = frozenset(
    """
    inc corp co ltd llc l.l.c lp l.p llp n.a plc s.a no nos sec secs art arts para paras
    cl mr mrs ms dr st jr sr u.s u.s.a u.k e.g i.e etc viz cf vs v a.m p.m approx dept
    jan feb mar apr jun jul aug sep sept oct nov dec ex exh assoc bros est fig pp vol seq al
    """.split()
)

_END = deferred(r"[.!?]")
_LETTERED = frozenset(
    {
        "exhibit",
        "exhibits",
        "schedule",
        "schedules",
        "annex",
        "appendix",
        "article",
        "part",
        "class",
        "series",
        "tranche",
    }
)
_CLOSERS = "\"')]\u201d\u2019"


def sentence_spans(text: str, *, split_unsure: bool = False) -> list[tuple[int, int]]:
    """Sentences of one paragraph as (start, end) with `end` after the closing marks.

    A period ends a sentence only when white space and a capital, an opening quote or
    parenthesis, or the end of the text follow, and the word before it is not an
    abbreviation ("Inc.", "No. 1", "U.S.") or a lone initial; "13.4" and "$0.001"
    have no white space after the period. An abbreviation that may also close a
    sentence ("p.m.", "Inc.") closes one where the next word opens one ("5:00 p.m. The
    Company"), never before one that carries it on ("p.m. (New York City time)",
    "Co. Ltd."); where a careful reader would hesitate it is taken not to close one,
    or, with `split_unsure`, to close one (the other reading, to show both).
    """
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for m in _END.finditer(text):
        i = m.start()
        j = i + 1
        while j < len(text) and text[j] in _CLOSERS:
            j += 1
        if j < len(text) and not text[j].isspace():
            continue
        nxt = _skip_space(text, j)
        if nxt < len(text) and not (text[nxt].isupper() or text[nxt] in "\"'(\u201c\u2018[" or text[nxt].isdigit()):
            continue
        if text[i] == "." and _is_abbreviation(text, i) and nxt < len(text):
            stop = abbreviation_stop(text, i, nxt)
            if not (stop or (stop is None and split_unsure)):
                continue
        if j > start:
            spans.append((start, j))
        start = nxt
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_abbreviation(text: str, dot: int) -> bool:
    k = dot
    while k > 0 and not text[k - 1].isspace() and text[k - 1] not in "(\"'\u201c":
        k -= 1
    word = text[k:dot].casefold()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        before = text[:k].rstrip().rsplit(None, 1)[-1:] or [""]
        # "Exhibit A." and "Schedule B." end sentences; "John A. Brennan" does not
        return before[0].casefold().strip("(\"'") not in _LETTERED

    return word in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


AMBIGUOUS = frozenset("inc corp co ltd llc l.l.c lp l.p llp plc n.a s.a etc a.m p.m seq al".split())
"""Abbreviations that may also end a sentence ("... paid to iBasis Global, Inc. The
Borrower shall ..."): the next word decides (`abbreviation_stop`)."""

OPENERS = frozenset(
    """
    The This That These Those Each Every Any All No None Neither Either Both Such Said If In On Upon
    Unless Until Except Notwithstanding Nothing For At After Before Prior Following Subject Within
    Without When Whenever Where Wherever While Whether It Its There Thereafter Thereupon Accordingly
    However Further Furthermore Moreover Also Provided To With By From Once Immediately As Other
    A An Any Neither Nor Our We You Your He She They
    """.split()
)
"""Capitalised words that open a sentence, never carry on a name or a time: after one of
them, "5:00 p.m." and "Acme, Inc." end the sentence."""

_TIME_ZONES = frozenset(
    """
    New York Eastern Central Mountain Pacific Atlantic London Greenwich Coordinated Universal
    Chicago Los Tokyo Hong Frankfurt Paris Local EST EDT CST CDT MST MDT PST PDT GMT UTC BST CET CEST
    """.split()
)
_ENTITY_SUFFIXES = frozenset(
    "inc incorporated corp corporation co company ltd limited llc lp llp plc gmbh ag sa nv bv".split()
)


def abbreviation_stop(text: str, dot: int, nxt: int) -> bool | None:
    """Whether the period at `dot`, closing an abbreviation, also closes the sentence, by
    the word at `nxt` that follows it: True, False, or None where a careful reader would
    hesitate ("paid to Harbor Trust Co. Holders of Notes ..."). Only abbreviations that
    may end a sentence (AMBIGUOUS) can; the others ("No.", "U.S.", "e.g.") never do
    before another word."""
    if nxt >= len(text):
        return True
    word = _abbreviation_word(text, dot)
    if word not in AMBIGUOUS:
        return False
    ch = text[nxt]
    if not ch.isupper():
        return False if (ch.islower() or ch.isdigit() or ch in "(,;:)") else None
    follower = re.match(r"[A-Za-z][A-Za-z\-]*\.?", text[nxt:])
    after = follower.group(0) if follower else ""
    if after.endswith(".") and after[:-1].casefold() in ABBREVIATIONS:
        return False  # another abbreviation carries the name on: "Co. Ltd.", "Co. No. 2 Account"
    if after in OPENERS:
        return True
    if word in ("a.m", "p.m") and after in _TIME_ZONES:
        return False  # "10:00 a.m. New York City time"
    if after.casefold().replace(".", "") in _ENTITY_SUFFIXES:
        return False  # "Acme Co. Ltd."
    return None


def _abbreviation_word(text: str, dot: int) -> str:
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:dot].strip("(\"'\u201c").casefold()


def ambiguous_stops(text: str, end: int) -> list[str]:
    """Abbreviations before `end` whose period might also close a sentence, the next word
    leaving it open (`abbreviation_stop`)."""
    found = []
    for m in re.finditer(r"\.(?=\s+[\"'(\u201c]?[A-Z])", text[:end]):
        k = m.start()
        if abbreviation_stop(text, k, _skip_space(text, k + 1)) is None:
            j = k
            while j > 0 and not text[j - 1].isspace():
                j -= 1
            found.append(text[j : k + 1])
    return found


def sentence_words(text: str, span: tuple[int, int]) -> str:
    """The sentence's words without its closing marks, folded: what "the sentence ending
    with the words ..." compares."""
    return fold_plain(text[span[0] : span[1]]).rstrip(_CLOSERS).rstrip(".!?")


def sentence_terminal(text: str, span: tuple[int, int]) -> int:
    """Offset of the closing punctuation of the sentence at `span`.

    Raises TextEditError when the sentence has none, or closes inside a quotation
    or parenthesis, where "before the closing punctuation" is ambiguous.
    """
    s, e = span
    body = text[s:e]
    if body and body[-1] == "." and _is_abbreviation(text, e - 1):
        word = body.rsplit(None, 1)[-1]
        raise TextEditError(
            f"the sentence ends with the abbreviation {word!r}, whose period also closes the sentence; "
            "words put 'before its closing punctuation' would split the abbreviation",
            details=(f"...{_tail(body, 40)}",),
            hint=f"insert after the words {word!r} with `insert_words`, and give the closing period "
            "in `as_conformed` with a `conforming_note`",
        )
    if not body or body[-1] not in ".!?":
        if body and body[-1] in _CLOSERS:
            raise TextEditError(
                "the sentence closes inside a quotation or parenthesis, so 'the end of the sentence' is ambiguous",
                details=(f"...{_tail(body, 40)}",),
                hint="insert after an anchor instead, with `insert_words` and `after:`",
            )
        raise TextEditError("the sentence has no closing punctuation", details=(f"...{_tail(body, 40)}",))
    return e - 1


DEFINITION_INTRO = r"(?:as\s+used\s+(?:herein|in\s+this\s+[A-Za-z]+(?:\s+[A-Za-z]+)?)\s*,\s*)?(?:the\s+term\s+)?"
"""What may stand before a definition's quoted term: 'As used herein, the term "X" shall mean'."""
_LEADING_TERM = deferred(
    r"^\s*"
    + DEFINITION_INTRO
    + r"(?:[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]|\u2018([^\u2018\n]+?)\u2019(?![A-Za-z]))",
    re.IGNORECASE,
)
"""A definition's quoted term, in double quotes or in single curly ones ('\u2018Business Day\u2019
means ...', as English drafting prints it; an apostrophe inside, "\u2018Lender\u2019s Office\u2019", is
no closing quote)."""


def quoted_term(text: str) -> str | None:
    """The term a definition paragraph defines: '"Notes" means ...' -> 'Notes'."""
    m = _LEADING_TERM.match(text)
    return (m.group(1) or m.group(2)).strip() if m else None


def quoted_term_end(text: str) -> int:
    """Where the leading quoted term of a definition ends (0 if there is none)."""
    m = _LEADING_TERM.match(text)
    return m.end() if m else 0


def changed_region(before: str, after: str, covering: tuple[int, int] | None = None) -> tuple[int, int, str]:
    """Where one edit changed a text: (start, end in `before`, the words now there).

    The longest common beginning and ending are left out, so an edit is the smallest
    stretch that differs; `before[:start] + words + before[end:] == after`. With
    `covering` (a stretch of `before` the edit is known to have replaced), the stretch
    returned covers it: the common beginning is cut at its start before the ending is
    measured, so that new words which begin like the old ones ("bravo0001 bravo0015"
    less "bravo0001 ") do not shift the edit into the words after it.
    """
    start = common_start(before, after)
    if covering is not None:
        start = min(start, covering[0])
    tail = common_end(before, after, min(len(before), len(after)) - start)
    if covering is not None:
        tail = min(tail, len(before) - covering[1])
    return start, len(before) - tail, after[start : len(after) - tail]


def changed_words(before: str, after: str) -> tuple[int, int, str]:
    """changed_region on whole words: where an edit's smallest stretch begins or ends
    inside a word, an insertion is moved along the words it repeats ("alpha1 alpha2" to
    "alpha1 alpha3 alpha2" inserts "alpha3 ", not "3 alpha" after "alpha1 alpha"), and
    any other edit is widened to the whole words, so that no word is credited half to
    one change and half to another."""
    start, end, words = changed_region(before, after)

    inside = inside_token
    if start == end and words:  # an insertion: its own place first, then back along the repeated words
        k, w = start, words
        while True:
            if not inside(after, k) and not inside(after, k + len(w)):
                return k, k, w
            if k == 0 or before[k - 1] != w[-1]:
                break
            k, w = k - 1, before[k - 1] + w[:-1]
    tail = len(before) - end
    while start > 0 and (inside(before, start) or inside(after, start)):
        start -= 1
    while tail > 0 and (inside(before, len(before) - tail) or inside(after, len(after) - tail)):
        tail -= 1
    return start, len(before) - tail, after[start : len(after) - tail]


def common_start(a: str, b: str) -> int:
    """The length of the longest common beginning of two texts."""
    return _common(lambda n: a[:n] == b[:n], min(len(a), len(b)))


def common_end(a: str, b: str, limit: int) -> int:
    """The length of the longest common ending of two texts, at most `limit` (so that it
    does not overlap a common beginning already set aside)."""
    return _common(lambda n: a[len(a) - n :] == b[len(b) - n :], limit)


def _common(same, limit: int) -> int:
    """The largest n <= limit with same(n), for a property that holds up to a point:
    found by halving, each test a comparison of strings done in C."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def label_before(label: str) -> str | None:
    """The label before this one in its list: "d" -> "c", "iv" -> "iii", "3" -> "2"."""
    romans = "i ii iii iv v vi vii viii ix x xi xii".split()
    if label.lower() in romans[1:]:
        prev = romans[romans.index(label.lower()) - 1]
        return prev.upper() if label.isupper() else prev
    if label.isdigit():
        return str(int(label) - 1) if int(label) > 1 else None
    if len(label) == 1 and label.lower() != "a":
        return chr(ord(label) - 1)
    return None


_NUMBER = r"\d+[A-Z]?(?:[.\-]\d+[A-Z]?)*(?:\([a-zA-Z0-9]+\))*"


def _word(word: str) -> str:
    """The word where a word begins: as \\b{word}, but written so that the pattern opens
    with the word itself, which the regular-expression engine looks for as a string; a
    pattern opening with \\b is tried at every character (ten times slower here)."""
    return rf"{word}(?<=\b{word})"


_SECTIONS = deferred(
    rf"{_word('Section')}s?\s+({_NUMBER}(?:(?:,\s*|\s+(?:and|or|through)\s+)(?:Section\s+)?{_NUMBER})*)"
)
_NUMBERS = deferred(_NUMBER)
_CLAUSE = deferred(rf"{_word('clause')}\s+\(([a-z0-9]+)\)\s+of\s+Section\s+({_NUMBER})")
_EXHIBIT = deferred(rf"{_word('Exhibit')}\s+([A-Z])\b")
# "Section 2 of the Fiscal Agency Agreement", "Section 17-101 of the Act", "Rule 144 under the
# Securities Act", "Exhibit B to the Credit Agreement": another instrument's provisions
_EXTERNAL = deferred(r"\s+(?:of|under)\s+(?:the\s+)?(?!this\b)[A-Z]")
_EXTERNAL_EXHIBIT = deferred(r"\s+(?:of|to|under)\s+(?:the\s+)?(?!this\b)[A-Z]")


def citations(para: str) -> Iterator[tuple[str, bool]]:
    """Each provision the paragraph cites ("Section 8.4", "Sections 8.3 or 8.4", "clause (a)
    of Section 13.4", "Exhibit B"), with whether it names it as another instrument's
    ("Section 409A of the Code"; an amendment's "Section 3.2 of the Agreement" too, which
    the caller that reads amendments takes as its own agreement's)."""
    for m in _SECTIONS.finditer(para):
        external = bool(_EXTERNAL.match(para, m.end()))
        for number in _NUMBERS.findall(m.group(1)):
            yield number, external
    for m in _CLAUSE.finditer(para):
        yield f"{m.group(2)}({m.group(1)})", bool(_EXTERNAL.match(para, m.end()))
    for m in _EXHIBIT.finditer(para):
        yield f"exhibit:{m.group(1)}", bool(_EXTERNAL_EXHIBIT.match(para, m.end()))
