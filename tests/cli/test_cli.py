"""The command line: `agreement apply` and `agreement show`, in-process and as a real command.

Expected texts come from the words of Amendment No. 1 (amendments/symphony-exchange/
001-amendment-no-1.yaml) worked into the agreement, not from captured output.
Anything that writes, or needs modified inputs, runs on a tmp_path copy of the data.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.readers.yaml import SourceText, read_agreement
from tests.support.env import COLOUR_VARS

ROOT = Path(__file__).resolve().parents[2]
ID = "symphony-exchange"
AGREEMENT_FILE = ROOT / "agreements" / f"{ID}.yaml"
AMENDMENT_FILE = ROOT / "amendments" / ID / "001-amendment-no-1.yaml"
FORMATS = ["text", "markdown", "json", "yaml"]
ANSI = re.compile(r"\x1b\[")

# What Amendment No. 1 says, in its own words.
NOTES_WORDS = '(the "NOTES")'  # Section 1: deleted from clause (a) of the recitals
RECITAL_A_AMENDED = (
    "an aggregate principal amount of $15,100,000 of the Borrower's 11.5% Senior Secured Notes due 2005 and"
)
SECTION_3A = (  # inserted after "Required Holders" and before the semicolon, 4th line of 13.4
    "the Guarantor and the Required Holders, and no such change, waiver, discharge or termination shall be "
    "effective against the Collateral Agent unless and until an executed copy thereof has been provided to the "
    "Collateral Agent (and, in the case of any other Document, subject to any other requirements applicable to "
    "such amendment, change, waiver, discharge or termination set forth in such Document); PROVIDED, HOWEVER,"
)
SECTION_3B = (  # conformed as a further proviso set off by a semicolon, before the sentence's period
    "; PROVIDED, FURTHER, HOWEVER, that no such change, waiver, discharge or termination that alters the rights, "
    "immunities or duties of the Collateral Agent shall take effect without the Collateral Agent's express "
    "written consent. Each Holder shall be bound"
)
SECTION_3C_END = "without violating Section 8.3 or Section 8.4 hereof."  # the new last sentence of 13.4
NEW_NOTES = (
    '"NOTES" means up to $28,750,000 aggregate principal amount of the Borrower\'s 11.5% Senior Secured Notes '
    "due 2005, issued pursuant to this Agreement or pursuant to a Permitted Exchange in which such Notes are "
    "issued without violating Section 8.4 herein."
)
OLD_NOTES = "in an aggregate principal amount of $15,100,000, issued pursuant to this Agreement."
AMENDED_BY = "as amended by Amendment No. 1 to Securities Exchange Agreement, dated as of February 21, 2002"

BAD_AMENDMENT = """\
id: amendment-no-9
title: Amendment No. 9 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 9
dated: March 3, 2004
changes:
  - source: Section 1(a)
    op: delete_words
    unit: "13.4"
    words: purple elephants
  - source: Section 1(b)
    op: insert_words
    unit: "8.4"
    after: green giraffes
    text: ", as amended"
"""

DELETE_8_3 = """\
id: amendment-no-2
title: Amendment No. 2 to Securities Exchange Agreement
amends: symphony-exchange
sequence: 2
dated: March 3, 2004
changes:
  - source: Section 1
    op: delete_unit
    unit: "8.3"
"""


# --- helpers ---------------------------------------------------------------------


def flat(text: str) -> str:
    return " ".join(text.split())


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def assert_ok(result) -> None:
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)


def assert_failed(result, code: int) -> None:
    """A failure: the documented exit code, nothing on standard output, a message on standard error."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def bad_amendment(tmp_path: Path) -> Path:
    path = tmp_path / "009-bad.yaml"
    path.write_text(BAD_AMENDMENT, encoding="utf-8")
    return path


@pytest.fixture
def deleted_8_3(project: Path) -> Path:
    (project / "amendments" / ID / "002-delete-8-3.yaml").write_text(DELETE_8_3, encoding="utf-8")
    return project


# --- apply: the conformed copy ----------------------------------------------------


def test_apply_by_id_prints_the_conformed_copy(project):
    result = invoke("apply", ID)
    assert_ok(result)
    out = result.stdout
    assert out.startswith("SECURITIES EXCHANGE AGREEMENT\n")
    assert AMENDED_BY in out
    assert RECITAL_A_AMENDED in out
    assert NOTES_WORDS not in out.split("1. DEFINITIONS")[0]  # gone from the recitals
    assert SECTION_3A in out
    assert SECTION_3B in out
    assert SECTION_3C_END in out
    assert NEW_NOTES in out
    assert OLD_NOTES not in out
    assert result.stderr == ""


def test_apply_by_path_with_amendment_named_equals_apply_by_id(project):
    by_id = invoke("apply", ID)
    by_path = invoke(
        "apply", "agreements/symphony-exchange.yaml", "amendments/symphony-exchange/001-amendment-no-1.yaml"
    )
    assert_ok(by_path)
    assert by_path.stdout == by_id.stdout


def test_apply_without_amendments_folder_prints_the_original_with_a_note(project):
    shutil.rmtree(project / "amendments")
    result = invoke("apply", ID)
    assert_ok(result)
    assert "as amended by" not in result.stdout
    assert OLD_NOTES in flat(result.stdout)
    assert "originally signed" in result.stderr


def test_an_amendment_given_without_the_one_before_it_is_applied_with_a_note(deleted_8_3):
    alone = invoke("show", ID, f"amendments/{ID}/002-delete-8-3.yaml", "--section", "8.3")
    assert_ok(alone)
    assert "no amendment with sequence 1 was given" in alone.stderr
    assert "Amendment No. 2 to Securities Exchange Agreement (" in alone.stderr
    both = invoke("show", ID, "--section", "8.3")  # the folder: Amendment No. 1 and No. 2
    assert_ok(both)
    assert "sequence" not in both.stderr


def test_apply_reads_the_agreement_from_stdin(project):
    result = invoke("apply", "-", input=AGREEMENT_FILE.read_bytes())
    assert_ok(result)
    assert result.stdout == invoke("apply", ID).stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_apply_prints_every_format(project, fmt):
    result = invoke("apply", ID, "--format", fmt)
    assert_ok(result)
    out = result.stdout
    assert not ANSI.search(out)
    if fmt == "json":
        data = json.loads(out)
        assert data["schema"] == "agreement.conformed/1"
        assert data["id"] == ID
        assert data["date"] == "2003-01-30"
        assert [a["id"] for a in data["amendments"]] == ["amendment-no-1"]
        assert data["amendments"][0]["dated"] == "February 21, 2002"
        units = {}

        def collect(nodes):
            for n in nodes:
                units[n["address"]] = n
                collect(n.get("children", []))

        collect(data["units"])
        assert units["13.4"]["heading"] == "AMENDMENTS AND WAIVERS"
        assert SECTION_3A in " ".join(units["13.4"]["text"])
        assert units["recitals(a)"]["text"] == [RECITAL_A_AMENDED]
        assert units["definition:NOTES"]["text"] == [NEW_NOTES]
    elif fmt == "yaml":
        conformed = read_agreement(SourceText("conformed.yaml", out))
        assert conformed.id == ID
        assert [w.id for w in conformed.amended_by] == ["amendment-no-1"]
        assert AMENDED_BY in out.splitlines()[0]
        assert SECTION_3A in flat(out)
        assert NEW_NOTES in flat(out)
    elif fmt == "markdown":
        assert out.startswith("# SECURITIES EXCHANGE AGREEMENT")
        assert any(
            line.startswith("#") and "13.4" in line and "AMENDMENTS AND WAIVERS" in line for line in out.splitlines()
        )
        assert SECTION_3A in out and NEW_NOTES in out
    else:
        assert out.startswith("SECURITIES EXCHANGE AGREEMENT")
        assert SECTION_3A in out


def test_apply_yaml_output_serves_as_a_new_base(project):
    first = invoke("apply", ID, "--format", "yaml", "-o", "conformed.yaml")
    assert_ok(first)
    again = invoke("apply", "conformed.yaml", "--format", "json")
    assert_ok(again)
    data = json.loads(again.stdout)
    # README: `apply --format yaml > conformed.yaml && agreement apply conformed.yaml`; there is no
    # amendments/ folder beside the project folder, so nothing is applied twice
    assert data["amendments"] == []
    texts = json.dumps(data["units"])
    assert "up to $28,750,000" in texts


# --- show: one unit -----------------------------------------------------------------


def show_json(*extra: str) -> dict:
    result = invoke("show", ID, *extra, "--format", "json")
    assert_ok(result)
    return json.loads(result.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_13_4_as_amended_in_every_format(project, fmt):
    result = invoke("show", ID, "--section", "13.4", "--format", fmt)
    assert_ok(result)
    out = result.stdout
    assert not ANSI.search(out)
    assert "AMENDMENTS AND WAIVERS" in out
    assert "GOVERNING LAW" not in out  # only the unit asked for
    if fmt == "json":
        data = json.loads(out)
        assert (data["number"], data["heading"]) == ("13.4", "AMENDMENTS AND WAIVERS")
        body = data["text"]
    else:
        body = flat(out)
    for words in (SECTION_3A, SECTION_3B, SECTION_3C_END):
        assert words in body


def test_show_json_text_is_the_plain_body_without_number_and_heading(project):
    data = show_json("--section", "13.4")
    assert data["schema"] == "agreement.unit/1"
    assert data["agreement"] == ID
    assert data["address"] == "13.4"
    assert data["kind"] == "section"
    assert data["deleted_by"] is None
    assert [a["id"] for a in data["amendments"]] == ["amendment-no-1"]
    text = data["text"]
    assert text.startswith("Neither this Agreement nor any provision hereof may be changed")
    assert "\n" not in text  # one paragraph; the original's line breaks are joined
    assert text.endswith(SECTION_3C_END)


def test_show_json_text_includes_subunits_each_with_its_label(project):
    data = show_json("--section", "2")
    assert (data["number"], data["heading"]) == ("2", "EXCHANGE OF CONVERTIBLE NOTES")
    paras = data["text"].split("\n\n")
    assert len(paras) == 2
    assert paras[0].startswith("(a) EXCHANGE. Subject to the terms and conditions of this Agreement")
    assert paras[1] == (
        "(b) CANCELLATION. The Company shall cancel the Convertible Notes delivered to it pursuant "
        "to Section 2(a) promptly upon their receipt."
    )
    assert "EXCHANGE OF CONVERTIBLE NOTES" not in data["text"]


def test_show_json_of_definitions_section_includes_the_definitions(project):
    data = show_json("--section", "1")
    paras = data["text"].split("\n\n")
    assert paras[0] == "As used in this Agreement, the following terms have the following meanings:"
    assert NEW_NOTES in paras
    assert not any(OLD_NOTES in p for p in paras)
    assert "DEFINITIONS" not in paras[0]


@pytest.mark.parametrize(
    ("address", "json_address", "number", "starts"),
    [
        ("2(a)", "2(a)", "(a)", "Subject to the terms and conditions of this Agreement"),
        ("recitals(a)", "recitals(a)", "(a)", RECITAL_A_AMENDED),
        ("definition:Notes", "definition:NOTES", None, NEW_NOTES),
        ("preamble", "preamble", None, 'THIS SECURITIES EXCHANGE AGREEMENT (this "AGREEMENT") is made'),
        ("recitals", "recitals", None, "WHEREAS, the Symphony Funds hold an aggregate principal amount"),
    ],
)
def test_show_named_units(project, address, json_address, number, starts):
    data = show_json("--section", address)
    assert data["address"] == json_address
    assert data["number"] == number
    assert data["text"].startswith(starts)
    text = invoke("show", ID, "--section", address)
    assert_ok(text)
    assert starts in flat(text.stdout)


def test_show_definition_ignores_quotes_and_case(project):
    assert show_json("--section", "definition:Notes")["term"] == "NOTES"
    assert show_json("--section", 'definition:"notes"')["text"] == NEW_NOTES


def test_show_recitals_runs_clauses_in_with_their_labels(project):
    data = show_json("--section", "recitals")
    assert f'for (a) {RECITAL_A_AMENDED} (b) warrants (the "WARRANTS")' in data["text"]
    assert NOTES_WORDS not in data["text"]
    assert len(data["text"].split("\n\n")) == 4  # three recitals, the second with its NOW, THEREFORE paragraph


def test_show_reads_the_agreement_from_stdin(project):
    result = invoke("show", "-", "--section", "13.4", "--format", "json", input=AGREEMENT_FILE.read_bytes())
    assert_ok(result)
    assert SECTION_3A in json.loads(result.stdout)["text"]


# --- a unit an amendment deleted -----------------------------------------------------


def test_show_deleted_unit_json_has_null_text_and_deleted_by(deleted_8_3):
    result = invoke("show", ID, "--section", "8.3", "--format", "json")
    assert_ok(result)
    data = json.loads(result.stdout)
    assert data["text"] is None
    assert data["address"] == "8.3"
    assert data["deleted_by"]["id"] == "amendment-no-2"
    assert data["deleted_by"]["title"] == "Amendment No. 2 to Securities Exchange Agreement"
    assert data["deleted_by"]["source"] == "Section 1"


def test_show_deleted_unit_text_is_one_line_naming_the_amendment(deleted_8_3):
    result = invoke("show", ID, "--section", "8.3")
    assert_ok(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert "8.3" in lines[0]
    assert "deleted" in lines[0]
    assert "Amendment No. 2" in lines[0]
    assert "LIMITATION ON ADDITIONAL NOTES" not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "yaml"])
def test_show_deleted_unit_other_formats_say_which_amendment(deleted_8_3, fmt):
    result = invoke("show", ID, "--section", "8.3", "--format", fmt)
    assert_ok(result)
    assert "Amendment No. 2" in result.stdout
    assert "The Borrower shall not issue any Notes" not in result.stdout


def test_apply_leaves_out_the_deleted_unit(deleted_8_3):
    result = invoke("apply", ID)
    assert_ok(result)
    assert "LIMITATION ON ADDITIONAL NOTES" not in result.stdout
    assert "8.4 PERMITTED EXCHANGES." in result.stdout
    assert "as amended by Amendment No. 2 to Securities Exchange Agreement, dated as of March 3, 2004" in result.stdout


# --- -o FILE ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["apply", ID], ["show", ID, "--section", "13.4"]])
@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_holds_what_stdout_would(project, command, fmt):
    out = project / "out" / f"conformed.{fmt}"
    out.parent.mkdir()
    expected = invoke(*command, "--format", fmt)
    assert_ok(expected)
    result = invoke(*command, "--format", fmt, "-o", str(out))
    assert_ok(result)
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == expected.stdout
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind


def test_output_file_replaces_an_existing_file(project):
    out = project / "conformed.txt"
    out.write_text("old", encoding="utf-8")
    assert_ok(invoke("apply", ID, "-o", str(out)))
    assert out.read_text(encoding="utf-8").startswith("SECURITIES EXCHANGE AGREEMENT")


@pytest.mark.parametrize(
    "args",
    [
        ["apply", "agreements/symphony-exchange.yaml", "-o", "agreements/symphony-exchange.yaml"],
        [
            "apply",
            "agreements/symphony-exchange.yaml",
            "amendments/symphony-exchange/001-amendment-no-1.yaml",
            "-o",
            "amendments/symphony-exchange/001-amendment-no-1.yaml",
        ],
        [
            "show",
            "agreements/symphony-exchange.yaml",
            "-s",
            "13.4",
            "-o",
            "./agreements/../agreements/symphony-exchange.yaml",
        ],
    ],
    ids=["agreement-path", "amendment-path", "same-file-other-spelling"],
)
def test_output_over_a_named_input_is_refused(project, args):
    before = tree(project)
    result = invoke(*args)
    assert_failed(result, 6)
    assert "input" in result.stderr
    assert tree(project) == before


def test_output_over_the_agreement_named_by_id_is_refused(project):
    before = tree(project)
    result = invoke("apply", ID, "-o", "agreements/symphony-exchange.yaml")
    assert tree(project) == before
    assert_failed(result, 6)


def test_output_over_a_default_amendment_is_refused(project):
    before = tree(project)
    result = invoke(
        "apply", "agreements/symphony-exchange.yaml", "-o", "amendments/symphony-exchange/001-amendment-no-1.yaml"
    )
    assert tree(project) == before
    assert_failed(result, 6)


def test_output_into_a_missing_folder_is_refused(project):
    result = invoke("apply", ID, "-o", str(project / "no-such-folder" / "out.txt"))
    assert_failed(result, 6)
    assert not (project / "no-such-folder").exists()


def test_failed_change_writes_no_output_file(project, bad_amendment):
    out = project / "out"
    out.mkdir()
    result = invoke("apply", ID, str(bad_amendment), "-o", str(out / "conformed.txt"))
    assert_failed(result, 4)
    assert list(out.iterdir()) == []


# --- exit codes ------------------------------------------------------------------------


def test_exit_4_names_file_change_and_source_and_prints_nothing(project, bad_amendment):
    result = invoke("apply", ID, str(bad_amendment))
    assert_failed(result, 4)
    err = result.stderr
    assert str(bad_amendment) in err
    assert "change 1" in err and "Section 1(a)" in err
    assert "purple elephants" in err
    assert "no conformed copy was produced" in err
    assert "change 2" not in err  # stops at the first without --keep-going


@pytest.mark.parametrize("command", [["apply", ID], ["show", ID, "--section", "13.4"]])
def test_keep_going_reports_every_failing_change(project, bad_amendment, command):
    result = invoke(*command, str(bad_amendment), "--keep-going")
    assert_failed(result, 4)
    err = result.stderr
    assert "change 1" in err and "Section 1(a)" in err and "purple elephants" in err
    assert "change 2" in err and "Section 1(b)" in err and "green giraffes" in err
    assert "2 changes" in err
    assert "no conformed copy was produced" in err


def test_amendment_that_cannot_apply_among_the_defaults_gives_exit_4(project):
    (project / "amendments" / ID / "009-bad.yaml").write_text(BAD_AMENDMENT, encoding="utf-8")
    result = invoke("show", ID, "--section", "13.4")
    assert_failed(result, 4)
    assert "009-bad.yaml" in result.stderr


@pytest.mark.parametrize(
    ("address", "hint"),
    [("13.44", "did you mean 13.4"), ("definition:Note", "did you mean 'NOTES'"), ("99", None), ("recitals(c)", None)],
)
def test_exit_5_when_the_section_names_no_unit(project, address, hint):
    result = invoke("show", ID, "--section", address)
    assert_failed(result, 5)
    if hint:
        assert hint in result.stderr


def test_exit_5_for_a_unit_that_never_existed_even_when_others_were_deleted(deleted_8_3):
    assert_failed(invoke("show", ID, "--section", "8.9"), 5)


@pytest.mark.parametrize(
    "args",
    [
        ["apply", ID, "--bogus"],
        ["show", ID, "--bogus", "-s", "13.4"],
        ["apply", ID, "--format", "pdf"],
        ["show", ID, "--section", "x y"],
        ["show", ID, "--section", ""],
        ["show", ID],  # --section is required
        ["frobnicate"],
    ],
    ids=[
        "apply-bad-option",
        "show-bad-option",
        "bad-format",
        "malformed-section",
        "empty-section",
        "no-section",
        "no-command",
    ],
)
def test_exit_2_on_usage_errors(project, args):
    assert_failed(invoke(*args), 2)


def test_missing_agreement_file_exit_3_names_it(project):
    result = invoke("apply", "nope.yaml")
    assert_failed(result, 3)
    assert "nope.yaml" in result.stderr


def test_unknown_id_exit_3_suggests_the_close_one(project):
    result = invoke("show", "symphony-exchang", "--section", "13.4")
    assert_failed(result, 3)
    assert "did you mean 'symphony-exchange'" in result.stderr


def test_missing_amendment_file_exit_3_names_it(project, tmp_path):
    missing = str(tmp_path / "002-nope.yaml")
    result = invoke("apply", ID, missing)
    assert_failed(result, 3)
    assert missing in result.stderr


def test_bad_yaml_exit_3_names_file_line_and_column(project):
    path = project / "amendments" / ID / "001-amendment-no-1.yaml"
    text = path.read_text(encoding="utf-8").replace("    op: delete_words", "    op: delete_word")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    op: delete_word") + 1
    result = invoke("apply", ID)
    assert_failed(result, 3)
    assert f"001-amendment-no-1.yaml:{line}:9" in result.stderr
    assert "did you mean 'delete_words'" in result.stderr


def test_malformed_yaml_agreement_exit_3_names_the_file(project):
    path = project / "agreements" / f"{ID}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Securities", "title: Note: Securities"), encoding="utf-8"
    )
    result = invoke("show", ID, "--section", "13.4")
    assert_failed(result, 3)
    assert "symphony-exchange.yaml:" in result.stderr


# --- every command x format x exit code ------------------------------------------------------


MATRIX = [
    (command, fmt, code)
    for command in ("apply", "show")
    for fmt in FORMATS
    for code in (0, 2, 3, 4, 5, 6)
    if not (command == "apply" and code == 5)  # apply takes no --section
]


@pytest.mark.parametrize(("command", "fmt", "code"), MATRIX)
def test_exit_code_matrix(project, bad_amendment, tmp_path, command, fmt, code):
    """Each command, in each format, exits with each documented code, printing nothing on failure."""
    base = [command, "agreements/symphony-exchange.yaml"]
    section = ["--section", "99" if code == 5 else "13.4"] if command == "show" else []
    extra = {
        0: [],
        2: ["--bogus"],
        3: [str(tmp_path / "missing-amendment.yaml")],
        4: [str(bad_amendment)],
        5: [],
        6: ["-o", "agreements/symphony-exchange.yaml"],
    }[code]
    before = tree(project)
    result = invoke(*base, *section, "--format", fmt, *extra)
    if code == 0:
        assert_ok(result)
        assert result.stdout.strip()
        assert not ANSI.search(result.stdout)
    else:
        assert_failed(result, code)
        assert not ANSI.search(result.stderr)
    assert tree(project) == before


# --- help, version, colour ---------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["apply", "--help"], ["show", "--help"], ["show", "-h"]])
def test_help_shows_an_example(args):
    result = invoke(*args)
    assert_ok(result)
    assert "Example" in result.stdout
    assert "agreement " in result.stdout
    assert not ANSI.search(result.stdout)


def test_version_prints_the_installed_version():
    result = invoke("--version")
    assert_ok(result)
    assert result.stdout == f"agreement {importlib.metadata.version('agreement-conform')}\n"


def test_no_colour_codes_even_with_no_color_set(project, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    result = invoke("show", ID, "--section", "13.4")
    assert_ok(result)
    assert not ANSI.search(result.stdout)


# --- the installed command, for real ------------------------------------------------------


def agreement_command() -> str:
    beside = Path(sys.executable).parent / ("agreement.exe" if os.name == "nt" else "agreement")
    found = str(beside) if beside.exists() else shutil.which("agreement")
    if not found:
        pytest.skip("the `agreement` command is not installed")
    return found


def plain_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in COLOUR_VARS}
    env.update(extra)
    return env


def run(*args: str, cwd: Path = ROOT, input: bytes | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [agreement_command(), *args], cwd=cwd, input=input, capture_output=True, env=plain_env(**env), timeout=60
    )


def test_real_command_apply_through_a_pipe():
    proc = run("apply", ID, "--through", "amendment-no-1")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert b"\x1b[" not in proc.stdout
    assert out.startswith("SECURITIES EXCHANGE AGREEMENT\n")
    assert SECTION_3A in out and NEW_NOTES in out
    assert proc.stderr == b""


def test_real_command_show_json_is_pipeable():
    proc = run("show", ID, "--section", "13.4", "--format", "json", "--through", "amendment-no-1")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["number"], data["heading"]) == ("13.4", "AMENDMENTS AND WAIVERS")
    assert SECTION_3A in data["text"]


def test_real_command_reads_stdin():
    proc = run("show", "-", "--section", "recitals(a)", input=AGREEMENT_FILE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == f"(a) {RECITAL_A_AMENDED}\n"


def test_real_command_failed_change_prints_nothing(bad_amendment):
    proc = run("apply", ID, str(bad_amendment))
    assert proc.returncode == 4
    assert proc.stdout == b""
    assert b"no conformed copy was produced" in proc.stderr


def test_real_command_usage_and_input_errors():
    assert run("show", ID, "--section", "x y").returncode == 2
    proc = run("apply", "nope.yaml")
    assert proc.returncode == 3
    assert b"nope.yaml" in proc.stderr and proc.stdout == b""


def test_real_command_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"agreement {importlib.metadata.version('agreement-conform')}\n"


def run_on_terminal(**env: str) -> bytes:
    """stdout of `show 13.4` when standard output is a terminal (a pseudo-terminal)."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(
            [agreement_command(), "show", ID, "--section", "13.4"],
            cwd=ROOT,
            stdout=follower,
            stderr=subprocess.PIPE,
            env=plain_env(**env),
        )
    finally:
        os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else b""
    if proc.stderr:
        proc.stderr.close()
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_output_is_styled_unless_no_color():
    styled = run_on_terminal(TERM="xterm-256color")
    assert b"\x1b[" in styled  # a person at a terminal gets styled headings...
    plain = run_on_terminal(TERM="xterm-256color", NO_COLOR="1")
    assert b"\x1b[" not in plain  # ...unless NO_COLOR says otherwise
    assert b"AMENDMENTS AND WAIVERS" in plain
    assert b"\x1b[" not in run_on_terminal(TERM="dumb")


def test_quiet_drops_notes_and_verbose_says_what_was_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    original = ROOT / "agreements" / "symphony-exchange.yaml"
    lone = tmp_path / "lone.yaml"
    lone.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    noisy = CliRunner().invoke(app, ["apply", str(lone)])
    assert "no amendments" in noisy.stderr
    quiet = CliRunner().invoke(app, ["--quiet", "apply", str(lone)])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == noisy.stdout
    verbose = CliRunner().invoke(app, ["--verbose", "apply", str(lone)])
    assert f"read {lone}" in verbose.stderr and verbose.stdout == noisy.stdout


def test_schema_prints_each_format_and_suggests_on_a_typo():
    result = CliRunner().invoke(app, ["schema", "amendment"])
    assert result.exit_code == 0
    assert '"op-insert_words"' in result.stdout
    wrong = CliRunner().invoke(app, ["schema", "amendmnet"])
    assert wrong.exit_code == 2 and "did you mean 'amendment'" in wrong.stderr


def test_a_long_text_at_a_terminal_goes_through_the_pager_and_never_in_a_pipe(monkeypatch):
    from agreement import app as cli

    paged = []
    monkeypatch.setattr(cli, "_pager", lambda text: paged.append(text))
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: True, raising=False)
    cli._emit("line\n" * 500, None, ())
    assert paged == ["line\n" * 500]
    monkeypatch.setenv("AGREEMENT_PAGER", "0")
    assert not cli._pages("line\n" * 500)
    monkeypatch.delenv("AGREEMENT_PAGER")
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: False, raising=False)
    assert not cli._pages("line\n" * 500)


def test_shell_completion_is_offered(monkeypatch):
    import typer.completion

    # Typer asks shellingham which shell runs the tests: none it knows under some parents (exit 1)
    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion"], prog_name="agreement")
    assert result.exit_code == 0, (result.output, result.exception)
    assert "complete -o default -F _agreement_completion agreement" in result.stdout
    assert "_AGREEMENT_COMPLETE=complete_bash" in result.stdout
