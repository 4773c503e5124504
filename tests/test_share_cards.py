"""Shared links: every page carries a description and OpenGraph/Twitter tags with its own card."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from leren.share import excerpt
from leren.structure import Content
from tests.conftest import TEST_SITE_URL, Build


class Meta(HTMLParser):
    def __init__(self, path: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        key = attributes.get("property") or attributes.get("name")
        if tag == "meta" and key:
            self.meta[key] = attributes.get("content") or ""


def shared_pages(site: Path, content: Content) -> dict[str, Path]:
    pages = {
        f"lessen/{lesson}/": site / "lessen" / lesson / "index.html" for lesson in content.lessons
    }
    pages |= {
        f"casussen/{case}/": site / "casussen" / case / "index.html" for case in content.cases
    }
    return pages


def test_every_lesson_and_case_has_a_card_of_its_own(
    built_site: Build, real_content: Content
) -> None:
    images = set()
    for url, path in shared_pages(built_site.site, real_content).items():
        meta = Meta(path).meta
        for key in ("og:title", "og:description", "og:image", "og:image:alt", "twitter:card"):
            assert meta.get(key), f"{url}: {key} ontbreekt"
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:image"].startswith(TEST_SITE_URL)
        image = built_site.site / meta["og:image"].removeprefix(TEST_SITE_URL)
        assert image.is_file(), f"{url}: {meta['og:image']} bestaat niet"
        with Image.open(image) as card:
            assert card.size == (1200, 630)
            # The site's identity: its teal background.
            assert card.getpixel((5, 5)) == (11, 85, 102)
        images.add(image)
    assert len(images) == len(real_content.lessons) + len(real_content.cases)


def test_a_lesson_is_shared_with_its_sentence_and_its_text(
    built_site: Build, real_content: Content
) -> None:
    lesson = real_content.lessons["gedeeld-leiderschap"]
    meta = Meta(built_site.site / "lessen" / lesson.id / "index.html").meta
    assert meta["og:title"] == lesson.fields.title
    assert meta["og:description"] == meta["description"] == excerpt(lesson.body)
    assert meta["og:description"].startswith("Het politieke systeem van gemeenteraden")
    assert "Thema 3" in meta["og:image:alt"]
    case = real_content.cases["stroomlijn"]
    meta = Meta(built_site.site / "casussen" / case.id / "index.html").meta
    assert meta["og:title"] == "Stroomlijn"
    assert meta["og:description"].startswith("Praktijkvoorbeeld (Drechtsteden): Gemeenten kennen")


def test_every_page_has_a_description_of_its_own(built_site: Build) -> None:
    site_description = Meta(built_site.site / "index.html").meta["description"]
    for path in sorted(built_site.site.rglob("index.html")):
        name = path.relative_to(built_site.site).as_posix()
        meta = Meta(path).meta
        assert meta.get("description"), name
        # Slides for meetings are not for sharing; every page of the site itself is.
        if not name.startswith("presentatie/"):
            assert meta.get("og:image"), name
        if name != "index.html":
            assert meta["description"] != site_description, name


def test_excerpt_gives_plain_words_cut_at_a_word() -> None:
    text = (
        "Een [link](x.md) en *nadruk*.\n\n![figuur](a.svg)\n\n## Kop\n\n- een punt " + "woord " * 40
    )
    short = excerpt(text, 60)
    assert short.startswith("Een link en nadruk. Kop een punt woord")
    assert short.endswith("woord…")
    assert len(short) <= 60


def test_excerpt_of_a_long_body_reads_past_markup_at_its_start() -> None:
    words = "Leren kan vaak sneller dan wachten op een evaluatie. " * 20
    # A picture with a long address fills the first paragraphs: the words come after it.
    behind_a_picture = f"![figuur](plaatjes/{'a' * 900}.png)\n\n{words}\n\n{words}"
    assert excerpt(behind_a_picture, 60).startswith("Leren kan vaak sneller")
    # A comment still open where the first paragraphs end hides everything up to its end.
    link = f"[Leren](lessen/{'a' * 300}.md)"
    open_comment = f"{link} van elkaar <!-- verborgen -> {'x ' * 40}\n\n-->Zichtbaar {words}"
    assert excerpt(open_comment, 60).startswith("Leren van elkaar Zichtbaar Leren kan")


def test_cards_use_the_public_address(built_site: Build) -> None:
    meta = Meta(built_site.site / "lessen" / "gedeeld-leiderschap" / "index.html").meta
    assert meta["og:image"] == TEST_SITE_URL + "assets/kaarten/lessen/gedeeld-leiderschap.png"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["og:url"] == TEST_SITE_URL + "lessen/gedeeld-leiderschap/"


def test_without_a_public_address_the_card_is_linked_relatively(small_site: Build) -> None:
    build = small_site
    meta = Meta(build.site / "lessen" / "als-het-veilig-is" / "index.html").meta
    assert meta["og:image"] == "../../assets/kaarten/lessen/als-het-veilig-is.png"
    assert "og:url" not in meta
    assert (build.site / "assets/kaarten/lessen/als-het-veilig-is.png").is_file()
