"""Word (.docx) -> paragraphs with the numbers Word shows -> the shared recogniser.

python-docx gives each paragraph's text but not the numbers Word generates from
numbering.xml ("9.1", "(a)" typed by no one). They are computed here as Word shows
them: each list instance (`w:num`) keeps a counter per level; a paragraph at level L
adds one to its level's counter (starting at the level's `w:start`, or a
`w:startOverride`) and restarts the levels below; its number is the level's
`w:lvlText` ("%1.%2", "(%3)", "Section %1.%2") with each %k in the format of level k
(decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, decimalZero; bullets
and "none" give no number). Numbering comes from the paragraph (`w:numPr`) or from
its style, following `w:basedOn`.

A paragraph is a "line": the report and line hints count paragraphs (and `w:br`
line breaks within one), since Word lays out lines only when it prints. Tables are
read row by row, cells left to right; a table of signature blocks side by side, column
by column (text.signature_blocks). Paragraphs in a "TOC" style (Word's table of
contents) are removed and listed. Each paragraph stands as far in as Word sets it (see
`_indent`), and the paragraphs then go through the plain-text rules as HTML's do
(text.paragraphs_of_lines): page notes ("[Signature Page Follows]") are removed and
listed, a page break run or a paragraph set to begin a page is a page break. Headers, footers, footnotes and comments are not the
agreement's body and are not read.

Refused (exit 10): a file that is not a zip, a zip that expands beyond 200 MB or
more than 100 times its size (a zip bomb), and a zip that is not a Word document.
Numbers Word keeps across list instances, legal numbering (`w:isLgl`) and restarts
(`w:lvlRestart`, `w:startOverride`) are computed as Word does (see Numbering). Fields
that print numbers (SEQ, LISTNUM, a cross-reference's REF) are read by the result Word
stored in the file, never by their codes (`w:instrText`). Tracked changes: deleted text
is left out, inserted text read as final.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import NamedTuple

from ..errors import DocumentError
from .report import Removed
from .structure import Paragraph
from .text import PAGE_BREAK, digits_meet, paragraphs_of_lines, signature_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100


def _check_zip(name: str, data: bytes) -> None:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError(f"{name}: this is not a Word document (.docx is a zip archive; this is not one)") from None
    except (NotImplementedError, ValueError, EOFError) as e:  # a damaged header: "zip file version 6.4"
        raise DocumentError(f"{name}: this zip archive is damaged and is not a Word document ({e})") from None
    with z:
        infos = z.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_EXPANDED or total > MAX_RATIO * max(len(data), 1) + 10 * 1024 * 1024:
            raise DocumentError(
                f"{name}: this archive would expand to {total // (1024 * 1024)} MB; "
                "it is refused as a zip bomb, not a Word document"
            )
        if "word/document.xml" not in {i.filename for i in infos}:
            raise DocumentError(f"{name}: this zip archive is not a Word document (it has no word/document.xml)")


def _roman(n: int) -> str:
    out = []
    for v, r in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")):
        while n >= v:
            out.append(r)
            n -= v
    for v, r in ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(r)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def formatted(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Level(NamedTuple):
    """One level of a list as numbering.xml defines it."""

    fmt: str  # numFmt: decimal, lowerLetter, upperRoman, ...
    text: str  # lvlText: "%1.%2", "(%3)", "Section %1.%2"
    start: int
    restart: int | None  # lvlRestart: restart after this (one-based) level or above; 0 never; None: after any above
    legal: bool  # isLgl: every number this level shows is decimal ("1.01", not "I.01")
    ind: tuple[int | None, int | None] = (None, None)  # the level's indentation (see _ind)


def _levels(parent) -> dict[int, _Level]:
    out = {}
    for lvl in parent.iterchildren(f"{W}lvl"):
        restart = _val(lvl.find(f"{W}lvlRestart"))
        legal = lvl.find(f"{W}isLgl")
        out[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
            _val(lvl.find(f"{W}numFmt")) or "decimal",
            _val(lvl.find(f"{W}lvlText")) or "",
            int(_val(lvl.find(f"{W}start")) or "1"),
            int(restart) if restart is not None else None,
            legal is not None and _val(legal) not in ("0", "false", "off"),
            _ind(lvl.find(f"{W}pPr/{W}ind")),
        )
    return out


class Numbering:
    """The numbers Word generates, computed paragraph by paragraph in document order.

    As Word counts: the counters belong to the abstract definition, so list instances
    (`w:num`) that share one continue each other's numbers, and an instance that
    overrides a level's start (`w:startOverride`, Word's "Restart numbering") starts that
    level afresh at its first paragraph. A level restarts when a level above it is used,
    or only above the level `w:lvlRestart` names (0: never). A level marked `w:isLgl`
    ("legal" numbering) shows every number in decimal: "1.01" under "ARTICLE I". An
    abstract definition that links to a numbering style (`w:numStyleLink`) takes its
    levels from the list that style names; `w:lvlOverride` may replace a level whole.
    """

    def __init__(self, numbering_element, styles: dict | None = None) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # abstractNumId -> ilvl -> level
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}  # numId -> (abstract, starts, levels)
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> ilvl -> last number shown
        self.started: set[tuple[str, int]] = set()  # (numId, ilvl) whose start override has been used
        if numbering_element is None:
            return
        links: dict[str, str] = {}
        for a in numbering_element.iter(f"{W}abstractNum"):
            aid = a.get(f"{W}abstractNumId")
            self.levels[aid] = _levels(a)
            link = _val(a.find(f"{W}numStyleLink"))
            if link:
                links[aid] = link
        for num in numbering_element.iter(f"{W}num"):
            abstract = _val(num.find(f"{W}abstractNumId")) or ""
            starts, replaced = {}, {}
            for o in num.iter(f"{W}lvlOverride"):
                ilvl = int(o.get(f"{W}ilvl", "0"))
                s = o.find(f"{W}startOverride")
                if s is not None:
                    starts[ilvl] = int(_val(s) or "1")
                for lv in _levels(o).values():  # a level replaced whole
                    replaced[ilvl] = lv
            self.nums[num.get(f"{W}numId")] = (abstract, starts, replaced)
        for aid, style in links.items():  # a list defined by a numbering style: the style's list
            linked = (styles or {}).get(style, (None, None, None))[0]
            target = self.nums.get(linked or "", ("", {}, {}))[0]
            if target and target != aid and not self.levels[aid]:
                self.levels[aid] = self.levels.get(target, {})

    def level(self, num_id: str | None, ilvl: int) -> _Level | None:
        """The level a paragraph of this list at this level is numbered by, if any."""
        if not num_id or num_id not in self.nums:
            return None
        abstract, _, replaced = self.nums[num_id]
        return {**self.levels.get(abstract, {}), **replaced}.get(ilvl)

    def number(self, num_id: str | None, ilvl: int) -> str:
        """The number Word shows for the next paragraph of this list at this level."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, starts, replaced = self.nums[num_id]
        levels = {**self.levels.get(abstract, {}), **replaced}
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        level = levels[ilvl]
        if ilvl in starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = starts[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            after = levels[deeper].restart if deeper in levels else None
            if after is None or (after and ilvl <= after - 1):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""

        def one(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            shown = levels.get(k, _Level("decimal", "", 1, None, False))
            n = counters.get(k, starts.get(k, shown.start))
            fmt = "decimal" if level.legal and shown.fmt not in ("decimal", "decimalZero") else shown.fmt
            return formatted(fmt, n)

        return re.sub(r"%([1-9])", one, level.text).strip()


def _twips(v: str | None) -> int | None:
    try:
        return round(float(v)) if v is not None else None
    except ValueError:
        return None


def _ind(el) -> tuple[int | None, int | None]:
    """(left edge, first line's offset from it) in twips of a w:ind; None where not set."""
    if el is None:
        return None, None
    left = _twips(el.get(f"{W}left") or el.get(f"{W}start"))
    first, hanging = _twips(el.get(f"{W}firstLine")), _twips(el.get(f"{W}hanging"))
    return left, (first if first is not None else (-hanging if hanging is not None else None))


MAX_INDENT = 16
"""Columns: deeper than this, the text rules would read a bare number as centred."""


def _indent(p, style: str, level: _Level | None, style_ind: dict) -> int:
    """How far in a paragraph's text stands, in columns of 120 twips (6pt, as HTML's): its
    left edge or its first line's, whichever is further in, set as Word sets it (the
    style's, following basedOn, then its list level's, then the paragraph's own), so that
    a paragraph set back from the clauses before it closes their unit, as in plain text."""
    chain, seen = [], set()
    while style and style in style_ind and style not in seen:
        seen.add(style)
        chain.append(style_ind[style][0])
        style = style_ind[style][1]
    left, first = 0, 0
    for ind in [*reversed(chain), level.ind if level else (None, None), _ind(p.find(f"{W}pPr/{W}ind"))]:
        left = ind[0] if ind[0] is not None else left
        first = ind[1] if ind[1] is not None else first
    return max(0, min(MAX_INDENT, round(max(left, left + first) / 120)))


def _val(el) -> str | None:
    return el.get(f"{W}val") if el is not None else None


def _num_pr(p, styles: dict) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph: its own w:numPr, or its style's, following basedOn."""
    ppr = p.find(f"{W}pPr")
    num_id, ilvl = None, None
    if ppr is not None:
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            num_id = _val(numpr.find(f"{W}numId"))
            lv = _val(numpr.find(f"{W}ilvl"))
            ilvl = int(lv) if lv is not None else None
    style = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
    seen = set()
    while (num_id is None or ilvl is None) and style and style in styles and style not in seen:
        seen.add(style)
        s_num, s_lvl, based = styles[style]
        num_id = num_id if num_id is not None else s_num
        ilvl = ilvl if ilvl is not None else s_lvl
        style = based
    return num_id, ilvl or 0


def _styles(doc) -> dict:
    """styleId -> (numId, ilvl, basedOn), and which styles are Word's contents styles."""
    out = {}
    try:
        root = doc.styles.element
    except Exception:  # noqa: BLE001 - a document without styles
        return out
    for s in root.iter(f"{W}style"):
        sid = s.get(f"{W}styleId")
        ppr = s.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = _val(numpr.find(f"{W}numId")) if numpr is not None else None
        lv = _val(numpr.find(f"{W}ilvl")) if numpr is not None else None
        out[sid] = (num_id, int(lv) if lv is not None else None, _val(s.find(f"{W}basedOn")))
    return out


def _style_indents(doc) -> dict:
    """styleId -> (its w:ind as _ind reads it, basedOn)."""
    try:
        root = doc.styles.element
    except Exception:  # noqa: BLE001 - a document without styles
        return {}
    return {
        s.get(f"{W}styleId"): (_ind(s.find(f"{W}pPr/{W}ind")), _val(s.find(f"{W}basedOn")))
        for s in root.iter(f"{W}style")
    }


def _text(p) -> list[str]:
    """A paragraph's text, its w:br line breaks kept; deleted tracked text left out."""
    lines = [""]
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            if _inside(el, f"{W}del"):
                continue
            if _raised(el) and digits_meet(lines[-1], el.text or ""):
                lines[-1] += " "
            lines[-1] += el.text or ""
        elif tag == f"{W}tab":
            lines[-1] += " "
        elif tag in (f"{W}br", f"{W}cr") and el.get(f"{W}type") not in ("page", "column"):
            lines.append("")
    return [" ".join(x.split()) for x in lines]


def _raised(t) -> bool:
    """Whether a w:t stands in a superscript or subscript run."""
    run = t.getparent()
    align = run.find(f"{W}rPr/{W}vertAlign") if run is not None else None
    return align is not None and align.get(f"{W}val") in ("superscript", "subscript")


def _inside(el, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def paragraphs(name: str, data: bytes) -> tuple[list[Paragraph], list[Removed]]:
    _check_zip(name, data)
    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise DocumentError(f"{name}: this Word document cannot be opened ({type(e).__name__}: {e})") from None
    styles = _styles(doc)
    try:
        numbering = Numbering(doc.part.numbering_part.element, styles)
    except (KeyError, NotImplementedError):
        numbering = Numbering(None)
    style_ind = _style_indents(doc)
    lines: list[tuple[int, str]] = []  # for the plain-text rules: a blank line after each block
    removed: list[Removed] = []
    n = 0
    for block in doc.element.body.iterchildren():
        if block.tag == f"{W}p":
            n += 1
            style = _val(block.find(f"{W}pPr/{W}pStyle")) or ""
            num_id, ilvl = _num_pr(block, styles)
            level = numbering.level(num_id, ilvl)
            number = numbering.number(num_id, ilvl)
            text = _text(block)
            if number:
                text[0] = f"{number} {text[0]}".strip()
            if style.upper().startswith("TOC"):
                if any(text):
                    removed.append(Removed(n, "table of contents", " ".join(x for x in text if x)))
                continue
            if _page_break_before(block):
                lines.extend([(n, PAGE_BREAK), (n, "")])
            indent = " " * _indent(block, style, level, style_ind)
            kept = [(n, indent + x) for x in text if x]
            if kept:
                lines.extend([*kept, (n, "")])
            if block.find(f".//{W}br[@{W}type='page']") is not None:
                lines.extend([(n, PAGE_BREAK), (n, "")])
        elif block.tag == f"{W}tbl":
            rows = []
            for row in block.iter(f"{W}tr"):
                n += 1
                cells = [" ".join(x for x in _cell_lines(c) if x) for c in row.iter(f"{W}tc")]
                rows.append((n, cells))
            signing = signature_blocks([cells for _, cells in rows])
            if signing is None:
                for line, cells in rows:
                    joined = " ".join(c for c in cells if c)
                    if joined:
                        lines.extend([(line, joined), (line, "")])
                continue
            for cells in signing:  # a party's block, a cell a line
                lines.extend((rows[r][0], rows[r][1][k]) for r, k in cells)
                lines.append((rows[cells[-1][0]][0], ""))
    paras, furniture = paragraphs_of_lines(lines)
    removed.extend(furniture)
    removed.sort(key=lambda r: r.line)
    return paras, removed


def _cell_lines(cell) -> list[str]:
    return [x for p in cell.iter(f"{W}p") for x in _text(p)]


def _page_break_before(p) -> bool:
    el = p.find(f"{W}pPr/{W}pageBreakBefore")
    return el is not None and _val(el) not in ("0", "false", "off")
