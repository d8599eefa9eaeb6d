"""Readers of redline formats, for tests: accept or reject every change.

Written independently of the writers, from the formats' definitions: git's word-diff
marks, CriticMarkup, the JSON schema, and OOXML revision marks.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

TEXT_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)
CRITIC = re.compile(r"\{--(.*?)--\}|\{\+\+(.*?)\+\+\}|\{~~(.*?)~>(.*?)~~\}|\{>>.*?<<\}", re.S)


def blocks(text: str) -> list[str]:
    """Paragraphs, with the empty ones a resolved deletion or insertion leaves dropped."""
    return [b for b in text.split("\n\n") if b.strip()]


def text_redline(output: str, accept: bool) -> list[str]:
    body = output.split("\n\n", 1)[1]  # the header block
    body = "\n".join(line for line in body.split("\n") if not line.startswith("@@ "))
    resolved = TEXT_MARK.sub(lambda m: (m.group(2) or "") if accept else (m.group(1) or ""), body)
    return blocks(resolved.rstrip("\n"))


def resolve_critic(text: str, accept: bool) -> str:
    """The text with every CriticMarkup change accepted (or rejected) and comments dropped."""

    def one(m: re.Match) -> str:
        deleted, inserted, old, new = m.groups()
        if old is not None:
            return new if accept else old
        if deleted is not None:
            return "" if accept else deleted
        if inserted is not None:
            return inserted if accept else ""
        return ""  # a comment

    return CRITIC.sub(one, text)


def critic(output: str, accept: bool) -> list[str]:
    body = output.split("\n\n", 2)[2]  # title and versions
    body = "\n".join(line for line in body.split("\n") if not line.startswith("<!-- "))
    return blocks(resolve_critic(body, accept).rstrip("\n"))


def json_redline(output: str) -> dict:
    return json.loads(output)


def apply_json_changes(old: str, changes: list[dict]) -> str:
    """Replay a unit part's changes (offsets into the older text) to get the newer text."""
    out, at = [], 0
    for c in sorted(changes, key=lambda c: c["offset"]):
        assert old[c["offset"] : c["offset"] + len(c["old"])] == c["old"], c
        out.append(old[at : c["offset"]])
        out.append(c["new"])
        at = c["offset"] + len(c["old"])
    out.append(old[at:])
    return "".join(out)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(data: bytes, accept: bool) -> list[str]:
    """The document's paragraphs with every tracked change accepted (or rejected).

    A paragraph whose mark is removed (an inserted mark on rejecting, a deleted one on
    accepting) runs on into the next paragraph, as in Word.
    """
    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    root = etree.fromstring(xml)
    drop, keep = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
    out: list[str] = []
    carry = ""
    for p in root.iter(W + "p"):
        text = []
        for el in p.iter(W + "t", W + "delText", W + "br"):
            owners = {a.tag for a in el.iterancestors() if a.tag in (W + "ins", W + "del")}
            in_mark = any(
                a.tag == W + "rPr" and a.getparent() is not None and a.getparent().tag == W + "pPr"
                for a in el.iterancestors()
            )
            if in_mark or drop in owners:
                continue
            text.append("\n" if el.tag == W + "br" else (el.text or ""))
        mark = p.find(f"{W}pPr/{W}rPr")
        removed = mark is not None and mark.find(drop) is not None
        carry += "".join(text)
        if removed:
            continue
        out.append(carry)
        carry = ""
    if carry:
        out.append(carry)
    del keep
    return [t for t in out if t.strip()]
