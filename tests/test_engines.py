"""A second engine: ProperDocs, the maintained continuation of MkDocs 1.x, builds the same site.

ProperDocs runs in its own environment (.venv-properdocs, made by ``scripts/setup properdocs``
from requirements-properdocs.lock) in which MkDocs is not installed. Both engines build the real
site with the same clock and address; every file must come out byte for byte the same, except the
generator tag, which names the engine.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PROPERDOCS_ENV = REPO / ".venv-properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_python() -> Path:
    """The ProperDocs environment's Python, installed or brought up to date by scripts/setup."""
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup"), "properdocs"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return PROPERDOCS_ENV / "bin" / "python"


INSTALLED = """\
import importlib.metadata, sys
try:
    importlib.metadata.distribution(sys.argv[1])
except importlib.metadata.PackageNotFoundError:
    sys.exit(1)
"""


def installed(python: Path, distribution: str) -> bool:
    """Whether the environment of ``python`` has ``distribution`` installed."""
    return subprocess.run([str(python), "-c", INSTALLED, distribution], check=False).returncode == 0


def test_the_properdocs_environment_has_no_mkdocs(properdocs_python: Path) -> None:
    assert installed(properdocs_python, "properdocs")
    assert installed(properdocs_python, "leren-van-elkaar")
    assert not installed(properdocs_python, "mkdocs")
    # The oracle for the comparison below is the MkDocs of the test environment.
    assert importlib.metadata.version("mkdocs")


def test_a_second_setup_installs_nothing(properdocs_python: Path) -> None:
    stamp = PROPERDOCS_ENV / ".geinstalleerd"
    before = stamp.stat().st_mtime_ns
    again = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup"), "properdocs"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    assert stamp.stat().st_mtime_ns == before


def site_files(site: Path) -> dict[str, bytes]:
    """Every built file by its path, with the generator tag taken out of the HTML."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".html":
                content = GENERATOR.sub(b"", content, count=1)
            files[path.relative_to(site).as_posix()] = content
    return files


def test_properdocs_builds_every_page_as_mkdocs_does(
    properdocs_python: Path, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1496275200",
        "LEREN_SITE_URL": "https://example.org/leren-van-elkaar/",
    }
    commands = {
        "mkdocs": [sys.executable, "-m", "mkdocs"],
        "properdocs": [str(properdocs_python), "-m", "properdocs"],
    }
    # One after the other: both draw the share cards into the same cache in the repository.
    for engine, command in commands.items():
        build = subprocess.run(
            [
                *command,
                *("build", "--strict", "--config-file", "mkdocs.yml"),
                *("--site-dir", str(tmp_path / engine)),
            ],
            cwd=REPO,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert build.returncode == 0, f"{engine}:\n{build.stdout}{build.stderr}"

    generators = {
        engine: GENERATOR.search((tmp_path / engine / "index.html").read_bytes())
        for engine in commands
    }
    assert generators["mkdocs"] and b"mkdocs-1.6" in generators["mkdocs"][0]
    assert generators["properdocs"] and b"ProperDocs" in generators["properdocs"][0]

    by_mkdocs = site_files(tmp_path / "mkdocs")
    by_properdocs = site_files(tmp_path / "properdocs")
    pages = [name for name in by_mkdocs if name.endswith(".html")]
    for folder in ("themas/", "lessen/", "casussen/", "organisaties/", "onderwerpen/"):
        assert any(page.startswith(folder) for page in pages), f"no pages under {folder}"
    assert "leren-van-elkaar.pdf" in by_mkdocs
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    different = [name for name in by_mkdocs if by_properdocs[name] != by_mkdocs[name]]
    assert different == [], f"{len(different)} of {len(by_mkdocs)} files differ"
