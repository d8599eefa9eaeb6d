"""What a new user met trying the tool from the README on a clean clone (issue 12):
a conformed copy read back, where errors point, one style of error, formats not read
yet, the batch table. Each test names the behaviour the user should have seen."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agreement.app import app
from agreement.batch import conform_one, tasks

ROOT = Path(__file__).resolve().parents[2]
ID = "symphony-exchange"


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(app, list(args), input=input, prog_name="agreement")


def conformed_yaml(_project: Path) -> str:
    result = invoke("apply", ID, "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def line_of(text: str, pattern: str) -> int:
    """The 1-based line of the first line matching `pattern`, counted in the file itself."""
    for n, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return n
    raise AssertionError(f"{pattern!r} not in the file")


# --- a conformed copy read back (item 6) ------------------------------------------------


def test_a_conformed_copy_read_back_alone_says_what_it_is_not_that_it_is_the_original(chain_project, tmp_path):
    lone = tmp_path / "elsewhere"
    lone.mkdir()
    (lone / "conformed.yaml").write_text(conformed_yaml(chain_project), encoding="utf-8")
    result = invoke("apply", str(lone / "conformed.yaml"))
    assert result.exit_code == 0, result.stderr
    note = result.stderr
    assert "originally signed" not in note
    assert "as amended through Amendment No. 2 to Securities Exchange Agreement" in note
    assert "amended_by" in note
    # the folder it looked in is beside the file, not two folders up
    assert str(lone / "amendments" / ID) in note
    assert str(tmp_path / "amendments") not in note


def test_a_lone_original_names_the_folder_beside_it(chain_project, tmp_path):
    lone = tmp_path / "x.yaml"
    shutil.copy(chain_project / "agreements" / f"{ID}.yaml", lone)
    result = invoke("apply", str(lone))
    assert result.exit_code == 0, result.stderr
    assert "there is no amendments folder" in result.stderr
    assert str(tmp_path / "amendments" / ID) in result.stderr
    assert "originally signed" in result.stderr


def test_a_conformed_copy_beside_its_amendments_applies_only_the_later_ones(chain_project):
    (chain_project / "agreements" / "conformed.yaml").write_text(conformed_yaml(chain_project), encoding="utf-8")
    result = invoke("apply", "agreements/conformed.yaml")
    assert result.exit_code == 0, result.stderr  # not a refusal of amendments nobody named
    assert "no later amendments under" in result.stderr
    assert result.stdout == invoke("apply", ID).stdout


def test_a_copy_through_amendment_1_picks_up_amendment_2_and_keeps_both_in_amended_by(chain_project):
    through_1 = invoke("apply", ID, "--through", "amendment-no-1", "--format", "yaml")
    (chain_project / "agreements" / "through-1.yaml").write_text(through_1.stdout, encoding="utf-8")
    result = invoke("apply", "agreements/through-1.yaml", "--format", "yaml")
    assert result.exit_code == 0, result.stderr
    assert "applying only the later ones" in result.stderr
    tail = result.stdout[result.stdout.index("amended_by:") :]
    # the title, sequence and date of the amendment the copy carried are not lost
    assert "title: Amendment No. 1 to Securities Exchange Agreement" in tail
    assert "title: Amendment No. 2 to Securities Exchange Agreement" in tail
    assert "sequence: 1" in tail


def test_naming_an_amendment_the_copy_carries_is_refused_at_its_id_with_a_hint_that_fits(chain_project):
    (chain_project / "agreements" / "conformed.yaml").write_text(conformed_yaml(chain_project), encoding="utf-8")
    second = f"amendments/{ID}/002-amendment-no-2.yaml"
    result = invoke("apply", "agreements/conformed.yaml", second)
    assert result.exit_code == 3
    text = (chain_project / second).read_text(encoding="utf-8")
    assert f"{second}:{line_of(text, r'^id:')}:" in result.stderr
    assert "on the command line" not in result.stderr
    assert "leave it out" in result.stderr


# --- errors at the line of the value they are about (item 7) ------------------------------


def test_a_wrong_amends_is_reported_at_its_line(chain_project):
    path = chain_project / "amendments" / ID / "001-amendment-no-1.yaml"
    text = path.read_text(encoding="utf-8").replace(f"amends: {ID}", "amends: another-agreement")
    path.write_text(text, encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    assert f"001-amendment-no-1.yaml:{line_of(text, r'^amends:')}:" in result.stderr


def test_a_repeated_sequence_is_reported_at_its_line_and_names_the_other(chain_project):
    folder = chain_project / "amendments" / ID
    path = folder / "002-amendment-no-2.yaml"
    text = re.sub(r"(?m)^sequence: 2$", "sequence: 1", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    assert f"002-amendment-no-2.yaml:{line_of(text, r'^sequence:')}:" in result.stderr
    first = (folder / "001-amendment-no-1.yaml").read_text(encoding="utf-8")
    assert f"001-amendment-no-1.yaml:{line_of(first, r'^sequence:')}:" in result.stderr


# --- batch (item 10) -----------------------------------------------------------------------


def test_batch_counts_the_amendments_of_an_agreement_that_failed(chain_project):
    path = chain_project / "amendments" / ID / "002-amendment-no-2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("op: delete_unit", "op: delete_unitt"), encoding="utf-8")
    [task] = tasks(str(chain_project))
    result = conform_one(task)
    assert not result.ok
    assert result.amendments == 2
    table = invoke("batch", str(chain_project), "-o", str(chain_project / "out"))
    assert table.exit_code == 9
    assert re.search(r"symphony-exchange\.yaml \| 2 \| FAILED", table.stdout), table.stdout


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("AGREEMENT_NO_CACHE", "1")


# --- an ISO `dated:` is written in words wherever dates are (item 9) --------------------------

PROSE = [
    ("apply", ID),
    ("apply", ID, "--format", "markdown"),
    ("apply", ID, "--format", "html"),
    ("apply", ID, "--annotate"),
    ("apply", ID, "--annotate", "--footnotes", "--format", "markdown"),
    ("apply", ID, "--annotate", "--format", "html"),
    ("show", ID, "--section", "8.3"),  # deleted by Amendment No. 2: "... was deleted by ..., dated as of"
    ("show", ID, "--section", "8.3", "--format", "markdown"),
    ("show", ID, "--section", "13.4", "--blame"),
    ("redline", ID, "--format", "text"),
    ("redline", ID, "--format", "markdown"),
    ("redline", ID, "--format", "html"),
    ("history", ID),
    ("check", ID),
]


@pytest.mark.parametrize("args", PROSE, ids=lambda a: " ".join(a[0:1] + a[2:]))
def test_an_iso_dated_is_written_in_words_in_every_prose_output(chain_project, args):
    path = chain_project / "amendments" / ID / "002-amendment-no-2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^dated: .*$", "dated: 2004-06-30", text), encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code in (0, 7), result.stderr
    assert "June 30, 2004" in result.stdout
    assert "2004-06-30" not in result.stdout


def test_data_keeps_dated_as_written_and_only_the_yaml_comment_is_in_words(chain_project):
    path = chain_project / "amendments" / ID / "002-amendment-no-2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^dated: .*$", "dated: 2004-06-30", text), encoding="utf-8")
    data = json.loads(invoke("apply", ID, "--format", "json").stdout)
    assert data["amendments"][1]["dated"] == "2004-06-30"
    copy = invoke("apply", ID, "--format", "yaml").stdout
    assert "# as amended by Amendment No. 2 to Securities Exchange Agreement, dated as of June 30, 2004" in copy
    assert "dated: '2004-06-30'" in copy


def test_a_dated_before_the_agreement_warning_points_at_dated(chain_project):
    path = chain_project / "amendments" / ID / "001-amendment-no-1.yaml"
    text = path.read_text(encoding="utf-8")
    data = json.loads(invoke("check", ID, "--format", "json").stdout)
    [found] = [f for f in data["findings"] if f["rule"] == "dated-before-agreement"]
    assert found["line"] == line_of(text, r"^dated:")


# --- one style of error; places; suggestions; formats not read yet (item 7) -----------------

USAGE_ERRORS = [
    (("show", ID, "--sectio", "13.4"), "no such option: --sectio", "did you mean --section?"),
    (("apply", ID, "--format", "pdf"), "invalid value for '--format'", "'agreement apply --help'"),
    (("apply",), "missing argument 'AGREEMENT'", "'agreement apply --help'"),
    (("aply", ID), "no such command 'aply'", "did you mean 'apply'?"),
    (("batch", ".", "--jobs", "many"), "invalid value for '--jobs'", "'agreement batch --help'"),
]


@pytest.mark.parametrize(("args", "message", "hint"), USAGE_ERRORS, ids=lambda a: str(a))
def test_usage_errors_read_like_every_other_error(chain_project, args, message, hint):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {message}"), result.stderr
    assert lines[1].startswith("  hint: ") and hint in lines[1], result.stderr
    assert len(lines) == 2
    assert not re.search(r"[╭╰│]|Usage:", result.stderr)


def test_usage_errors_of_the_installed_command_read_the_same(chain_project):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "agreement", "show", ID, "--sectio", "13.4"], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr == "error: no such option: --sectio\n  hint: did you mean --section?\n"


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Sectoin 13.4", "13.4"), ("Secton 2(a)", "2(a)"), ("defintion:Notes", "definition:Notes")],
)
def test_a_misspelt_address_gets_the_address_meant(chain_project, written, meant):
    result = invoke("show", ID, "--section", written)
    assert result.exit_code == 2
    assert f"hint: did you mean {meant!r}?" in result.stderr
    assert invoke("show", ID, "--section", meant).exit_code == 0


def test_a_key_indented_under_another_is_diagnosed_as_indentation(chain_project):
    path = chain_project / "agreements" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^date:", "  date:", text, count=1), encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    n = line_of(text, r"^date:")
    assert f"symphony-exchange.yaml:{n}:3: not valid YAML: 'date:' is indented more than 'title:'" in result.stderr
    assert "': ' inside unquoted text" not in result.stderr
    assert "hint: indent 'date:' as 'title:' is (2 spaces less)" in result.stderr


def test_a_colon_inside_text_is_still_diagnosed_as_such(chain_project):
    path = chain_project / "agreements" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", "title: Agreement: the second", text, count=1), encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    assert "a ': ' inside unquoted text" in result.stderr


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".htm", ".md", ".pdf"])
@pytest.mark.parametrize("role", ["agreement", "amendment"])
def test_a_document_no_reader_takes_is_refused_as_what_it_is(chain_project, suffix, role):
    document = chain_project / f"filing{suffix}"
    document.write_bytes(b"\xd0\xcf\x11\xe0 AMENDMENT NO. 1: the parties agree")  # not UTF-8, not YAML
    args = ("apply", str(document)) if role == "agreement" else ("apply", ID, str(document))
    result = invoke(*args)
    # the readers take filed documents now: one that no reader takes (here: a Word .doc's
    # bytes, whatever its name) is refused as what it is, exit 10, never as broken YAML
    assert result.exit_code == 10, result.stderr
    assert result.stdout == ""
    said = "not a Word document" if suffix == ".docx" else "Word (.doc) or RTF file, which agreement does not read"
    assert said in result.stderr
    assert "not valid YAML" not in result.stderr and "not UTF-8" not in result.stderr


# --- --help (item 8) -------------------------------------------------------------------------


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return group, group.commands


def _help(*args: str, columns: int) -> str:
    import subprocess
    import sys

    env = {k: v for k, v in __import__("os").environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(COLUMNS=str(columns), TERM="dumb")
    done = subprocess.run([sys.executable, "-m", "agreement", *args, "--help"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return " ".join(re.sub(r"[╭╮╰╯│─]", " ", done.stdout).split())


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("command", ["apply", "show", "redline", "check", "history", "batch"])
def test_every_format_a_command_takes_is_named_whole_in_its_help(command, columns):
    _, commands = _commands()
    text = _help(command, columns=columns)
    option = next(p for p in commands[command].params if p.name == "fmt")
    taken = {"check": ["text", "json"], "history": ["text", "json"]}.get(command, option.type.choices)
    for choice in taken:
        assert re.search(rf"(?<![\w-]){choice}(?![\w-])", text), (command, columns, choice)
    option_text = text[text.index("--format -f") :]
    option_text = option_text[: option_text.index("--", 3)]
    if command in ("check", "history"):  # they print text or json only, and say so
        assert not re.search(r"\bdocx\b", option_text)
    assert option_text.count("default") <= 1, option_text  # one default, stated once


def test_every_paragraph_of_every_help_is_one_line_so_it_wraps_at_the_terminal():
    group, commands = _commands()
    for name, command in [("agreement", group), *commands.items()]:
        for paragraph in (command.help or "").strip().split("\n\n"):
            assert "\n" not in paragraph.strip(), (name, paragraph)


def test_redline_to_names_one_default_and_through_says_how_it_differs():
    text = _help("redline", columns=100)
    to = text[text.index("--to <str>") : text.index("--section -s")]
    assert "default: all" not in to
    assert to.count("default") == 1
    through = text[text.index("--through <str>") : text.index("--as-of <str>")]
    assert "--to" in through


def test_the_top_level_help_names_what_the_tool_does():
    text = _help(columns=100)
    for what in ("conformed copy", "section", "redline", "history", "check", "batch"):
        assert what in text


# --- the README's pipelines and check on the example (item 9) ------------------------------------


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed; .ci/run installs it")
def test_the_readme_lists_every_section_including_nested_ones(chain_project):
    import os
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Using it in pipelines", 1)[1]
    [command] = [line for line in section.splitlines() if 'select(.kind=="section")' in line]
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=chain_project,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    listed = done.stdout.split()
    assert {"1", "8", "8.3", "8.4", "13", "13.4"} <= set(listed)


def _term_unused(project: Path) -> list[str]:
    data = json.loads(invoke("check", ID, "--format", "json").stdout)
    return [f["message"] for f in data["findings"] if f["rule"] == "term-unused"]


def test_check_does_not_call_a_party_name_an_unused_term(chain_project):
    assert not any("iBASIS GLOBAL" in m for m in _term_unused(chain_project))


def test_check_still_reports_a_defined_term_nothing_uses(chain_project):
    path = chain_project / "agreements" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    definitions:\n", "    definitions:\n      - '\"WIDGET\" means a widget of the Company.'\n", 1
    )
    path.write_text(text, encoding="utf-8")
    assert _term_unused(chain_project) == ['"WIDGET" is defined but never used']


def test_check_does_not_flag_a_definition_that_is_a_party_short_name(chain_project):
    path = chain_project / "agreements" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    definitions:\n", "    definitions:\n      - '\"iBASIS GLOBAL\" means iBasis Global, Inc.'\n", 1
    )
    path.write_text(text, encoding="utf-8")
    assert _term_unused(chain_project) == []


# --- packaging (item 13) ---------------------------------------------------------------------


def test_the_distribution_is_not_the_unrelated_agreement_on_the_index_and_says_how_to_install():
    import importlib.metadata
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] != "agreement"  # taken on the package index by inter-rater agreement coefficients
    assert project["scripts"] == {"agreement": "agreement.app:run"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pip install {project['name']}" in readme
    assert importlib.metadata.version(project["name"]) == __import__("agreement").__version__


def test_the_license_pyproject_claims_is_in_the_repository_and_a_changelog_starts_with_this_release():
    import tomllib

    from agreement import __version__

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(__version__)}\b", changelog, flags=re.M)


@pytest.mark.parametrize(
    "args",
    [
        ("redline", "agreements/conformed.yaml", "--format", "text"),
        ("show", "agreements/conformed.yaml", "--section", "13.4", "--blame"),
        ("check", "agreements/conformed.yaml"),
        ("history", "agreements/conformed.yaml"),
        ("apply", "agreements/conformed.yaml"),
        ("apply", "agreements/conformed.yaml", "--annotate"),
    ],
    ids=lambda a: " ".join(a[0:1] + a[2:]),
)
def test_no_output_calls_a_conformed_copy_read_back_the_original_as_signed(chain_project, args):
    (chain_project / "agreements" / "conformed.yaml").write_text(conformed_yaml(chain_project), encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert "originally signed" not in result.stdout + result.stderr
    assert "Amendment No. 2 to Securities Exchange Agreement" in result.stdout
    if "--annotate" in args:
        assert result.stdout.startswith(
            "Conformed through Amendment No. 2 to Securities Exchange Agreement, dated as of"
        )


def test_two_amendments_with_one_id_are_refused_at_the_second_id(chain_project):
    folder = chain_project / "amendments" / ID
    path = folder / "002-amendment-no-2.yaml"
    text = re.sub(r"(?m)^id: .*$", "id: amendment-no-1", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    assert f"002-amendment-no-2.yaml:{line_of(text, r'^id:')}:" in result.stderr
    assert "both have the id 'amendment-no-1'" in result.stderr


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed; .ci/run installs it")
def test_every_jq_example_in_the_help_that_lists_addresses_reaches_nested_units(chain_project):
    import os
    import subprocess
    import sys

    _, commands = _commands()
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    examples = [
        line.strip()
        for command in commands.values()
        for line in (command.help or "").splitlines()
        if "| jq" in line and ".address" in line
    ]
    assert examples
    for example in examples:
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", example],
            cwd=chain_project,
            env={**os.environ, "PATH": path},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert "13.4" in done.stdout.split(), example


def test_json_of_a_conformed_copy_read_back_lists_what_it_carries(chain_project):
    (chain_project / "agreements" / "conformed.yaml").write_text(conformed_yaml(chain_project), encoding="utf-8")
    data = json.loads(invoke("apply", "agreements/conformed.yaml", "--format", "json").stdout)
    assert [w["id"] for w in data["amended_by"]] == ["amendment-no-1", "amendment-no-2"]
    assert data["amended_by"][1]["title"] == "Amendment No. 2 to Securities Exchange Agreement"
    assert data["amendments"] == []
    assert "amended_by" not in json.loads(invoke("apply", ID, "--format", "json").stdout)


def test_a_key_short_of_its_column_is_diagnosed_as_indentation(chain_project):
    path = chain_project / "agreements" / f"{ID}.yaml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if re.match(r"^    heading: ", line))
    lines[at] = lines[at][1:]  # one space short of the keys above it
    path.write_text("".join(lines), encoding="utf-8")
    result = invoke("apply", ID)
    assert result.exit_code == 3
    assert f"symphony-exchange.yaml:{at + 1}:4: not valid YAML: 'heading:' is not lined up with" in result.stderr
    assert "(1 space more)" in result.stderr
