"""The live preview: saving a lesson rebuilds the site, and a mistake shows up in the preview."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import mkdocs_serve, write_fixture_site


@pytest.fixture
def preview(content_root: Path) -> Iterator[str]:
    write_fixture_site(content_root)
    with mkdocs_serve(content_root) as root:
        url = root + "lessen/als-het-veilig-is/"
        wait_for(lambda html: "veilig" in html, url)
        yield url


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(condition: Callable[[str], bool], url: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    html = ""
    while time.monotonic() < deadline:
        try:
            html = fetch(url)
            if condition(html):
                return html
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not reach the expected state; last HTML:\n{html[-2000:]}")


def test_saving_a_lesson_updates_the_preview(content_root: Path, preview: str) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("leer je veel beter.", "leer je het allerbeste."), encoding="utf-8"
    )
    wait_for(lambda html: "leer je het allerbeste." in html, preview)

    lesson.write_text(text.replace("position: 1", "position: drie"), encoding="utf-8")
    html = wait_for(lambda html: "lve-problems" in html, preview)
    assert (
        "lessons/als-het-veilig-is.md:4: &#39;position&#39; moet een heel getal zijn" in html
        or "lessons/als-het-veilig-is.md:4: 'position' moet een heel getal zijn" in html
    )
    assert "leer je het allerbeste." in html

    lesson.write_text(text, encoding="utf-8")
    html = wait_for(lambda html: "lve-problems" not in html, preview)
    assert "leer je veel beter." in html


def test_the_preview_keeps_answering_and_escapes_what_it_reports(
    content_root: Path, preview: str
) -> None:
    """A hostile or broken file on disk: the preview still answers, and its banner shows the
    problem as text (a front-matter key is echoed in the message)."""
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("position: 1", "position: 1\n<img src=x onerror=alert(1)>: 1"),
        encoding="utf-8",
    )
    html = wait_for(lambda html: "lve-problems" in html, preview)
    assert "onbekend veld &#39;&lt;img src=x onerror=alert(1)&gt;&#39;" in html
    assert "<img src=x onerror" not in html

    bomb = content_root / "themes" / "bom.yml"
    bomb.write_text(
        'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(
            f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        encoding="utf-8",
    )
    html = wait_for(lambda html: "ankers en verwijzingen" in html, preview, seconds=15)
    assert "themes/bom.yml:1" in html


def test_a_new_lesson_with_an_error_shows_its_problems_at_its_address(
    content_root: Path, preview: str
) -> None:
    lesson = content_root / "lessons" / "nieuwe-les.md"
    lesson.write_text(
        '---\ntitle: "Een nieuwe les."\ntheme: leren-te-leren\nposition: drie\n'
        "cases: []\ntags: []\ntrajectory: leer-en-intervisietraject\n---\nDe uitwerking.\n",
        encoding="utf-8",
    )
    address = preview.replace("als-het-veilig-is", "nieuwe-les")
    html = wait_for(lambda html: "Deze pagina is er nog niet" in html, address)
    assert "lessons/nieuwe-les.md" in html
    assert (
        "lessons/nieuwe-les.md:4: &#39;position&#39; moet een heel getal zijn (zoals 3), niet &#39;drie&#39;"
        in html
    )

    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("position: drie", "position: 2"),
        encoding="utf-8",
    )
    html = wait_for(lambda html: "De uitwerking." in html, address)
    assert "Deze pagina is er nog niet" not in html
