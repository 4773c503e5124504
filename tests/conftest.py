"""Shared fixtures: a small content tree to break on purpose, and builds of real sites."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Page as PlaywrightPage

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
    variable), optionally under a wrapper command (``prefix``, such as faketime)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    changes = {"NO_MKDOCS_2_WARNING": "1", "LEREN_SITE_URL": TEST_SITE_URL, **(env or {})}
    merged = {**os.environ, **changes}
    environment = {key: value for key, value in merged.items() if value is not None}
    result = subprocess.run(
        [*(prefix or []), *command, *extra],
        cwd=config_dir,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


def write_fixture_site(root: Path) -> Path:
    """mkdocs.yml and docs/ around a content tree, using the project's templates."""
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
          - leren
        """),
        encoding="utf-8",
    )
    return root


@pytest.fixture
def build_fixture_site(tmp_path: Path) -> Callable[[Path], Build]:
    def build(root: Path) -> Build:
        return run_mkdocs(write_fixture_site(root), tmp_path / "built")

    return build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real publication, built once with --strict into a temporary folder."""
    build = run_mkdocs(REPO, tmp_path_factory.mktemp("real") / "site")
    assert build.returncode == 0, build.output
    return build


CHROMIUM = Path(os.environ.get("LEREN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site served over HTTP on the loopback address, as a reader's browser gets it."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(real_site: Build) -> Iterator[str]:
    """The real site, served."""
    with serve(real_site.site) as url:
        yield url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


@pytest.fixture
def page(browser: Browser) -> Iterator[PlaywrightPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def narrow_dark_page(browser: Browser) -> Iterator[PlaywrightPage]:
    """A phone-sized window (also what 400% zoom gives) preferring the dark colour scheme."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def axe() -> str:
    """axe-core's script (node_modules, from package.json); CI fails without it, others skip."""
    from tests.gates import axe_source

    return axe_source()
