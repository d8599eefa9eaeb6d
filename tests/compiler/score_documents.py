"""Score the compiler on the corpus of amendments as filed (tests/compiler/documents/).

Each case is a base agreement as a document (tests/readers/fixtures/<base>.txt, .htm, .md
or .docx: whichever is there) and one
or more amendment documents, applied in order; its expected.yaml gives, for each
amendment, the units each instruction touches and every touched unit as a lawyer
conformed it by hand. The tool itself does the work: `agreement compile` reads each
document against the agreement as amended so far (the earlier amendments, as compiled,
sit in amendments/<base>/ of a scratch folder), and `agreement show --format json` gives
each unit after it. Every unit of the agreement is compared, not only the touched ones:
a unit the expected text does not change must come out unchanged.

Each touched unit, and each instruction, comes out as one of:

- right: exactly the text conformed by hand;
- finding: the compiler listed an instruction touching it as needing review (or the
  compiler failed outright, which refuses too but is a bug: shown as CRASH);
- WRONG WITHOUT A FINDING: it differs and nothing said so. The issue's property is that
  there are none.

An instruction that compiled, in a unit another instruction's finding leaves unsettled,
is applied alone: each change it makes must be one the hand-conformed text makes too
(else it is WRONG: it would have been applied, unreviewed, once the other instruction is
read); when it is, it stays "unverified".

Run it from the repository root: `python tests/compiler/score_documents.py [CASE...]`.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "compiler" / "documents"
FIXTURES = ROOT / "tests" / "readers" / "fixtures"

RIGHT, FINDING, CRASH, WRONG = "right", "finding", "CRASH", "WRONG WITHOUT A FINDING"
UNVERIFIED = "unverified"
"""An instruction that compiled, whose unit another instruction's finding leaves unsettled."""


@dataclass
class Instruction:
    """One instruction of an amendment, as the corpus cites it, and how it came out."""

    amendment: str
    source: str
    units: list[str]
    status: str = RIGHT
    reason: str = ""


@dataclass
class Unit:
    """One unit an amendment touches (or should have left alone), and how it came out."""

    amendment: str
    address: str
    status: str
    expected: object = None
    got: object = None


@dataclass
class Score:
    """What one case (a base and its amendments in order) came to."""

    case: str
    documents: int = 0
    instructions: list[Instruction] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Anything else worth a reader's eye: notes that became changes, sources not in the corpus."""

    @property
    def wrong(self) -> int:
        return sum(u.status == WRONG for u in self.units) + sum(i.status == WRONG for i in self.instructions)

    @property
    def fully_compiled(self) -> bool:
        return all(i.status in (RIGHT, WRONG) for i in self.instructions)


def cases(corpus: Path = CORPUS) -> list[str]:
    """The cases of the corpus: each folder with an expected.yaml."""
    return sorted(p.parent.name for p in corpus.glob("*/expected.yaml"))


def load(case: str, corpus: Path = CORPUS) -> dict:
    return YAML(typ="safe").load((corpus / case / "expected.yaml").read_text(encoding="utf-8"))


BASE_FORMS = (".txt", ".htm", ".md", ".docx")
"""The forms a base agreement of the corpus is filed in, as the readers take them."""


def base_document(base: str) -> Path:
    """The base agreement as filed: the one fixture named `base` in a form a reader takes."""
    found = [FIXTURES / f"{base}{ext}" for ext in BASE_FORMS if (FIXTURES / f"{base}{ext}").is_file()]
    if len(found) != 1:
        raise FileNotFoundError(f"base {base!r}: expected one of {BASE_FORMS} in {FIXTURES}, found {found}")
    return found[0]


def _run(*args: str):
    from agreement.app import app

    return CliRunner().invoke(app, list(args))


def _covers(cited: str, mine: str) -> bool:
    """Does the compiler's citation `cited` name the corpus's instruction `mine` or a
    provision containing it ("Section 1" covers "Section 1(a)", and the reverse)?"""
    a, b = cited.strip(), mine.strip()
    return a == b or b.startswith(a + "(") or a.startswith(b + "(") or b.startswith(a + ".") or a.startswith(b + ".")


def _units(conformed: dict) -> Iterator[str]:
    """The addresses a conformed copy is compared by: preamble, recitals, exhibits and
    every section with no sections below it (a section's text holds its parts)."""

    def walk(units: list[dict]) -> Iterator[str]:
        for u in units:
            kids = u.get("children") or []
            if u["kind"] in ("preamble", "recitals", "exhibit"):
                yield u["address"]
            elif u["kind"] == "section" and not any(k["kind"] == "section" for k in kids):
                yield u["address"]
            elif u["kind"] == "section":
                yield from walk(kids)

    yield from walk(conformed["units"])


def _shown(agreement: Path, address: str, amendments: tuple[Path, ...] = ()) -> dict | None:
    """The unit as `show --format json` gives it: {heading, text}, or None where it is gone.
    Without `amendments`, those under amendments/<id>/ beside the agreement apply."""
    done = _run("show", str(agreement), *map(str, amendments), "--section", address, "--format", "json")
    if done.exit_code == 5:
        return None
    if done.exit_code != 0:
        raise RuntimeError(f"show {address}: exit {done.exit_code}: {done.stderr or done.stdout}")
    data = json.loads(done.stdout)
    if data.get("text") is None:
        return None  # deleted in its entirety (a unit reserved keeps its "[Reserved]")
    return {"heading": data["heading"], "text": data["text"]}


def _matches(expected: object, got: dict | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, str):
        return got["text"] == expected
    return all(got.get(k) == v for k, v in expected.items())


def _state(agreement: Path) -> dict[str, dict | None]:
    done = _run("apply", str(agreement), "--format", "json")
    if done.exit_code != 0:
        raise RuntimeError(f"apply: exit {done.exit_code}: {done.stderr}")
    return {a: _shown(agreement, a) for a in _units(json.loads(done.stdout))}


def score(case: str, corpus: Path = CORPUS) -> Score:
    """Apply the case's amendments in order with the tool and compare every unit."""
    spec = load(case, corpus)
    out = Score(case, documents=len(spec["amendments"]))
    scratch = Path(tempfile.mkdtemp(prefix=f"agreement-corpus-{case}-"))
    try:
        filed = base_document(spec["base"])
        base = scratch / filed.name
        shutil.copyfile(filed, base)
        folder = scratch / "amendments" / spec["base"]
        folder.mkdir(parents=True)
        before = _state(base)
        want: dict[str, object] = {
            a: (None if v is None else {"heading": v["heading"], "text": v["text"]}) for a, v in before.items()
        }
        unsettled: dict[str, str] = {}  # unit -> why it cannot be checked (a finding touches it)
        prior = before
        for k, stage in enumerate(spec["amendments"], start=1):
            want_prior = dict(want)
            stage_yaml = folder / f"{k:03d}-{Path(stage['document']).stem}.yaml"
            doc = corpus / case / stage["document"]
            mine = [
                Instruction(stage["document"], s, [str(u) for u in units]) for s, units in stage["instructions"].items()
            ]
            out.instructions.extend(mine)
            report = _run("compile", str(doc), "--agreement", str(base), "--report", "json")
            if report.exit_code not in (0, 11):
                why = (report.stderr or "").strip().splitlines()[:1] or [repr(report.exception)]
                for i in mine:
                    i.status, i.reason = CRASH, f"exit {report.exit_code}: {why[0]}"
                    for u in i.units:
                        unsettled[u] = f"{CRASH}: {i.source}"
            else:
                data = json.loads(report.stdout)
                _judge_compiled(out, stage, mine, data, unsettled)
                written = _run("compile", str(doc), "--agreement", str(base), "-o", str(stage_yaml))
                if written.exit_code not in (0, 11):
                    raise RuntimeError(f"compile -o {doc.name}: exit {written.exit_code}: {written.stderr}")
            for address, text in (stage.get("expected") or {}).items():
                want[str(address)] = text
            after = _state(base)
            touched = {str(a) for a in (stage.get("expected") or {})}
            for address in sorted(set(after) | set(want) | touched):
                got, expected = after.get(address), want.get(address)
                if address not in touched and (_matches(expected, got) or address in unsettled):
                    continue  # left alone, as it should be (or counted with the amendment whose finding it awaits)
                if _matches(expected, got):
                    status = RIGHT
                elif address in unsettled:
                    status = CRASH if unsettled[address].startswith(CRASH) else FINDING
                else:
                    status = WRONG
                out.units.append(Unit(stage["document"], address, status, expected, got))
            for i in mine:
                if i.status != RIGHT:
                    continue
                states = {u.status for u in out.units if u.amendment == stage["document"] and u.address in i.units}
                if WRONG in states:
                    i.status = WRONG
                elif states - {RIGHT}:
                    i.status, i.reason = UNVERIFIED, "its unit also awaits an instruction needing review"
                    wrong = _alone(base, stage_yaml, i, prior, want_prior, want)
                    if wrong is not None:
                        i.status, i.reason = (WRONG, wrong) if wrong else (i.status, i.reason + "; alone, it agrees")
            prior = after
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def _alone(base: Path, stage_yaml: Path, i: Instruction, prior: dict, want_prior: dict, want: dict) -> str | None:
    """An instruction that compiled but whose unit another instruction's finding leaves
    unsettled, applied alone: '' when each change it makes is one the hand-conformed text
    makes too, the reason when not, None when it cannot be told (nothing compiled from it,
    or its unit already differs before the amendment)."""
    yaml = YAML()
    data = yaml.load(stage_yaml.read_text(encoding="utf-8"))
    changes = [c for c in data.get("changes") or [] if _covers(str(c.get("source", "")), i.source)]
    if not changes:
        return None
    data["changes"] = changes
    only = stage_yaml.parent.parent / f"alone-{stage_yaml.name}"
    with only.open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    earlier = tuple(sorted(p for p in stage_yaml.parent.glob("*.yaml") if p.name < stage_yaml.name))
    try:
        for u in i.units:
            if not _matches(want_prior.get(u), prior.get(u)):
                return None
            got = _shown(base, u, (*earlier, only))
            if not _consistent(_text(prior.get(u)), _text(got), _text(want.get(u))):
                return f"applied alone it makes {u} {_short(got)}, a change the hand-conformed text does not make"
    finally:
        only.unlink()
    return ""


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value.get("text") or "")  # type: ignore[union-attr]


def _edits(a: list[str], b: list[str]) -> list[tuple[int, int, str]]:
    """The words of `a` replaced (from, to) and the words put in their place."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, " ".join(b[j1:j2])) for tag, i1, i2, j1, j2 in m.get_opcodes() if tag != "equal"]


def _consistent(prior: str, alone: str, expected: str) -> bool:
    """Is every change from `prior` to `alone` one that `expected` makes too: the words it
    replaces within words `expected` replaces, the words it puts in among those `expected`
    puts there?"""
    theirs = _edits(prior.split(), expected.split())
    for i1, i2, new in _edits(prior.split(), alone.split()):
        if not any(t1 <= i1 and i2 <= t2 and (not new or f" {new} " in f" {their} ") for t1, t2, their in theirs):
            return False
    return True


def _judge_compiled(out: Score, stage: dict, mine: list[Instruction], data: dict, unsettled: dict[str, str]) -> None:
    """Mark the instructions the compiler listed as needing review, and note what it did
    that the corpus does not expect (a note compiled as a change, a source unknown)."""
    notes = [str(n) for n in stage.get("notes") or []]
    for f in data["needs_review"]:
        hit = [i for i in mine if _covers(f["source"], i.source)]
        if not hit:
            out.notes.append(
                f"{stage['document']}: {f['source']} needs review but is no instruction of the corpus: {f['reason']}"
            )
        for i in hit:
            i.status = FINDING
            i.reason = f["reason"] + (f" (closest reading: {f['closest']})" if f.get("closest") else "")
            for u in i.units:
                unsettled[u] = f"{FINDING}: {i.source}"
    for n in data["notes"]:
        if not any(_covers(n["source"], x) for x in notes):
            out.notes.append(
                f"{stage['document']}: {n['source']} became a note ({n['kind']}) but is no note of the corpus"
            )
    for c in data["changes"]:
        if any(_covers(c["source"], n) for n in notes):
            out.notes.append(f"{stage['document']}: {c['source']} is a note in the corpus but compiled as {c['op']}")
        elif not any(_covers(c["source"], i.source) for i in mine):
            out.notes.append(
                f"{stage['document']}: {c['source']} compiled as {c['op']} but is no instruction of the corpus"
            )


def _short(value: object) -> str:
    if value is None:
        return "(gone)"
    if isinstance(value, dict):
        head = f"[{value.get('heading')}] " if "heading" in value else ""
        value = head + str(value.get("text"))
    return json.dumps(value, ensure_ascii=False)


def render(scores: list[Score]) -> str:
    """The report a person reads: every instruction and unit, then the totals."""
    lines: list[str] = []
    for s in scores:
        lines.append(f"== {s.case}")
        for i in s.instructions:
            why = f": {i.reason}" if i.reason else ""
            lines.append(f"  {i.amendment} {i.source} -> {', '.join(i.units)}: {i.status}{why}")
        for u in s.units:
            lines.append(f"  unit {u.address} after {u.amendment}: {u.status}")
            if u.status == WRONG:
                lines.append(f"      expected {_short(u.expected)}")
                lines.append(f"      got      {_short(u.got)}")
        for n in s.notes:
            lines.append(f"  note: {n}")
    instructions = [i for s in scores for i in s.instructions]
    units = [u for s in scores for u in s.units]
    right_i = sum(i.status == RIGHT for i in instructions)
    right_u = sum(u.status == RIGHT for u in units)
    documents = sum(s.documents for s in scores)
    lines.append("")
    lines.append(f"{len(scores)} cases, {documents} amendment documents")
    lines.append(f"instructions exactly right: {right_i}/{len(instructions)} ({_pct(right_i, len(instructions))})")
    lines.append(f"touched units exactly right: {right_u}/{len(units)} ({_pct(right_u, len(units))})")
    for status in (FINDING, UNVERIFIED, CRASH):
        lines.append(
            f"instructions {status}: {sum(i.status == status for i in instructions)}; "
            f"units {status}: {sum(u.status == status for u in units)}"
        )
    wrong = sum(s.wrong for s in scores)
    lines.append(
        f"wrong without a finding: {wrong} "
        f"(units {sum(u.status == WRONG for u in units)}, instructions {sum(i.status == WRONG for i in instructions)})"
    )
    return "\n".join(lines) + "\n"


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "n/a"


def main(argv: list[str]) -> int:
    wanted = argv or cases()
    scores = [score(c) for c in wanted]
    sys.stdout.write(render(scores))
    return 1 if any(s.wrong for s in scores) else 0


if __name__ == "__main__":
    try:
        import agreement  # noqa: F401  (installed: `pip install -e .`)
    except ImportError:
        sys.path.append(str(ROOT / "cli"))
    raise SystemExit(main(sys.argv[1:]))
