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
read row by row, cells left to right. Paragraphs in a "TOC" style (Word's table of
contents) are removed and listed. Headers, footers, footnotes and comments are not the
agreement's body and are not read.

Refused (exit 10): a file that is not a zip, a zip that expands beyond 200 MB or
more than 100 times its size (a zip bomb), and a zip that is not a Word document.
Not yet: `w:isLgl`, `w:lvlRestart`, numbering continued across list instances that
share one abstract definition, legacy fields that print numbers (SEQ, LISTNUM),
tracked changes (their deleted text is left out, inserted text read as final).
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DocumentError
from .report import Removed
from .structure import Line, Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100


def _check_zip(name: str, data: bytes) -> None:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError(f"{name}: this is not a Word document (.docx is a zip archive; this is not one)") from None
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


class Numbering:
    """The numbers Word generates, computed paragraph by paragraph in document order."""

    def __init__(self, numbering_element) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId -> ilvl -> (fmt, text, start)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_element is None:
            return
        for a in numbering_element.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{W}lvlText")) or ""
                start = int(_val(lvl.find(f"{W}start")) or "1")
                levels[ilvl] = (fmt, text, start)
            self.levels[a.get(f"{W}abstractNumId")] = levels
        for num in numbering_element.iter(f"{W}num"):
            abstract = _val(num.find(f"{W}abstractNumId"))
            overrides = {}
            for o in num.iter(f"{W}lvlOverride"):
                s = o.find(f"{W}startOverride")
                if s is not None:
                    overrides[int(o.get(f"{W}ilvl", "0"))] = int(_val(s) or "1")
            self.nums[num.get(f"{W}numId")] = (abstract or "", overrides)

    def number(self, num_id: str | None, ilvl: int) -> str:
        """The number Word shows for the next paragraph of this list at this level."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else overrides.get(ilvl, start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def one(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lf = levels.get(k, ("decimal", "", 1))[0]
            n = counters.get(k, overrides.get(k, levels.get(k, ("", "", 1))[2]))
            return formatted(lf, n)

        return re.sub(r"%([1-9])", one, text).strip()


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


def _text(p) -> list[str]:
    """A paragraph's text, its w:br line breaks kept; deleted tracked text left out."""
    lines = [""]
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            if _inside(el, f"{W}del"):
                continue
            lines[-1] += el.text or ""
        elif tag == f"{W}tab":
            lines[-1] += " "
        elif tag in (f"{W}br", f"{W}cr") and el.get(f"{W}type") not in ("page", "column"):
            lines.append("")
    return [" ".join(x.split()) for x in lines]


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
    try:
        numbering = Numbering(doc.part.numbering_part.element)
    except (KeyError, NotImplementedError):
        numbering = Numbering(None)
    styles = _styles(doc)
    out: list[Paragraph] = []
    removed: list[Removed] = []
    n = 0
    for block in doc.element.body.iterchildren():
        if block.tag == f"{W}p":
            n += 1
            style = _val(block.find(f"{W}pPr/{W}pStyle")) or ""
            num_id, ilvl = _num_pr(block, styles)
            number = numbering.number(num_id, ilvl)
            lines = _text(block)
            if number:
                lines[0] = f"{number} {lines[0]}".strip()
            if style.upper().startswith("TOC"):
                if any(lines):
                    removed.append(Removed(n, "table of contents", " ".join(x for x in lines if x)))
                continue
            kept = tuple(Line(n, s) for s in lines if s)
            if kept:
                out.append(Paragraph(kept))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                n += 1
                cells = [" ".join(x for c in row.iter(f"{W}p") for x in _text(c) if x)]
                text = " ".join(x for x in cells if x)
                if text:
                    out.append(Paragraph((Line(n, text),)))
    return out, removed
