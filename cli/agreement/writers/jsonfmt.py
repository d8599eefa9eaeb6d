"""JSON for scripts (`| jq`): the conformed tree, or one unit with its plain body.

Schemas are versioned by the `schema` key; a change that removes or renames a key
gets a new version.
"""

from __future__ import annotations

import json
from typing import Any

from ..address import address_of
from ..analyses.select import ConformedCopy, UnitView
from ..engine import AppliedChange
from ..model import Amendment, Path, Unit
from ..printed import body_text, flat

DOCUMENT_SCHEMA = "agreement.conformed/1"
UNIT_SCHEMA = "agreement.unit/1"


def _amendment(a: Amendment) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "sequence": a.sequence,
        "dated": a.dated,
        "date": a.date.isoformat(),
        "effective": a.effective.isoformat() if a.effective else None,
    }


def _unit(root: Unit, path: Path, unit: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": unit.kind.value, "address": address_of(root, path)}
    if unit.number is not None:
        out["number"] = unit.number
    if unit.heading is not None:
        out["heading"] = unit.heading
    if unit.term is not None:
        out["term"] = unit.term
    out["text"] = [flat(p) for p in unit.text]
    if unit.children:
        out["children"] = [_unit(root, (*path, i), c) for i, c in enumerate(unit.children)]
    return out


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_document(copy: ConformedCopy) -> str:
    a = copy.agreement
    root = a.root
    return _dump(
        {
            "schema": DOCUMENT_SCHEMA,
            "id": a.id,
            "title": a.title,
            "date": a.date.isoformat(),
            "note": a.note,
            "parties": [
                {"name": p.name, "short_name": p.short_name, "role": p.role, "description": p.description}
                for p in a.parties
            ],
            # a conformed copy read back: the amendments it already carried, before those applied
            **({"amended_by": [w._asdict() for w in a.amended_by]} if a.amended_by else {}),
            "amendments": [_amendment(x) for x in copy.amendments],
            "units": [_unit(root, (i,), u) for i, u in enumerate(root.children)],
        }
    )


def _made_by(applied: AppliedChange | None) -> dict[str, Any] | None:
    """The amendment and instruction that made a change, as the JSON formats cite it."""
    if applied is None:
        return None
    return {**_amendment(applied.amendment), "source": applied.change.source, "change": applied.change.index}


def render_unit(view: UnitView) -> str:
    u = view.unit
    return _dump(
        {
            "schema": UNIT_SCHEMA,
            "agreement": view.copy.agreement.id,
            "address": view.address,
            "kind": u.kind.value if u else None,
            "number": u.number if u else None,
            "heading": u.heading if u else None,
            "term": u.term if u else None,
            "text": body_text(u) if u else None,
            "deleted_by": _made_by(view.deleted_by),
            "amendments": [_amendment(x) for x in view.copy.amendments],
        }
    )


# --- redlines ----------------------------------------------------------------------------------

REDLINE_SCHEMA = "agreement.redline/1"


def render_redline(r, full: bool = False) -> str:
    """Every change: the unit, the part (caption or body), what went and what came, where
    (offsets into the part's older and newer text), and the instruction that made it.

    Applying each change's `old` -> `new` at `offset` in the older text, in order, gives
    the newer text; `new_offset` places the new words in the newer text.
    """
    from ..analyses.select import version_label
    from .redmarks import runs

    def version(i: int) -> dict[str, Any]:
        v = r.history.versions[i]
        return {"version": v.amendment.id if v.amendment else "original", "label": version_label(r.history, i)}

    changes = []
    units = []
    for unit in r.units if full else r.changed:
        texts = {}
        for part, segments in (("caption", unit.caption), ("body", unit.body)):
            old_at = new_at = 0
            old_text = new_text = ""
            for run in runs(segments):
                if run.op != "equal":
                    changes.append(
                        {
                            "unit": unit.address,
                            "status": unit.status,
                            "part": part,
                            "op": run.op,
                            "old": run.old,
                            "new": run.new,
                            "offset": old_at,
                            "new_offset": new_at,
                            "deleted_by": _made_by(run.deleted_by),
                            "inserted_by": _made_by(run.inserted_by),
                        }
                    )
                old_at += len(run.old)
                new_at += len(run.new)
                old_text += run.old
                new_text += run.new
            texts[part] = (old_text, new_text)
        units.append(
            {
                "unit": unit.address,
                "kind": unit.kind.value,
                "status": unit.status,
                "old": {"caption": texts["caption"][0], "body": texts["body"][0]} if unit.status != "added" else None,
                "new": {"caption": texts["caption"][1], "body": texts["body"][1]} if unit.status != "deleted" else None,
            }
        )
    return _dump(
        {
            "schema": REDLINE_SCHEMA,
            "agreement": r.history.original.agreement.id,
            "from": version(r.old),
            "to": version(r.new),
            "changes": changes,
            "units": units,
        }
    )
