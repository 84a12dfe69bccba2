"""The side-by-side table of ``make bench``: today's figures beside the ones measured before, in its own block."""

from __future__ import annotations

from pathlib import Path

import pytest

from seed import bench_peer

RESULTS = {
    "started": "2026-12-01T10:00:00+0000", "cpus": 2, "loadavg_start": [0.5, 0.4, 0.3], "requests": 300,
    "workloads": {"W1": {"title": "caseload page", "levels": {"8": {
        "stats": {"himaya": {"requests": 300, "p50_ms": 200.4, "p95_ms": 250.0},
                  "peer": {"requests": 300, "p50_ms": 500.0, "p95_ms": 800.0},
                  "floor": {"requests": 300, "p50_ms": 30.0, "p95_ms": 50.0}},
        "ratios": {"himaya/peer": {"rps": 2.4}, "himaya/floor": {"p50": 6.68}},
        "compared_inputs": 300, "mismatches": 2}}}},
}


def test_the_row_shows_each_contender_the_ratios_the_agreement_and_the_figures_before() -> None:
    table = bench_peer.markdown(RESULTS)
    row = next(line for line in table.splitlines() if line.startswith("| W1"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells == ["W1 caseload page", "8", "200/250", "500/800", "30/50", "2.4", "6.68×", "298/300",
                     "934/1121", "567/892", "0.63", "31×"]


def test_the_block_is_replaced_in_place_and_the_rest_of_the_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nWritten by people.\n", encoding="utf-8")
    bench_peer.write_markdown(RESULTS, path)
    bench_peer.write_markdown(RESULTS, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nWritten by people.\n")
    assert text.count(bench_peer.MARK_BEGIN) == text.count(bench_peer.MARK_END) == 1
    assert "| W1 caseload page | 8 | 200/250 |" in text


def test_a_missing_peer_folder_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench_peer, "PEER_SOURCE", tmp_path / "nowhere")
    reason = bench_peer.peer_available()
    assert reason is not None
    assert "nowhere" in reason
