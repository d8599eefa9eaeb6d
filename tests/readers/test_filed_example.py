"""The bundled example as it might have been filed: its YAML laid out as EDGAR plain
text (page markers, page numbers, indented first lines, the original line breaks),
read back by the text reader, gives the same conformed copy through both amendments as
the YAML does, line hints, run-in recital clauses and definitions included.

The layout is written here from the model, by rules of the filing format, not by the
tool's writers.
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from agreement.app import app
from agreement.model import Kind, Unit
from agreement.readers.yaml import load_agreement

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _indented(text: str, first: str = "     ") -> list[str]:
    lines = text.split("\n")
    return [first + lines[0], *lines[1:]]


def _caption(unit: Unit) -> str:
    number = unit.number + ("." if re.fullmatch(r"\d+", unit.number or "") else "")
    return f"{number}   {unit.heading}." if unit.heading else number


def _unit(unit: Unit, out: list[str]) -> None:
    if unit.kind is Kind.DEFINITION:
        for para in unit.text:
            out.extend([*_indented(para, "          "), ""])
        return
    paras = list(unit.text)
    if paras:
        out.extend([*_indented(f"{_caption(unit)} {paras[0]}"), ""])
        for para in paras[1:]:
            out.extend([*_indented(para), ""])
    else:
        out.extend([f"     {_caption(unit)}", ""])
    for child in unit.children:
        _unit(child, out)


def filed(path: Path) -> str:
    a = load_agreement(str(path))
    out = ["<PAGE>", "", " " * 60 + "EXHIBIT 10.1", "", " " * 25 + a.title.upper(), ""]
    page = 1
    for part in a.root.children:
        if part.kind is Kind.PREAMBLE:
            for para in part.text:
                out.extend([*_indented(para), ""])
        elif part.kind is Kind.RECITALS:
            for r in part.children:
                text = list(r.text)
                if r.run_in:
                    text[0] = " ".join([text[0], *(f"{c.number} {c.text[0]}" for c in r.children)])
                for para in text:
                    out.extend([*_indented(para), ""])
        elif part.kind is Kind.SIGNATURES:
            for para in part.text:
                out.extend([*(" " * 30 + line for line in para.split("\n")), ""])
        else:
            _unit(part, out)
            out.extend([" " * 38 + f"-{page}-", "<PAGE>", ""])
            page += 1
    return "\n".join(out) + "\n"


def test_the_example_as_filed_conforms_as_its_yaml_does(tmp_path, monkeypatch):
    (tmp_path / "agreements").mkdir()
    document = tmp_path / "agreements" / "symphony-exchange.txt"
    document.write_text(filed(ROOT / "agreements" / "symphony-exchange.yaml"))
    amendments = sorted(str(p) for p in (ROOT / "amendments" / "symphony-exchange").glob("*.yaml"))
    monkeypatch.chdir(tmp_path)
    from_text = runner.invoke(app, ["apply", str(document), *amendments])
    assert from_text.exit_code == 0, from_text.output
    from_yaml = runner.invoke(app, ["apply", str(ROOT / "agreements" / "symphony-exchange.yaml"), *amendments])
    assert from_yaml.exit_code == 0, from_yaml.output
    assert from_text.stdout == from_yaml.stdout
    clause = runner.invoke(app, ["show", str(document), *amendments, "--section", "recitals(a)"])
    assert clause.exit_code == 0 and '(the "NOTES")' not in clause.stdout
