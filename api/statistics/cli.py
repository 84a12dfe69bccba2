"""``himaya report``: build the annual report or an export here and now, with a progress bar."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import click
from tqdm import tqdm

from api.settings import Settings, get_settings
from api.statistics.exports import ExportKind
from api.statistics.jobs import ReportLanguage, build_now, write_private
from graph.access.scope import system_scope
from graph.db import Graph

# How the CLI opens the graph (``api.cli.with_graph``), handed in by the entry point: a domain never imports it.
GraphRunner = Callable[[Settings, Callable[[Graph], Awaitable[Path]]], Path]


@click.group("report")
def report() -> None:
    """The authority's annual report and statistics exports (every figure k-anonymous)."""


def report_group(with_graph: GraphRunner) -> click.Group:
    """The ``report`` group, opening the graph with the entry point's ``with_graph``."""
    report.context_settings = {"obj": with_graph}
    return report


def _build(kind: ExportKind, year: int, language: ReportLanguage | None, output: Path) -> Path:
    with_graph: GraphRunner = click.get_current_context().obj  # set by report_group for the whole group
    settings = get_settings()

    async def work(graph: Graph) -> Path:
        with tqdm(total=100, desc=f"{kind.value.lower()} {year}{' ' + language.value if language else ''}",
                  unit="%", file=sys.stderr, dynamic_ncols=True) as bar:
            async def progress(percent: int) -> None:
                bar.update(max(0, percent - bar.n))
                await asyncio.sleep(0)

            started = time.monotonic()
            artefact = await build_now(graph, settings, kind, year, language, progress, system_scope())
            bar.update(100 - bar.n)
        path = output / artefact.file_name
        write_private(path, artefact.content)
        click.echo(f"{path} ({len(artefact.content):,} bytes, {time.monotonic() - started:.1f} s)")
        return path

    return with_graph(settings, work)


def _year(value: int | None) -> int:
    return value if value is not None else dt.datetime.now(dt.UTC).year - 1


@report.command("annual")
@click.option("--year", type=int, default=None, help="The year reported on (default: last year).")
@click.option("--language", type=click.Choice(["fr", "ar", "both"]), default="both", show_default=True)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True)
def annual(year: int | None, language: str, output: Path) -> None:
    """The annual report as PDF (French and Arabic are separate documents)."""
    languages = [ReportLanguage.FR, ReportLanguage.AR] if language == "both" else [ReportLanguage(language.upper())]
    for chosen in languages:
        _build(ExportKind.ANNUAL_REPORT, _year(year), chosen, output)


@report.command("export")
@click.argument("kind", type=click.Choice([k.value for k in ExportKind if k is not ExportKind.ANNUAL_REPORT],
                                          case_sensitive=False))
@click.option("--year", type=int, default=None, help="The year exported (default: last year).")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True)
def export(kind: str, year: int | None, output: Path) -> None:
    """A CTDC, QUESTIONNAIRE or RESEARCH export (a ZIP)."""
    _build(ExportKind(kind.upper()), _year(year), None, output)
