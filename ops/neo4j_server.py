"""Provision and run a local Neo4j Community server resolved from Maven Central.

The server is `org.neo4j.server.CommunityEntryPoint` on the runtime classpath of `org.neo4j:neo4j`
(see ops/README.md). Everything lives under one home folder: conf/, data/, logs/, run/ and the
generated password (0600).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

NEO4J_VERSION = "5.26.30"
MIN_JAVA = 17
POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0


class Neo4jError(RuntimeError):
    """A one-line, actionable problem with the local Neo4j."""


@dataclass(frozen=True)
class Neo4jConfig:
    home: Path
    bolt_port: int = 7687
    heap: str = "1g"
    pagecache: str = "512m"
    # Where the resolved classpath is remembered; several homes (tests) may share one.
    cache_dir: Path | None = None

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def classpath_file(self) -> Path:
        return (self.cache_dir or self.home) / f"neo4j-classpath-{NEO4J_VERSION}.txt"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


@dataclass(frozen=True)
class Neo4jStatus:
    running: bool
    pid: int | None
    port: int
    version: str
    uri: str

    def describe(self) -> str:
        state = f"running (pid {self.pid})" if self.running else "stopped"
        return f"Neo4j {self.version}: {state}, Bolt {self.uri}"


# --------------------------------------------------------------------------- prerequisites


def java_executable() -> str:
    java_home = os.environ.get("HIMAYA_JAVA_HOME") or os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise Neo4jError(
            "Java is missing: install a JDK 17 or 21 (e.g. `apt-get install openjdk-17-jre-headless`) "
            "or set JAVA_HOME"
        )
    return found


def java_major_version(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    text = out.stderr + out.stdout
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        raise Neo4jError(f"Could not read the Java version from `{java} -version`: set JAVA_HOME to a JDK 17+")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def check_java() -> str:
    java = java_executable()
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise Neo4jError(
            f"Java {major} is too old for Neo4j {NEO4J_VERSION}: install Java 17 or 21 and set JAVA_HOME to it"
        )
    return java


def maven_executable() -> str:
    found = shutil.which("mvn")
    if not found:
        raise Neo4jError("Maven is missing: install it (e.g. `apt-get install maven`); it fetches Neo4j")
    return found


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- provisioning


def resolve_classpath(config: Neo4jConfig, *, progress: bool = True) -> list[str]:
    """Ask Maven for Neo4j's runtime classpath; the first call downloads (~120 MB), later ones are local."""
    if config.classpath_file.exists():
        entries = config.classpath_file.read_text().strip().split(os.pathsep)
        if entries and all(Path(e).exists() for e in entries):
            return entries
    mvn = maven_executable()
    config.classpath_file.parent.mkdir(parents=True, exist_ok=True)
    if progress:
        print(f"Resolving Neo4j Community {NEO4J_VERSION} from Maven Central (first run downloads ~120 MB)...",
              file=sys.stderr, flush=True)
    cmd = [mvn, "-B", "-f", str(POM), "dependency:build-classpath",
           f"-Dmdep.outputFile={config.classpath_file}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    downloaded = 0
    tail: list[str] = []
    for line in proc.stdout:
        tail = [*tail[-30:], line.rstrip()]
        if "Downloaded from" in line:
            downloaded += 1
            if progress and downloaded % 10 == 0:
                print(f"  ... {downloaded} artifacts downloaded", file=sys.stderr, flush=True)
    if proc.wait() != 0 or not config.classpath_file.exists():
        detail = next((t for t in reversed(tail) if "ERROR" in t), tail[-1] if tail else "")
        raise Neo4jError(f"Maven could not resolve Neo4j {NEO4J_VERSION}: {detail.strip()}")
    if progress and downloaded:
        print(f"  done: {downloaded} artifacts in the local Maven repository", file=sys.stderr, flush=True)
    return config.classpath_file.read_text().strip().split(os.pathsep)


def write_config(config: Neo4jConfig) -> None:
    for folder in (config.conf_dir, config.logs_dir, config.data_dir, config.pid_file.parent):
        folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Written by `himaya neo4j start`; edits are overwritten.",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{config.bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{config.bolt_port}",
        "server.http.enabled=false",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        f"server.directories.data={config.data_dir}",
        f"server.directories.logs={config.logs_dir}",
        f"server.directories.run={config.pid_file.parent}",
        f"server.directories.import={config.home / 'import'}",
        f"server.memory.heap.initial_size={config.heap}",
        f"server.memory.heap.max_size={config.heap}",
        f"server.memory.pagecache.size={config.pagecache}",
        "dbms.usage_report.enabled=false",
        "db.tx_log.rotation.retention_policy=1 files",
        "server.jvm.additional=-XX:+UseG1GC",
    ]
    (config.conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")


def _java_env(config: Neo4jConfig) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(config.home)
    env["NEO4J_CONF"] = str(config.conf_dir)
    return env


def ensure_password(config: Neo4jConfig, java: str, classpath: list[str]) -> str:
    """Generate the initial password before the very first start; never a default one."""
    if config.password_file.exists():
        return config.password_file.read_text().strip()
    if (config.data_dir / "databases").exists():
        raise Neo4jError(
            f"{config.data_dir} holds a database but {config.password_file} is gone: "
            f"remove {config.home} to start afresh"
        )
    # A leading "-" would be read as an option by the admin tool, so the password starts with a letter.
    password = "n" + secrets.token_urlsafe(24)
    result = subprocess.run(
        [java, "-cp", os.pathsep.join(classpath), ADMIN_TOOL, "dbms", "set-initial-password", password],
        env=_java_env(config), capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise Neo4jError(f"Could not set the initial Neo4j password ({_first_error_line(result.stderr)}): "
                         f"check {config.conf_dir / 'neo4j.conf'}")
    fd = os.open(config.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    return password


def _first_error_line(text: str) -> str:
    for line in text.splitlines():
        if "Exception" in line or "Error" in line or "error" in line:
            return line.strip()[:200]
    return (text.strip().splitlines() or ["no output"])[0][:200]


def read_password(config: Neo4jConfig) -> str | None:
    if config.password_file.exists():
        return config.password_file.read_text().strip()
    return None


# --------------------------------------------------------------------------- process control


def _read_pid(config: Neo4jConfig) -> int | None:
    try:
        pid = int(config.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); check its state.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def bolt_answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            # Bolt handshake: magic preamble then four version proposals (5.x, 4.4).
            sock.sendall(bytes.fromhex("6060b017") + bytes.fromhex("00080805") + bytes.fromhex("00000404")
                         + bytes(8))
            return len(sock.recv(4)) == 4
    except OSError:
        return False


def start(config: Neo4jConfig, *, progress: bool = True) -> Neo4jStatus:
    """Start the server (idempotent) and wait until Bolt answers."""
    existing = _read_pid(config)
    if existing is not None:
        if bolt_answers(config.bolt_port):
            return status(config)
        raise Neo4jError(
            f"Neo4j (pid {existing}) is running but Bolt on port {config.bolt_port} does not answer: "
            f"see {config.logs_dir / 'neo4j.log'} or run `himaya neo4j stop`"
        )
    java = check_java()
    if not port_is_free(config.bolt_port):
        raise Neo4jError(
            f"Port {config.bolt_port} is already in use: stop what listens there or set HIMAYA_NEO4J_BOLT_PORT"
        )
    classpath = resolve_classpath(config, progress=progress)
    write_config(config)
    ensure_password(config, java, classpath)
    console = (config.logs_dir / "console.log").open("ab")
    cmd = [
        java, f"-Xms{config.heap}", f"-Xmx{config.heap}", "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
        "-XX:+ExitOnOutOfMemoryError", "-Djdk.tls.ephemeralDHKeySize=2048", "-Dfile.encoding=UTF-8",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "-cp", os.pathsep.join(classpath), ENTRY_POINT,
        f"--home-dir={config.home}", f"--config-dir={config.conf_dir}",
    ]
    proc = subprocess.Popen(cmd, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=_java_env(config), start_new_session=True, cwd=config.home)
    console.close()
    config.pid_file.write_text(str(proc.pid))
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            config.pid_file.unlink(missing_ok=True)
            raise Neo4jError(
                f"Neo4j exited during start-up (code {proc.returncode}): see {config.logs_dir / 'neo4j.log'} "
                f"and {config.logs_dir / 'console.log'}"
            )
        if bolt_answers(config.bolt_port):
            return status(config)
        time.sleep(0.25)
    stop(config)
    raise Neo4jError(
        f"Neo4j did not answer on Bolt port {config.bolt_port} within {START_TIMEOUT_S:.0f}s: "
        f"see {config.logs_dir / 'neo4j.log'}"
    )


def stop(config: Neo4jConfig) -> bool:
    """Stop cleanly (SIGTERM, then SIGKILL after a grace period). Returns whether it was running."""
    pid = _read_pid(config)
    if pid is None:
        config.pid_file.unlink(missing_ok=True)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline and _alive(pid):
        _reap(pid)
        time.sleep(0.2)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _reap(pid)
    config.pid_file.unlink(missing_ok=True)
    return True


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def status(config: Neo4jConfig) -> Neo4jStatus:
    pid = _read_pid(config)
    running = pid is not None and bolt_answers(config.bolt_port)
    return Neo4jStatus(running=running, pid=pid, port=config.bolt_port, version=NEO4J_VERSION, uri=config.uri)
