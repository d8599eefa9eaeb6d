"""EDGAR plain text -> paragraphs with their source lines -> the shared recogniser.

What it recognises as page furniture, removes, and lists in the report:

- `<PAGE>` / `<Page>` markers (alone on a line or at the end of one) and form feeds;
- EDGAR's SGML wrapper lines (`<DOCUMENT>`, `<TYPE>EX-10.1`, `<TEXT>`, ...);
- page numbers alone on a line: "-4-", "- 4 -", "Page 4", "Page 4 of 30", and a bare
  "4" or "iv" when it is centred or stands next to a page break;
- running headers and footers: a line (digits aside) standing next to at least three
  page breaks and next to at least half of them; in a document of three or four pages,
  a title-like line that is the first after two page breaks and stands nowhere else
  after the first page;
- the exhibit legend at the top ("EXHIBIT 10.1") and its repeats;
- "[Remainder of page intentionally left blank]", "[Signature page follows]";
- rule lines (only "-", "_", "=" or "*");
- a table of contents, from a "TABLE OF CONTENTS" (or "CONTENTS", "INDEX") line to
  where the body starts again: the title or the preamble, the first heading of the
  table met a second time, or a line of prose; with no such line, its entries with dot
  leaders to a page number (three or more); with neither, three or more numbered
  headings in a row whose numbers all begin a line again further on, in the same order
  (`_contents_by_repeat`).

Paragraphs are the blocks between blank lines; within a block, a line that begins a
unit ("Section 2.", "(b)") with an indent unlike the line before, or after a line that
ends a sentence, starts a new one. A paragraph cut by a page break carries straight
on when the part after the break begins in lower case, or the part before it ends
mid-sentence and the part after does not begin a unit (or begins only with a reference,
"Section 2.01.", after a line that runs on). A double-spaced filing (a blank line after
every line) is read the same way, as if every blank line were a page break. A rule line
inside a block (under "By:") does not split it. Every paragraph keeps its lines and
their numbers, so a unit keeps its original line breaks.

After IN WITNESS WHEREOF, signature blocks set side by side in two columns are read
column by column (see `_signature_columns`).

A word hyphenated at a hard line break is put together on the line it begins on: without
its hyphen (listed as removed) when the document writes it whole elsewhere and never
hyphenated, with its hyphen otherwise (see `_hyphens_at_line_ends`).

Not yet: page furniture inside a line of text other than `<PAGE>`, running headers
that are not next to a page break.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text import label_before
from .report import Removed
from .structure import Line, Paragraph, begins_unit, heading_like, reads_as_reference

_PAGE_MARK = re.compile(r"<\s*/?\s*page\s*>", re.IGNORECASE)
_SGML = re.compile(
    r"^</?(?:DOCUMENT|TYPE|SEQUENCE|FILENAME|DESCRIPTION|TEXT|SEC-DOCUMENT|SEC-HEADER|IMS-HEADER)\b[^>]*>.*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*(?:\d{1,4}|[ivxlc]{1,7})\s*-|page\s+(?:\d{1,4}|[ivxlc]{1,7})(?:\s+of\s+\d{1,4})?|\d{1,4}\s+of\s+\d{1,4})$",
    re.IGNORECASE,
)
_PAGE_FOOTER = re.compile(r"^\S.{0,100}?\s{3,}page\s+(?:\d{1,4}|[ivxlc]{1,7})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
"""A footer that names the document and its page, the page number set apart at the right
("Birch Labs / Tarnwell - Amendment No. 1          Page 1"): furniture on the first page
it appears, where a running footer is only known by its repeats."""
_VERSION_LEGEND = re.compile(
    r"^(?:execution\s+(?:version|copy|counterpart)|conformed\s+copy|final\s+(?:version|form)|confidential)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,7}|[A-Z]-\d{1,3})$")
_LEGEND = re.compile(r"^exhibit\s+\d{1,3}(?:\.\d{1,3})*[a-z]?$", re.IGNORECASE)
_BLANK_NOTE = re.compile(
    r"^\[[^\]]*(?:intentionally\s+(?:left\s+)?blank|signature\s+page|page\s+follows|signature\s+pages?\s+follow)[^\]]*\]$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^[-_=*\s]{3,}$")


def _note_over_lines(lines: list[str], i: int) -> list[int] | None:
    """A bracketed page note that wraps over two or three lines, with no blank line inside:
    the lines it stands on, or None."""
    if not lines[i].strip().startswith("[") or "]" in lines[i]:
        return None
    taken, words = [i], [lines[i].strip()]
    for k in range(i + 1, min(i + 3, len(lines))):
        s = lines[k].strip()
        if not s or "[" in s:
            return None
        taken.append(k)
        words.append(s)
        if "]" in s:
            return taken if s.endswith("]") and _BLANK_NOTE.match(" ".join(words)) else None
    return None


_TOC_HEAD = re.compile(r"^(?:table\s+of\s+contents|contents|index)$", re.IGNORECASE)
_TOC_PAGE = re.compile(r"(?:\.{2,}|\s{2,}|\s)\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
_TOC_HEADING_KEY = re.compile(
    r"^(?:(?:article|section|sec\.|paragraph|para\.|§)\s*[0-9ivxlcdm]+[a-z]?(?:\.\d+)*|\d+(?:\.\d+)+[a-z]?)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.:;?!][\"'\u201d\u2019)\]]*$")
_RUNS_ON = re.compile(
    r"(?:,|\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|than|that|the|this|to|under|upon|with|which|such))$",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"(?:[.:;?!]|[;,]\s+(?:and|or|and/or))[\"'\u201d\u2019)\]]*$")
_NEAR = 2  # non-blank lines either side of a page break that count as next to it


def _norm(s: str) -> str:
    return re.sub(r"\d+", "#", " ".join(s.split())).casefold()


def paragraphs(text: str) -> tuple[list[Paragraph], list[Removed]]:
    """The document's paragraphs (furniture removed) and the furniture, by line."""
    raw = text.split("\n")
    removed: list[Removed] = []
    lines: list[str] = []
    breaks: set[int] = set()  # 0-based indices of lines at which a page break stands
    for i, line in enumerate(raw):
        if "\f" in line:
            removed.append(Removed(i + 1, "form feed", "\f" * line.count("\f")))
            line = line.replace("\f", "")
            breaks.add(i)
        if _PAGE_MARK.search(line):
            for m in _PAGE_MARK.finditer(line):
                removed.append(Removed(i + 1, "page marker", m.group(0)))
            line = _PAGE_MARK.sub("", line)
            breaks.add(i)
        stripped = line.strip()
        if stripped and _SGML.match(stripped):
            removed.append(Removed(i + 1, "filing header", stripped))
            line = ""
        elif stripped and _PAGE_FOOTER.match(stripped):
            removed.append(Removed(i + 1, "page footer", stripped))
            line = ""
            breaks.add(i)
        elif stripped and _PAGE_NUMBER.match(stripped):
            removed.append(Removed(i + 1, "page number", stripped))
            line = ""
            breaks.add(i)
        lines.append(line.rstrip())
    _bare_page_numbers(lines, breaks, removed)
    _running_lines(lines, breaks, removed)
    _footer_titles(lines, breaks, removed)
    _lone_headers(lines, breaks, removed)
    rules = _legends_and_notes(lines, removed)
    _table_of_contents(lines, removed)
    _hyphens_at_line_ends(lines, removed)
    removed.sort(key=lambda r: r.line)
    return _blocks(lines, breaks, rules), removed


PAGE_BREAK = "\f"
"""A line that stands for a page break the markup made (HTML's <hr>, Markdown's rule)."""


def paragraphs_of_lines(lines: list[tuple[int, str]]) -> tuple[list[Paragraph], list[Removed]]:
    """Lines another reader laid out (source line, text; indentation as leading spaces; a
    blank line between blocks; PAGE_BREAK alone for a page break), read by the plain-text
    rules: its furniture removed and its paragraphs, each numbered by the source's lines.
    The page breaks that markup made are not text of the document and are not listed."""
    where = [line for line, _ in lines]
    paras, furniture = paragraphs("\n".join(s for _, s in lines))

    def src(n: int) -> int:
        return where[n - 1] if 0 < n <= len(where) else n

    paras = [Paragraph(tuple(Line(src(ln.number), ln.text, ln.indent) for ln in p.lines), p.after_break) for p in paras]
    return paras, [Removed(src(r.line), r.kind, r.text) for r in furniture if r.text != PAGE_BREAK]


_SIGNING = re.compile(r"\bBy\s*:|/s/", re.I)


def signature_blocks(grid: list[list[str]]) -> list[list[tuple[int, int]]] | None:
    """A table (rows of cells' text) that sets signature blocks side by side: a "By:" or
    "/s/" in two of its columns or more. Its blocks, column by column, each the (row,
    column) of a column's cells down to an empty one: the left party's block whole, then
    the next one's. None for any other table, which is read row by row."""
    width = max((len(r) for r in grid), default=0)
    columns = [[(r, k) for r in range(len(grid)) if k < len(grid[r])] for k in range(width)]
    if sum(any(_SIGNING.search(grid[r][k]) for r, k in c) for c in columns) < 2:
        return None
    blocks: list[list[tuple[int, int]]] = []
    for column in columns:
        block: list[tuple[int, int]] = []
        for r, k in column:
            if grid[r][k].strip():
                block.append((r, k))
            elif block:
                blocks.append(block)
                block = []
        if block:
            blocks.append(block)
    return blocks


def _nonblank_near(lines: list[str], at: int, step: int, count: int = _NEAR) -> list[int]:
    out, i = [], at + step
    while 0 <= i < len(lines) and len(out) < count:
        if lines[i].strip():
            out.append(i)
        i += step
    return out


def _bare_page_numbers(lines: list[str], breaks: set[int], removed: list[Removed]) -> None:
    near = {j for b in breaks for j in (*_nonblank_near(lines, b, -1, 1), *_nonblank_near(lines, b, 1, 1))}
    last = _nonblank_near(lines, len(lines), -1, 1)
    near.update(last)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or not _BARE_NUMBER.match(s):
            continue
        centred = _indent(line) >= 20
        if centred or i in near:
            removed.append(Removed(i + 1, "page number", s))
            lines[i] = ""
            breaks.add(i)


def _running_lines(lines: list[str], breaks: set[int], removed: list[Removed]) -> None:
    """Lines that stand next to most page breaks, digits aside: running headers and footers."""
    breaks = {*breaks, len(lines)}  # the end of the document ends its last page
    if len(breaks) < 3:
        return
    # one page break may be several adjacent lines (a number, then a marker): merge them
    groups: list[int] = []
    for b in sorted(breaks):
        if groups and all(not lines[k].strip() for k in range(groups[-1] + 1, b)):
            groups[-1] = b
            continue
        groups.append(b)
    if len(groups) < 3:
        return
    seen: Counter[str] = Counter()  # how many page breaks each text stands next to
    where: dict[str, set[int]] = {}
    for b in groups:
        start = b
        while start > 0 and start - 1 in breaks:
            start -= 1
        near = {*_nonblank_near(lines, start, -1), *_nonblank_near(lines, b, 1)}
        keys = set()
        for i in near:
            if begins_unit(lines[i].strip()) and len(lines[i].split()) >= 4:
                continue  # "Section 2.1. Term. ..." beside "Section 1.1. Term. ...": units, not a header
            k = _norm(lines[i])
            where.setdefault(k, set()).add(i)
            keys.add(k)
        seen.update(keys)
    first_after = {j for b in groups for j in _nonblank_near(lines, b, 1, 1)}
    for key, n in seen.items():
        # repeated text, on three lines or more: one line next to several short pages is not
        running = n >= 3 and len(where[key]) >= 3 and n * 2 >= len(groups) and len(key) <= 100
        if not running and n == 2 and len(where[key]) == 2 and n * 2 >= len(groups):
            running = _short_document_header(lines, key, where[key], first_after)
        if running:
            for i in sorted(where[key]):
                if lines[i].strip():
                    removed.append(Removed(i + 1, "running header or footer", lines[i].strip()))
                    lines[i] = ""


def _footer_titles(lines: list[str], breaks: set[int], removed: list[Removed]) -> None:
    """The title a page footer names ("Willowmere Guaranty" of "Willowmere Guaranty    Page
    1 of 3"), standing alone next to a page break: the running header of the next page,
    even on a document too short for `_running_lines` to know it by its repeats."""
    titles = {
        _norm(re.sub(r"\s{3,}page\s+\S+(?:\s+of\s+\d+)?$", "", r.text, flags=re.IGNORECASE))
        for r in removed
        if r.kind == "page footer"
    }
    if not titles:
        return
    near = {j for b in breaks for j in (*_nonblank_near(lines, b, -1), *_nonblank_near(lines, b, 1))}
    for i in sorted(near):
        if lines[i].strip() and _norm(lines[i]) in titles:
            removed.append(Removed(i + 1, "running header or footer", lines[i].strip()))
            lines[i] = ""


_GAP = re.compile(r"\S {3,}\S")  # a header's parts set apart: "Magpie Services Agreement     CONFIDENTIAL"


def _lone_headers(lines: list[str], breaks: set[int], removed: list[Removed]) -> None:
    """A line alone next to a page break that stands between the two halves of a sentence
    the break cut ("... using staff of" / break / "Magpie Services Agreement   CONFIDENTIAL"
    / "suitable skill ..."): a running header or footer, even one seen only once; left in,
    it would run into the sentence."""
    for b in sorted(breaks):
        for x in (*_nonblank_near(lines, b, -1, 1), *_nonblank_near(lines, b, 1, 1)):
            lone = all(k < 0 or k >= len(lines) or not lines[k].strip() or k in breaks for k in (x - 1, x + 1))
            text = lines[x].strip()
            if not lone or not text or text[:1].islower() or begins_unit(text):
                continue
            if not (_GAP.search(text) or heading_like(" ".join(text.split()))) or _RUNS_ON.search(text):
                continue  # a line of a double-spaced sentence, not a header
            before, after = _nonblank_near(lines, x, -1, 1), _nonblank_near(lines, x, 1, 1)
            if not before or not after:
                continue
            cut, rest = lines[before[0]].strip(), lines[after[0]].strip()
            if rest[:1].islower() and not _SENTENCE_END.search(cut) and not _shouted(cut):
                removed.append(Removed(x + 1, "running header or footer", text))
                lines[x] = ""


def _short_document_header(lines: list[str], key: str, at: set[int], first_after: set[int]) -> bool:
    """A running header of a document of three or four pages (an amendment), seen on two
    of them: the very first line after each of two page breaks, the same words (digits
    aside), a title rather than a sentence ("Amendment No. 1 to Credit Agreement"), and
    standing nowhere else after the first page (where it may be the title itself). Left in, it would run into the paragraph the
    page break cuts, inside an instruction's quotation."""
    text = " ".join(lines[min(at)].split())
    return (
        at <= first_after
        and 2 <= len(text.split()) <= 12
        and not re.search(r"[.;:,]$", text)
        and not begins_unit(text)
        and sum(_norm(line) == key for line in lines[min(first_after) :] if line.strip()) == 2
    )


def _legends_and_notes(lines: list[str], removed: list[Removed]) -> set[int]:
    """Legends, page notes and rule lines; returns where the rule lines stood (a rule under
    "By:" is part of a signature block and does not end it)."""
    rules: set[int] = set()
    legends: set[str] = set()
    seen = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if _VERSION_LEGEND.match(s) and seen <= 15:
            removed.append(Removed(i + 1, "version legend", s))
            lines[i] = ""
        elif _LEGEND.match(s) and (seen <= 15 or _norm(s) in legends):
            legends.add(_norm(s))
            removed.append(Removed(i + 1, "exhibit legend", s))
            lines[i] = ""
        elif _BLANK_NOTE.match(s):
            removed.append(Removed(i + 1, "page note", s))
            lines[i] = ""
        elif (note := _note_over_lines(lines, i)) is not None:
            for k in note:  # "[Remainder of page intentionally left blank; signature page" / "follows]"
                removed.append(Removed(k + 1, "page note", lines[k].strip()))
                lines[k] = ""
        elif _RULE.match(s):
            removed.append(Removed(i + 1, "rule line", s))
            lines[i] = ""
            rules.add(i)
    return rules


_LEADERS = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,3}|[ivxlc]{1,6})$", re.IGNORECASE)


_LIST_OF = re.compile(r"^(?:schedules?|exhibits?|annex(?:es)?|appendi(?:x|ces))\b", re.IGNORECASE)


_ENTRY = re.compile(
    r"^(?:(?:article|section|sec\.|paragraph|para\.)\s+)?(?:\d{1,3}(?:\.\d{1,3})*[a-z]?|[ivxlc]{1,6})\.?\s+[^.;:]{2,120}?\s\d{1,3}$",
    re.IGNORECASE,
)


def _entry(line: str) -> bool:
    """A contents entry: dot leaders to a page number, or a numbered heading ending in one."""
    s = line.strip()
    return len(s.split()) <= 20 and bool(_LEADERS.search(s) or _ENTRY.match(s))


def _contents_by_leaders(lines: list[str], removed: list[Removed]) -> None:
    """A contents page with no heading (or one removed as a running header): three or more
    entries in a row, from the headings just before the first to the list of schedules
    and exhibits just after the last."""
    entries: list[int] = []
    run: list[int] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if _entry(s):
            run.append(i)
        elif s and (len(s.split()) > 8 or _SENTENCE_END.search(s)) and run:
            if len(run) >= 3:
                entries = run
                break
            run = []
    else:
        if len(run) >= 3:
            entries = run
    if len(entries) < 3:
        return
    later = {_norm(line) for line in lines[entries[-1] + 1 :] if line.strip()}
    first, last = entries[0], entries[-1]
    i = first - 1
    while i >= 0 and first - i <= 15:
        s = lines[i].strip()
        if s and not (
            _TOC_HEADING_KEY.match(s) or s.split()[-1].casefold() == "page" or (_shouted(s) and _norm(s) in later)
        ):
            break
        if s:
            first = i
        i -= 1
    i = last + 1
    while i < len(lines) and i - last <= 15:
        s = lines[i].strip()
        if s and not (_LIST_OF.match(s) and len(s.split()) <= 12):
            break
        if s:
            last = i
        i += 1
    for i in range(first, last + 1):
        s = lines[i].strip()
        if s and len(s.split()) <= 20:
            removed.append(Removed(i + 1, "table of contents", s))
            lines[i] = ""


def _table_of_contents(lines: list[str], removed: list[Removed]) -> None:
    """From a TABLE OF CONTENTS line to where the body begins again; without such a line,
    the entries with dot leaders to a page number ("Defined Terms ........ 1")."""
    start = next((i for i, line in enumerate(lines) if _TOC_HEAD.match(line.strip())), None)
    if start is None:
        before = len(removed)
        _contents_by_leaders(lines, removed)
        if len(removed) == before:
            _contents_by_repeat(lines, removed)
        return
    before = [line.strip() for line in lines[:start] if line.strip()]
    title_key = _norm(before[-1]) if before else None
    cover = {_norm(b) for b in before if len(b.split()) >= 2 and _shouted(b)}  # the title, met again
    keys: set[str] = set()
    end = start + 1
    for i in range(start + 1, len(lines)):
        s = lines[i].strip()
        if not s:
            end = i + 1
            continue
        m = _TOC_HEADING_KEY.match(s)
        key = " ".join(m.group(0).split()).casefold().rstrip(".") if m else None
        if key and key in keys:
            break  # the first heading of the body
        if (title_key and _norm(s).startswith(title_key)) or (not key and _norm(s) in cover):
            break  # the title again, or the preamble that opens with it
        if re.match(r"^this\b", s, re.IGNORECASE) or _PROSE.search(s):
            break
        if not key and not _TOC_PAGE.search(s) and (len(s.split()) >= 12 or _runs_into_next(lines, i)):
            break  # prose: a contents entry that begins "Section 9.10" may wrap at any length
        if key:
            keys.add(key)
        end = i + 1
    for i in range(start, end):
        if lines[i].strip():
            removed.append(Removed(i + 1, "table of contents", lines[i].strip()))
            lines[i] = ""


_ENTRY_KEY = re.compile(
    r"^(?:(?P<word>article|section|sec\.|paragraph|para\.|§)\s*(?P<n>[0-9]{1,3}(?:\.\d{1,3})*[a-z]?|[ivxlcdm]{1,7}"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)"
    r"|(?P<d>\d{1,3}(?:\.\d{1,3})+[a-z]?|\d{1,3}\.(?=\s+[A-Z])))(?![\w])",
    re.IGNORECASE,
)


def _entry_key(s: str) -> str | None:
    """The number a contents entry or a heading begins with, the same in both: "article
    iv", "section 2.1", "2.1", "3."; None for a line that begins with none."""
    m = _ENTRY_KEY.match(s)
    if m is None:
        return None
    if m.group("d"):
        return m.group("d").rstrip(".")
    word = m.group("word").casefold().rstrip(".")
    return ("article " if word == "article" else "") + m.group("n").casefold().rstrip(".")  # "Section 2.1" is "2.1"


def _contents_by_repeat(lines: list[str], removed: list[Removed]) -> None:
    """A contents page with neither a heading nor page numbers: three or more lines in a
    row (blank lines between them aside) that are each a numbered heading and nothing
    more ("ARTICLE II   LICENSE GRANT", "Section 2.1  Grant"), with only short
    headings in capitals (an article's title) or a list of exhibits between them, every
    one of whose numbers begins a line again further on, where the body has it. A
    run of headings in the body is told apart by that last test: the body does not
    number the same sections twice."""
    starts: dict[str, list[int]] | None = None  # where each number begins a line, once a run needs it
    i = 0
    front = max(1500, len(lines) // 3)  # a contents page stands at the front
    while i < min(len(lines), front):
        run: list[int] = []  # the lines of the run, entries and titles
        keys: list[tuple[int, str]] = []
        j = i
        while j < len(lines):
            s = lines[j].strip()
            if not s:
                j += 1
                continue
            key = _entry_key(s)
            short = len(s.split()) <= 14 and not _PROSE.search(s) and not re.search(r"[;:,]$", s)
            rest = _ENTRY_KEY.sub("", s, count=1).lstrip(" .")
            if key and short and not re.search(r"\.\s+\S", rest):  # a heading alone, no text after it
                keys.append((j, key))
                run.append(j)
            elif run and short and (_shouted(s) and len(s.split()) <= 8 or _LIST_OF.match(s)):
                run.append(j)
            else:
                break
            j += 1
        if len(keys) >= 3 and starts is None:
            starts = {}
            for k, line in enumerate(lines):
                key = _entry_key(line.lstrip())
                if key:
                    starts.setdefault(key, []).append(k)
        again = [next((k for k in starts[key] if k > run[-1]), None) for _, key in keys] if starts is not None else []
        distinct = len({key for _, key in keys}) == len(keys)
        in_order = None not in again and all(a < b for a, b in zip(again, again[1:], strict=False))
        if len(keys) >= 3 and distinct and in_order:
            last = keys[-1][0]
            # an article's title just under the last entry is the entry's; a title after a
            # blank line is the document's own
            end = last
            for k in run:
                if k > last and (k == end + 1 or _LIST_OF.match(lines[k].strip())):
                    end = k
            for k in run:
                if k <= end:
                    removed.append(Removed(k + 1, "table of contents", lines[k].strip()))
                    lines[k] = ""
            return
        i = max(j, i + 1)


_PROSE = re.compile(r"\b(?:dated\s+as\s+of|entered\s+into|made\s+as\s+of|is\s+made|by\s+and\s+between)\b", re.I)


def _runs_into_next(lines: list[str], i: int) -> bool:
    """A line of eight words or more run on by the next line: prose, not a contents entry."""
    if len(lines[i].split()) < 8 or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].strip()
    return bool(nxt) and len(nxt.split()) >= 6 and not _TOC_PAGE.search(nxt)


_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LINE_END_HYPHEN = re.compile(r"(?<![\w-])(?P<left>[A-Za-z]+)-$")
_LINE_START_WORD = re.compile(r"^(?P<space>\s*)(?P<token>(?P<right>[a-z]+)[^\s]*)(?P<rest>(?:\s+\S.*)?)$")


def _hyphens_at_line_ends(lines: list[str], removed: list[Removed]) -> None:
    """A word hyphenated at a hard line break ("agree-" / "ment") is put back together on
    the line it begins on, without its hyphen, only when the document itself says it is
    one word: it is written whole elsewhere ("agreement") and never with a hyphen
    ("agree-ment"); the hyphen is listed as removed. Otherwise the hyphen is a real
    one, or may be ("non-" / "exclusive"): it is kept, and the word is put together on
    the line it begins on with its hyphen ("non-exclusive"), so no character is lost.
    When the next line holds nothing but the word's end, the word is put together there
    instead, so that neither line is left empty."""
    if not any(line.endswith("-") for line in lines):  # lines are right-stripped
        return
    whole: set[str] = set()
    hyphenated: set[str] = set()
    for line in lines:
        for w in _WORD.findall(line):
            (hyphenated if "-" in w else whole).add(w.casefold())
    for i in range(len(lines) - 1):
        left = _LINE_END_HYPHEN.search(lines[i].rstrip())
        right = _LINE_START_WORD.match(lines[i + 1])
        if left is None or right is None:
            continue
        one, two = left.group("left"), right.group("right")
        joined = (one + two).casefold()
        wrapped = joined in whole and f"{one}-{two}".casefold() not in hyphenated
        head = lines[i].rstrip()
        if wrapped:
            removed.append(Removed(i + 1, "hyphen at a line break", "-"))
            head = head[:-1]
        if right.group("rest").strip():
            lines[i] = head + right.group("token")
            lines[i + 1] = right.group("space") + right.group("rest").lstrip()
        elif head[: left.start()].strip():
            lines[i] = head[: left.start()].rstrip()
            lines[i + 1] = right.group("space") + head[left.start() :] + right.group("token")
        elif wrapped:
            removed.pop()  # the word is the whole of both lines: left as printed


_LABEL_START = re.compile(r"^\((?P<lab>[a-z]{1,5}|[A-Z]{1,3}|\d{1,2})\)\s")


def _continues_inline_run(current: list[Line], text: str) -> bool:
    """A line that begins "(ii)" in a block where "(i)" stands mid-line: the list runs on
    in the paragraph (a wrap put "(ii)" first), so the line does not begin a new one."""
    m = _LABEL_START.match(text)
    prev = label_before(m.group("lab")) if m else None
    if prev is None:
        return False
    mark = f"({prev})"
    for k, ln in enumerate(current):
        at = ln.text.find(mark)
        while at != -1:
            if at > 0 or k > 0:  # mid-line, or at the start of a wrapped line of the block
                return True
            at = ln.text.find(mark, at + 1)
    return False


def _indent(line: str) -> int:
    """How far in a line stands, a tab taking it to the next stop of eight columns."""
    line = line.expandtabs()
    return len(line) - len(line.lstrip())


def _blocks(lines: list[str], breaks: set[int], rules: set[int] = frozenset()) -> list[Paragraph]:
    """Blank-line blocks, split where a unit begins inside one, joined across page breaks."""
    out: list[Paragraph] = []
    current: list[Line] = []
    broke = False  # a page break stands since the last paragraph ended

    def close() -> None:
        nonlocal current, broke
        if current:
            out.append(Paragraph(tuple(current), after_break=broke))
            broke = False
        current = []

    for i, line in enumerate(lines):
        if i in breaks:
            close()
            broke = True
        s = line.strip()
        if i in rules:
            continue  # between the lines of one block, as a signature's rule under "By:"
        if not s:
            close()
            continue
        ln = Line(i + 1, " ".join(s.split()), _indent(line))
        if current:
            prev = current[-1]
            # a first line indented deeper than the line before, or a list item after one that
            # ends its item: a wrapped line that happens to begin "Section 2.01." is neither
            if (
                begins_unit(ln.text, exhibits=False)
                and (ln.indent > prev.indent or _LIST_END.search(prev.text) or _shouted(prev.text))
                and (ln.indent > prev.indent or not _continues_inline_run(current, ln.text))
                and not _wrapped_reference(prev.text, ln.text)
            ):
                close()
        current.append(ln)
    close()
    out = _signature_columns(out, lines)
    if _double_spaced(out):
        # a blank line after every line: each line is a block, and a block that ends
        # mid-sentence runs on into the next as it would across a page break
        out = [p._replace(after_break=True) for p in out]
    return _carry_over(out)


_FIELD = re.compile(r"^(?P<label>[A-Za-z][A-Za-z .]{0,20}):\s*$")


def _gutter(raws: list[str]) -> tuple[int, int] | None:
    """The widest run of three or more columns blank on every line of a block, with text
    on both sides of it: where two blocks set side by side part."""
    width = max(len(r) for r in raws)
    blank = [all(c >= len(r) or r[c] == " " for r in raws) for c in range(width)]
    best: tuple[int, int] | None = None
    c = 0
    while c < width:
        if not blank[c]:
            c += 1
            continue
        e = c
        while e < width and blank[e]:
            e += 1
        left = any(r[:c].strip() for r in raws)
        right = any(r[e:].strip() for r in raws)
        if e - c >= 3 and left and right and (best is None or e - c > best[1] - best[0]):
            best = (c, e)
        c = e
    return best


def _signature_columns(paras: list[Paragraph], lines: list[str]) -> list[Paragraph]:
    """After IN WITNESS WHEREOF, a block laid out as two signature blocks side by side
    ("QUILL CORP.          ROOK LLC", "By: /s/ Ann Lee     By: /s/ Bo Chen") is read
    column by column: the left block, then the right one, each line keeping its line
    number. A block is two columns when its lines split at one column (give or take
    three characters) and no line runs across it; otherwise it is left as it stands."""
    out: list[Paragraph] = []
    witnessed = False
    lefts: list[Paragraph] = []  # blocks side by side in a row (the names, then the "By:" lines)
    rights: list[Paragraph] = []

    def flush() -> None:
        out.extend(lefts)
        out.extend(rights)
        lefts.clear()
        rights.clear()

    for p in paras:
        first = p.lines[0].text
        if re.match(r"^in\s+witness\s+whereof", first, re.IGNORECASE):
            flush()
            witnessed = True
            out.append(p)
            continue
        if witnessed and re.match(r"^(?:exhibit|schedule|annex|appendix)\b", first, re.IGNORECASE):
            witnessed = False
        columns = _columns(p, lines) if witnessed else None
        if columns is None:
            flush()
            out.append(p)
            continue
        left, right = columns
        lefts.append(Paragraph(tuple(left), p.after_break))
        rights.append(Paragraph(tuple(right), False))
    flush()
    return out


def _columns(p: Paragraph, lines: list[str]) -> tuple[list[Line], list[Line]] | None:
    raws = [lines[ln.number - 1].expandtabs() for ln in p.lines]
    gutter = _gutter(raws)
    if gutter is None:
        return None
    start, end = gutter
    left: list[Line] = []
    right: list[Line] = []
    for ln, raw in zip(p.lines, raws, strict=True):
        a, b = raw[:start].strip(), raw[end:].strip()
        label = _FIELD.match(a)
        if label and b and not b.casefold().startswith(label.group("label").casefold()):
            return None  # "Name:        Ann Lee": a field and its value, one block
        if a:
            left.append(Line(ln.number, " ".join(a.split()), _indent(raw)))
        if b:
            right.append(Line(ln.number, " ".join(b.split()), end))
    if not left or not right:
        return None
    return left, right


def _double_spaced(paras: list[Paragraph]) -> bool:
    """Most long one-line blocks end mid-sentence: the document is double-spaced."""
    long_single = [p for p in paras if len(p.lines) == 1 and len(p.lines[0].text) >= 60]
    running_on = [p for p in long_single if not _SENTENCE_END.search(p.lines[0].text)]
    multi = sum(len(p.lines) > 1 for p in paras)
    return len(running_on) >= 4 and len(running_on) * 2 >= len(long_single) and multi * 4 < len(paras)


def _carry_over(paras: list[Paragraph]) -> list[Paragraph]:
    """A paragraph cut by a page break carries straight on."""
    out: list[Paragraph] = []
    witnessed = False
    for p in paras:
        first = p.lines[0].text
        if re.match(r"^in\s+witness\s+whereof", first, re.IGNORECASE):
            witnessed = True
        in_witness = bool(out) and bool(re.match(r"^in\s+witness\s+whereof", out[-1].lines[0].text, re.IGNORECASE))
        if out and p.after_break and (not witnessed or in_witness):
            if _continues(out[-1].lines[-1].text, first):
                out[-1] = Paragraph(out[-1].lines + p.lines, out[-1].after_break)
                continue
        out.append(p)
    return out


def _continues(prev: str, first: str) -> bool:
    """Does a paragraph after a page break (or a blank line, double-spaced) carry on the
    one before? It does when it begins in lower case, or when the one before ends
    mid-sentence and this one begins no unit, or only a reference ("under" / "Section
    2.01.")."""
    if first[:1].islower():
        return True
    if _SENTENCE_END.search(prev) or _shouted(prev):
        return False
    if not (len(prev) >= 50 or _RUNS_ON.search(prev)):
        return False
    if not begins_unit(first):
        return True
    return _wrapped_reference(prev, first)


_REFERENCE_WORD = re.compile(
    r"\b(?:Sections?|SECTIONS?|clauses?|Clauses?|paragraphs?|Paragraphs?|subsections?|Subsections?|Articles?"
    r"|ARTICLES?|Exhibits?|Schedules?|Annex)$"
)
_LABEL_REFERENCE = re.compile(
    r"^\((?:[a-z]{1,5}|[A-Z]{1,3}|\d{1,2})\)(?:\([a-zA-Z0-9]{1,5}\))*\s+(?:of|above|below|hereof|thereof|hereto)\b"
)


def _wrapped_reference(prev: str, first: str) -> bool:
    """A line that begins with a number or a label only because a line break put a
    reference there: after "... set out in Section" / "... under clause", or after a
    line that runs on ("... delivery under") when it reads as a reference ("Section
    2.01.", "(b) of Section 3.2"). Such a line carries on the paragraph before."""
    if _REFERENCE_WORD.search(prev):
        return True
    return (
        bool(_RUNS_ON.search(prev))
        and not _LIST_END.search(prev)
        and (reads_as_reference(first) or bool(_LABEL_REFERENCE.match(first)))
    )


def _shouted(s: str) -> bool:
    """A heading line in capitals ("ARTICLE V", "NEGATIVE COVENANTS"): it does not run on."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(s.split()) <= 12


def digits_meet(before: str, raised: str) -> bool:
    """Whether raised or lowered figures ("2/3" in "66<sup>2/3</sup>%", Word's superscript
    run) would run on from the figure before them into another number if set on the line:
    then a space keeps them apart (66 2/3%, never 662/3%)."""
    return bool(before) and before[-1].isdigit() and raised[:1].isdigit()
