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
        pytest.skip(f"regenerated {path.name}")
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


VALID = {
    "agreement": {"id": "x", "title": "T", "date": "2003-01-30", "sections": [{"number": "1", "heading": "H"}]},
    "amendment": {
        "id": "a",
        "title": "T",
        "amends": "x",
        "sequence": 1,
        "dated": "2002",
        "changes": [{"op": "delete_words", "unit": "1", "words": "x"}],
    },
}


def _messages(errors) -> list[str]:
    """Every message of the errors, with those of the alternatives each one tried."""
    return [m for e in errors for m in (e.message, *_messages(e.context))]


@pytest.mark.parametrize(
    ("kind", "defect", "expected"),
    [
        ("agreement", {"heding": "X"}, "'heding' was unexpected"),
        ("agreement", {"sections": [{"heading": "NO NUMBER"}]}, "'number' is a required property"),
        ("amendment", {"changes": [{"op": "delete_word", "unit": "1", "words": "x"}]}, "'delete_words' was expected"),
        (
            "amendment",
            {"changes": [{"op": "insert_words", "unit": "1", "text": "x"}]},
            "'after' is a required property",
        ),
    ],
)
def test_broken_files_do_not_validate_for_their_one_fault(kind, defect, expected):
    validator = Draft202012Validator(SCHEMAS[kind]())
    assert not list(validator.iter_errors(VALID[kind]))  # the fault is the only one
    assert any(expected in m for m in _messages(validator.iter_errors({**VALID[kind], **defect})))
