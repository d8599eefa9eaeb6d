"""YAML -> model. The only module that reads agreement and amendment files.

Files are parsed by ruamel.yaml's C parser into nodes that carry their line and
column; the model is built from the nodes directly, so every unit and change knows
where it came from, and scalars keep their exact text ("13.40" stays "13.40").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path as FsPath
from typing import Any, NamedTuple

from ..address import parse as parse_address
from ..address import term_key
from ..errors import AgreementError, InputError, Location, suggest
from ..lazyre import deferred
from ..model import Agreement, Amendment, Change, Kind, NoteKind, Party, ProvisionNote, Unit, WorkedIn, walk
from ..operations import FieldType
from ..text import line_of, quoted_term

STDIN = "-"


class SourceText(NamedTuple):
    """An input file's name (as the user gave it) and its decoded text."""

    name: str
    text: str


_NOT_READ_YET = {
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".htm": "HTML",
    ".html": "HTML",
    ".docx": "Word",
    ".doc": "Word",
    ".rtf": "RTF",
    ".odt": "OpenDocument",
    ".pdf": "PDF",
}


def readable(path: str) -> None:
    """Which formats the YAML reader refuses by name, before their bytes are taken for
    broken YAML: documents in a format no reader takes yet (a .docx, .htm, .md or .pdf
    filing). Plain text filings (.txt) go to readers/ and never come here."""
    what = _NOT_READ_YET.get(FsPath(path).suffix.lower()) if path != STDIN else None
    if what is not None:
        raise InputError(
            f"{path}: {what} documents are not read yet; agreements and amendments are read from YAML "
            "(.yaml, .yml) or as filed in plain text (.txt)",
            hint='transcribe it into the YAML format described in the README ("The files"); '
            "`agreement schema agreement` and `agreement schema amendment` give their schemas",
        )


def read_source(path: str) -> SourceText:
    """Read a file, or standard input for "-", as UTF-8 (a BOM is allowed)."""
    readable(path)
    name = "<stdin>" if path == STDIN else path
    try:
        data = sys.stdin.buffer.read() if path == STDIN else FsPath(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a YAML file") from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror})") from None
    return source_of(name, data)


def source_of(name: str, data: bytes) -> SourceText:
    """A file's bytes as its text: UTF-8 (a BOM allowed), line ends made "\n"; a file that is
    not UTF-8 is refused at the line and column of its first bad byte (exit 3)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = len(data[data.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8", errors="replace")) + 1
        raise InputError(
            f"the file is not UTF-8 text (byte 0x{data[e.start]:02x})",
            location=Location(name, line, col),
            hint="save it as UTF-8",
        ) from None
    return SourceText(name, text.replace("\r\n", "\n").replace("\r", "\n"))


def compose(src: SourceText) -> Any:
    """The YAML node tree of a file, parsed in C; InputError with the place on a syntax error.

    The base loader: it tags every plain scalar a string, where the safe loader tries
    each against the patterns of YAML's numbers, booleans, dates and null (a tenth of
    composing a large agreement, for tags the reader never reads: it reads every value
    as written, and tells an empty one by its words, `_Reader.scalar`)."""
    from ruamel.yaml.cyaml import CBaseLoader
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        loader = CBaseLoader(src.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except MarkedYAMLError as e:
        raise _yaml_error(src, e) from None
    except ReaderError as e:  # a control character written as it is, not escaped
        raise _refused_character(src, e.position, chr(e.character)) from None
    except YAMLError as e:
        raise InputError(f"{src.name}: not valid YAML: {e}") from None
    except RecursionError:
        raise InputError(
            f"{src.name}: the YAML is nested too deeply to be an agreement", hint="check the indentation"
        ) from None
    if node is None:
        raise InputError(
            "the file is empty", location=Location(src.name, 1, 1), hint="see agreements/ and amendments/ for examples"
        )
    return node


_OPENS_QUOTE = deferred(r"""^\s*(?:-\s+)?(?:[^:#"'\s][^:#]*:\s+)?(?P<q>["'])""")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """The first value that opens a quote and does not close it on its line, before `upto`."""
    for n, line in enumerate(lines[: upto + 1]):
        m = _OPENS_QUOTE.match(line)
        if not m:
            continue
        q = m.group("q")
        rest = line[m.end() :]
        closes = rest.replace('\\"', "").count('"') if q == '"' else rest.replace("''", "").count("'")
        if closes == 0:
            return n, m.start("q")
    return None


def _yaml_error(src: SourceText, e: Any) -> InputError:
    """A YAML syntax error in words a paralegal can act on, at the place to fix."""
    problem, context = e.problem or "", e.context or ""
    mark = e.problem_mark or e.context_mark
    lines = src.text.split("\n")
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    what = problem or context or "malformed"
    hint = "check the indentation, and quote text that contains ': ' or starts with a quote"
    quote = _unclosed_quote(lines, mark.line) if mark else None
    if quote:
        line, column = quote
        return InputError(
            "not valid YAML: this quotation mark is never closed on its line, so the value runs on",
            location=Location(src.name, line + 1, column + 1),
            hint="close the quote, or write long text as a block (text: |) with no quotes around it",
        )
    opened = e.context_mark
    if opened is not None and "flow" in context and "did not find expected ','" in problem:
        bracket = "[" if "sequence" in context else "{"
        closer = "]" if bracket == "[" else "}"
        return InputError(
            f"not valid YAML: this '{bracket}' is never closed",
            location=Location(src.name, opened.line + 1, opened.column + 1),
            hint=f"close it with '{closer}', or put the whole text in quotes if the '{bracket}' is part of it",
        )
    if mark and ("\t" in line_text[: mark.column + 1] or "tab" in problem.lower()):
        what = "a tab is used for indentation"
        hint = "indent with spaces: YAML does not allow tabs there"
    elif "expected node content" in problem or "cannot start any token" in problem:
        what = f"{problem}"
        hint = "text that begins with a comma, a quote, '*', '&', '!', '%', '@' or '`' must be put in quotes"
    elif "did not find expected" in problem and mark and _out_of_line(lines, mark.line):
        key, above, line_above, short = _out_of_line(lines, mark.line)  # type: ignore[misc]
        start = lines[mark.line].index(key)
        more_or_less = "more" if short > 0 else "less"
        n = abs(short)
        return InputError(
            f"not valid YAML: '{key}:' is not lined up with '{above}:' on line {line_above}, nor with any key above it",
            location=Location(src.name, mark.line + 1, start + 1),
            hint=f"keys of one mapping stand in one column: indent '{key}:' as '{above}:' is "
            f"({n} space{'s' if n != 1 else ''} {more_or_less})",
        )
    elif "mapping values are not allowed" in problem:
        over = _indented_under(lines, mark.line, mark.column) if mark else None
        if over:
            key, above, line_above, extra = over
            what = f"'{key}:' is indented more than '{above}:' on line {line_above}, so it reads as part of its value"
            hint = f"indent '{key}:' as '{above}:' is ({extra} space{'s' if extra != 1 else ''} less)"
            start = lines[mark.line].index(key)
            return InputError(
                f"not valid YAML: {what}", location=Location(src.name, mark.line + 1, start + 1), hint=hint
            )
        else:
            what = "a ': ' inside unquoted text reads as the start of a new key"
            hint = "in YAML ': ' ends a key: put the whole text in quotes, or write it as a block (text: |)"
    loc = Location(src.name, mark.line + 1, mark.column + 1) if mark else None
    return InputError(f"not valid YAML: {what}", location=loc, hint=hint)


_KEY_LINE = deferred(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w\-]*): ")


def _indented_under(lines: list[str], line: int, column: int) -> tuple[str, str, int, int] | None:
    """When the ': ' the parser stopped at ends a key that opens its line, indented deeper
    than the `key: value` line above it: that key, the one above, its line (1-based) and
    how many spaces too far in. A key indented by mistake, not a colon inside text."""
    here = _KEY_LINE.match(lines[line] + " ")
    if not here or here.end() - 2 != column or not here.group("indent"):
        return None
    for n in range(line - 1, -1, -1):
        text = lines[n]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        above = _KEY_LINE.match(text + " ")
        if not above or len(above.group("indent")) >= len(here.group("indent")) or not text[above.end() :].strip():
            return None
        extra = len(here.group("indent")) - len(above.group("indent"))
        return here.group("key"), above.group("key"), n + 1, extra
    return None


def _key_column(match: re.Match[str]) -> int:
    return match.start("key")


def _out_of_line(lines: list[str], line: int) -> tuple[str, str, int, int] | None:
    """When the line the parser stopped at opens with a key that stands in no column a
    key above it stands in: that key, the nearest key above, its line (1-based), and how
    many spaces the key is short of it (negative: too far in)."""
    here = _KEY_LINE.match(lines[line] + " ")
    if not here:
        return None
    column = _key_column(here)
    nearest = None
    for n in range(line - 1, -1, -1):
        above = _KEY_LINE.match(lines[n] + " ")
        if not above:
            continue
        if _key_column(above) == column:
            return None  # a key above stands there: the fault is elsewhere
        if nearest is None:
            nearest = (above.group("key"), n + 1, _key_column(above))
    if nearest is None:
        return None
    key_above, line_above, at = nearest
    return here.group("key"), key_above, line_above, at - column


def _refused_character(src: SourceText, at: int, ch: str) -> InputError:
    """A character no agreement's text may hold, at its place in the file (see characters.py)."""
    from ..characters import why_refused

    line = line_of(src.text, at)
    column = at - (src.text.rfind("\n", 0, at) + 1) + 1
    return InputError(
        why_refused(ch),
        location=Location(src.name, line, column),
        hint="delete it; if a line break, tab or space was meant, write that instead",
    )


_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_ESCAPE = deferred(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|.", re.S)


def written_at(src: SourceText, node: Any, offset: int) -> int:
    """Where in the file the character at `offset` of a scalar's value was written: as
    itself, or as an escape ("\\u202e") in a double-quoted scalar; the scalar's start if it
    cannot be told (a folded line break)."""
    value, start = node.value, node.start_mark.index
    ch = value[offset]
    nth = value.count(ch, 0, offset)
    written = src.text[start : node.end_mark.index]
    if node.style != '"':
        at = -1
        for _ in range(nth + 1):
            at = written.find(ch, at + 1)
            if at < 0:
                return start
        return start + at
    for m in _ESCAPE.finditer(written):
        token = m.group()
        if token[0] == "\\" and len(token) > 1:
            token = chr(int(token[2:], 16)) if token[1] in "xuU" else _ESCAPES.get(token[1], token[1])
        if token == ch:
            if nth == 0:
                return start + m.start()
            nth -= 1
    return start


def hidden_characters(src: SourceText) -> list[tuple[Location, int, str]]:
    """Every character a reader cannot see in a file's values (see characters.py): where
    it was written, its offset in the value, and the value. For `check`."""
    from ..characters import hidden

    if "\\" not in src.text and next(hidden(src.text), None) is None:
        return []  # neither written as itself nor escaped: nothing to parse again for
    out = []
    stack = [compose(src)]
    while stack:
        node = stack.pop()
        if isinstance(node.value, str):
            for offset in hidden(node.value):
                at = written_at(src, node, offset)
                line, column = line_of(src.text, at), at - (src.text.rfind("\n", 0, at) + 1) + 1
                out.append((Location(src.name, line, column), offset, node.value))
        elif isinstance(node.value, list):
            for item in reversed(node.value):
                stack.extend(reversed(item) if isinstance(item, tuple) else (item,))
    return sorted(out, key=lambda found: (found[0].line, found[0].column))


_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))
"""A plain scalar YAML reads as null (its core schema): an empty value, given as nothing."""

_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def _short_tag(tag: str) -> str:
    """A tag as it was written: !!python/object rather than its long form."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Reader:
    """Builds model objects from the nodes of one file, checking shape as it goes."""

    def __init__(self, src: SourceText) -> None:
        from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

        self.src = src
        # the node types, imported once a file rather than once a node (a tenth of the reading)
        self.Mapping, self.Scalar, self.Sequence = MappingNode, ScalarNode, SequenceNode

    def loc(self, node: Any) -> Location:
        m = node.start_mark
        return Location(self.src.name, m.line + 1, m.column + 1)

    def fail(self, node: Any, message: str, hint: str | None = None) -> InputError:
        return InputError(message, location=self.loc(node), hint=hint)

    def refuse_unsafe(self, root: Any) -> None:
        """Refuse any node met twice: that is a YAML alias, which the formats do not use
        (and which could multiply a small file into a huge document); and refuse tags
        beyond YAML's plain types, which other tools would read as code or objects; and
        refuse control characters (see characters.py) in any value or key."""
        from ..characters import first_control

        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if node.tag not in _PLAIN_TAGS:
                raise InputError(
                    f"the YAML tag {_short_tag(node.tag)} is not accepted here",
                    location=self.loc(node),
                    hint="remove the tag: the formats hold only plain text, numbers, lists and mappings",
                )
            if id(node) in seen:
                raise InputError(
                    "YAML aliases (*name) are not accepted here",
                    location=self.alias_location(node),
                    hint="write the value out in full",
                )
            seen.add(id(node))
            at = first_control(node.value) if isinstance(node.value, str) else None
            if at is not None:
                raise _refused_character(self.src, written_at(self.src, node, at), node.value[at])
            if type(node).__name__ == "MappingNode":
                for key, _ in node.value:
                    if getattr(key, "value", None) == "<<":
                        raise InputError(
                            "YAML merge keys (<<) are not accepted here",
                            location=self.loc(key),
                            hint="write the keys out in full",
                        )
            if isinstance(node.value, list):
                for item in node.value:
                    stack.extend(item if isinstance(item, tuple) else (item,))

    def alias_location(self, node: Any) -> Location:
        """Where the alias stands: the parser hands back the anchored node itself."""
        m = node.start_mark
        line = self.src.text.split("\n")[m.line]
        found = re.search(r"&([^\s,\[\]{}]+)", line)
        if found:
            use = re.search(r"\*" + re.escape(found.group(1)) + r"(?![^\s,\[\]{}])", self.src.text)
            if use:
                text, at = self.src.text, use.start()
                return Location(self.src.name, line_of(text, at), at - (text.rfind("\n", 0, at) + 1) + 1)
        return self.loc(node)

    def mapping(self, node: Any, what: str, allowed: dict[str, bool]) -> dict[str, tuple[Any, Any]]:
        """Keys -> (key node, value node); unknown keys get a "did you mean"."""
        if not isinstance(node, self.Mapping):
            raise self.fail(
                node,
                f"{what} must be a mapping of keys to values, not {_kind(node)}",
                hint=f"expected keys: {', '.join(allowed)}",
            )
        out: dict[str, tuple[Any, Any]] = {}
        for k, v in node.value:
            key = self.scalar(k, "a key")
            if key == "<<":
                raise self.fail(k, "YAML merge keys (<<) are not accepted here", hint="write the keys out in full")
            if key in out:
                raise self.fail(
                    k, f"{key!r} is given twice in {what}", hint=f"the first is at line {self.loc(out[key][0]).line}"
                )
            if key not in allowed:
                close = suggest(key, list(allowed), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
                raise self.fail(k, f"unknown key {key!r} in {what}", hint=hint)
            out[key] = (k, v)
        missing = [k for k, required in allowed.items() if required and k not in out]
        if missing:
            raise self.fail(node, f"{what} lacks {', '.join(repr(m) for m in missing)}", hint=f"add {missing[0]}: ...")
        return out

    def scalar(self, node: Any, what: str) -> str:
        if not isinstance(node, self.Scalar):
            raise self.fail(node, f"{what} must be a single value, not {_kind(node)}")
        if node.value in _NULL_WORDS and not node.style and not self.src.text.startswith("!", node.start_mark.index):
            raise self.fail(node, f"{what} is empty")  # a plain null, untagged ("key:", "key: ~", "key: null")
        return str(node.value)

    def words(self, node: Any, what: str) -> str:
        value = self.scalar(node, what)
        if not value.strip():
            raise self.fail(node, f"{what} is empty")
        return value

    def integer(self, node: Any, what: str) -> int:
        value = self.scalar(node, what)
        if not re.fullmatch(r"[0-9]+", value.strip()) or int(value) < 1:
            raise self.fail(node, f"{what} must be a whole number from 1 up, not {value!r}")
        return int(value)

    def boolean(self, node: Any, what: str) -> bool:
        value = self.scalar(node, what).strip().lower()
        if value in ("true", "yes", "on"):
            return True
        if value in ("false", "no", "off"):
            return False
        raise self.fail(node, f"{what} must be true or false, not {value!r}")

    def sequence(self, node: Any, what: str) -> list[Any]:
        if not isinstance(node, self.Sequence):
            raise self.fail(node, f"{what} must be a list (lines starting with '- '), not {_kind(node)}")
        return list(node.value)

    def date(self, node: Any, what: str) -> date:
        value = self.scalar(node, what).strip()
        parsed = parse_date(value)
        if parsed is None:
            why = _why_not_a_date(value)
            raise self.fail(
                node,
                f"{what} {value!r} is not a date" + (f": {why}" if why else ""),
                hint="write it as 2003-01-30 or as written, e.g. January 30, 2003",
            )
        return parsed

    def paragraphs(self, node: Any, what: str) -> tuple[str, ...]:
        """Text: one string (blank lines part paragraphs) or a list of paragraphs."""
        items = self.sequence(node, what) if isinstance(node, self.Sequence) else [node]
        out: list[str] = []
        for item in items:
            out.extend(split_paragraphs(self.scalar(item, what)))
        return tuple(out)

    def address(self, node: Any, what: str) -> str:
        value = self.scalar(node, what)
        try:
            parse_address(value)
        except AgreementError as e:
            raise self.fail(node, f"{what}: {e.message}", hint=e.hint) from None
        return value

    # --- units -------------------------------------------------------------

    _CHILD_KEYS = {
        "sections": Kind.SECTION,
        "subsections": Kind.SUBSECTION,
        "clauses": Kind.CLAUSE,
        "definitions": Kind.DEFINITION,
    }

    MAX_DEPTH = 40

    def unit(self, node: Any, kind: Kind, what: str, *, number_required: bool = True, depth: int = 0) -> Unit:
        if depth > self.MAX_DEPTH:
            raise self.fail(
                node, f"units are nested more than {self.MAX_DEPTH} deep here", hint="check the indentation"
            )
        if kind is Kind.DEFINITION:
            return self.definition(node, what, depth=depth)
        keys = {
            "number": number_required,
            "heading": False,
            "text": False,
            "run_in": False,
            "text_line": False,
            **{k: False for k in self._CHILD_KEYS},
            "closing": False,
        }
        m = self.mapping(node, what, keys)
        number = self.scalar(m["number"][1], f"{what}: number").strip() if "number" in m else None
        if number == "":
            raise self.fail(m["number"][1], f"{what}: the number is empty", hint='write it as printed: "8.5", "(a)"')
        label = f"{what} {number}" if number else what
        heading = self.scalar(m["heading"][1], f"{label}: heading").strip() if "heading" in m else None
        text = self.paragraphs(m["text"][1], f"{label}: text") if "text" in m else ()
        present = [k for k in self._CHILD_KEYS if k in m]
        if len(present) > 1:
            raise self.fail(
                m[present[1]][0],
                f"{label} has both {present[0]!r} and {present[1]!r}",
                hint="a unit holds one list of parts; nest the others inside them",
            )
        children: tuple[Unit, ...] = ()
        if present:
            key = present[0]
            child_kind = self._CHILD_KEYS[key]
            children = tuple(
                self.unit(c, child_kind, key[:-1], depth=depth + 1) for c in self.sequence(m[key][1], f"{label}: {key}")
            )
            self.unique_labels(children, label)
        if "closing" in m:
            children = (*children, self.closing(m["closing"], children, label))
        run_in = self.boolean(m["run_in"][1], f"{label}: run_in") if "run_in" in m else False
        text_line = self.text_line(m["text_line"][1], label) if "text_line" in m else 1
        if not text and not children and heading is None:
            raise self.fail(node, f"{label} has no heading, text or parts", hint="add text: ...")
        return Unit(kind, number, heading, text, children, run_in=run_in, location=self.loc(node), text_line=text_line)

    def text_line(self, node: Any, label: str) -> int:
        """`text_line: 2`: the text begins on the second line of the unit, under its heading."""
        raw = self.scalar(node, f"{label}: text_line").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 20:
            raise self.fail(
                node,
                f"{label}: text_line must be a whole number from 1 to 20, not {raw!r}",
                hint="1 when the heading runs in on the number's line, 2 when it stands alone above the text",
            )
        return int(raw)

    def closing(self, item: tuple[Any, Any], children: tuple[Unit, ...], label: str) -> Unit:
        """`closing:`, the text after a unit's parts: its closing paragraph."""
        key, node = item
        if not children:
            raise self.fail(
                key,
                f"{label} has closing text but no parts for it to follow",
                hint="put the text in `text:`; `closing:` is the text after the unit's sections, subsections or clauses",
            )
        return Unit(Kind.PARAGRAPH, text=self.paragraphs(node, f"{label}: closing"), location=self.loc(node))

    def unique_labels(self, children: tuple[Unit, ...], label: str) -> None:
        seen: dict[str, Unit] = {}
        for c in children:
            if c.label is None:
                continue
            if c.label in seen:
                where = f" (the first at line {seen[c.label].location.line})" if seen[c.label].location else ""
                raise InputError(f"{label} has two parts numbered {c.number!r}{where}", location=c.location)
            seen[c.label] = c

    def definition(self, node: Any, what: str, depth: int = 0) -> Unit:
        if isinstance(node, self.Scalar):
            text = self.paragraphs(node, what)
            term, children = None, ()
        else:
            m = self.mapping(node, what, {"term": False, "text": True, "clauses": False})
            text = self.paragraphs(m["text"][1], f"{what}: text")
            term = self.scalar(m["term"][1], f"{what}: term").strip() if "term" in m else None
            children = (
                tuple(
                    self.unit(c, Kind.CLAUSE, "clause", depth=depth + 1)
                    for c in self.sequence(m["clauses"][1], "clauses")
                )
                if "clauses" in m
                else ()
            )
            self.unique_labels(children, what)
        found = quoted_term(text[0]) if text else None
        if found is None:
            raise self.fail(
                node,
                f"{what}: the text must begin with the term it defines, in quotes",
                hint=f'write it as it is printed: "{term or "Term"}" means ...',
            )
        if term is not None and term_key(term) != term_key(found):
            raise self.fail(
                node,
                f"{what}: `term` says {term!r} but the text defines {found!r}",
                hint="leave `term` out: the quoted term at the start of the text is the one defined",
            )
        return Unit(Kind.DEFINITION, None, None, text, children, term=found, location=self.loc(node))


def _kind(node: Any) -> str:
    name = type(node).__name__
    return {"MappingNode": "a mapping", "SequenceNode": "a list", "ScalarNode": f"the value {node.value!r}"}.get(
        name, name
    )


_PARA_BREAK = deferred(r"\n[ \t]*\n")


def split_paragraphs(value: str) -> list[str]:
    """Blank lines part paragraphs; a paragraph keeps its line breaks, not its indentation."""
    out = []
    for para in _PARA_BREAK.split(value.strip()):
        lines = [ln.strip() for ln in para.split("\n")]
        if any(lines):
            out.append("\n".join(ln for ln in lines if ln))
    return out


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_WRITTEN_DATE = deferred(
    r"(?:(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2}),?|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?,?)\s+(?P<y>\d{4})"
)


def parse_date(value: str) -> date | None:
    """An ISO date, or a date as lawyers write it: "February 21, 2002", "21 February 2002"."""
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = _WRITTEN_DATE.fullmatch(text)
    if not m:
        return None
    month = _MONTHS.get((m.group("m1") or m.group("m2")).casefold())
    try:
        return date(int(m.group("y")), month, int(m.group("d1") or m.group("d2"))) if month else None
    except ValueError:
        return None


def _why_not_a_date(value: str) -> str | None:
    """What is wrong with a date that has a date's shape: the month or the day."""
    import calendar

    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    written = _WRITTEN_DATE.fullmatch(value)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif written:
        name = written.group("m1") or written.group("m2")
        if name.casefold() not in _MONTHS:
            return f"{name!r} is not the name of a month"
        year, month, day = (
            int(written.group("y")),
            _MONTHS[name.casefold()],
            int(written.group("d1") or written.group("d2")),
        )
    else:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days" if not 1 <= day <= days else None


# --- agreements ----------------------------------------------------------------

_AGREEMENT_KEYS = {
    "id": True,
    "title": True,
    "date": True,
    "note": False,
    "source": False,
    "parties": False,
    "preamble": False,
    "recitals": False,
    "sections": True,
    "signatures": False,
    "exhibits": False,
    "amended_by": False,
}


def load_agreement(path: str) -> Agreement:
    """Read an agreement file (or "-" for standard input)."""

    return agreement_from(read_source(path))


def agreement_from(src: SourceText) -> Agreement:
    """An agreement from text already read, through the cache of parsed files."""
    from ..cache import cached

    return cached("agreement", src.name, src.text, lambda: read_agreement(src))


def _open(src: SourceText, what: str, keys: dict[str, bool]) -> tuple[_Reader, Any, dict[str, tuple[Any, Any]], str]:
    """Parse a file and check its top level and its id: what both kinds of file share."""
    r = _Reader(src)
    root = compose(src)
    # without these marks: no alias, no tag, and no control character (a raw one the parser
    # refuses; an escaped one needs a backslash)
    if "&" in src.text or "*" in src.text or "!" in src.text or "\\" in src.text:
        r.refuse_unsafe(root)
    m = r.mapping(root, what, keys)
    ident = r.scalar(m["id"][1], "id").strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._\-]*", ident):
        raise r.fail(
            m["id"][1],
            f"the id {ident!r} may hold only letters, digits, '.', '_' and '-'",
            hint=f"e.g. {re.sub(r'[^A-Za-z0-9._-]+', '-', ident).strip('-') or 'my-agreement'}",
        )
    return r, root, m, ident


def read_agreement(src: SourceText) -> Agreement:
    r, root, m, ident = _open(src, "the agreement", _AGREEMENT_KEYS)
    parts: list[Unit] = []
    if "preamble" in m:
        parts.append(
            Unit(Kind.PREAMBLE, text=r.paragraphs(m["preamble"][1], "preamble"), location=r.loc(m["preamble"][1]))
        )
    if "recitals" in m:
        parts.append(_recitals(r, m["recitals"][1]))
    sections = tuple(r.unit(n, Kind.SECTION, "section") for n in r.sequence(m["sections"][1], "sections"))
    if not sections:
        raise r.fail(m["sections"][1], "the agreement has no sections")
    _unique_sections(sections)
    parts.extend(sections)
    if "signatures" in m:
        parts.append(
            Unit(
                Kind.SIGNATURES, text=r.paragraphs(m["signatures"][1], "signatures"), location=r.loc(m["signatures"][1])
            )
        )
    if "exhibits" in m:
        parts.extend(r.unit(n, Kind.EXHIBIT, "exhibit") for n in r.sequence(m["exhibits"][1], "exhibits"))
    parties = tuple(_party(r, n) for n in r.sequence(m["parties"][1], "parties")) if "parties" in m else ()
    return Agreement(
        id=ident,
        title=r.scalar(m["title"][1], "title").strip(),
        date=r.date(m["date"][1], "date"),
        root=Unit(Kind.DOCUMENT, children=tuple(parts), location=r.loc(root)),
        parties=parties,
        note=r.scalar(m["note"][1], "note").strip() if "note" in m else None,
        location=r.loc(root),
        amended_by=_amended_by(r, m["amended_by"][1]) if "amended_by" in m else (),
    )


def _recitals(r: _Reader, node: Any) -> Unit:
    recitals = []
    for item in r.sequence(node, "recitals"):
        if isinstance(item, r.Scalar):
            recitals.append(Unit(Kind.RECITAL, text=r.paragraphs(item, "recital"), location=r.loc(item)))
            continue
        m = r.mapping(item, "a recital", {"number": False, "text": True, "clauses": False, "run_in": False})
        clauses = (
            tuple(r.unit(c, Kind.CLAUSE, "clause") for c in r.sequence(m["clauses"][1], "clauses"))
            if "clauses" in m
            else ()
        )
        r.unique_labels(clauses, "the recital")
        recitals.append(
            Unit(
                Kind.RECITAL,
                number=r.scalar(m["number"][1], "recital number").strip() if "number" in m else None,
                text=r.paragraphs(m["text"][1], "recital text"),
                children=clauses,
                run_in=r.boolean(m["run_in"][1], "run_in") if "run_in" in m else False,
                location=r.loc(item),
            )
        )
    return Unit(Kind.RECITALS, children=tuple(recitals), location=r.loc(node))


def _unique_sections(sections: tuple[Unit, ...]) -> None:
    """Section numbers and defined terms are each used once: an address must name one unit."""

    seen: dict[str, Unit] = {}
    terms: dict[str, Unit] = {}
    for s in sections:
        for _, u in walk(s):
            if u.kind is Kind.DEFINITION and u.term:
                first = terms.get(term_key(u.term))
                if first is not None:
                    raise InputError(
                        f'"{u.term}" is defined twice',
                        location=u.location,
                        hint=f"the first definition is at line {first.location.line}" if first.location else None,
                    )
                terms[term_key(u.term)] = u
            if u.kind is not Kind.SECTION or u.label is None:
                continue
            if u.label in seen:
                first = seen[u.label].location
                raise InputError(
                    f"two sections are numbered {u.label!r}",
                    location=u.location,
                    hint=f"the first is at line {first.line}" if first else None,
                )
            seen[u.label] = u


def _amended_by(r: _Reader, node: Any) -> tuple[WorkedIn, ...]:
    """The amendments a conformed copy already carries (written by `apply --format yaml`)."""
    done = []
    for item in r.sequence(node, "amended_by"):
        m = r.mapping(item, "an amendment worked in", {"id": True, "title": False, "sequence": False, "dated": False})
        text = {k: r.scalar(v, k).strip() for k, (_, v) in m.items() if k != "sequence"}
        sequence = r.integer(m["sequence"][1], "sequence") if "sequence" in m else None
        done.append(WorkedIn(text["id"], text.get("title"), sequence, text.get("dated")))
    return tuple(done)


def _party(r: _Reader, node: Any) -> Party:
    m = r.mapping(node, "a party", {"name": True, "short_name": False, "role": False, "description": False})
    get: Callable[[str], str | None] = lambda k: r.scalar(m[k][1], k).strip() if k in m else None  # noqa: E731
    return Party(name=get("name") or "", short_name=get("short_name"), role=get("role"), description=get("description"))


# --- amendments ----------------------------------------------------------------

_AMENDMENT_KEYS = {
    "id": True,
    "title": True,
    "amends": True,
    "sequence": True,
    "dated": True,
    "effective": False,
    "source": False,
    "note": False,
    "changes": True,
    "notes": False,
}


def load_amendment(path: str) -> Amendment:
    """Read an amendment file (or "-" for standard input)."""

    return amendment_from(read_source(path))


def amendment_from(src: SourceText) -> Amendment:
    """An amendment from text already read, through the cache of parsed files."""
    from ..cache import cached

    return cached("amendment", src.name, src.text, lambda: read_amendment(src))


def read_amendment(src: SourceText) -> Amendment:
    r, root, m, ident = _open(src, "the amendment", _AMENDMENT_KEYS)
    dated = r.scalar(m["dated"][1], "dated").strip()
    changes = tuple(_change(r, n, i) for i, n in enumerate(r.sequence(m["changes"][1], "changes"), 1))
    notes = tuple(_note(r, n) for n in r.sequence(m["notes"][1], "notes")) if "notes" in m else ()
    sequence = r.integer(m["sequence"][1], "sequence")
    return Amendment(
        id=ident,
        title=r.scalar(m["title"][1], "title").strip(),
        amends=r.scalar(m["amends"][1], "amends").strip(),
        sequence=sequence,
        dated=dated,
        date=r.date(m["dated"][1], "dated"),
        changes=changes,
        effective=r.date(m["effective"][1], "effective") if "effective" in m else None,
        notes=notes,
        file=src.name,
        location=r.loc(root),
        places=tuple((key, r.loc(value)) for key, (_, value) in m.items()),
    )


def _change(r: _Reader, node: Any, index: int) -> Change:
    from ..operations import REGISTRY

    what = f"change {index}"
    if not isinstance(node, r.Mapping):
        raise r.fail(node, f"{what} must be a mapping with an 'op'", hint=f"ops: {', '.join(REGISTRY)}")
    opnode = next((v for k, v in node.value if getattr(k, "value", None) == "op"), None)
    if opnode is None:
        raise r.fail(node, f"{what} has no 'op'", hint=f"ops: {', '.join(REGISTRY)}")
    opname = r.scalar(opnode, f"{what}: op").strip()
    if opname not in REGISTRY:
        close = suggest(opname, list(REGISTRY), n=1, cutoff=0.5)
        raise r.fail(
            opnode,
            f"unknown op {opname!r} in {what}",
            hint=f"did you mean {close[0]!r}?" if close else f"ops: {', '.join(REGISTRY)}",
        )
    op = REGISTRY[opname]
    allowed = {"op": True, "source": False, **{k: f.required for k, f in op.fields.items()}}
    try:
        m = r.mapping(node, f"{what} ({opname})", allowed)
    except InputError as e:
        e.details = (*e.details, f"a {opname} change looks like: {op.example}")
        raise
    for group in op.one_of:
        given = [g for g in group if g in m]
        if len(given) != 1:
            names = " or ".join(repr(g) for g in group)
            raise r.fail(
                node, f"{what} ({opname}) needs exactly one of {names}" + (f", not {len(given)}" if given else "")
            )
    for group in op.any_of:
        if not any(g in m for g in group):
            raise r.fail(node, f"{what} ({opname}) needs {' or '.join(repr(g) for g in group)}")
    if "conforming_note" in m and "as_conformed" not in m:
        raise r.fail(
            m["conforming_note"][0],
            f"{what} ({opname}) has a `conforming_note` but no `as_conformed` for it to explain",
            hint="give the words as they stand in the conformed copy in `as_conformed:`, or drop the note",
        )
    args: dict[str, object] = {}
    for key, field in op.fields.items():
        if key not in m:
            continue
        v = m[key][1]
        label = f"{what}: {key}"
        if field.type is FieldType.WORDS:
            args[key] = r.words(v, label)
        elif field.type is FieldType.ADDRESS:
            args[key] = r.address(v, label)
        elif field.type is FieldType.INT:
            args[key] = r.integer(v, label)
        elif field.type is FieldType.BOOL:
            args[key] = r.boolean(v, label)
        elif field.type is FieldType.ADDRESSES:
            args[key] = tuple(r.address(x, label) for x in r.sequence(v, label))
        elif field.type is FieldType.TERMS:
            args[key] = tuple(r.words(x, label).strip().strip("\"'\u201c\u201d") for x in r.sequence(v, label))
        elif field.type is FieldType.UNIT:
            args[key] = r.unit(v, Kind.SECTION, label, number_required=False)
        elif field.type is FieldType.DEFINITIONS:
            args[key] = tuple(r.definition(x, label) for x in r.sequence(v, label))
    source = r.scalar(m["source"][1], f"{what}: source").strip() if "source" in m else None
    return Change(opname, args, source, index, location=r.loc(node))


def _note(r: _Reader, node: Any) -> ProvisionNote:
    m = r.mapping(node, "a note", {"kind": True, "source": False, "text": True})
    kind_node = m["kind"][1]
    kind = r.scalar(kind_node, "kind").strip()
    kinds = [k.value for k in NoteKind]
    if kind not in kinds:
        close = suggest(kind, kinds, n=1)
        raise r.fail(
            kind_node,
            f"unknown kind of note {kind!r}",
            hint=f"did you mean {close[0]!r}?" if close else f"one of: {', '.join(kinds)}",
        )
    return ProvisionNote(
        NoteKind(kind),
        r.scalar(m["source"][1], "source").strip() if "source" in m else None,
        " ".join(r.scalar(m["text"][1], "text").split()),
        location=r.loc(node),
    )


# --- finding files ---------------------------------------------------------------


def find_agreement(arg: str) -> str:
    """A path as given, "-" for standard input, or an id looked up as agreements/<id>.yaml."""
    if arg == STDIN or FsPath(arg).exists():
        return arg
    for candidate in (FsPath("agreements") / f"{arg}.yaml", FsPath("agreements") / f"{arg}.yml"):
        if candidate.is_file():
            return str(candidate)
    known = sorted(p.stem for p in FsPath("agreements").glob("*.y*ml")) if FsPath("agreements").is_dir() else []
    close = suggest(arg, known, n=1)
    hint = (
        f"did you mean {close[0]!r}?"
        if close
        else (f"known ids: {', '.join(known)}" if known else "give the path of an agreement YAML file")
    )
    raise InputError(f"{arg}: no such file, and no agreement with that id under ./agreements", hint=hint)


def amendments_folder(agreement_path: str, ident: str) -> FsPath:
    """Where an agreement's amendments live: amendments/<id>/ beside its agreements/
    folder; for a file that is not in an agreements/ folder (a conformed copy saved
    anywhere), amendments/<id>/ beside the file itself; for standard input, under the
    working folder."""
    if agreement_path == STDIN:
        return FsPath("amendments") / ident
    folder = FsPath(agreement_path).resolve().parent
    if folder.name == "agreements":
        folder = folder.parent
    return folder / "amendments" / ident


def find_amendments(agreement_path: str, ident: str) -> list[str]:
    """The amendment files of an agreement, by file name (the engine orders them by
    sequence): YAML files and filed documents (compiled when read); not its subfolders."""
    folder = amendments_folder(agreement_path, ident)
    if not folder.is_dir():
        return []
    return [shown(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in AMENDMENT_FILES and p.is_file()]


AMENDMENT_FILES = frozenset({".yaml", ".yml", ".txt", ".htm", ".html", ".md", ".docx"})
"""What is read as an amendment when none is named: YAML, and the documents a reader takes."""


def shown(path: FsPath) -> str:
    """A path as a person reads it in messages: from the working folder when inside it."""
    try:
        return str(path.relative_to(FsPath.cwd()))
    except ValueError:
        return str(path)
