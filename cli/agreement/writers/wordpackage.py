"""The Word package around a document body, with lxml and zipfile alone.

A .docx is a zip of XML parts. The redline is written straight into the document
part's body (docx.py), so python-docx (a third of a second's worth of imports and
template loading on a large redline) is not needed to make it: this module opens the
same default template python-docx opens, and saves the package as python-docx saves
it (the same parts, in the same order, serialized alike), so that the bytes are those
`Document()` ... `save` would give. tests/unit/test_word_package.py proves it against
python-docx itself.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FASTEST = 1  # zlib's level: see WordPackage.save
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
# The parts python-docx reads into XML (and so writes back re-serialized); every other
# part it copies byte for byte.
_XML_PARTS = frozenset(
    {
        _CORE,
        _MAIN,
        _STYLES,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    }
)
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def _parser() -> etree.XMLParser:
    """As python-docx parses a part: blank text between elements dropped, no entities."""
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _xml(element) -> bytes:
    """A part's bytes as python-docx writes them: UTF-8, standalone, not indented."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


class _Part(NamedTuple):
    name: str  # the part's name in the zip: word/document.xml
    content_type: str
    blob: bytes  # as the template holds it
    rels: bytes | None  # its relationships, as python-docx writes them, or None


class _Template(NamedTuple):
    parts: tuple[_Part, ...]  # in the order python-docx writes them
    package_rels: bytes
    content_types: bytes


@lru_cache(maxsize=1)
def _template() -> _Template:
    """python-docx's default template, its parts in python-docx's order (a depth-first
    walk of the relationships, each part once), found without importing python-docx."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("docx")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("python-docx is not installed (pip install python-docx)")
    path = Path(next(iter(spec.submodule_search_locations))) / "templates" / "default.docx"
    with zipfile.ZipFile(path) as z:
        members = {name: z.read(name) for name in z.namelist()}
    types = etree.fromstring(members["[Content_Types].xml"], _parser())
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(_CT + "Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(_CT + "Override")}

    def rels_name(name: str) -> str:
        folder, base = posixpath.split(name)
        return posixpath.join(folder, "_rels", base + ".rels")

    def targets(name: str) -> list[str]:
        data = members.get(rels_name(name))
        if data is None:
            return []
        folder = posixpath.dirname(name)
        return [
            posixpath.normpath(posixpath.join(folder, r.get("Target")))
            for r in etree.fromstring(data, _parser())
            if r.get("TargetMode") != "External"
        ]

    parts: list[_Part] = []
    seen: set[str] = set()

    def walk(source: str) -> None:
        for name in targets(source):
            if name in seen:
                continue
            seen.add(name)
            content_type = overrides.get("/" + name) or defaults[posixpath.splitext(name)[1][1:].lower()]
            rels = members.get(rels_name(name))
            parts.append(
                _Part(name, content_type, members[name], _xml(etree.fromstring(rels, _parser())) if rels else None)
            )
            walk(name)

    walk("")
    package_rels = _xml(etree.fromstring(members["_rels/.rels"], _parser()))
    return _Template(tuple(parts), package_rels, _content_types(parts, defaults))


def _content_types(parts: list[_Part], defaults: dict[str, str]) -> bytes:
    """[Content_Types].xml as python-docx makes it: a Default for rels and xml and for each
    extension whose parts all have its usual type, an Override for every other part;
    each sorted."""
    chosen = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
    }
    override: dict[str, str] = {}
    for part in parts:
        ext = posixpath.splitext(part.name)[1][1:]
        if defaults.get(ext.lower()) == part.content_type:
            chosen[ext] = part.content_type
        else:
            override["/" + part.name] = part.content_type
    root = etree.Element(_CT + "Types", nsmap={None: _CT[1:-1]})
    for ext in sorted(chosen):
        etree.SubElement(root, _CT + "Default", Extension=ext, ContentType=chosen[ext])
    for name in sorted(override):
        etree.SubElement(root, _CT + "Override", PartName=name, ContentType=override[name])
    return _xml(root)


class WordDocument:
    """A new document from the default template: its body to write into, its styles and
    core properties set as docx.py's documents have them."""

    def __init__(self, title: str, subject: str, *, author: str, comments: str, created: str) -> None:
        template = _template()
        self._xml: dict[str, etree._Element] = {
            p.name: etree.fromstring(p.blob, _parser()) for p in template.parts if p.content_type in _XML_PARTS
        }
        by_type = {p.content_type: p.name for p in template.parts}
        self._main = by_type[_MAIN]
        self.document = self._xml[self._main]
        self._appended: list[str] = []
        self.body = self.document.find(W + "body")
        self._normal_font(self._xml[by_type[_STYLES]])
        core = self._xml[by_type[_CORE]]
        for tag, value in (
            ("dc:title", title),
            ("dc:subject", subject),
            ("dc:creator", author),
            ("dc:description", comments),
            ("cp:lastModifiedBy", author),
            ("cp:revision", "1"),
            ("dcterms:created", created),
            ("dcterms:modified", created),
        ):
            prefix, local = tag.split(":")
            element = core.find(f"{{{_CORE_NS[prefix]}}}{local}")
            if element is None:  # pragma: no cover - the template has every one
                raise ValueError(f"the Word template has no {tag}")
            element.text = value

    @staticmethod
    def _normal_font(styles) -> None:
        """The Normal style in Times New Roman, 12 points (w:sz counts half points)."""
        normal = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Normal")
        if normal.find(W + "rPr") is not None:  # pragma: no cover - the template has none
            raise ValueError("the Word template's Normal style already sets a font")
        rpr = etree.SubElement(normal, W + "rPr")
        etree.SubElement(rpr, W + "rFonts", {W + "ascii": "Times New Roman", W + "hAnsi": "Times New Roman"})
        etree.SubElement(rpr, W + "sz", {W + "val": "24"})

    def append_xml(self, xml: str) -> None:
        """Paragraphs already written as XML, exactly as lxml would write them (prefix w:),
        for the end of the body, after any made as elements: they are spliced into the
        saved document part, before the body's section properties."""
        self._appended.append(xml)

    def _document_part(self) -> bytes:
        data = _xml(self.document)
        if not self._appended:
            return data
        body = self.document.find(W + "body")
        last = body[-1] if len(body) else None
        # the body's own section properties close it: text never holds a raw "<"
        at = data.rfind(b"<w:sectPr" if last is not None and last.tag == W + "sectPr" else b"</w:body>")
        return data[:at] + "".join(self._appended).encode("utf-8") + data[at:]

    def save(self) -> bytes:
        """The package's bytes, every zip entry dated alike, so the same inputs give the
        same bytes. The document's text is deflated at zlib's fastest level: on a 1.6 MB
        redline the default level took 49 ms against 13, for a part a quarter larger (344 KB
        against 266), and Word reads either alike; the template's parts, small and the
        same each time, at the default."""
        template = _template()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:

            def put(name: str, data: bytes, level: int | None = None) -> None:
                fixed = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o644 << 16
                dst.writestr(fixed, data, compresslevel=level)

            put("[Content_Types].xml", template.content_types)
            put("_rels/.rels", template.package_rels)
            for part in template.parts:
                element = self._xml.get(part.name)
                if part.name == self._main:
                    put(part.name, self._document_part(), _FASTEST)
                else:
                    put(part.name, _xml(element) if element is not None else part.blob)
                if part.rels is not None:
                    put(
                        posixpath.join(posixpath.dirname(part.name), "_rels", posixpath.basename(part.name) + ".rels"),
                        part.rels,
                    )
        return out.getvalue()
