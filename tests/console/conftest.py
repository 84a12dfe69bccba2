"""Browser tests of the console: the API (uvicorn) on a free port over the session's Neo4j with the demo seed,
driven by Playwright in Debian's Chromium. Screenshots go to test-artifacts/console/ (not committed)."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import httpx
import pyotp
import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from api.app import create_app
from api.settings import PROJECT_ROOT, Settings
from graph.db import Graph, create_driver
from graph.migrations.runner import migrate
from ops.neo4j_server import free_port
from seed.demo import create_demo_accounts, load_demo
from seed.demo_reports import load_demo_reports
from seed.reference import load_reference
from tests.support import repository as support

CHROMIUM = Path("/usr/bin/chromium")
DIST = PROJECT_ROOT / "console" / "dist" / "index.html"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "console"
AXE = PROJECT_ROOT / "console" / "node_modules" / "axe-core" / "axe.min.js"
# The flags that work on a closed network (no background connections, no component updates).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
T = TypeVar("T")
# Generous waits: the machine running the suite may be busy (these are waits, never timing assertions).
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
_ACCOUNT_LINE = re.compile(r"^(\S+)\s+role=(\S+)\s+organisation=(\S+)\s+password=(\S+)(?:\s+totp=(\S+))?$")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organization: str
    password: str
    totp_secret: str | None

    def otp(self) -> str:
        """A code of a time step nobody used yet (a code is good once), waiting for the next step if needed."""
        assert self.totp_secret is not None
        totp = pyotp.TOTP(self.totp_secret)
        step = int(time.time()) // 30
        last = _USED_STEPS.get(self.username)
        if last is not None and last >= step:
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time()) // 30
        _USED_STEPS[self.username] = step
        return totp.now()


_USED_STEPS: dict[str, int] = {}


@dataclass(frozen=True)
class ConsoleServer:
    base_url: str
    accounts: dict[str, DemoAccount]


async def _seed(settings: Settings) -> list[str]:
    assert settings.neo4j_password is not None
    driver = create_driver(settings.effective_neo4j_uri, settings.neo4j_user,
                           settings.neo4j_password.get_secret_value(), pool_size=5)
    graph = Graph(driver, settings.neo4j_database)
    try:
        await migrate(graph)
        await support.delete_everything_but_migrations(graph)
        await load_reference(graph)
        await load_demo(graph)
        await load_demo_reports(graph, settings.state_dir)
        return await create_demo_accounts(graph, settings.state_dir)
    finally:
        await driver.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The first browser test also waits for Neo4j, the seed and the server: give these tests more time."""
    for item in items:
        if "tests/console/" in str(item.path):
            item.add_marker(pytest.mark.timeout(900))


@pytest.fixture(autouse=True)
def clean_graph() -> None:
    """The browser tests share one seeded demo network (console_server): nothing is wiped between them.
    (Playwright's sync API keeps an event loop running on this thread, so no async fixture may run here.)"""


def _in_thread(work: Callable[[], T]) -> T:
    """Run work on a thread of its own (its own event loop, whatever the test runner's loop is doing)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


@pytest.fixture(scope="package")
def console_server(settings: Settings) -> Iterator[ConsoleServer]:
    """The API with the demo network, served for real on a free port for the whole package."""
    assert DIST.is_file(), "the console is not built: `make console` (make test builds it)"
    assert CHROMIUM.is_file(), "Debian's chromium is missing: `make chromium` (make test installs it)"
    (settings.state_dir / "demo-accounts.txt").unlink(missing_ok=True)
    lines = _in_thread(lambda: asyncio.run(_seed(settings)))
    accounts: dict[str, DemoAccount] = {}
    for line in lines:
        match = _ACCOUNT_LINE.match(line.strip())
        if match:
            secret = re.search(r"secret=([A-Z2-7]+)", match[5]).group(1) if match[5] else None  # type: ignore[union-attr]
            accounts[match[1]] = DemoAccount(match[1], match[2], match[3], match[4], secret)
    assert {"demo.coordinator", "demo.caseworker", "demo.partner"} <= set(accounts)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                           log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    else:
        raise RuntimeError("the API did not become ready")
    try:
        yield ConsoleServer(base_url=base, accounts=accounts)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="package")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class ConsolePage:
    """One signed-in (or not) browser tab, collecting CSP violations and page errors."""

    def __init__(self, context: BrowserContext, server: ConsoleServer) -> None:
        self.context = context
        self.server = server
        context.set_default_timeout(WAIT_MS)
        self.page: Page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message: object) -> None:
        text = getattr(message, "text", "")
        if "Content Security Policy" in text or "Refused to" in text:
            self.problems.append(text)

    def open(self, path: str = "/") -> Page:
        self.page.goto(self.server.base_url + path)
        return self.page

    def sign_in(self, username: str, *, language: str | None = None) -> Page:
        account = self.server.accounts[username]
        page = self.open("/")
        expect(page.get_by_role("heading", name=re.compile("Connexion|تسجيل الدخول|Sign in"))).to_be_visible()
        if language:
            page.get_by_role("combobox", name=re.compile("Langue|اللغة|Language")).select_option(language)
        page.locator("input[name=username]").fill(account.username)
        page.locator("input[name=password]").fill(account.password)
        if account.totp_secret:
            page.locator("input[name=otp]").fill(account.otp())
        page.locator("button[type=submit]").click()
        expect(page.locator("nav.sidenav")).to_be_visible()
        return page

    def settle(self) -> Page:
        """Wait until the screen shows no loading indicator any more."""
        expect(self.page.locator("main h1")).to_be_visible()
        expect(self.page.locator("p.muted[role=status]")).to_have_count(0)
        return self.page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.settle()
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe_violations(self) -> list[dict[str, object]]:
        """Serious and critical accessibility violations on the current page (axe-core, WCAG 2 A/AA)."""
        result: dict[str, list[dict[str, object]]] = self.page.evaluate(
            """async () => {
                const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
                return { violations: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })) };
            }""")
        return result["violations"]


@pytest.fixture
def console(browser: Browser, console_server: ConsoleServer) -> Iterator[ConsolePage]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
    # axe-core is added as an init script (DevTools, not an inline <script>), so the page's CSP stays untouched.
    context.add_init_script(path=str(AXE))
    tab = ConsolePage(context, console_server)
    yield tab
    context.close()
    assert tab.problems == []


@pytest.fixture
def second_console(browser: Browser, console_server: ConsoleServer) -> Iterator[ConsolePage]:
    context = browser.new_context(viewport={"width": 1180, "height": 820}, locale="fr-FR")
    tab = ConsolePage(context, console_server)
    yield tab
    context.close()
    assert tab.problems == []
