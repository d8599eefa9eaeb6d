"""The cache of parsed files: used only for the same name, text and code; never an error."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from agreement import cache
from agreement.errors import InputError
from agreement.readers import yaml as load

AGREEMENT = """\
id: loan
title: Loan Agreement
date: 2003-01-30
sections:
  - number: "1"
    heading: DEFINITIONS
    text: The first text.
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AGREEMENT_CACHE_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("AGREEMENT_NO_CACHE", raising=False)
    _forget()
    yield folder
    _forget()


def _forget() -> None:
    """A new run: the key and the verdict on folders are worked out once a run."""
    cache._key.cache_clear()
    cache._trusted.cache_clear()
    cache.refused.clear()


@pytest.fixture
def agreement_file(tmp_path: Path) -> Path:
    path = tmp_path / "loan.yaml"
    path.write_text(AGREEMENT, encoding="utf-8")
    return path


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src):  # pragma: no cover - called only when the cache is wrongly missed
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(load, "compose", refuse)


def test_an_unchanged_file_is_not_parsed_again(cache_dir, agreement_file, monkeypatch):
    first = load.load_agreement(str(agreement_file))
    _no_parsing(monkeypatch)
    assert load.load_agreement(str(agreement_file)) == first
    assert len(list(cache_dir.iterdir())) == 1


def test_one_changed_byte_is_read_afresh(cache_dir, agreement_file):
    load.load_agreement(str(agreement_file))
    agreement_file.write_text(AGREEMENT.replace("first", "fresh"), encoding="utf-8")
    again = load.load_agreement(str(agreement_file))
    assert again.root.children[0].text == ("The fresh text.",)
    assert len(list(cache_dir.iterdir())) == 1, "one entry per file, replaced"


def test_another_version_of_the_code_reads_afresh(cache_dir, agreement_file, monkeypatch):
    load.load_agreement(str(agreement_file))
    monkeypatch.setattr(cache, "_code_stamp", lambda: ("another release",))
    parsed = []
    real = load.compose
    monkeypatch.setattr(load, "compose", lambda src: parsed.append(src) or real(src))
    load.load_agreement(str(agreement_file))
    assert parsed, "an entry made by other code must not be used"


def test_a_damaged_entry_is_a_miss_not_an_error(cache_dir, agreement_file):
    load.load_agreement(str(agreement_file))
    for entry in cache_dir.iterdir():
        entry.write_bytes(b"not a pickle")
    assert load.load_agreement(str(agreement_file)).title == "Loan Agreement"


def test_errors_are_never_cached(cache_dir, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(AGREEMENT.replace("heading:", "heding:"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as err:
            load.load_agreement(str(bad))
        assert err.value.location.line == 6
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_turned_off_it_writes_nothing(cache_dir, agreement_file, monkeypatch):
    monkeypatch.setenv("AGREEMENT_NO_CACHE", "1")
    load.load_agreement(str(agreement_file))
    assert not cache_dir.exists()


def test_a_folder_that_cannot_be_written_is_not_used(tmp_path, agreement_file, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AGREEMENT_CACHE_DIR", str(blocker / "cache"))
    assert load.load_agreement(str(agreement_file)).id == "loan"
    assert load.load_agreement(str(agreement_file)).id == "loan"


def test_the_same_text_under_another_name_keeps_its_own_locations(cache_dir, tmp_path, agreement_file):
    other = tmp_path / "copy.yaml"
    other.write_text(AGREEMENT, encoding="utf-8")
    load.load_agreement(str(agreement_file))
    copy = load.load_agreement(str(other))
    assert copy.location.file == str(other)


def test_the_same_file_named_another_way_keeps_the_name_given(cache_dir, agreement_file, monkeypatch):
    monkeypatch.chdir(agreement_file.parent)
    load.load_agreement(agreement_file.name)
    again = load.load_agreement(str(agreement_file))
    assert again.location.file == str(agreement_file)


AMENDMENT = """\
id: am-1
title: Amendment No. 1
amends: loan
sequence: 1
dated: 2004-01-01
changes:
  - {op: replace_words, unit: '1', words: first, with: second}
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "loan.yaml").write_text(AGREEMENT, encoding="utf-8")
    folder = tmp_path / "amendments" / "loan"
    folder.mkdir(parents=True)
    (folder / "001.yaml").write_text(AMENDMENT, encoding="utf-8")
    return tmp_path / "agreements" / "loan.yaml"


def test_a_run_with_unchanged_inputs_is_not_applied_again(cache_dir, tmp_path, monkeypatch):
    from agreement import pipeline

    path = _project(tmp_path)
    first = pipeline.run(str(path)).history
    monkeypatch.setattr(pipeline, "apply", lambda *a, **k: (_ for _ in ()).throw(AssertionError("applied again")))
    again = pipeline.run(str(path)).history
    assert again.latest.agreement.root.children[0].text == ("The second text.",)
    assert again.latest.agreement == first.latest.agreement


def test_a_changed_amendment_is_applied_afresh(cache_dir, tmp_path):
    from agreement import pipeline

    path = _project(tmp_path)
    pipeline.run(str(path))
    (tmp_path / "amendments" / "loan" / "001.yaml").write_text(AMENDMENT.replace("with: second", "with: third"))
    assert pipeline.run(str(path)).history.latest.agreement.root.children[0].text == ("The third text.",)


def test_an_added_amendment_is_applied(cache_dir, tmp_path):
    from agreement import pipeline

    path = _project(tmp_path)
    pipeline.run(str(path))
    second = (
        AMENDMENT.replace("am-1", "am-2")
        .replace("sequence: 1", "sequence: 2")
        .replace("words: first, with: second", "words: second, with: final")
    )
    (tmp_path / "amendments" / "loan" / "002.yaml").write_text(second, encoding="utf-8")
    history = pipeline.run(str(path)).history
    assert len(history.versions) == 3
    assert history.latest.agreement.root.children[0].text == ("The final text.",)


# --- nothing in the cache folder is trusted ---------------------------------------------


class _Planted:
    """What an attacker plants: unpickling it calls a function of the attacker's choice."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_runs_nothing_and_is_replaced(cache_dir, agreement_file, tmp_path):
    load.load_agreement(str(agreement_file))
    marker = tmp_path / "PWNED"
    (entry,) = cache_dir.iterdir()
    entry.write_bytes(pickle.dumps(_Planted(marker)))
    assert load.load_agreement(str(agreement_file)).title == "Loan Agreement"
    assert not marker.exists(), "a planted entry ran code"
    assert entry.read_bytes().startswith(cache._MAGIC), "the planted entry is replaced by a real one"


def test_a_planted_pickle_behind_a_copied_header_runs_nothing(cache_dir, agreement_file, tmp_path):
    load.load_agreement(str(agreement_file))
    (entry,) = cache_dir.iterdir()
    head = entry.read_bytes()[: len(cache._MAGIC) + cache._TAG]
    marker = tmp_path / "PWNED"
    entry.write_bytes(head + pickle.dumps(_Planted(marker)))
    assert load.load_agreement(str(agreement_file)).id == "loan"
    assert not marker.exists()


def test_a_tampered_entry_is_read_afresh(cache_dir, agreement_file, monkeypatch):
    load.load_agreement(str(agreement_file))
    (entry,) = cache_dir.iterdir()
    data = bytearray(entry.read_bytes())
    at = bytes(data).rindex(b"The first text.")  # in the parsed model, not in the texts compared
    data[at : at + 15] = b"The false text."
    entry.write_bytes(bytes(data))
    assert load.load_agreement(str(agreement_file)).root.children[0].text == ("The first text.",)


def test_even_an_entry_tagged_with_the_key_builds_only_the_model(cache_dir, agreement_file, tmp_path):
    """Defence in depth: were the key stolen, the unpickler still calls nothing but the
    model's own record types."""
    load.load_agreement(str(agreement_file))
    (entry,) = cache_dir.iterdir()
    marker = tmp_path / "PWNED"
    payload = pickle.dumps(_Planted(marker))
    entry.write_bytes(cache._MAGIC + cache._tag(cache._key(), entry.name, payload) + payload)
    assert load.load_agreement(str(agreement_file)).id == "loan"
    assert not marker.exists()


def _parses(monkeypatch: pytest.MonkeyPatch) -> list:
    parsed: list = []
    real = load.compose
    monkeypatch.setattr(load, "compose", lambda src: parsed.append(src) or real(src))
    return parsed


def test_a_folder_others_can_write_is_refused_with_one_note(cache_dir, agreement_file, monkeypatch):
    cache_dir.mkdir()
    cache_dir.chmod(0o1777)  # sticky, as /tmp: still refused, as ssh would
    parsed = _parses(monkeypatch)
    for _ in range(3):
        load.load_agreement(str(agreement_file))
    assert len(parsed) == 3, "nothing is read from a folder others can write"
    assert list(cache_dir.iterdir()) == [], "nor written to it"
    assert len(cache.refused) == 1 and "can be written by other users" in cache.refused[0]
    assert str(cache_dir) in cache.refused[0]


def test_a_folder_of_another_user_is_refused(cache_dir, agreement_file, monkeypatch):
    cache_dir.mkdir(mode=0o700)
    monkeypatch.setattr(cache.os, "geteuid", lambda: os.stat(cache_dir).st_uid + 1)
    load.load_agreement(str(agreement_file))
    assert list(cache_dir.iterdir()) == []
    assert "belongs to another user" in cache.refused[0]


def test_the_note_is_printed_once_by_the_command(tmp_path, monkeypatch, at_root):
    import subprocess
    import sys

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    env = {**os.environ, "AGREEMENT_CACHE_DIR": str(shared), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-m", "agreement", "show", "symphony-exchange", "--section", "13.4"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0
    assert done.stderr.count("note: the cache of parsed files is not used") == 1, done.stderr
    assert done.stdout.startswith("13.4")
    assert list(shared.iterdir()) == []


def test_entries_are_for_their_owner_alone(cache_dir, agreement_file):
    load.load_agreement(str(agreement_file))
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for entry in cache_dir.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    key = cache.key_file()
    assert key.parent != cache_dir and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700


def test_a_key_others_can_read_is_refused(cache_dir, agreement_file):
    key = cache.key_file()
    key.parent.mkdir(mode=0o700, parents=True)
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    load.load_agreement(str(agreement_file))
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []
    assert "can be read by other users" in cache.refused[0]


def test_another_users_key_makes_every_entry_a_miss(cache_dir, agreement_file, monkeypatch):
    load.load_agreement(str(agreement_file))
    cache.key_file().write_bytes(os.urandom(32))
    _forget()
    parsed = _parses(monkeypatch)
    load.load_agreement(str(agreement_file))
    assert len(parsed) == 1


def test_a_damaged_key_is_named_in_the_note(cache_dir, agreement_file):
    key = cache.key_file()
    key.parent.mkdir(mode=0o700, parents=True)
    key.write_bytes(b"short")
    key.chmod(0o600)
    assert load.load_agreement(str(agreement_file)).id == "loan"
    assert "is damaged" in cache.refused[0] and str(key) in cache.refused[0]


ROOT = Path(__file__).resolve().parents[2]
FILED = ROOT / "amendments" / "symphony-exchange" / "filed" / "amendment-no-1.txt"


def test_a_filed_document_read_once_is_not_read_again_nor_compiled_again(cache_dir, tmp_path, monkeypatch):
    import subprocess
    import sys

    from agreement import pipeline, readers

    document = tmp_path / "amendment-1.txt"
    document.write_bytes(FILED.read_bytes())
    base = str(ROOT / "agreements" / "symphony-exchange.yaml")
    first = pipeline.run(base, [str(document)]).history
    monkeypatch.setattr(readers, "_document", lambda *a: (_ for _ in ()).throw(AssertionError("read again")))
    monkeypatch.setattr(pipeline, "amendments_of", lambda *a: (_ for _ in ()).throw(AssertionError("compiled again")))
    again = pipeline.run(base, [str(document)]).history
    assert again.latest.agreement == first.latest.agreement
    # a new process finds the entries too: every class in them is one this package imports on demand
    probe = (
        "import sys; from agreement import pipeline, readers\n"
        "readers._document = lambda *a: sys.exit('read again')\n"
        "pipeline.amendments_of = lambda *a: sys.exit('compiled again')\n"
        f"pipeline.run({base!r}, [{str(document)!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    # one changed byte: read afresh
    document.write_bytes(FILED.read_bytes().replace(b"February 21, 2002", b"February 22, 2002"))
    with pytest.raises(AssertionError, match="read again"):
        pipeline.run(base, [str(document)])
