"""Shared fixtures: a small content tree to break on purpose, and builds of real sites.

Content
    ``real_content``  the publication's content model (lessons/, cases/, ...), loaded once.
    ``content_root``  a fresh minimal content tree (one theme, organisation, case and lesson) in a
                      temporary folder, for a test to break on purpose.

Builds (``mkdocs build --strict`` in a subprocess, as an editor runs it; see ``run_mkdocs``)
    ``built_site``           the real publication, built once per session. Without the PDF (its
                             typesetting costs seconds), unless the session also runs a test that
                             needs the PDF: then this is that same build, the pages offering it.
    ``built_site_with_pdf``  the real publication with leren-van-elkaar.pdf; only for tests about
                             the PDF (or about a build's bytes, PDF included).
    ``real_site``            the same build as ``built_site_with_pdf``, for older tests.
    ``built_pages``          every page of ``built_site``, parsed (tests/htmlpage.py), read-only.
    ``small_site``           the minimal content tree built once, read-only; a test that changes
                             content or configuration builds its own with ``build_fixture_site``
                             or ``write_fixture_site`` + ``run_mkdocs``.
    ``offline_kit``          the real site's offline kit, made once by ``leren offline`` as a
                             maintainer does (with the test address), and unzipped; read-only.

Builds leave out the PDF unless asked (``run_mkdocs(..., env={"LEREN_PDF": "true"})``): the real
mkdocs.yml and the fixture sites' configuration read ``LEREN_PDF``.

Browser (Debian's Chromium through Playwright)
    ``browser``, ``page`` (1280x900, light), ``narrow_dark_page`` (390x844, dark), ``site_url``
    (``built_site`` served over HTTP), ``axe`` (axe-core's script; tests/browsergates.py runs it).
    A test's page is new, in a context kept for the run (``Window``); windows reach no host but
    this machine (``LOCAL_ONLY``).

Order: pytest-xdist hands out whole files, longest first (``LONGEST_FIRST``).
"""

from __future__ import annotations

import fcntl
import functools
import json
import os
import pickle
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Request, Route, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page as PlaywrightPage

from leren.loader import load_content
from leren.structure import Content
from tests.gates import AXE_SCRIPT
from tests.htmlpage import Page, pages

REPO = Path(__file__).resolve().parent.parent

THEME = """\
title: "Leren te leren"
number: 1
summary_label: "Over leren"
summary: "We zagen dat leren noodzakelijk is."
intro: |
  We willen sneller en meer van elkaar leren.
"""
ORGANISATION = """\
name: "Gemeente Oss"
short_name: "Oss"
form: "Gemeente"
governance: "Raad en College van B&W"
inhabitants: 90000
history: "Herindelingen in 1994, 2003, 2011 en 2015"
phase: "Ontwikkeld naar een netwerkorganisatie"
intro: |
  De gemeente Oss heeft als grootste kern Oss.
"""
CASE = """\
---
title: "Proeftuin De Ruwaard"
organisation: oss
region: "Oss"
period: "2013–2017"
facts:
  - when: "oktober 2015"
    what: "Start van de trekker."
tags: [zorg en welzijn, financiën]
trajectory: leer-en-intervisietraject
---
Rond 2013 groeit in Oss het besef dat de zorg anders moet.
"""
LESSON = """\
---
title: "Als het veilig is, leer je veel beter."
theme: leren-te-leren
position: 1
cases: [proeftuin-de-ruwaard]
tags: [zorg en welzijn]
trajectory: leer-en-intervisietraject
---
Het is toch een stap om een vraag te stellen aan collega's.
"""
TRAJECTORY = """\
title: "Leer- en intervisietraject"
period: "vanaf 2014, drie jaar"
participants: [oss]
intro: |
  In 2014 besloten de directies om op een nieuwe manier van elkaar te gaan leren.
publication:
  title: "Leren van elkaar"
  date: "2017-06"
  publisher: "Vereniging van Gemeentesecretarissen"
  publisher_short: "VGS"
"""
TAGS = "- zorg en welzijn\n- financiën\n"


# The `leren` tool of the environment running the tests, as the README's setup installs it.
LEREN = Path(sys.executable).parent / "leren"


def leren(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`leren` with these arguments, run as an editor runs it, in ``cwd``."""
    return subprocess.run(
        [str(LEREN), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def write_content(root: Path) -> Path:
    """A minimal valid content tree: one trajectory (with its publication), theme, organisation,
    case and lesson."""
    files = {
        "trajectories/leer-en-intervisietraject.yml": TRAJECTORY,
        "themes/leren-te-leren.yml": THEME,
        "organisations/oss.yml": ORGANISATION,
        "cases/proeftuin-de-ruwaard.md": CASE,
        "lessons/als-het-veilig-is.md": LESSON,
        "tags.yml": TAGS,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    return write_content(tmp_path / "site")


@pytest.fixture(scope="session")
def real_content() -> Content:
    """The publication's content, loaded once; a test fails if it does not load cleanly."""
    content, problems = load_content(REPO)
    assert content is not None, "\n".join(str(problem) for problem in problems)
    return content


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


# Test builds stand in this address for the published site (QR codes on slides point there).
TEST_SITE_URL = "https://example.org/leren-van-elkaar/"


def run_mkdocs(
    config_dir: Path,
    site_dir: Path,
    *extra: str,
    env: dict[str, str | None] | None = None,
    prefix: list[str] | None = None,
) -> Build:
    """``mkdocs build --strict``, with ``env`` changing this process's environment (None removes a
    variable), optionally under a wrapper command (``prefix``, such as faketime). Without the PDF
    unless ``env`` sets ``LEREN_PDF`` to ``true``."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    result = subprocess.run(
        [*(prefix or []), *command, *extra],
        cwd=config_dir,
        capture_output=True,
        text=True,
        env=build_environment(env),
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def build_environment(env: dict[str, str | None] | None = None) -> dict[str, str]:
    """The environment ``run_mkdocs`` gives a build: this process's, with the test address, no
    PDF, and then ``env``'s changes (None removes a variable)."""
    changes = {
        "NO_MKDOCS_2_WARNING": "1",
        "LEREN_SITE_URL": TEST_SITE_URL,
        "LEREN_PDF": "false",
        **(env or {}),
    }
    merged = {**os.environ, **changes}
    return {key: value for key, value in merged.items() if value is not None}


def write_fixture_site(root: Path, **leren_options: str) -> Path:
    """mkdocs.yml and docs/ around a content tree, using the project's templates; options for the
    leren plugin (such as ``edit_url="https://..."``) go into its section of mkdocs.yml. As in the
    real mkdocs.yml, ``LEREN_PDF`` decides on the PDF (``run_mkdocs`` leaves it out)."""
    options = {"pdf": "!ENV [LEREN_PDF, true]"} | {
        name: json.dumps(value) for name, value in leren_options.items()
    }
    leren = "".join(f"      {name}: {value}\n" for name, value in options.items())
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(
        "---\ntitle: Home\ntemplate: home.html\n---\n\nEen kleine testsite.\n", encoding="utf-8"
    )
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
        site_name: Testsite
        theme:
          name: material
          custom_dir: {REPO / "overrides"}
          language: nl
          font: false
        plugins:
          - search
          - tags
          - leren:
        """)
        + leren,
        encoding="utf-8",
    )
    return root


@pytest.fixture
def build_fixture_site(tmp_path: Path) -> Callable[[Path], Build]:
    def build(root: Path) -> Build:
        return run_mkdocs(write_fixture_site(root), tmp_path / "built")

    return build


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The minimal content tree (``write_content``) built once; tests only read it."""
    return made_once(tmp_path_factory, "small", build_small_site)


def build_small_site(folder: Path) -> Build:
    root = write_fixture_site(write_content(folder / "site"))
    build = run_mkdocs(root, root / "built")
    assert build.returncode == 0, build.output
    return build


T = TypeVar("T")


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``, made once per test run. Each pytest-xdist worker has a session of its
    own; a build every worker needs is made by the first that asks, in the folder the workers
    share (pytest-xdist's recipe, with a file lock), and the others read it. The builds are only
    read by the tests."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = shared / f"{name}.pickle"
        if made.exists():
            value: T = pickle.loads(made.read_bytes())
            return value
        # A worker whose making failed leaves no pickle: the next one tries again and fails with
        # its own message.
        folder = shared / name
        folder.mkdir(exist_ok=True)
        value = make(folder)
        made.write_bytes(pickle.dumps(value))
        return value


def build_real_site(folder: Path, *, with_pdf: bool) -> Build:
    """The real publication, built with --strict."""
    build = run_mkdocs(REPO, folder / "site", env={"LEREN_PDF": str(with_pdf).lower()})
    assert build.returncode == 0, build.output
    return build


# Fixtures whose tests need the real site's PDF (``real_site`` is older tests' name for it).
PDF_FIXTURES = {"built_site_with_pdf", "real_site"}


@pytest.fixture(scope="session")
def built_site_with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real publication with leren-van-elkaar.pdf, built once."""
    return made_once(
        tmp_path_factory, "real-with-pdf", lambda folder: build_real_site(folder, with_pdf=True)
    )


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real publication, built once: without the PDF, unless a test in this session needs
    it; then one build with the PDF serves every test."""
    if any(PDF_FIXTURES & set(getattr(item, "fixturenames", ())) for item in request.session.items):
        build: Build = request.getfixturevalue("built_site_with_pdf")
        return build
    return made_once(
        tmp_path_factory, "real", lambda folder: build_real_site(folder, with_pdf=False)
    )


@pytest.fixture(scope="session")
def real_site(built_site_with_pdf: Build) -> Build:
    """The real publication with its PDF. New tests take ``built_site`` (or, about the PDF,
    ``built_site_with_pdf``)."""
    return built_site_with_pdf


@dataclass
class OfflineKit:
    zip: Path
    folder: Path
    output: str


@pytest.fixture(scope="session")
def offline_kit(tmp_path_factory: pytest.TempPathFactory) -> OfflineKit:
    """The real site's offline kit, made once by the command a maintainer runs, and unzipped."""
    return made_once(tmp_path_factory, "kit", make_offline_kit)


def make_offline_kit(folder: Path) -> OfflineKit:
    target = folder / "leren-van-elkaar-offline.zip"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "leren"), "offline", "--uitvoer", str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "LEREN_SITE_URL": TEST_SITE_URL},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    unpacked = folder / "uitgepakt"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    return OfflineKit(target, unpacked, result.stdout)


@pytest.fixture(scope="session")
def built_pages(built_site: Build) -> dict[str, Page]:
    """Every HTML page of ``built_site`` by its path in the site ('lessen/x/index.html')."""
    return pages(built_site.site)


CHROMIUM = Path(os.environ.get("LEREN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def mkdocs_serve(root: Path, env: dict[str, str | None] | None = None) -> Iterator[str]:
    """`mkdocs serve` of the site in ``root`` on a free loopback port, as `bash scripts/serve`
    runs it, with ``env`` changing the environment (None removes a variable); yields its root
    address. Each test waits for the page it needs."""
    merged = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env={key: value for key, value in merged.items() if value is not None},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def first_answer(url: str, seconds: float = 60) -> tuple[str, str]:
    """The address a starting server finally answers ``url`` from (after redirects), and the
    page; fails when it does not answer within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.url, response.read().decode("utf-8")
        except OSError:
            assert time.monotonic() < deadline, f"{url} did not answer"
            time.sleep(0.3)


def cut_off_network(context: BrowserContext) -> list[str]:
    """Only files from disk load in ``context``; returns the list of every URL it requests."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))

    def only_files(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_files)
    return requested


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site served over HTTP on the loopback address, as a reader's browser gets it."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Build) -> Iterator[str]:
    """The real site (``built_site``), served."""
    with serve(built_site.site) as url:
        yield url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that moves on to the next page drops the requests still loading: no fault.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} ontbreekt: installeer het pakket 'chromium'")
        pytest.skip(f"{CHROMIUM} ontbreekt; browsertests overgeslagen")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# A browser window that reaches no host but this machine: it sends every request for another host
# to a proxy on a port where nothing listens (9, the old discard service), so the request fails
# before it leaves; tests/browsergates.py records such requests.
LOCAL_ONLY: dict[str, Any] = {
    "proxy": {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
}
# The two windows most browser tests look through: a wide one in the light scheme, as most readers
# first see the site, and a phone-sized one (also what 400% zoom gives) preferring the dark scheme.
WIDE_LIGHT: dict[str, Any] = {**LOCAL_ONLY, "viewport": {"width": 1280, "height": 900}}
NARROW_DARK: dict[str, Any] = {
    **LOCAL_ONLY,
    "viewport": {"width": 390, "height": 844},
    "color_scheme": "dark",
}


class Window:
    """A browser context kept open for the whole run, in which each test gets a page of its own.

    A new context per test costs about a CPU-second: its first page starts a renderer process of
    its own. Here the page of the test before stays open, on about:blank, so the next test's page
    finds that process running. Nothing else of a test reaches the next one: a new page has its
    own session storage, emulated media, viewport and listeners, and after each test every other
    page the test opened is closed and the context's storage (local storage, cookies, IndexedDB,
    caches) for every origin it contacted, its HTTP cache, permissions and routes are cleared.
    Tests change their page, never the context itself (such as its init scripts)."""

    def __init__(self, browser: Browser, options: dict[str, Any]) -> None:
        self.context = browser.new_context(**options)
        self.origins: set[str] = set()
        self.context.on("request", self.note_origin)

    def note_origin(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            self.origins.add(f"{parts.scheme}://{parts.netloc}")

    def page(self) -> Iterator[PlaywrightPage]:
        kept = list(self.context.pages)
        opened = self.context.new_page()
        for earlier in kept:
            earlier.close()
        yield opened
        for other in self.context.pages:
            if other is not opened:
                other.close()
        try:
            opened.goto("about:blank")
        except PlaywrightError:
            # A page caught in another navigation (to an error page, say) makes way for a new one.
            opened.close()
            opened = self.context.new_page()
        self.context.unroute_all(behavior="ignoreErrors")
        self.context.clear_permissions()
        self.context.clear_cookies()
        cdp = self.context.new_cdp_session(opened)
        for contacted in sorted(self.origins):
            cdp.send("Storage.clearDataForOrigin", {"origin": contacted, "storageTypes": "all"})
        cdp.send("Network.clearBrowserCache")
        cdp.detach()
        self.origins.clear()


@pytest.fixture(scope="session")
def wide_light_window(browser: Browser) -> Iterator[Window]:
    window = Window(browser, WIDE_LIGHT)
    yield window
    window.context.close()


@pytest.fixture(scope="session")
def narrow_dark_window(browser: Browser) -> Iterator[Window]:
    window = Window(browser, NARROW_DARK)
    yield window
    window.context.close()


@pytest.fixture
def page(wide_light_window: Window) -> Iterator[PlaywrightPage]:
    yield from wide_light_window.page()


@pytest.fixture
def narrow_dark_page(narrow_dark_window: Window) -> Iterator[PlaywrightPage]:
    yield from narrow_dark_window.page()


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core's script (node_modules, from package.json); CI fails without it, others skip."""
    if not AXE_SCRIPT.exists():
        message = f"{AXE_SCRIPT} ontbreekt: draai 'npm ci' in {REPO}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


# pytest-xdist hands each worker whole test files, one after the other, in this order (with
# --no-loadscope-reorder in pyproject.toml; other files follow in their usual order). The longest
# files start first, so that no worker is left running a long file at the end while the other has
# nothing to do; the second one builds a site of its own while the first builds the real site.
LONGEST_FIRST = (
    "test_quality.py",
    "test_security.py",
    "test_presentation.py",
    "test_presenter.py",
    "test_keyboard.py",
    "test_trajectories.py",
    "test_search.py",
    "test_pdf.py",
    "test_gates_catch_faults.py",
    "test_cli.py",
    "test_serve.py",
    "test_subpath.py",
    "test_engines.py",
    "test_layout.py",
    "test_offline.py",
    "test_browser.py",
    "test_print.py",
    "test_build.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))
