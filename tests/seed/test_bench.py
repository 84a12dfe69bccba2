"""`make bench` at a tiny scale: every operation runs over real HTTP and as its Cypher floor, the report is whole.

Timings are never asserted (the machine is shared); only that everything ran without errors and was reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from api.errors import RateLimited
from api.protection import protection_for, protection_of
from api.settings import Settings
from graph.db import Graph
from seed.bench import BenchOptions, main, run_benchmark
from seed.bench_ops import operation_names
from seed.bench_report import COLUMNS, MARK_BEGIN, MARK_END, percentile
from seed.synthetic import SyntheticAlreadyLoaded, load_synthetic
from tests.support import repository as support


async def test_every_operation_is_measured_over_http_and_against_its_floor(
        graph: Graph, settings: Settings, tmp_path: Path) -> None:
    markdown = tmp_path / "BENCHMARKS.md"
    markdown.write_text("# Benchmarks\n\nWritten by people.\n", encoding="utf-8")
    options = BenchOptions(scale=0.002, levels=[2], requests=2, warmup=0, max_seconds=30,
                           json_path=tmp_path / "latest.json", markdown_path=markdown, progress=False,
                           side_by_side=False)
    assert settings.neo4j_uri is not None and settings.neo4j_password is not None

    report = await run_benchmark(options, neo4j_uri=settings.neo4j_uri,
                                 neo4j_password=settings.neo4j_password.get_secret_value())

    saved = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(report.as_dict()))
    assert saved["load"]["cases"] == 200
    assert {"cpus", "cpu_model", "memory_gib", "python", "neo4j"} <= set(saved["machine"])
    rows = saved["results"]
    assert [row["operation"] for row in rows] == operation_names()
    for row in rows:
        assert (row["errors"], row["floor_errors"], row["first_error"]) == (0, 0, None), row
        assert row["requests"] == row["floor_requests"] == 2
        assert set(COLUMNS) <= set(row)
        assert all(row[column] is not None for column in COLUMNS), row
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nWritten by people.\n")
    assert text.count(MARK_BEGIN) == text.count(MARK_END) == 1
    assert all(f"| {name} | 2 |" in text for name in operation_names())
    assert "findAssistance p95" not in text  # the target row needs the 8-client level, which did not run


async def test_the_benchmark_refuses_a_graph_that_already_holds_a_synthetic_network(
        graph: Graph, settings: Settings, tmp_path: Path) -> None:
    await load_synthetic(graph, scale=0.001, seed=1, progress=False)
    before = await support.count_by_label(graph)
    options = BenchOptions(scale=0.001, levels=[1], requests=1, json_path=tmp_path / "latest.json",
                           markdown_path=None, progress=False, side_by_side=False)
    assert settings.neo4j_uri is not None and settings.neo4j_password is not None

    with pytest.raises(SyntheticAlreadyLoaded):
        await run_benchmark(options, neo4j_uri=settings.neo4j_uri,
                            neo4j_password=settings.neo4j_password.get_secret_value())

    assert await support.count_by_label(graph) == before
    assert not (tmp_path / "latest.json").exists()


@pytest.mark.parametrize("argv", [["--scale", "0"], ["--levels", "0"], ["--levels", ""], ["--requests", "0"],
                                  ["--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-password", ""]])
def test_bad_arguments_are_refused_before_anything_starts(argv: list[str], capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    assert main([*argv, "--json", str(tmp_path / "x.json"), "--markdown", "-"]) == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "x.json").exists()


def test_percentiles_use_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50.0, 95.0, 99.0)
    assert percentile([7.0], 99) == 7.0


async def test_public_intake_limits_come_from_the_settings(tmp_path: Path, graph: Graph) -> None:
    tight = Settings(state_dir=tmp_path, public_intake_per_client="2/minute", public_intake_overall="100/minute")
    intake = protection_of(tight).intake
    intake.reset()
    await intake.admit(graph, "198.51.100.7", "public-report")
    await intake.admit(graph, "198.51.100.7", "public-report")
    with pytest.raises(RateLimited):
        await intake.admit(graph, "198.51.100.7", "public-report")
    await intake.admit(graph, "198.51.100.8", "public-report")  # another client has its own window
    # The defaults are unchanged and shared with protection_for(state_dir).
    assert protection_of(Settings(state_dir=tmp_path)) is protection_for(tmp_path)


@pytest.mark.parametrize("field", ["public_intake_per_client", "public_intake_overall"])
@pytest.mark.parametrize("value", ["lots", "5 per", "-1/minute", ""])
def test_a_malformed_intake_limit_is_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError, match=field):
        Settings(**{field: value})
