"""A second engine: ProperDocs, the maintained continuation of MkDocs 1.x, builds the same site.

ProperDocs runs in its own environment (.venv-properdocs, made by ``scripts/setup properdocs``
from requirements-properdocs.lock) in which MkDocs is not installed. Both engines build the real
site with the same clock and address; every file must come out byte for byte the same, except the
generator tag, which names the engine.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, Build, build_environment

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
    properdocs_python: Path, built_site_with_pdf: Build, tmp_path: Path
) -> None:
    # The MkDocs build is the session's real site with its PDF; ProperDocs builds in the same
    # environment (address, PDF, the clock pinned to the last commit) after it, as both draw the
    # share cards into the same cache in the repository.
    sites = {"mkdocs": built_site_with_pdf.site, "properdocs": tmp_path / "properdocs"}
    build = subprocess.run(
        [
            *(str(properdocs_python), "-m", "properdocs"),
            *("build", "--strict", "--config-file", "mkdocs.yml"),
            *("--site-dir", str(sites["properdocs"])),
        ],
        cwd=REPO,
        env=build_environment({"LEREN_PDF": "true"}),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert build.returncode == 0, f"properdocs:\n{build.stdout}{build.stderr}"

    generators = {
        engine: GENERATOR.search((site / "index.html").read_bytes())
        for engine, site in sites.items()
    }
    assert generators["mkdocs"] and b"mkdocs-1.6" in generators["mkdocs"][0]
    assert generators["properdocs"] and b"ProperDocs" in generators["properdocs"][0]

    by_mkdocs = site_files(sites["mkdocs"])
    by_properdocs = site_files(sites["properdocs"])
    pages = [name for name in by_mkdocs if name.endswith(".html")]
    for folder in ("themas/", "lessen/", "casussen/", "organisaties/", "onderwerpen/"):
        assert any(page.startswith(folder) for page in pages), f"no pages under {folder}"
    assert "leren-van-elkaar.pdf" in by_mkdocs
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    different = [name for name in by_mkdocs if by_properdocs[name] != by_mkdocs[name]]
    assert different == [], f"{len(different)} of {len(by_mkdocs)} files differ"
