"""``newsledger ingest PATH... --db FILE``: read, annotate and store articles, with a progress bar
and a summary that names every skipped input and why. Exit 1 when something was skipped."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from .app import app
from .common import (
    DB_HELP,
    DEFAULT_DB,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SKIPPED,
    err,
    errors_to_exit,
    fail,
    open_ledger,
    out,
)


def _count_files(paths: list[Path]) -> int:
    """Files under ``paths``: the progress bar's estimate (a JSON Lines file may hold many)."""
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            n += 1
    return n


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (txt, html, jsonl, feeds).")],
    db: Annotated[str, typer.Option("--db", help=DB_HELP)] = DEFAULT_DB,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-annotate articles whose text is unchanged.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Worker processes for the per-article stages (pays off on "
                                           "hundreds of articles; the models load once).")] = 1,
) -> None:
    """Read articles, annotate them and store them; re-running skips unchanged articles.

    Exit status: 0 ok; 1 an input was skipped (listed with its reason);
    2 usage or config error; 3 store or corpus-stage error; 130 interrupted (run again)."""
    with errors_to_exit():
        ledger = open_ledger(db, config)
        with ledger, Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                              MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                              transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("ingesting", total=_count_files(paths) or None)

            def progress(status: str, name: str) -> None:
                t = bar.tasks[0]
                if status == "corpus":          # every input is done: the file count was an estimate
                    bar.update(task, total=t.completed, description=f"corpus stages over {name} documents")
                    return
                if t.total is not None and t.completed + 1 > t.total:
                    bar.update(task, total=t.completed + 1)
                bar.update(task, advance=1, description=f"{status} {name}"[:60])

            try:
                report = ledger.ingest(paths, progress, force=force, jobs=jobs)
            except KeyboardInterrupt:
                raise fail("interrupted: the articles stored so far are kept; run the same command "
                           "again to resume", EXIT_INTERRUPTED) from None
    out.print(f"read {report.read}, stored {report.stored}, replaced {report.replaced}, "
              f"unchanged {report.unchanged}, skipped {len(report.skipped)}", markup=False)
    for name, reason in report.skipped:
        out.print(f"skipped {name}: {reason}", markup=False, soft_wrap=True)
    for w in report.warnings:
        out.print(f"warning: {w}", markup=False, soft_wrap=True)
    if report.pending:
        out.print(f"pending {report.pending} documents await the corpus stages", markup=False)
    raise typer.Exit(EXIT_SKIPPED if report.skipped else EXIT_OK)
