"""What readers read is correct Dutch: singular or plural from the counts, no double colons, page
descriptions that end in a sentence, and no words the site had wrong before."""

from __future__ import annotations

import html
import re

from tests.conftest import Build


def text_of(build: Build, page: str) -> str:
    """A built page's HTML with entities decoded and white space collapsed."""
    raw = (build.site / page / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(raw))


def test_theme_pages_name_one_or_more_cases_per_lesson(real_site: Build) -> None:
    theme = text_of(real_site, "themas/organisatieontwikkeling")
    assert "Met de praktijkvoorbeelden " in theme
    assert re.search(r"Met de praktijkvoorbeelden <a [^>]*>Vitale dorpen</a> en <a ", theme)
    assert re.search(
        r"Met het praktijkvoorbeeld <a [^>]*>Mooi voorbeeld: gemeente Rijswijk</a> </p>", theme
    )
    assert "Praktijkvoorbeeld:" not in theme


def test_theme_descriptions_end_in_a_sentence(real_site: Build) -> None:
    for theme in ("leren-te-leren", "organisatieontwikkeling", "regionale-samenwerking"):
        found = re.search(
            r'<meta name="description" content="([^"]*)"', text_of(real_site, f"themas/{theme}")
        )
        assert found, theme
        description = found.group(1)
        assert description.endswith("."), description
        assert not description.endswith(("Over leren.", "…")), description


def test_counts_are_written_from_the_content(real_site: Build) -> None:
    home = text_of(real_site, "")
    assert '<h2 id="lve-themas">Drie thema\'s, 16 lessen</h2>' in home
    overview = text_of(real_site, "organisaties")
    assert "Aan dit traject namen de directies van deze vijf organisaties deel." in overview
    assert '<h3 id="lve-vergelijking">De vijf deelnemers vergeleken</h3>' in overview
    assert "<p>Dit praktijkvoorbeeld gaat over doelgroepenvervoer.</p>" in text_of(
        real_site, "onderwerpen/doelgroepenvervoer"
    )
    assert "<p>Deze 2 lessen gaan over leiderschap.</p>" in text_of(
        real_site, "onderwerpen/leiderschap"
    )


def test_a_contents_list_that_only_repeats_the_title_is_left_out(real_site: Build) -> None:
    theme = text_of(real_site, "themas/leren-te-leren")
    assert 'data-md-component="toc"' not in theme
    # A page with real sections keeps its contents list.
    assert 'data-md-component="toc"' in text_of(real_site, "colofon")


def test_no_page_uses_the_old_wording(real_site: Build) -> None:
    old = re.compile(r"home-pagina|op de home\b|JavaScript aan\b|fout\(en\)|\b1 (lessen|thema's)\b")
    found = [
        f"{path.relative_to(real_site.site)}: {match.group(0)}"
        for path in real_site.site.rglob("*.html")
        for match in old.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
