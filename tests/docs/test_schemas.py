"""The JSON Schemas describe the files the tool accepts: every example and fixture
validates, a broken file does not, and the committed schema files are the current ones."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from agreement.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = os.environ.get("AGREEMENT_REGENERATE") == "1"


def plain(data):
    """YAML as an editor's language server sees it: dates are strings."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


def load(path: Path):
    return plain(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_files_are_current(kind):
    path = ROOT / "schemas" / f"{kind}.schema.json"
    current = json.dumps(SCHEMAS[kind](), indent=2) + "\n"
    if REGENERATE:
        path.write_text(current, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == current, "regenerate: AGREEMENT_REGENERATE=1 pytest tests/docs"
    Draft202012Validator.check_schema(json.loads(current))


EXAMPLES = [("agreement", p) for p in sorted((ROOT / "agreements").glob("*.yaml"))] + [
    ("amendment", p) for p in sorted((ROOT / "amendments").glob("*/*.yaml"))
]


@pytest.mark.parametrize(("kind", "path"), EXAMPLES, ids=lambda x: getattr(x, "name", x))
def test_every_example_validates_and_names_its_schema(kind, path):
    Draft202012Validator(SCHEMAS[kind]()).validate(load(path))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first.split("=", 1)[1]).resolve() == ROOT / "schemas" / f"{kind}.schema.json"


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("test_operations", "AGREEMENT_YAML"),
        ("test_engine", "AGREEMENT_YAML"),
        ("test_check", "AGREEMENT"),
        ("test_load", "AGREEMENT"),
        ("test_cache", "AGREEMENT"),
    ],
)
def test_the_agreements_the_tests_build_validate(module, name):
    """The agreements the tests write as YAML strings are valid to the schema too."""
    import importlib

    text = getattr(importlib.import_module(f"tests.unit.{module}"), name)
    Draft202012Validator(SCHEMAS["agreement"]()).validate(plain(YAML(typ="safe").load(text)))


@pytest.mark.parametrize(
    ("kind", "broken"),
    [
        ("agreement", {"id": "x", "title": "T", "date": "2003-01-30", "sections": [], "heding": "X"}),
        ("agreement", {"id": "x", "title": "T", "date": "2003-01-30", "sections": [{"heading": "NO NUMBER"}]}),
        (
            "amendment",
            {
                "id": "a",
                "title": "T",
                "amends": "x",
                "sequence": 1,
                "dated": "2002",
                "changes": [{"op": "delete_word", "unit": "1", "words": "x"}],
            },
        ),
        (
            "amendment",
            {
                "id": "a",
                "title": "T",
                "amends": "x",
                "sequence": 1,
                "dated": "2002",
                "changes": [{"op": "insert_words", "unit": "1", "text": "x"}],
            },
        ),
    ],
)
def test_broken_files_do_not_validate(kind, broken):
    assert list(Draft202012Validator(SCHEMAS[kind]()).iter_errors(broken))
