"""How much a redline changed, per unit and per instruction: the figures the `--stat`
summary prints (stat.py) and the html redline's tables show (html.py), counted once."""

from __future__ import annotations

from ..analyses.redline import DELETE, INSERT, Redline
from .redmarks import cite


def rows(r: Redline) -> tuple[list[dict], list[dict]]:
    """Per unit, in document order: status, words deleted and inserted, edits; per
    instruction (an amendment's section, cited as `cite` cites it), by amendment and then
    by its place in the amendment: the units it changed and the words."""
    units = []
    by_change: dict[str, dict] = {}
    first: dict[str, tuple[int, int]] = {}  # the amendment and the place in it of each instruction
    for u in r.changed:
        deleted = inserted = 0
        edits = 0
        for s in u.segments:
            if s.op in (DELETE, INSERT):
                n = len(s.text.split())
                edits += 1
                if s.op == DELETE:
                    deleted += n
                else:
                    inserted += n
                if s.change is not None:
                    key = cite(s.change)
                    row = by_change.setdefault(key, {"instruction": key, "units": [], "deleted": 0, "inserted": 0})
                    row["deleted" if s.op == DELETE else "inserted"] += n
                    if u.address not in row["units"]:
                        row["units"].append(u.address)
                    at = (s.change.amendment.sequence, s.change.change.index)
                    first[key] = min(first.get(key, at), at)
        units.append({"unit": u.address, "status": u.status, "edits": edits, "deleted": deleted, "inserted": inserted})
    # in the order the amendments were signed and their instructions given, not the document's
    return units, sorted(by_change.values(), key=lambda row: first[row["instruction"]])


def total(units: list[dict]) -> str:
    """The closing line: "5 units changed, 10 words deleted, 245 inserted"."""
    deleted, inserted = sum(u["deleted"] for u in units), sum(u["inserted"] for u in units)
    return f"{len(units)} unit{'s' if len(units) != 1 else ''} changed, {deleted} words deleted, {inserted} inserted"
