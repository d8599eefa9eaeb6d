"""The YAML writer writes directly what ruamel.yaml's round-trip writer would: the same
bytes, for the example's every version and unit, and for any text hypothesis makes up."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.scalarstring import LiteralScalarString

from agreement import conform
from agreement.address import address_of
from agreement.analyses.select import ConformedCopy, UnitView
from agreement.model import walk
from agreement.writers import yamlfmt

ROOT = Path(__file__).resolve().parents[2]


def _both(data) -> tuple[str, str]:
    return yamlfmt._dumped(data), yamlfmt._ruamel(data)


def test_every_version_and_every_unit_of_the_example_is_written_as_ruamel_writes_it(monkeypatch):
    calls = []
    original = yamlfmt._dumped

    def spy(data):
        calls.append(data)
        return original(data)

    monkeypatch.setattr(yamlfmt, "_dumped", spy)
    history = conform(str(ROOT / "agreements" / "symphony-exchange.yaml"), None)
    for k, version in enumerate(history.versions):
        amendments = tuple(v.amendment for v in history.versions[1 : k + 1] if v.amendment)
        copy = ConformedCopy(version.agreement, amendments)
        yamlfmt.render_document(copy)
        root = version.agreement.root
        for path, unit in walk(root):
            if path:
                yamlfmt.render_unit(UnitView(copy, address_of(root, path), unit))
    monkeypatch.undo()
    assert len(calls) > 50
    for data in calls:
        fast, slow = _both(data)
        assert fast == slow


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"), max_size=40)
LINES = st.lists(TEXT.map(lambda t: t.replace("\n", " ")), min_size=1, max_size=4).map("\n".join)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["id", "title", "number", "heading", "term", "name"]),
        st.one_of(TEXT, st.booleans(), st.integers(0, 99)),
        min_size=1,
    ),
    st.lists(LINES.map(lambda t: LiteralScalarString(t + "\n")), max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["number", "heading"]), TEXT, min_size=1), max_size=3),
)
def test_any_scalar_and_block_is_written_as_ruamel_writes_it(fields, blocks, units):
    data = {**fields, "signatures": blocks, "sections": units, "text": LiteralScalarString("x\n")}
    fast, slow = _both(data)
    assert fast == slow
