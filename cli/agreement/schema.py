"""JSON Schemas of the two YAML formats, for editors (yaml-language-server) and tools.

Built from the same tables the loader checks against, and from each operation's
declared fields, so the schemas cannot drift from what the tool accepts. The loader
stays the authority: it also checks what a schema cannot say (one term a definition,
numbers unique, words that must stand in the agreement).
"""

from __future__ import annotations

from typing import Any

from .model import NoteKind
from .operations import REGISTRY, FieldType

SCHEMA = "https://json-schema.org/draft/2020-12/schema"

_TEXT: dict[str, Any] = {
    "description": "a paragraph, or several parted by blank lines; or a list of paragraphs",
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
}
_SCALAR = {"type": ["string", "number"]}  # numbers are kept as written: "13.4", 13.4


def _unit(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "number": {**_SCALAR, "description": 'as printed: "13.4", "(a)"'},
            "heading": {"type": "string"},
            "text": {"$ref": "#/$defs/text"},
            "run_in": {"type": "boolean", "description": "its parts run on in its paragraph"},
            "text_line": {
                "type": "integer",
                "minimum": 1,
                "maximum": 20,
                "description": "the line, counted from its number's, on which its text begins (2: heading alone above)",
            },
            "sections": {"type": "array", "items": {"$ref": ref}},
            "subsections": {"type": "array", "items": {"$ref": ref}},
            "clauses": {"type": "array", "items": {"$ref": ref}},
            "definitions": {"type": "array", "items": {"$ref": "#/$defs/definition"}},
            "closing": {
                "$ref": "#/$defs/text",
                "description": "text after its parts, flush with the unit (its closing paragraph)",
            },
        },
    }


def _definition() -> dict[str, Any]:
    return {
        "description": 'a text beginning with the quoted term ("Notes" means ...), or {term, text}',
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["text"],
                "properties": {
                    "term": {"type": "string"},
                    "text": {"$ref": "#/$defs/text"},
                    "clauses": {"type": "array", "items": {"$ref": "#/$defs/numbered"}},
                },
            },
        ],
    }


def _defs() -> dict[str, Any]:
    numbered = _unit("#/$defs/numbered")
    numbered["required"] = ["number"]
    return {
        "text": _TEXT,
        "unit": _unit("#/$defs/numbered"),
        "numbered": numbered,
        "definition": _definition(),
    }


def agreement() -> dict[str, Any]:
    recital = {
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["text"],
                "properties": {
                    "number": _SCALAR,
                    "text": {"$ref": "#/$defs/text"},
                    "run_in": {"type": "boolean"},
                    "clauses": {"type": "array", "items": {"$ref": "#/$defs/numbered"}},
                },
            },
        ]
    }
    return {
        "$schema": SCHEMA,
        "title": "agreement: an agreement file (agreements/<id>.yaml)",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "date", "sections"],
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
            "title": {"type": "string"},
            "date": {"type": "string", "description": "2003-01-30, or as written: January 30, 2003"},
            "note": {"type": "string"},
            "source": {"type": "string"},
            "parties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
                    "properties": {k: {"type": "string"} for k in ("name", "short_name", "role", "description")},
                },
            },
            "preamble": {"$ref": "#/$defs/text"},
            "recitals": {"type": "array", "items": recital},
            "sections": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/numbered"}},
            "signatures": {"$ref": "#/$defs/text"},
            "exhibits": {"type": "array", "items": {"$ref": "#/$defs/numbered"}},
            "amended_by": {
                "description": "written by apply --format yaml: the amendments a conformed copy carries",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "sequence": {"type": "integer"},
                        "dated": _SCALAR,
                    },
                },
            },
        },
        "$defs": _defs(),
    }


_FIELD: dict[FieldType, dict[str, Any]] = {
    FieldType.WORDS: {"type": "string", "minLength": 1},
    FieldType.ADDRESS: {"type": ["string", "number"], "description": '"13.4", "recitals(a)", "definition:Notes"'},
    FieldType.INT: {"type": "integer", "minimum": 1},
    FieldType.BOOL: {"type": "boolean"},
    FieldType.ADDRESSES: {"type": "array", "items": {"type": ["string", "number"]}},
    FieldType.TERMS: {"type": "array", "items": {"type": "string"}},
    FieldType.UNIT: {"$ref": "#/$defs/unit"},
    FieldType.DEFINITIONS: {"type": "array", "items": {"$ref": "#/$defs/definition"}},
}


def _change(name: str) -> dict[str, Any]:
    op = REGISTRY[name]
    properties: dict[str, Any] = {"op": {"const": name}, "source": {"type": "string"}}
    for key, field in op.fields.items():
        properties[key] = {**_FIELD[field.type], **({"description": field.help} if field.help else {})}
    out: dict[str, Any] = {
        "title": name,
        "description": op.summary,
        "type": "object",
        "additionalProperties": False,
        "required": ["op", *(k for k, f in op.fields.items() if f.required)],
        "properties": properties,
    }
    groups = [{"oneOf": [{"required": [k]} for k in g]} for g in op.one_of]
    groups += [{"anyOf": [{"required": [k]} for k in g]} for g in op.any_of]
    if groups:
        out["allOf"] = groups
    return out


def amendment() -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": "agreement: an amendment file (amendments/<agreement id>/<NNN>-<slug>.yaml)",
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "amends", "sequence", "dated", "changes"],
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
            "title": {"type": "string"},
            "amends": {"type": "string"},
            "sequence": {"type": "integer", "minimum": 1},
            "dated": {"type": "string", "description": "as written: February 21, 2002; or 2002-02-21"},
            "effective": {"type": "string"},
            "source": {"type": "string"},
            "note": {"type": "string"},
            "changes": {"type": "array", "items": {"oneOf": [{"$ref": f"#/$defs/op-{n}"} for n in REGISTRY]}},
            "notes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["kind", "text"],
                    "properties": {
                        "kind": {"enum": [k.value for k in NoteKind]},
                        "source": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
            },
        },
        "$defs": {**_defs(), **{f"op-{n}": _change(n) for n in REGISTRY}},
    }


SCHEMAS = {"agreement": agreement, "amendment": amendment}
