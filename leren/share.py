"""What a shared link shows: a preview card image per page and a short description.

LinkedIn, Teams and mail clients show a page's OpenGraph image, title and description. The cards
are drawn here with Pillow, offline: the page's title (a lesson's sentence) in the site's colours
with its name. Material's social plugin was not used: it downloads its typeface from Google at
build time, which fails without a network, and it truncates long lesson sentences.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from leren.dutch import month_year
from leren.structure import Case, Content, Lesson, Organisation, Theme, Trajectory

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = "#0b5566"
INK = "#ffffff"
MUTED = "#d3e6ea"  # on the background: 6.3:1
ACCENT = "#f0a26b"
CARDS_DIR = "assets/kaarten"
# Debian's fonts-sil-charis (the PDF's typeface), else DejaVu Serif, else Pillow's own.
FONT_FILES = {
    False: (
        "/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    ),
    True: (
        "/usr/share/fonts/truetype/charis/CharisSIL-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
}
TITLE_SIZES = (66, 60, 54, 48, 44, 40, 36, 32)
TITLE_TOP, TITLE_BOTTOM = 190, 470

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Card:
    """One page's preview: its title, a line saying what it is, where the image goes, the site's
    name and where the page's text comes from (the publication, or a later trajectory). Its text
    alternative is written by overrides/partials/lve-share.html."""

    title: str
    eyebrow: str
    path: str  # site-relative, e.g. assets/kaarten/lessen/gedeeld-leiderschap.png
    site_name: str
    origin: str = ""


def card_path(page_url: str) -> str:
    """Where the card of the page at ``page_url`` ('' for home) is written."""
    name = page_url.strip("/").removesuffix(".html") or "home"
    return f"{CARDS_DIR}/{name}.png"


@cache
def _font(bold: bool, size: int) -> Font:
    for candidate in FONT_FILES[bold]:
        if Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit_title(draw: ImageDraw.ImageDraw, title: str) -> tuple[Font, list[str], int]:
    """The largest size at which the title fits its box; the smallest one, shortened, if none."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(True, size)
        lines = _wrap(draw, title, font, width)
        leading = round(size * 1.22)
        if len(lines) * leading <= TITLE_BOTTOM - TITLE_TOP:
            return font, lines, leading
    leading = round(size * 1.22)
    room = (TITLE_BOTTOM - TITLE_TOP) // leading
    return font, [*lines[: room - 1], lines[room - 1] + " …"], leading


def render(card: Card) -> bytes:
    """The card as a 1200×630 PNG (the size LinkedIn, Teams and others expect)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((MARGIN, 72, MARGIN + 96, 79), fill=ACCENT)
    eyebrow_font = _font(False, 30)
    words = card.eyebrow.split()
    eyebrow = card.eyebrow
    while len(words) > 1 and draw.textlength(eyebrow, font=eyebrow_font) > WIDTH - 2 * MARGIN:
        words.pop()
        eyebrow = " ".join(words) + " …"
    draw.text((MARGIN, 108), eyebrow, font=eyebrow_font, fill=MUTED)
    font, lines, leading = _fit_title(draw, card.title)
    for number, line in enumerate(lines):
        draw.text((MARGIN, TITLE_TOP + number * leading), line, font=font, fill=INK)
    draw.line((MARGIN, 500, WIDTH - MARGIN, 500), fill=MUTED, width=1)
    draw.text((MARGIN, 520), card.site_name, font=_font(True, 36), fill=INK)
    draw.text((MARGIN, 566), card.origin, font=_font(False, 26), fill=MUTED)
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def write_cards(cards: list[Card], site_dir: Path, cache_dir: Path) -> int:
    """Write every card into the site; unchanged cards come from ``cache_dir``. Returns how many
    were drawn anew."""
    drawn = 0
    folders: set[Path] = set()
    for card in cards:
        key = hashlib.sha256(
            f"{card.eyebrow}\n{card.title}\n{card.site_name}\n{card.origin}\n{_font_id()}".encode()
        ).hexdigest()
        cached = cache_dir / f"{key[:32]}.png"
        if not cached.is_file():
            cache_dir.mkdir(parents=True, exist_ok=True)
            # Builds running side by side share the cache: each writes its own partial file and
            # moves it into place in one step, so no build ever links a half-written card.
            partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
            partial.write_bytes(render(card))
            os.replace(partial, cached)
            drawn += 1
        target = site_dir / card.path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        _link_or_copy(cached, target)
    return drawn


def _link_or_copy(cached: Path, target: Path) -> None:
    # A hard link costs no copying (thousands of cards are hundreds of MB); across file systems,
    # copy. A site folder that was not cleaned may hold an older card.
    try:
        try:
            os.link(cached, target)
        except FileExistsError:
            target.unlink()
            os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


@cache
def _font_id() -> str:
    """Which typeface the cards are drawn in, so a newly installed one redraws them."""
    return str(getattr(_font(True, 40), "path", "pillow"))


_MARKUP = (
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the text
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(r"^\s*(#+|[-*+]|\d+\.|>|\|)\s*", re.MULTILINE), ""),  # block markers
    (re.compile(r"[*_`]+"), ""),  # emphasis, code
    (re.compile(r"\{[:.#][^}]*\}"), ""),  # attribute lists
    (re.compile(r"\s+"), " "),
)


def excerpt(markdown_text: str, limit: int = 160) -> str:
    """The start of a text as plain words, cut at a word and ended with '…' if shortened."""
    opening = _opening(markdown_text, limit)
    text = _plain(opening)
    if len(text) <= limit and opening is not markdown_text:
        # Mostly markup at its start: the rest of the text may hold the words.
        text = _plain(markdown_text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(",;:– ") + "…"


def _opening(markdown_text: str, limit: int) -> str:
    """The first paragraphs, with at least four times ``limit`` characters, or the whole text if
    a comment, tag, link or attribute list is still open where they end: the excerpt is the same
    as from the whole text, and long bodies cost the patterns far more than their start."""
    end = markdown_text.find("\n\n", 4 * limit)
    if end < 0:
        return markdown_text
    start = markdown_text[:end]
    unclosed = (
        start.rfind("<") > start.rfind(">")
        or start.rfind("<!--") > start.rfind("-->")
        or start.rfind("[") > start.rfind("]")
        or start.rfind("(") > start.rfind(")")
        or start.rfind("{") > start.rfind("}")
    )
    return markdown_text if unclosed else start


def _plain(markdown_text: str) -> str:
    text = markdown_text
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text.strip()


def card_of_page(
    content: Content,
    item: Theme | Lesson | Case | Organisation | Trajectory | None,
    title: str,
    eyebrow: str,
    path: str,
    site_name: str,
    is_home: bool = False,
) -> Card:
    """The card of a page, with the line above its title as the template wrote it: for the home
    page the publication and its participants."""
    if is_home:
        participants = " · ".join(
            org.fields.short_name for org in content.publication_content.organisations_in_order()
        )
        return Card(participants, eyebrow, path, site_name, origin_of(content, None))
    return Card(title, eyebrow, path, site_name, origin_of(content, item))


def origin_of(
    content: Content, item: Theme | Lesson | Case | Organisation | Trajectory | None
) -> str:
    """Where a page's text comes from: a later trajectory (its title and period), or else the
    publication (its publisher and month)."""
    if isinstance(item, Lesson | Case):
        trajectory: Trajectory | None = content.trajectory_of(item)
    else:
        trajectory = item if isinstance(item, Trajectory) else content.publication
    if trajectory is None:
        return ""
    publication = trajectory.fields.publication
    if publication is None:
        return f"{trajectory.fields.title} · {trajectory.fields.period}"
    return f"{publication.publisher} · {month_year(publication.date)}"
