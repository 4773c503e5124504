"""Whole-site builds of small fixture sites: the plugin wires content into pages, and bad content
stops a strict build with Dutch messages naming file and line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Build, run_mkdocs, write_fixture_site
from tests.htmlpage import Page, targets


def test_fixture_site_builds_with_generated_pages(small_site: Build) -> None:
    build = small_site
    assert "WARNING" not in build.output
    lesson = Page(build.site / "lessen" / "als-het-veilig-is" / "index.html", build.site)
    assert lesson.title == "Als het veilig is, leer je veel beter."
    assert {
        "themas/leren-te-leren/index.html",
        "casussen/proeftuin-de-ruwaard/index.html",
    } <= targets(lesson, lesson.main_links)
    case = Page(build.site / "casussen" / "proeftuin-de-ruwaard" / "index.html", build.site)
    assert {"lessen/als-het-veilig-is/index.html", "organisaties/oss/index.html"} <= targets(
        case, case.main_links
    )


def test_bad_content_fails_the_strict_build_with_every_problem(
    content_root: Path, build_fixture_site: Callable[[Path], Build]
) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("position: 1", "position: drie"),
        encoding="utf-8",
    )
    case = content_root / "cases" / "proeftuin-de-ruwaard.md"
    case.write_text(
        case.read_text(encoding="utf-8").replace("organisation: oss", "organisation: os"),
        encoding="utf-8",
    )
    build = build_fixture_site(content_root)
    assert build.returncode == 1
    assert "Traceback" not in build.output
    assert (
        "lessons/als-het-veilig-is.md:4: 'position' moet een heel getal zijn (zoals 3), niet 'drie'"
    ) in build.output
    assert (
        "cases/proeftuin-de-ruwaard.md:3: de organisatie 'os' bestaat niet (bedoelde je 'oss'?)"
        in build.output
    )
    assert "De inhoud bevat 2 fouten" in build.output


def test_a_warning_fails_only_the_strict_build(
    content_root: Path, build_fixture_site: Callable[[Path], Build]
) -> None:
    lesson = content_root / "lessons" / "als-het-veilig-is.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("cases: [proeftuin-de-ruwaard]", "cases: []"),
        encoding="utf-8",
    )
    build = build_fixture_site(content_root)
    assert build.returncode == 1
    assert (
        "WARNING -  leren: cases/proeftuin-de-ruwaard.md: waarschuwing: dit praktijkvoorbeeld "
        "illustreert nog geen les" in build.output
    )
    assert "Traceback" not in build.output


def test_edit_links_point_at_the_source_files(content_root: Path, tmp_path: Path) -> None:
    write_fixture_site(content_root, edit_url="https://example.org/redactie/edit/main/")
    build = run_mkdocs(content_root, tmp_path / "built")
    assert build.returncode == 0, build.output
    lesson = Page(build.site / "lessen" / "als-het-veilig-is" / "index.html", build.site)
    case = Page(build.site / "casussen" / "proeftuin-de-ruwaard" / "index.html", build.site)
    home = Page(build.site / "index.html", build.site)
    assert "https://example.org/redactie/edit/main/lessons/als-het-veilig-is.md" in lesson.links
    assert "https://example.org/redactie/edit/main/cases/proeftuin-de-ruwaard.md" in case.links
    assert "https://example.org/redactie/edit/main/docs/index.md" in home.links
    overview = Page(build.site / "lessen" / "index.html", build.site)
    assert not [link for link in overview.links if "/edit/" in link]
