"""Hostile content from a pull request: the real site built with it runs no script, loads nothing
from other hosts, shows text exactly as typed, and the editor is told file and line.

The corpus is the cross-site scripting filter-evasion cases that apply to Markdown with raw HTML
(OWASP's cheat sheet), plus what an attacker tried on this site. Each vector is its own lesson, so
a failure names the vector.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browsergates import recording_requests
from tests.conftest import REPO, Build, run_mkdocs, serve

VECTORS: dict[str, str] = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "onerror-next-line": '<img src="x.png"\nonerror="alert(1)">',
    "svg-onload": "<svg/onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "details-ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "body-onload": "<body onload=alert(1)>",
    "input-autofocus": "<input autofocus onfocus=alert(1)>",
    "video-source": '<video><source onerror="alert(1)"></video>',
    "link-onmouseover": '<a href="https://example.org/" onmouseover="alert(1)">x</a>',
    "hex-entity-scheme": '<a href="jav&#x61;script:alert(1)">x</a>',
    "decimal-entities": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;'
    'alert(1)">x</a>',
    "tab-in-scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "upper-case-img": "<IMG SRC=\"javascript:alert('XSS');\">",
    "markdown-link": "[klik](javascript:alert(1))",
    "markdown-reference": "[klik][a]\n\n[a]: javascript:alert(1)",
    "data-url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "attr-list": 'Een alinea.\n{: onclick="alert(1)" }',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "base": '<base href="https://example.net/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://example.net/">',
    "form": '<form action="https://example.net/"><button>Verstuur</button></form>',
    "style-import": "<style>@import 'https://example.net/x.css';</style>",
    "style-attribute": '<div style="background:url(https://example.net/x.png)">x</div>',
    "link-stylesheet": '<link rel="stylesheet" href="https://example.net/x.css">',
    "plaintext": "<plaintext>",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "comment-breakout": '<!--<img src="--><img src=x onerror=alert(1)//">',
    "math-mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "offsite-image": "![foto](https://example.net/pixel.png)",
    "protocol-relative-image": '<img src="//example.net/pixel.png">',
}

# Legal in Dutch prose, and each a way out of an attribute or element when not escaped.
HOSTILE_TITLE = """Les <svg/onload=alert(1)> met "aanhalingstekens", 'apostrof' & </title> erin"""
HOSTILE_SENTENCE = "Een \"eerste\" zin met <b>tekens</b> & 'meer'."
# Elements that no content may bring into a page (Material's own forms are outside the content).
FORBIDDEN_IN_CONTENT = {"script", "iframe", "object", "embed", "base", "meta", "form", "style"}
FORBIDDEN_ANYWHERE = {"iframe", "object", "embed", "base"}
# The site's own inline handler (Bijeenkomst voorbereiden), written by the project.
OWN_HANDLERS = {("form", "onsubmit", "return false")}


def lesson_file(theme: str, position: int, title: str, body: str) -> str:
    return (
        f'---\ntitle: "{title}"\ntheme: {theme}\nposition: {position}\n'
        "trajectory: leer-en-intervisietraject\n---\n"
        f"Een gewone eerste zin.\n\n{body}\n"
    )


@dataclass
class HostileSite:
    build: Build
    root: Path
    check: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    root = tmp_path_factory.mktemp("hostile")
    for name in (
        "lessons",
        "cases",
        "themes",
        "organisations",
        "trajectories",
        "docs",
        "overrides",
    ):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "tags.yml"):
        shutil.copy(REPO / name, root / name)
    for position, (name, vector) in enumerate(VECTORS.items(), start=100):
        (root / "lessons" / f"aanval-{name}.md").write_text(
            lesson_file("leren-te-leren", position, f"Aanval {name}", vector), encoding="utf-8"
        )
    (root / "lessons" / "vijandige-titel.md").write_text(
        "---\ntitle: '"
        + HOSTILE_TITLE.replace("'", "''")
        + "'\ntheme: leren-te-leren\nposition: 99\ntrajectory: leer-en-intervisietraject\n---\n"
        + HOSTILE_SENTENCE
        + " Daarna meer.\n",
        encoding="utf-8",
    )
    (root / "docs" / "aanval.md").write_text(
        "---\ntitle: 'Pagina <img src=x onerror=alert(1)>'\n"
        'description: \'Beschrijving" http-equiv="refresh" content="0;url=https://example.net/\'\n'
        "---\n\n# Aanval\n\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    build = run_mkdocs(root, root / "site", env={"LEREN_PDF": "false"})
    check = subprocess.run(
        [sys.executable, "-m", "leren.cli", "--map", str(root), "controleer"],
        capture_output=True,
        text=True,
        check=False,
    )
    return HostileSite(build, root, check)


# Markdown itself turns these into visible text (the comment hides only its own start), so the
# sanitiser removes nothing an editor would miss and there is nothing to report.
RENDERED_AS_TEXT = {"comment-breakout"}


def expected_locations() -> list[str]:
    """file:line of each vector: the lesson's body starts on line 7, the vector on line 9."""
    locations = []
    for name in VECTORS:
        if name in RENDERED_AS_TEXT:
            continue
        line = 9 + (1 if name == "onerror-next-line" else 0)
        if name in ("markdown-reference",):
            line = 11
        if name == "attr-list":
            line = 10
        locations.append(f"lessons/aanval-{name}.md:{line}")
    return locations


def test_the_strict_build_and_the_check_name_every_vector(hostile: HostileSite) -> None:
    assert hostile.build.returncode != 0
    assert hostile.check.returncode == 1
    for output in (hostile.build.output, hostile.check.stdout + hostile.check.stderr):
        assert "Traceback" not in output
        for location in [*expected_locations(), "docs/aanval.md:8"]:
            assert f"{location}: " in output, f"{location} is not named:\n{output[-3000:]}"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str]], bool]] = []
        self._content_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = [(name, value or "") for name, value in attrs]
        in_content = bool(self._content_depth)
        self.elements.append((tag, values, in_content))
        if tag == "div":
            self._stack.append(tag)
            if ("id", "inhoud") in values or self._content_depth:
                self._content_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._stack:
            self._stack.pop()
            if self._content_depth:
                self._content_depth -= 1


def own_element(tag: str, attrs: list[tuple[str, str]]) -> bool:
    """The site's own script files and forms, which templates write beside the body: a script
    file of the site (never inline), or an element with the site's class prefix, which the
    sanitiser never lets content set."""
    values = dict(attrs)
    source = values.get("src", "")
    if tag == "script":
        return "assets/javascripts/" in source and "://" not in source
    return any(name.startswith("lve-") for name in values.get("class", "").split())


def scriptable_url(value: str) -> bool:
    squeezed = "".join(ch for ch in value if ord(ch) > 0x20).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html"))


def test_no_built_page_carries_script_or_foreign_markup(hostile: HostileSite) -> None:
    pages = sorted((hostile.root / "site").rglob("*.html"))
    assert len(pages) > 60
    found = []
    for path in pages:
        parser = _Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs, in_content in parser.elements:
            where = f"{path.relative_to(hostile.root)}: <{tag}>"
            if tag in FORBIDDEN_ANYWHERE or (
                in_content and tag in FORBIDDEN_IN_CONTENT and not own_element(tag, attrs)
            ):
                found.append(where)
            if tag == "meta" and ("http-equiv", "refresh") in attrs:
                found.append(f"{where} refresh")
            for name, value in attrs:
                if name.startswith("on") and (tag, name, value) not in OWN_HANDLERS:
                    found.append(f"{where} {name}={value}")
                if name in ("href", "src", "action", "formaction", "data") and scriptable_url(
                    value
                ):
                    found.append(f"{where} {name}={value}")
    assert found == []


@pytest.fixture(scope="module")
def hostile_url(hostile: HostileSite) -> Iterator[str]:
    with serve(hostile.root / "site") as url:
        yield url


def test_in_chromium_no_dialog_opens_and_nothing_leaves_the_site(
    page: Page, hostile: HostileSite, hostile_url: str
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    addresses = [f"lessen/aanval-{name}/" for name in VECTORS]
    addresses += ["lessen/vijandige-titel/", "aanval/", "themas/leren-te-leren/", "lessen/", ""]
    with recording_requests(page.context, hostile_url) as log:
        for address in addresses:
            page.goto(hostile_url + address)
            page.mouse.move(300, 300)
            page.keyboard.press("Tab")
        # The search renders titles from the index: a hostile title must stay text there too.
        page.goto(hostile_url)
        page.locator("input.md-search__input").fill("erin")
        result = page.locator(".md-search-result__item").filter(has_text="erin").first
        result.wait_for(timeout=10_000)
        assert "<svg/onload=alert(1)>" in result.inner_text()
    assert dialogs == []
    assert log.offsite() == []


def test_titles_and_sentences_show_exactly_as_typed(
    page: Page, hostile: HostileSite, hostile_url: str
) -> None:
    page.goto(hostile_url + "lessen/vijandige-titel/")
    assert page.locator("article h1").first.inner_text() == HOSTILE_TITLE
    assert page.title() == f"{HOSTILE_TITLE} - Leren van elkaar"
    assert page.locator('meta[property="og:title"]').get_attribute("content") == HOSTILE_TITLE
    description = page.locator('meta[name="description"]').get_attribute("content") or ""
    assert description.startswith("Een \"eerste\" zin met tekens & 'meer'.")
    assert page.locator("article svg, article b").count() == 0
    # The lesson before it links to it by its title.
    page.goto(hostile_url + "lessen/aanval-script/")
    assert HOSTILE_TITLE in page.locator(".lve-pager").inner_text()
    page.goto(hostile_url + "aanval/")
    assert page.title() == "Pagina <img src=x onerror=alert(1)> - Leren van elkaar"
    assert (page.locator('meta[name="description"]').get_attribute("content") or "").startswith(
        'Beschrijving" http-equiv='
    )
