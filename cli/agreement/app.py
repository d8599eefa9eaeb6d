"""The command line: parse arguments, call the library, print, map errors to exit codes.

Nothing here knows how an amendment is applied or a format is written.
"""

from __future__ import annotations

import gc

# Importing Typer and Click makes tens of thousands of objects and no garbage; the cyclic
# collector, run every few hundred allocations, would walk them again and again (a tenth
# of `agreement show`'s start-up). It is paused while this module imports, then left as
# it was: run() turns it off for the command itself.
_COLLECTING = gc.isenabled()
gc.disable()

import os  # noqa: E402
import sys  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from enum import Enum  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import NoReturn  # noqa: E402

import typer  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from .errors import AgreementError, ExitCode, UsageError  # noqa: E402
from .writers import Format, RedlineFormat  # noqa: E402

if _COLLECTING:
    gc.enable()


class _PlainUsage(TyperGroup):
    """Usage errors (an unknown option, a missing argument, a value not among the
    choices) in the `error: ... hint: ...` form of every other error, exit code 2,
    rather than in Click's boxed panels."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        from typer import Abort

        try:
            from typer._click.exceptions import ClickException, NoArgsIsHelpError
        except ImportError:  # a Typer that does not carry its own Click
            from click.exceptions import ClickException, NoArgsIsHelpError
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError:
            code = int(ExitCode.USAGE)  # the help is printed as the error is made
        except ClickException as e:
            sys.stderr.write(f"error: {_usage_message(e)}\n  hint: {_usage_hint(e)}\n")
            code = e.exit_code
        except Abort:  # standard input closed where a command waited for it; as Click exits
            sys.stderr.write("error: aborted\n")
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _usage_message(e) -> str:
    """Click's message as ours read: lower case, no closing period, no suggestion (the hint has it)."""
    message = e.message if getattr(e, "possibilities", None) else e.format_message()
    message = message.strip().split(". Did you mean", 1)[0].rstrip(".")
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


def _usage_hint(e) -> str:
    close = sorted(getattr(e, "possibilities", None) or ())
    if close:
        return f"did you mean {' or '.join(close)}?"
    text = e.format_message()
    if ". Did you mean" in text:
        return "did you mean" + text.split(". Did you mean", 1)[1].rstrip(".")
    ctx = getattr(e, "ctx", None)
    if ctx is None or ctx.parent is None:
        return "'agreement --help' lists the commands"
    return f"'{ctx.command_path} --help' shows its arguments and options"


app = typer.Typer(
    cls=_PlainUsage,
    help="Consolidate a legal agreement with its amendments: the conformed copy (apply), one section as amended "
    "(show), redlines between any two versions (redline), the history of amendments and who wrote each word "
    "(history, show --blame), a reviewer's checks (check), and many agreements at once (batch).\n\n"
    "Example: agreement apply symphony-exchange",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

AGREEMENT = typer.Argument(
    ...,
    metavar="AGREEMENT",
    help="The agreement: a YAML file, a filed document (.txt, .htm, .docx, .md), an id under ./agreements, or -.",
)
AMENDMENTS = typer.Argument(
    None,
    metavar="[AMENDMENT]...",
    help="Amendments: YAML files or amendments as filed (.txt, .htm, .docx, .md); by default every one under amendments/<id>/ beside the agreements folder.",
)


def _format_option(help: str):
    """--format with a plain metavar: the choices go in the help text, which wraps at word
    boundaries (Click's <a|b|c> metavar is cut mid-word in a narrow column)."""
    return typer.Option(Format.TEXT, "--format", "-f", metavar="<format>", help=help, case_sensitive=False)


FORMAT = _format_option("text, markdown, json, yaml, html or docx.")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of standard output.")
KEEP_GOING = typer.Option(False, "--keep-going", help="Report every change that cannot be applied, not only the first.")
THROUGH = typer.Option(
    None, "--through", help="Only the amendments up to this one (its id, number or file), in sequence order."
)
AS_OF = typer.Option(
    None,
    "--as-of",
    help="The agreement as in effect on this date (2003-03-01, or March 1, 2003): "
    "amendments effective after it are left out.",
)


def _fail(error: AgreementError) -> NoReturn:
    from .characters import visible  # a file name or an anchor may carry what a terminal obeys

    sys.stderr.write(f"error: {visible(error.render())}\n")
    raise typer.Exit(int(error.exit_code))


def _history(agreement: str, amendments: list[str] | None, keep_going: bool, read: list[str]):
    """Load and apply; every file read is added to `read`, so `-o` can refuse to overwrite it."""
    from .pipeline import run

    done = run(agreement, amendments or None, keep_going=keep_going)
    read.extend(done.files)
    if done.note:
        _note(done.note)
    if _SAY["verbose"]:
        h = done.history
        changes = sum(len(v.applied) for v in h.versions)
        _note(f"read {', '.join(done.files)}; {changes} changes of {len(h.amendments)} amendments applied")
    return done.history


def _cut(history, through: str | None, as_of: str | None):
    """The history through an amendment or as of a date; says on standard error which
    amendments an as-of date left out."""
    from .analyses.select import cut
    from .model import long_date

    when = None
    if as_of is not None:
        from .readers.yaml import parse_date

        when = parse_date(as_of)
        if when is None:
            raise UsageError(f"--as-of {as_of!r} is not a date", hint="write it as 2003-03-01 or March 1, 2003")
    cut_history = cut(history, through, when)
    if when is not None:
        kept = {a.id for a in cut_history.amendments}
        for a in history.amendments:
            if a.id not in kept:
                effective = a.effective or a.date
                _note(f"left out {a.title}, effective {long_date(effective)}")
    return cut_history, when


def _styled() -> bool:
    """Rich styling only for a person at a terminal who has not asked for plain output."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _emit(text: str | bytes, output: str | None, inputs: tuple[str, ...]) -> None:
    if output and output != "-":
        from .output import write_atomic

        write_atomic(output, text, inputs=inputs)
    elif isinstance(text, bytes):
        if sys.stdout.isatty():
            raise UsageError("a Word document is not for the terminal", hint="write it to a file with -o FILE.docx")
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        if sys.stdout.isatty():  # a person reads it: nothing hidden, nothing for the terminal to obey
            from .characters import visible

            text = visible(text, colours=True)
        if _pages(text):
            _pager(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()


def _pager(text: str) -> None:
    """Through $PAGER, or `less -R` (colours kept); straight out if there is neither."""
    import shlex
    import shutil
    import subprocess

    command = shlex.split(os.environ.get("PAGER") or "less -R")
    if not command or shutil.which(command[0]) is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        subprocess.run(command, input=text.encode("utf-8"), check=False)
    except OSError:
        sys.stdout.write(text)
        sys.stdout.flush()


def _pages(text: str) -> bool:
    """A long text for a person at a terminal goes through a pager ($PAGER, or less);
    never in a pipe or a file. AGREEMENT_PAGER=0 (or PAGER=cat) turns it off."""
    if not sys.stdout.isatty() or os.environ.get("AGREEMENT_PAGER", "1") in ("0", ""):
        return False
    import shutil

    return text.count("\n") > shutil.get_terminal_size((80, 24)).lines


def _run(render, output: str | None, inputs: list[str]) -> None:
    try:
        text = render()  # fills `inputs` with the files it read
        _emit(text, output, tuple(inputs))
    except AgreementError as e:
        _fail(e)
    except KeyboardInterrupt:
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # the reader went away (`| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


@app.command()
def apply(
    agreement: str = AGREEMENT,
    amendments: list[str] | None = AMENDMENTS,
    fmt: Format = FORMAT,
    output: str | None = OUTPUT,
    keep_going: bool = KEEP_GOING,
    through: str | None = THROUGH,
    as_of: str | None = AS_OF,
    annotate: bool = typer.Option(
        False, "--annotate", help="After each amended place, a note naming the amendment, its section and date."
    ),
    footnotes: bool = typer.Option(False, "--footnotes", help="With --annotate: the notes as numbered footnotes."),
) -> None:
    """Print the conformed copy: the agreement with every amendment worked in, in sequence order.

    Examples:

      agreement apply symphony-exchange

      agreement apply agreements/symphony-exchange.yaml amendments/symphony-exchange/001-amendment-no-1.yaml

      agreement apply symphony-exchange --format json | jq -r '.. | objects | select(.kind=="section") | .address'

      agreement apply symphony-exchange -o conformed.txt

      agreement apply symphony-exchange --annotate --format html -o conformed.html

      agreement apply symphony-exchange --as-of 2003-03-01
    """

    read: list[str] = []

    def render() -> str:
        from .analyses.select import conformed
        from .writers import writer

        if footnotes and not annotate:
            raise UsageError("--footnotes numbers the notes of --annotate", hint="add --annotate")
        if annotate and not getattr(writer(fmt), "ANNOTATES", False):
            *most, last = [f.value for f in Format if getattr(writer(f), "ANNOTATES", False)]
            raise UsageError(f"an annotated copy is {', '.join(most)} or {last}", hint="--format html")
        history, when = _cut(_history(agreement, amendments, keep_going, read), through, as_of)
        copy = conformed(history, when)
        if annotate:
            from .analyses.annotate import annotated, conformed_through

            copy = copy._replace(notes=annotated(history), footnotes=footnotes, through=conformed_through(history))
            return writer(fmt).render_document(copy)
        if fmt is Format.TEXT and not output and _styled():
            from .writers import terminal

            return terminal.render_document(copy, width=_width())
        return writer(fmt).render_document(copy)

    _run(render, output, read)


@app.command()
def show(
    agreement: str = AGREEMENT,
    amendments: list[str] | None = AMENDMENTS,
    section: str = typer.Option(
        ...,
        "--section",
        "-s",
        help="The unit: '13.4', '2(a)', 'recitals', 'recitals(a)', 'preamble', 'definition:Notes'.",
    ),
    fmt: Format = _format_option("text, markdown, json, yaml, html or docx; with --blame, text or json."),
    output: str | None = OUTPUT,
    keep_going: bool = KEEP_GOING,
    blame: bool = typer.Option(False, "--blame", help="Tag every stretch of words with the version that wrote it."),
    through: str | None = THROUGH,
    as_of: str | None = AS_OF,
) -> None:
    """Print one unit of the agreement as amended.

    A unit an amendment deleted prints one line saying which amendment deleted it.

    Examples:

      agreement show symphony-exchange --section 13.4

      agreement show symphony-exchange --section 'definition:Notes'

      agreement show symphony-exchange --section 'recitals(a)' --format json | jq -r .text

      agreement show symphony-exchange --section 13.4 --blame
    """

    read: list[str] = []

    def render() -> str:
        from .address import describe_address, parse
        from .analyses.select import provisions_naming, select_unit
        from .writers import writer

        parse(section)  # a malformed address is a usage error, before any file is read
        history, when = _cut(_history(agreement, amendments, keep_going, read), through, as_of)
        view = select_unit(history, section, when)
        for amendment, provision in provisions_naming(view):
            where = f", {provision.source}," if provision.source else ""
            _note(
                f"{amendment.title}{where} bears on {describe_address(view.address)} but changes none of its "
                f'words: "{provision.text}"'
            )
        if blame:
            return _blame(history, view, fmt, output)
        if fmt is Format.TEXT and not output and _styled():
            from .writers import terminal

            return terminal.render_unit(view, width=_width())
        return writer(fmt).render_unit(view)

    _run(render, output, read)


@app.command()
def redline(
    agreement: str = AGREEMENT,
    amendments: list[str] | None = AMENDMENTS,
    old: str = typer.Option(
        "original", "--from", help="The older version: 'original', or an amendment's id, number or file."
    ),
    new: str = typer.Option(
        "latest",
        "--to",
        help="The newer version: an amendment's id, number or file (the agreement as amended through it), "
        "or 'latest', through the last amendment read (see --through).",
    ),
    section: str | None = typer.Option(None, "--section", "-s", help="Only this unit and its parts, e.g. '13.4'."),
    fmt: RedlineFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="<format>",
        help="terminal, text, markdown, html, diff, json or docx (default: terminal on a terminal, text otherwise).",
        case_sensitive=False,
    ),
    full: bool = typer.Option(False, "--full", help="The whole document, not only the units that changed."),
    stat: bool = typer.Option(
        False, "--stat", help="Only a summary: words deleted and inserted per unit and per instruction."
    ),
    output: str | None = OUTPUT,
    keep_going: bool = KEEP_GOING,
    through: str | None = typer.Option(
        None,
        "--through",
        help="As on apply and show: leave out the amendments after this one (its id, number or file), "
        "so that 'latest' is this one. --to picks the newer version among those kept.",
    ),
    as_of: str | None = AS_OF,
) -> None:
    """Show what changed between two versions, word by word, and which amendment changed it.

    Examples:

      agreement redline symphony-exchange

      agreement redline symphony-exchange --section 13.4 --format markdown

      agreement redline symphony-exchange --format html -o redline.html

      agreement redline symphony-exchange --format docx -o redline.docx

      agreement redline symphony-exchange --from original --to amendment-no-1 --stat
    """
    read: list[str] = []

    def render() -> str | bytes:
        from .analyses.redline import redline as make_redline
        from .analyses.select import version_index
        from .writers import redline_writer

        if section is not None:
            from .address import parse

            parse(section)
        if stat and fmt is not None:
            from .writers.stat import refused

            why = refused(fmt.value)
            if why:
                raise UsageError(
                    why,
                    hint="use --stat with --format text, markdown, json or html; or drop --stat for the redline itself",
                )
        history, _ = _cut(_history(agreement, amendments, keep_going, read), through, as_of)
        older, newer = version_index(history, old), version_index(history, new)
        if older > newer:
            raise UsageError(
                f"--from {old!r} comes after --to {new!r}",
                hint="a redline reads from the older version to the newer: swap them",
            )
        chosen = fmt or RedlineFormat.TERMINAL
        if chosen is RedlineFormat.TERMINAL and (output or not _styled()):
            chosen = RedlineFormat.TEXT  # no colour codes in files and pipes
        module = redline_writer(chosen)
        r = make_redline(history, older, newer, section=section, full=full or getattr(module, "WHOLE_DOCUMENT", False))
        if stat:
            from .writers import stat as stat_writer

            return stat_writer.render_stat(r, chosen)
        if chosen is RedlineFormat.TERMINAL:
            return module.render_redline(r, full, width=_width())
        return module.render_redline(r, full)

    _run(render, output, read)


@app.command()
def check(
    agreement: str = AGREEMENT,
    amendments: list[str] | None = AMENDMENTS,
    fmt: Format = _format_option("text or json."),
    strict: bool = typer.Option(False, "--strict", help="Exit 8 when there are warnings (and no errors)."),
    through: str | None = THROUGH,
    output: str | None = OUTPUT,
) -> None:
    """Check what a careful reviewer checks: every change applies exactly; defined terms, cross-references, punctuation where amendments touched, and dates.

    Exit 0 when there are no errors (nor warnings, with --strict); 7 when there are errors; 8 when --strict and there are warnings.

    Examples:

      agreement check symphony-exchange

      agreement check symphony-exchange --format json | jq '.findings[] | .rule'

      agreement check symphony-exchange --strict
    """
    read: list[str] = []
    outcome: list[int] = []

    def render() -> str:
        from .check import ERROR, WARNING
        from .pipeline import review
        from .writers import checkfmt

        files, history, findings = review(agreement, amendments, through)
        read.extend(files)
        if any(f.severity == ERROR for f in findings):
            outcome.append(int(ExitCode.CHECK_ERRORS))
        elif strict and any(f.severity == WARNING for f in findings):
            outcome.append(int(ExitCode.CHECK_WARNINGS))
        if fmt is Format.JSON:
            return checkfmt.render_json(history, findings)
        if fmt is not Format.TEXT:
            raise UsageError("the check is printed as text or json", hint="--format json")
        if not output and _styled():
            return checkfmt.render_terminal(history, findings, width=_width())
        return checkfmt.render_text(history, findings)

    _run(render, output, read)
    if outcome:
        raise typer.Exit(outcome[0])


class Engine(str, Enum):
    LOCAL = "local"
    DASK = "dask"


@app.command()
def batch(
    folder: str | None = typer.Argument(
        None, metavar="DIR", help="A folder holding agreements/ and amendments/ folders (at any depth)."
    ),
    output: str | None = typer.Option(None, "--output", "-o", help="Write the copies into this folder."),
    fmt: Format = FORMAT,
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", help="Processes to use, or a LocalCluster's workers (default: one a core)."
    ),
    engine: Engine = typer.Option(
        Engine.LOCAL,
        "--engine",
        metavar="<engine>",
        help="local (a process pool on this machine) or dask (Dask distributed, installed with the dask extra).",
        case_sensitive=False,
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="With --engine dask: an existing cluster's scheduler (tcp://host:8786)."
    ),
    manifest: str | None = typer.Option(
        None, "--manifest", help='A JSON-lines file, one agreement a line: {"agreement": F, "amendments": [F, ...]}.'
    ),
    log: str | None = typer.Option(
        None, "--log", help="Append a JSON line per agreement to this file; a rerun resumes from it."
    ),
    force: bool = typer.Option(
        False, "--force", help="Conform every agreement again, even those the log says are unchanged."
    ),
) -> None:
    """Conform every agreement under a folder, each with its amendments, in parallel.

    Each copy is written by the process that made it, beside its agreement (agreements/<id>.conformed.<ext>) or into -o DIR (<id>.<ext>); a table of successes and failures ends the run. One failing agreement never stops the others; the exit is 9 when any failed. With --log, a rerun skips the agreements whose inputs and tool version are unchanged since their copy was written.

    Examples:

      agreement batch .

      agreement batch contracts/ -o conformed/ --format markdown --log run.jsonl

      agreement batch contracts/ -o conformed/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from collections import deque

    from . import batch as batches
    from . import runlog
    from .characters import visible  # file names found on disk, and errors that quote them
    from .engines import dask_cluster, local_pool

    if (folder is None) == (manifest is None):
        _fail(
            UsageError(
                "give a folder (DIR) or --manifest, not both" if folder else "give a folder (DIR) or --manifest FILE",
                hint="agreement batch contracts/ -o conformed/",
            )
        )
    if scheduler and engine is not Engine.DASK:
        _fail(UsageError("--scheduler is the address of a Dask scheduler", hint="add --engine dask"))
    if scheduler:  # the workers are elsewhere: give them paths that mean the same there
        folder, output, manifest, log = (os.path.abspath(p) if p else p for p in (folder, output, manifest, log))
    stamps = runlog.written_stamps(log) if log and not force else {}

    def work():
        found = (
            batches.manifest_tasks(manifest, fmt.value, output, write=True)
            if manifest
            else batches.folder_tasks(folder, fmt.value, output, write=True)
        )
        return (runlog.with_previous(t, stamps) for t in found) if stamps else found

    try:
        first = next(iter(work()), None)
        if manifest:  # every line read before any is run: a fault on line 90,000 is found now
            deque(batches.manifest_tasks(manifest), maxlen=0)
    except AgreementError as e:
        _fail(e)
    if first is None:
        where = f"in {manifest}" if manifest else f"under {folder}"
        _fail(UsageError(f"no agreements/<id>.yaml (or .txt) {where}", hint="point at a folder holding agreements/"))
    if output:
        Path(output).mkdir(parents=True, exist_ok=True)
    progress = _progress(lambda: batches.count(folder, manifest))
    journal = runlog.open_log(log) if log else None
    stopping: list[bool] = []
    counts = {"ok": 0, "failed": 0, "skipped": 0}
    try:
        with _interrupts(stopping):
            start = dask_cluster(scheduler, jobs) if engine is Engine.DASK else local_pool(jobs)
            with start as running:
                sys.stdout.write("agreement | amendments | result | output\n--- | ---: | --- | ---\n")
                results = batches.conform_all(
                    work(),
                    running.executor,
                    workers=running.workers,
                    worker_lost=running.worker_lost,
                    renew=running.renew if running.replace else None,
                    stopping=lambda: bool(stopping),
                    cancel_on_stop=running.cancel_on_stop,
                )
                for result in results:
                    counts[result.outcome] += 1
                    if journal is not None:
                        runlog.append(journal, result, fmt.value)
                    sys.stdout.write(visible(_batch_row(result)))
                    progress.advance(result.ok)
    except AgreementError as e:
        progress.stop()
        _fail(e)
    finally:
        progress.stop()
        if journal is not None:
            journal.close()
    done = counts["ok"] + counts["skipped"]
    unchanged = f" ({counts['skipped']} unchanged, not conformed again)" if counts["skipped"] else ""
    sys.stdout.write(f"\n{done} of {done + counts['failed']} conformed{unchanged}, {counts['failed']} failed\n")
    if stopping:
        again = "run the same command again to resume" if log else "with --log, a rerun resumes where it stopped"
        sys.stderr.write(f"error: interrupted: the copies above are written\n  hint: {again}\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED))
    if counts["failed"]:
        raise typer.Exit(int(ExitCode.BATCH_FAILURES))


@contextmanager
def _interrupts(stopping: list[bool]):
    """The first Ctrl-C asks the run to stop handing out work and finish what is running
    (so every copy written is logged); a second one stops at once."""
    import signal

    def handler(signum, frame):
        if stopping:
            raise KeyboardInterrupt
        stopping.append(True)

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: no handler of our own
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _NoProgress:
    def advance(self, ok: bool = True) -> None: ...

    def stop(self) -> None: ...


def _progress(count):
    """A Rich progress bar on a terminal (on standard error): done, failed, per second and
    time left; nothing elsewhere. `count` counts the agreements, only when a bar is drawn."""
    if not sys.stderr.isatty() or _SAY["quiet"]:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TextColumn("{task.fields[rate]}/s"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=sys.stdout.isatty(),  # a table on the same terminal is printed above the bar
        redirect_stderr=False,
    )
    bar.start()
    task = bar.add_task("conforming", total=count(), failed=0, rate="-")
    failed = [0]

    class _Bar:
        def advance(self, ok: bool = True) -> None:
            failed[0] += not ok
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, failed=failed[0], rate=f"{speed:.1f}" if speed else "-")

        def stop(self) -> None:
            bar.stop()

    return _Bar()


def _batch_row(result) -> str:
    if result.skipped:
        status = "unchanged"
    else:
        status = "ok" if result.ok else "FAILED: " + result.message.splitlines()[0]
    return f"{result.agreement} | {result.amendments} | {status} | {result.written or '-'}\n"


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@app.command("import")
def import_(
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="A filed agreement: EDGAR text (.txt) or HTML (.htm), Word (.docx), Markdown (.md), or -.",
    ),
    output: str | None = OUTPUT,
    report: ReportFormat = typer.Option(
        ReportFormat.TEXT, "--report", help="How the report on standard error is written.", case_sensitive=False
    ),
) -> None:
    """Read a filed agreement and write it as an agreement YAML file.

    The report on standard error lists every line removed as page furniture (page numbers, <PAGE> markers, running headers, the table of contents...), every line that could not be placed, and each place where the reader was unsure.

    Examples:

      agreement import filing.txt -o agreements/alder-supply.yaml

      agreement import filing.txt --report json 2> report.json
    """
    read: list[str] = [file]

    def render() -> str:
        from pathlib import Path as FsPath

        from .pipeline import imported
        from .readers import ident_for
        from .readers import read as read_document

        reading = read_document(file)
        agreement = reading.agreement
        if output and output != "-" and reading.reader != "yaml":
            agreement = agreement._replace(id=ident_for(FsPath(output).name))
        text = imported(agreement, reading.report, reading.source.name)
        if reading.report is not None and not (_SAY["quiet"] and report is ReportFormat.TEXT):
            sys.stderr.write(
                reading.report.as_json() + "\n" if report is ReportFormat.JSON else reading.report.as_text()
            )
        return text

    _run(render, output, read)


class CompileReport(str, Enum):
    YAML = "yaml"
    TEXT = "text"
    JSON = "json"
    HTML = "html"


@app.command("compile")
def compile_(
    document: str = typer.Argument(
        ..., metavar="AMENDMENT", help="An amendment as filed: EDGAR plain text (.txt), or - for standard input."
    ),
    agreement: str = typer.Option(
        ..., "--agreement", "-a", help="The agreement it amends: a file, an id, or - for standard input."
    ),
    output: str | None = OUTPUT,
    report: CompileReport = typer.Option(
        CompileReport.YAML,
        "--report",
        help="What to write: the amendment file (yaml), or the review of what each instruction became "
        "(text, json, html: a page to sign off from).",
        case_sensitive=False,
    ),
) -> None:
    """Compile an amendment as signed into operations, checked against the agreement.

    Each instruction is read with the instruction grammar and checked against the agreement as amended by the amendments before it: its quoted words must stand where it says, exactly once. What changes no text (consents, representations, governing law...) becomes a note. An instruction that cannot be read whole or applied exactly is listed as needing review, with the reason; nothing is guessed. Exit 0 when every instruction compiled, 11 when any needs review (the output is still written).

    Examples:

      agreement compile amendment-1.txt --agreement symphony-exchange -o amendments/symphony-exchange/001-amendment-no-1.yaml

      agreement compile amendment-1.txt -a symphony-exchange --report html -o review.html

      agreement compile amendment-1.txt -a base.txt --report json | jq '.needs_review'
    """
    read: list[str] = [document]
    outcome: list[int] = []

    def render() -> str:
        from .pipeline import compile_amendment
        from .writers import compiled as writer

        done, before, files = compile_amendment(document, agreement)
        read.extend(files)
        if done.findings:
            outcome.append(int(ExitCode.NEEDS_REVIEW))
            if not _SAY["quiet"]:
                _note(f"{len(done.findings)} instruction(s) of {document} need review:")
                for f in done.findings:
                    sys.stderr.write(f"  {f.cited}: {f.reason}\n")
        if report is CompileReport.JSON:
            return writer.render_json(done)
        if report is CompileReport.TEXT:
            return writer.render_text(done)
        if report is CompileReport.HTML:
            from .analyses.redline import change_by_change

            return writer.render_html(done, change_by_change(before, done.amendment))
        return writer.render_yaml(done)

    _run(render, output, read)
    if outcome:
        raise typer.Exit(outcome[0])


@app.command()
def schema(
    kind: str = typer.Argument(..., metavar="agreement|amendment", help="Which file format."),
) -> None:
    """Print the JSON Schema of a file format, for editors and tools.

    Examples:

      agreement schema agreement > agreement.schema.json

      agreement schema amendment
    """
    import json

    from .schema import SCHEMAS

    if kind not in SCHEMAS:
        from .errors import suggest

        close = suggest(kind, list(SCHEMAS), n=1)
        _fail(
            UsageError(f"no schema {kind!r}", hint=f"did you mean {close[0]!r}?" if close else "agreement or amendment")
        )
    sys.stdout.write(json.dumps(SCHEMAS[kind](), indent=2) + "\n")


@app.command()
def history(
    agreement: str = AGREEMENT,
    amendments: list[str] | None = AMENDMENTS,
    section: str | None = typer.Option(None, "--section", "-s", help="Only the lineage of this unit, e.g. '13.4'."),
    fmt: Format = _format_option("text or json."),
    output: str | None = OUTPUT,
    keep_going: bool = KEEP_GOING,
) -> None:
    """The timeline: each amendment, its dates, what it changed, and what it provided without changing text.

    Examples:

      agreement history symphony-exchange

      agreement history symphony-exchange --section 13.4

      agreement history symphony-exchange --format json | jq '.amendments[].counts'
    """
    read: list[str] = []

    def render() -> str:
        from .analyses.timeline import lineage, timeline
        from .writers import historyfmt

        if section is not None:
            from .address import parse

            parse(section)
        h = _history(agreement, amendments, keep_going, read)
        steps = None
        address = section
        if section is not None:
            from .analyses.select import select_unit

            address = select_unit(h, section).address  # the unit, or the record of its deletion
            steps = lineage(h, address)
        if fmt is Format.JSON:
            return historyfmt.render_json(h, timeline(h), address, steps)
        if fmt is not Format.TEXT:
            raise UsageError("the history is printed as text or json", hint="--format json")
        return historyfmt.render_text(h, timeline(h), address, steps)

    _run(render, output, read)


def _blame(history, view, fmt: Format, output: str | None) -> str:
    from .analyses.blame import body_spans
    from .writers import blamefmt

    if view.unit is None:
        raise UsageError(f"{view.address} was deleted: there are no words to blame", hint="leave out --blame")
    spans = body_spans(history, view.address)
    read = history.original.agreement
    first = read.as_read if read.amended_by else "as originally signed"
    if fmt is Format.JSON:
        return blamefmt.render_json(view.address, spans)
    if fmt is not Format.TEXT:
        raise UsageError("--blame is shown as text (in colour on a terminal) or as json", hint="--format json")
    if not output and _styled():
        return blamefmt.render_terminal(view.address, spans, width=_width(), first=first)
    return blamefmt.render_text(view.address, spans, first)


def _width() -> int:
    import shutil

    return min(shutil.get_terminal_size((100, 24)).columns, 120)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"agreement {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No notes on standard error; errors still."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say on standard error which files were read."),
) -> None:
    """Consolidate a legal agreement with its amendments: conformed copies, sections, redlines, history, checks."""
    _SAY["quiet"], _SAY["verbose"] = quiet, verbose and not quiet


_SAY = {"quiet": False, "verbose": False}


def _note(text: str) -> None:
    """A note for the person at the terminal (never on standard output, so pipes stay clean)."""
    if not _SAY["quiet"]:
        from .characters import visible

        sys.stderr.write(f"note: {visible(text)}\n")


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


_GROUP_FLAGS = frozenset({"--quiet", "-q", "--verbose", "-v"})
"""The options before a command that take no value (main's, but --version, which ends the run)."""


def _command_name(info) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def _invoked(args: list[str]) -> str | None:
    """The command a command line names outright (`agreement -q show ...` -> show), or None
    when it names none or something else (help, --version, a misspelt command): then every
    command is built, for the help and the "did you mean"."""
    names = {_command_name(c) for c in app.registered_commands}
    for arg in args:
        if arg in _GROUP_FLAGS:
            continue
        return arg if arg in names else None
    return None


def run() -> None:
    """Console-script entry point.

    The cyclic garbage collector is turned off: a command lives for a moment, and its
    data (tuples of text) hold no cycles; the collector would only walk the whole
    document again and again while it is built.
    """
    import signal

    gc.disable()
    # a stop asked by the system is treated as one asked at the keyboard: no output file
    # is left half-written (write_atomic removes its temporary file), and the exit is 130
    signal.signal(signal.SIGTERM, _interrupted)
    invoked = _invoked(sys.argv[1:])
    if invoked is not None:
        # Typer builds every command's options (signatures, type hints) before it runs
        # one; a command named outright needs only its own
        app.registered_commands = [c for c in app.registered_commands if _command_name(c) == invoked]
    try:
        app()
        code: object = 0
    except SystemExit as e:
        code = e.code
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        code = 1
    cache = sys.modules.get("agreement.cache")  # only if this run used the cache
    if cache is not None and cache.refused:
        _note(cache.refused[0])
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    # Every output is written by now (files are renamed into place, standard output is
    # flushed): leave without tearing down the interpreter, which for a large agreement
    # takes as long as writing it.
    os._exit(int(code) if isinstance(code, int) else 0)
