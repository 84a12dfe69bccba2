"""Backups of the local Neo4j: ``neo4j-admin database dump`` / ``load`` on the stopped database.

Neo4j Community has no online backup, so a consistent copy is taken offline: the server is stopped (cleanly),
the database is dumped with the admin tool from the same Maven-resolved jars, and the server is started again
if it was running (a few seconds of 503s). Restore stops the server, loads the dump over the database and
starts it. A dump holds the sealed data but never the key-encryption key (``<state_dir>/keys``): keep the keys
backed up apart, or the dump cannot be read (and a stolen dump alone reveals nothing personal). With Neo4j
Enterprise or Aura use their online backups instead (``neo4j-admin database backup``, Aura snapshots).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ops.neo4j_server import (
    ADMIN_TOOL,
    Neo4jConfig,
    Neo4jError,
    _first_error_line,
    _java_env,
    check_java,
    resolve_classpath,
    start,
    status,
    stop,
    write_config,
)

DATABASE = "neo4j"


def _admin(config: Neo4jConfig, *args: str) -> None:
    java = check_java()
    classpath = resolve_classpath(config, progress=False)
    write_config(config)
    result = subprocess.run([java, "-cp", os.pathsep.join(classpath), ADMIN_TOOL, *args],
                            env=_java_env(config), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = _first_error_line(result.stderr or result.stdout)
        raise Neo4jError(f"neo4j-admin {' '.join(args[:2])} failed: {detail}")


def default_backup_name() -> str:
    return f"himaya-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}.dump"


def backup(config: Neo4jConfig, target: Path) -> Path:
    """Dump the database to ``target`` (a file, or a folder for a timestamped file); the file written."""
    destination = target / default_backup_name() if target.is_dir() else target
    destination.parent.mkdir(parents=True, exist_ok=True)
    was_running = status(config).running
    if was_running:
        stop(config)
    try:
        with tempfile.TemporaryDirectory(prefix="himaya-dump-", dir=destination.parent) as work:
            _admin(config, "database", "dump", DATABASE, f"--to-path={work}", "--overwrite-destination=true")
            produced = Path(work) / f"{DATABASE}.dump"
            if not produced.exists():
                raise Neo4jError(f"neo4j-admin wrote no {produced.name}")
            os.replace(produced, destination)
        destination.chmod(0o600)
    finally:
        if was_running:
            start(config, progress=False)
    return destination


def restore(config: Neo4jConfig, source: Path) -> None:
    """Replace the database with the dump ``source``; the server runs afterwards if it ran before."""
    if not source.is_file():
        raise Neo4jError(f"no backup file at {source}")
    was_running = status(config).running
    if was_running:
        stop(config)
    try:
        with tempfile.TemporaryDirectory(prefix="himaya-load-") as work:
            shutil.copyfile(source, Path(work) / f"{DATABASE}.dump")
            _admin(config, "database", "load", DATABASE, f"--from-path={work}", "--overwrite-destination=true")
    finally:
        if was_running:
            start(config, progress=False)
