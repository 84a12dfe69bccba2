"""Benchmark results: latency statistics, the machine they were measured on, the JSON file and the Markdown table."""

from __future__ import annotations

import json
import math
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Targets the report states against (never asserted).
TARGET_FIND_ASSISTANCE_P95_MS = 25.0
TARGET_FIND_ASSISTANCE_CONCURRENCY = 8
TARGET_FLOOR_RATIO = 1.5
TARGET_LOAD_SECONDS = 300.0

MARK_BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these marks) -->"
MARK_END = "<!-- bench:end -->"

COLUMNS = ("operation", "concurrency", "requests", "errors", "p50_ms", "p95_ms", "p99_ms", "throughput_rps",
           "floor_requests", "floor_errors", "floor_p50_ms", "floor_p95_ms", "floor_p99_ms", "floor_throughput_rps",
           "ratio_p50", "ratio_p95")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted values; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Sample:
    """What one side (API or floor) did at one concurrency level."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None
    wall_s: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    def stats(self) -> dict[str, float | int | None]:
        done = len(self.latencies_ms)
        return {
            "requests": self.requests, "errors": self.errors,
            "p50_ms": _round(percentile(self.latencies_ms, 50)), "p95_ms": _round(percentile(self.latencies_ms, 95)),
            "p99_ms": _round(percentile(self.latencies_ms, 99)),
            "throughput_rps": _round(done / self.wall_s if self.wall_s > 0 else math.nan),
        }


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 2)


def _ratio(api: float | int | None, floor: float | int | None) -> float | None:
    if api is None or floor is None or floor <= 0:
        return None
    return round(api / floor, 2)


@dataclass
class Row:
    operation: str
    concurrency: int
    api: Sample
    floor: Sample
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        api, floor = self.api.stats(), self.floor.stats()
        row: dict[str, Any] = {"operation": self.operation, "concurrency": self.concurrency, **api}
        row.update({f"floor_{key}": value for key, value in floor.items()})
        row["ratio_p50"] = _ratio(api["p50_ms"], floor["p50_ms"])
        row["ratio_p95"] = _ratio(api["p95_ms"], floor["p95_ms"])
        row["first_error"] = self.api.first_error or self.floor.first_error
        row["note"] = self.note
        return row


@dataclass
class Report:
    scale: float
    seed: int
    machine: dict[str, Any]
    load: dict[str, Any]
    levels: list[int]
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def as_dict(self) -> dict[str, Any]:
        return {"started_at": self.started_at, "scale": self.scale, "seed": self.seed, "machine": self.machine,
                "load": self.load, "levels": self.levels, "columns": list(COLUMNS),
                "results": [row.as_dict() for row in self.rows], "targets": self.targets(), "notes": self.notes,
                "phases": self.phases}

    def targets(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        rows = [row.as_dict() for row in self.rows]
        find = next((r for r in rows if r["operation"] == "findAssistance"
                     and r["concurrency"] == TARGET_FIND_ASSISTANCE_CONCURRENCY), None)
        if find is not None:
            found.append(_target(f"findAssistance p95 ≤ {TARGET_FIND_ASSISTANCE_P95_MS:g} ms with "
                                 f"{TARGET_FIND_ASSISTANCE_CONCURRENCY} clients", find["p95_ms"],
                                 TARGET_FIND_ASSISTANCE_P95_MS, "ms"))
        for row in rows:
            found.append(_target(f"{row['operation']} (c={row['concurrency']}) p50 within "
                                 f"{TARGET_FLOOR_RATIO:g}× of its Cypher floor", row["ratio_p50"],
                                 TARGET_FLOOR_RATIO, "×"))
        found.append(_target(f"synthetic load ≤ {TARGET_LOAD_SECONDS:g} s", self.load.get("seconds"),
                             TARGET_LOAD_SECONDS, "s"))
        return found

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def markdown(self) -> str:
        m = self.machine
        lines = [
            f"Measured {self.started_at} at scale {self.scale:g} (seed {self.seed}) on {m['cpus']} CPU(s) "
            f"({m['cpu_model']}), {m['memory_gib']} GiB RAM, load average {m['load_average']} at the start; "
            f"Python {m['python']}, Neo4j {m['neo4j']}, {m['os']}.",
            "",
            f"Synthetic load: {self.load.get('seconds', 0):.1f} s — {self.load.get('describe', '')}.",
            "",
            "Latencies in ms; throughput in requests/s; *floor* = the same repository Cypher run straight through "
            "the Neo4j driver with the same parameters and concurrency; ratio = API / floor.",
            "",
            "| operation | clients | req | err | p50 | p95 | p99 | rps | floor p50 | floor p95 | floor p99 "
            "| floor rps | ratio p50 | ratio p95 |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in self.rows:
            d = row.as_dict()
            errors = d["errors"] + d["floor_errors"]
            lines.append(
                f"| {d['operation']} | {d['concurrency']} | {d['requests']} | {errors} | {_fmt(d['p50_ms'])} "
                f"| {_fmt(d['p95_ms'])} | {_fmt(d['p99_ms'])} | {_fmt(d['throughput_rps'])} "
                f"| {_fmt(d['floor_p50_ms'])} | {_fmt(d['floor_p95_ms'])} | {_fmt(d['floor_p99_ms'])} "
                f"| {_fmt(d['floor_throughput_rps'])} | {_fmt(d['ratio_p50'])} | {_fmt(d['ratio_p95'])} |")
        lines += ["", "Targets (reported, not asserted):", ""]
        for target in self.targets():
            verdict = {True: "met", False: "**missed**", None: "n/a"}[target["met"]]
            lines.append(f"- {target['target']}: {_fmt(target['value'])} {target['unit']} — {verdict}")
        if self.notes:
            lines += ["", *[f"- {note}" for note in self.notes]]
        return "\n".join(lines) + "\n"

    def write_markdown(self, path: Path) -> None:
        """Replace the generated block of ``path`` (between the marks), keeping what people wrote around it."""
        block = f"{MARK_BEGIN}\n{self.markdown()}{MARK_END}"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        pattern = re.compile(re.escape(MARK_BEGIN) + ".*?" + re.escape(MARK_END), re.DOTALL)
        appended = f"{text.rstrip()}\n\n{block}\n"
        text = pattern.sub(lambda _: block, text) if pattern.search(text) else appended
        path.write_text(text, encoding="utf-8")


def _target(name: str, value: float | int | None, limit: float, unit: str) -> dict[str, Any]:
    return {"target": name, "value": value, "limit": limit, "unit": unit,
            "met": None if value is None else value <= limit}


def _fmt(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"


def machine(neo4j_version: str | None) -> dict[str, Any]:
    """nproc, memory, CPU model, load, Python, Neo4j and OS of this machine."""
    return {"cpus": os.cpu_count(), "cpu_model": _cpu_model(), "memory_gib": _memory_gib(),
            "load_average": _load_average(), "python": platform.python_version(), "neo4j": neo4j_version or "?",
            "os": f"{platform.system()} {platform.release()}", "executable": sys.executable}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _load_average() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"
