"""Every quality gate fails on a page that carries its fault: a gate that cannot fail is no gate.

One small fixture site, built with the project's templates and plugin, carries four faults an
editor or developer could bring in: light-grey text (contrast), text too wide for a phone, a
script from another host, and a link to nowhere in raw HTML (which MkDocs' own link validation
does not see). A second pair of builds writes the clock into the site.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page as BrowserPage

from tests.browsergates import (
    axe_violations,
    keyboard_walk,
    load_axe_on_every_page,
    recording_requests,
    sideways_scrolling,
    visit_all,
)
from tests.conftest import Build, run_mkdocs, serve, write_content, write_fixture_site
from tests.gates import (
    broken_links,
    diff_trees,
    heading_outline_faults,
    invisible_focus,
    representative_sample,
    text_alternative_faults,
)
from tests.htmlpage import Page

LESSON = "lessen/als-het-veilig-is/"
FAULTS = """

Lichtgrijs op wit: voor veel lezers onleesbaar.

<p><a href="../nergens/">Een link die nergens heen gaat</a></p>
"""
# Content cannot bring its own colours or sizes (the sanitiser removes style attributes), so the
# faults are a stylesheet of the site that greys out lesson text and makes it wider than a phone.
FAULTY_CSS = ".lve-lesson .lve-article__body p { color: #c4c4c4; min-width: 600px; }\n"


@pytest.fixture(scope="module")
def faulty_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = write_fixture_site(write_content(tmp_path_factory.mktemp("faulty") / "site"))
    lesson = root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + FAULTS, encoding="utf-8")
    (root / "docs" / "grijs.css").write_text(FAULTY_CSS, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        # As in the real mkdocs.yml: Material's "Made with" line fails contrast on its own.
        + "extra:\n  generator: false\n"
        + "extra_javascript:\n  - https://example.org/x.js\n"
        + "extra_css:\n  - grijs.css\n",
        encoding="utf-8",
    )
    build = run_mkdocs(root, root / "built")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def faulty_url(faulty_site: Build) -> Iterator[str]:
    with serve(faulty_site.site) as url:
        yield url


def test_axe_finds_a_contrast_failure(page: BrowserPage, faulty_url: str, axe: str) -> None:
    load_axe_on_every_page(page, axe)
    pages = [LESSON, "casussen/proeftuin-de-ruwaard/"]
    violations = visit_all(page, faulty_url, pages, lambda p: axe_violations(p, axe))
    # The fault is found, and only there: the case's page carries none.
    assert violations, violations
    assert all(v.startswith(f"/{LESSON}: color-contrast ") for v in violations), violations


def test_a_page_wider_than_a_phone_is_found(page: BrowserPage, faulty_url: str) -> None:
    page.goto(faulty_url + LESSON)
    too_wide = sideways_scrolling(page)
    # The lesson's 600 px of text fit on a tablet, not on a phone.
    assert [fault.split(" op ")[1].split(":")[0] for fault in too_wide] == ["390 px", "320 px"]
    assert all(fault.startswith(f"/{LESSON} op ") for fault in too_wide), too_wide
    page.goto(faulty_url + "casussen/proeftuin-de-ruwaard/")
    assert sideways_scrolling(page) == []


def test_the_dark_narrow_sample_holds_every_kind_of_page_and_element(tmp_path: Path) -> None:
    def write(name: str, body: str) -> None:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="nl"><h1>Titel</h1>{body}</html>', encoding="utf-8")

    write("index.html", '<p class="lve-intro">Start</p>')
    write("lessen/een/index.html", "<p>Een</p><table><tr><td>1</td></tr></table>")
    write("lessen/twee/index.html", "<p>Twee</p>")
    write("lessen/drie/index.html", '<p style="color: #c4c4c4">Lichtgrijs</p>')
    write("lessen/vier/index.html", '<p class="lve-intro">Vier</p>')
    write("colofon/index.html", "<p>Colofon</p>")
    built = {
        path.relative_to(tmp_path).as_posix(): Page(path, tmp_path)
        for path in sorted(tmp_path.rglob("*.html"))
    }
    # Of the lessons, the one with a table; then the one with a colour of its own. The lesson
    # that has only what other pages have stays out.
    assert representative_sample(built) == [
        "colofon/index.html",
        "index.html",
        "lessen/een/index.html",
        "lessen/drie/index.html",
    ]


def test_an_offsite_script_is_recorded_and_never_sent(page: BrowserPage, faulty_url: str) -> None:
    with recording_requests(page.context, faulty_url) as log:
        page.goto(faulty_url + LESSON)
        page.wait_for_load_state("networkidle")
    assert log.offsite() == ["https://example.org/x.js"]
    # The window reaches no other host: the request failed on this machine.
    assert "https://example.org/x.js" in log.failed


def test_the_crawl_finds_a_broken_link(faulty_site: Build) -> None:
    """On the lesson's page, and in each deck that carries its text as the host's notes."""
    broken = broken_links(faulty_site.site)
    assert broken[0] == "lessen/als-het-veilig-is/index.html: ../nergens/ (bestaat niet)"
    assert {line.split("/", 1)[0] for line in broken[1:]} == {"presentatie"}
    assert all(line.endswith(": ../nergens/ (bestaat niet)") for line in broken)


def test_the_crawl_finds_a_missing_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html lang="nl"><h1 id="top">Start</h1><a href="a/#slot">naar a</a></html>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text('<h1 id="begin">A</h1>', encoding="utf-8")
    assert broken_links(site) == ["index.html: a/#slot (anker #slot bestaat niet)"]


def test_a_build_that_writes_the_clock_is_not_reproducible(tmp_path: Path) -> None:
    root = write_fixture_site(write_content(tmp_path / "site"))
    (root / "clock.py").write_text(
        textwrap.dedent("""\
            import time
            from pathlib import Path

            def on_post_build(config, **kwargs):
                Path(config.site_dir, "gebouwd.txt").write_text(str(time.time_ns()))
            """),
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "hooks:\n  - clock.py\n", encoding="utf-8"
    )
    first = run_mkdocs(root, tmp_path / "first")
    second = run_mkdocs(root, tmp_path / "second")
    assert first.returncode == second.returncode == 0, first.output + second.output
    assert diff_trees(first.site, second.site) == ["gebouwd.txt: verschilt"]


def test_outline_and_text_alternative_faults_are_found(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    path.write_text(
        '<html lang="nl"><h2>Eerst</h2><article><h1>Titel</h1><h3>Te diep</h3>'
        '<img src="schema.svg" alt="schema"><img src="foto.jpg"></article></html>',
        encoding="utf-8",
    )
    page = Page(path, tmp_path)
    assert heading_outline_faults(page) == [
        "index.html: de eerste kop is h2, geen h1",
        "index.html: kop h3 volgt op h1 (niveau overgeslagen)",
    ]
    faults = text_alternative_faults(page)
    assert len(faults) == 2
    assert "'schema.svg'" in faults[0]
    assert "'foto.jpg'" in faults[1]


def test_an_invisible_focus_is_found(page: BrowserPage) -> None:
    page.set_content(
        '<html lang="nl"><style>a:focus { outline: none; }</style>'
        '<p><a href="#een">Een</a> <a href="#twee" style="outline: none">Twee</a></p></html>'
    )
    stops, expected = keyboard_walk(page)
    assert len(stops) == len(expected) == 2
    assert invisible_focus(stops) == [
        'focus niet zichtbaar op a "Een" #een',
        'focus niet zichtbaar op a "Twee" #twee',
    ]
