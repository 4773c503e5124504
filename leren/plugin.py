"""MkDocs plugin: a thin layer that turns the content model into pages.

It loads and validates the content (``leren.loader``), reports problems through MkDocs' logger,
adds one generated page per trajectory, theme, lesson, case and organisation, and hands the linked
content to the Jinja templates in ``overrides/``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from leren import (
    addresses,
    dutch,
    engine,
    history,
    loader,
    pdf,
    presentation,
    reproducible,
    sanitise,
    search,
    share,
)
from leren.addresses import OVERVIEWS, Item, src_uri
from leren.command import leren_command
from leren.loader import slugify
from leren.presentation import Presentations
from leren.problems import Severity, count_errors
from leren.structure import Case, Content, Lesson, Organisation, Theme

log = get_plugin_logger(__name__)

# The partial that says where a lesson or case comes from; its Markdown opens the page's body, so
# search shows it with every result.
ORIGIN_TEMPLATE = "partials/lve-origin.md"


class LerenConfig(Config):
    # Folder holding lessons/, cases/, themes/, organisations/ and tags.yml, relative to mkdocs.yml.
    content_dir = config_options.Type(str, default=".")
    # Start of the "edit this page" links, e.g. https://github.com/OWNER/REPO/edit/main/; the
    # page's source path is appended. Empty: no edit links (MkDocs' repo_url is not used, because
    # Material would then fetch repository statistics from a third-party API).
    edit_url = config_options.Type(str, default="")
    # The published site's address, e.g. https://OWNER.github.io/REPO/: the QR codes on slides
    # point there (also in the offline kit, where file:// is no use to a phone). Falls back to
    # MkDocs' site_url; empty: slides have no QR code.
    public_url = config_options.Type(str, default="")
    # Path of the offline kit (made by `leren offline`) to publish at downloads/ with a link on
    # the home page. Empty: no link (a local build has no kit to link to).
    offline_zip = config_options.Type(str, default="")
    # Typeset the whole publication as leren-van-elkaar.pdf in every build (not while serving).
    pdf = config_options.Type(bool, default=True)


class SiteContent:
    """What the templates see as ``leren``: the content plus a URL for every item."""

    def __init__(
        self,
        content: Content,
        presentation: Presentations,
        files: dict[str, File],
        public_url: str = "",
        offline_zip: File | None = None,
    ) -> None:
        self.content = content
        # The publication as it appeared: its trajectory's lessons, cases and participants only.
        self.publication = content.publication_content
        self._files = files
        self._items = addresses.items_by_src_uri(content)
        self.presentation = presentation
        self.public_base = public_url.rstrip("/") + "/" if public_url else ""
        self.offline_zip = offline_zip

    def item(self, src_uri: str) -> Item | None:
        """The item a generated page shows ('lessen/x.md' → that lesson), if any."""
        return self._items.get(src_uri)

    @property
    def overviews(self) -> addresses.Overviews:
        """The page files of the overviews, by name: ``leren.url(leren.overviews.lessons)``."""
        return OVERVIEWS

    @staticmethod
    def slide_key(item: Theme | Lesson | Case) -> str:
        """The key that picks an item's slide for a host's own sequence."""
        return addresses.slide_key(item)

    def src_uri(self, item: Item) -> str:
        """Where an item's generated page lives among the site's sources ('lessen/x.md')."""
        return src_uri(item)

    def url(self, item: Item | str) -> str:
        """The site-relative URL of an item or of a generated overview (``'lessen/index.md'``)."""
        key = item if isinstance(item, str) else src_uri(item)
        return self._files[key].url

    def present(self, item: Theme | Lesson | Case) -> tuple[str, int]:
        """The URL of the sequence an item's "Presenteren" button opens, and its slide there."""
        sequence, number = self.presentation.start_of(item)
        return self._files[sequence.src_uri].url, number

    def public_url(self, item: Item) -> str:
        """The item's address on the published site (always with directory URLs), or ''."""
        if not self.public_base:
            return ""
        return self.public_base + addresses.public_path(item)

    def qr(self, item: Item, label: str) -> Markup:
        url = self.public_url(item)
        # The SVG is drawn here from an address and an escaped label: safe to write as it is.
        return Markup(presentation.qr_svg(url, label)) if url else Markup("")

    def page_body(self, item: Theme | Lesson | Case) -> Markup:
        """The item's page body as the build rendered and checked it: the host's notes."""
        page = self._files[src_uri(item)].page
        return Markup(page.content if page and page.content else "")

    def offline_size(self) -> str:
        """The offline kit's size in Dutch, like '2,4 MB'."""
        assert self.offline_zip is not None and self.offline_zip.abs_src_path
        return dutch.file_size(Path(self.offline_zip.abs_src_path).stat().st_size)


class LerenPlugin(BasePlugin[LerenConfig]):
    def __init__(self) -> None:
        self.site: SiteContent | None = None
        self.errors: list[str] = []
        self.last_changed: dict[str, date] = {}
        # Defining on_startup keeps this instance across rebuilds of `mkdocs serve`.
        self.is_serving = False
        self.pdf: pdf.Rendered | None = None
        self.cards: dict[str, share.Card] = {}
        self._pending_cards: dict[str, share.Card] = {}
        # The theme's Jinja environment, for the partial that opens lesson and case pages.
        self.env: Any = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serving = command == "serve"

    @property
    def root(self) -> Path:
        return Path(self.config_dir) / self.config.content_dir

    # After the offline plugin's on_config, which turns directory URLs off.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.config_dir = Path(config.config_file_path).parent
        reproducible.pin_source_date_epoch(self.config_dir)
        # The published address is also MkDocs' site_url (sitemap, canonical links, the 404 page's
        # links under a sub-path). Not while previewing (`mkdocs serve` would move to its path,
        # and sets its own), nor in the offline kit, whose .html addresses the site does not have.
        if self.config.public_url and not config.site_url and config.use_directory_urls:
            config.site_url = self.config.public_url
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        content, problems = loader.load_content(self.root)
        for problem in problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
        self.errors = [str(p) for p in problems if p.severity is Severity.ERROR]
        if content is None:
            if not (self.is_serving and self.site):
                errors = count_errors(problems)
                raise PluginError(
                    f"De inhoud bevat {errors} {'fout' if errors == 1 else 'fouten'}; zie de "
                    "meldingen hierboven. Elke melding noemt het bestand en de regel."
                )
            # While previewing, keep showing the last good content with the problems in a banner,
            # so an editor sees what to fix without the preview server stopping; a new item's
            # address shows its own problems instead of "not found".
            content = self.site.content
            for uri, text in pages_awaiting_fixes(self.root, content):
                files.append(File.generated(config, uri, content=text))
        generated: dict[str, File] = {}
        presentations = Presentations(content)
        for uri, text in generated_pages(content, presentations):
            file = File.generated(config, uri, content=text)
            files.append(file)
            generated[uri] = file
        offline_zip = None
        if self.config.offline_zip:
            path = self.root / self.config.offline_zip
            if not path.is_file():
                raise PluginError(
                    f"offline_zip: het bestand {path} bestaat niet; maak het met: "
                    + leren_command("offline")
                )
            offline_zip = File.generated(config, addresses.OFFLINE_DOWNLOAD, abs_src_path=str(path))
            files.append(offline_zip)
        public_url = self.config.public_url or config.site_url or ""
        self.site = SiteContent(content, presentations, generated, public_url, offline_zip)
        # Pages are read before MkDocs hands plugins its environment (on_env): the partial that
        # opens lesson and case pages is rendered in one of the theme's own.
        self.env = self._extend(config.theme.get_env(), config)
        self.last_changed = history.last_changed(self.root)
        return files

    # Before Material's tags plugin (priority 100) renders its listings, which use `leren`.
    @event_priority(150)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self._extend(env, config)
        # Typeset before the pages are rendered, so the home and theme pages can give its size.
        # `mkdocs serve` skips it: it would add seconds to every reload; `leren pdf` previews it.
        self.pdf = None
        self.cards = {}
        if self.config.pdf and not self.is_serving and self.site and self.site.content.publication:
            try:
                self.pdf = pdf.render(self.site.content, engine.publication_settings(config))
            except (pdf.PdfUnavailable, pdf.PdfRefused) as error:
                raise PluginError(str(error)) from error
            log.info(
                f"{pdf.PDF_NAME}: {self.pdf.pages} pagina's, {self.pdf.size}, "
                f"{self.pdf.seconds:.1f} s"
            )
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Runs after Material's search plugin (listed first) has written its index.
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            search.add_word_forms_to(index)
        if self.pdf:
            (Path(config.site_dir) / pdf.PDF_NAME).write_bytes(self.pdf.data)
        drawn = share.write_cards(
            list(self.cards.values()),
            Path(config.site_dir),
            Path(self.config_dir) / ".cache" / "leren" / "kaarten",
        )
        log.info(f"{len(self.cards)} kaarten voor gedeelde links, {drawn} nieuw getekend")

    def _extend(self, env: Environment, config: MkDocsConfig) -> Environment:
        """The theme's Jinja environment with the content and the filters templates use."""
        # MkDocs' Jinja environment does not escape. The project's templates (overrides/) do:
        # every title, field and message from content is written as text, never as markup.
        custom_dir = Path(config.theme.custom_dir or "")
        own = {path.relative_to(custom_dir).as_posix() for path in custom_dir.rglob("*.html")}
        env.autoescape = lambda name: name in own
        env.globals["leren"] = self.site
        env.filters["telwoord"] = dutch.number_word
        env.filters["maand"] = dutch.month_year
        env.filters["duizendtal"] = dutch.thousands
        env.filters["grootte"] = dutch.file_size
        env.filters["markdown_text"] = markdown_text
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        if self.site is None:
            return context
        # The body was cleaned in on_page_content (Material's tags listings were added to it
        # since, from escaped titles): the escaping templates write it as it is.
        page.content = Markup(page.content or "")
        context["leren"] = self.site  # type: ignore[typeddict-unknown-key]
        # A contents list whose one entry repeats the page's title lists nothing: leave it out.
        only = page.toc.items[0] if len(page.toc.items) == 1 else None
        if only and not only.children and only.title == page.title:
            page.toc = TableOfContents([])
        context["leren_errors"] = self.errors  # type: ignore[typeddict-unknown-key]
        context["leren_pdf"] = (  # type: ignore[typeddict-unknown-key]
            {"url": pdf.PDF_NAME, "size": self.pdf.size} if self.pdf else None
        )
        docs = Path(config.docs_dir).resolve().relative_to(self.root.resolve()).as_posix()
        source = f"{docs}/{page.file.src_uri}"
        item: Item | None = None
        if page.file.generated_by:
            # A generated page's source is its item's file; overviews have none to edit.
            source = ""
            item = self.site.item(page.file.src_uri)
            if item is not None:
                # The template knows it by its kind: `lesson`, `case`, `theme`...
                context[type(item).__name__.lower()] = item  # type: ignore[literal-required]
                source = item.source.path
        self._add_card(context, page, item, config)
        if self.config.edit_url and source:
            page.edit_url = self.config.edit_url + source
        changed = self.last_changed.get(source)
        context["last_changed"] = history.dutch_date(changed) if changed else ""  # type: ignore[typeddict-unknown-key]
        return context

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Titles and descriptions are text; MkDocs and Material write them into HTML unescaped,
        # as markup (a title from a heading is already HTML). Escaped once here, they show exactly
        # as typed everywhere: in Material's templates and, being Markup, in our escaping ones.
        for name in ("title", "description"):
            value = page.meta.get(name)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[name] = escape(value)
        # A lesson's or case's body opens with where it comes from: the publication, or the
        # trajectory's title and period (the words are in the template).
        item = self.site.item(page.file.src_uri) if self.site else None
        if not isinstance(item, Lesson | Case):
            return markdown
        origin = self.env.get_template(ORIGIN_TEMPLATE).render(leren=self.site, item=item)
        return f"{origin.strip()}\n\n{markdown}"

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Every body passes the allowlist after Markdown; the loader has told the editor, with
        # file and line, about anything this removes.
        return sanitise.clean(html)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # Draw a card only for pages that show it (slides, for one, have their own template).
        card = self._pending_cards.pop(page.url, None)
        if card and card.path in output:
            self.cards[card.path] = card
        return output

    def _add_card(
        self, context: TemplateContext, page: Page, item: Item | None, config: MkDocsConfig
    ) -> None:
        """The page's preview card for shared links; the template writes the og: meta tags."""
        assert self.site
        title = config.site_name if page.is_homepage else (page.title or config.site_name)
        # Page titles are escaped markup (on_page_markdown); the card draws the text itself.
        text = title.unescape() if isinstance(title, Markup) else title
        card = share.card_of_page(
            self.site.content, item, text, share.card_path(page.url), page.is_homepage
        )
        self._pending_cards[page.url] = card
        context["leren_card"] = {"title": title, "path": card.path, "alt": card.alt}  # type: ignore[typeddict-unknown-key]

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for name in (
            loader.LESSONS_DIR,
            loader.CASES_DIR,
            loader.THEMES_DIR,
            loader.ORGANISATIONS_DIR,
            loader.TRAJECTORIES_DIR,
            loader.TAGS_FILE,
        ):
            path = self.root / name
            if path.exists():
                server.watch(str(path))
        return server


def generated_pages(content: Content, presentations: Presentations) -> list[tuple[str, str]]:
    """The Markdown of every page that has no file in docs/: front matter for the template, plus
    the editor's text as the page body, so search indexes it and MkDocs renders and checks it."""
    pages: list[tuple[str, str]] = []
    for trajectory in content.trajectories_in_order():
        pages.append(
            (
                src_uri(trajectory),
                _markdown(
                    {
                        "title": trajectory.fields.title,
                        "template": "trajectory.html",
                        "description": f"{trajectory.fields.title} ({trajectory.fields.period}): "
                        + share.excerpt(trajectory.fields.intro, 120),
                    },
                    trajectory.fields.intro,
                ),
            )
        )
    for theme in content.themes_in_order():
        pages.append(
            (
                src_uri(theme),
                _markdown(
                    {
                        "title": theme.fields.title,
                        "template": "theme.html",
                        "description": _whole_sentences(
                            f"Thema {theme.fields.number} van 'Leren van elkaar': "
                            f"{theme.fields.title}. {theme.fields.summary}"
                        ),
                    },
                    theme.fields.intro,
                ),
            )
        )
    for lesson in content.lessons_in_order():
        pages.append(
            (
                src_uri(lesson),
                _markdown(
                    {
                        "title": lesson.fields.title,
                        "template": "lesson.html",
                        "tags": lesson.fields.tags,
                        "description": share.excerpt(lesson.body),
                    },
                    lesson.body,
                ),
            )
        )
    for case in content.cases_in_order():
        pages.append(
            (
                src_uri(case),
                _markdown(
                    {
                        "title": case.fields.title,
                        "template": "case.html",
                        "tags": case.fields.tags,
                        "description": f"Praktijkvoorbeeld ({case.fields.region}): "
                        + share.excerpt(case.body, 130),
                    },
                    case.body,
                ),
            )
        )
    for organisation in content.organisations_in_order():
        trajectories = ", ".join(
            f"“{t.fields.title}” ({t.fields.period})"
            for t in content.trajectories_of_organisation(organisation)
        )
        pages.append(
            (
                src_uri(organisation),
                _markdown(
                    {
                        "title": organisation.fields.name,
                        "template": "organisation.html",
                        "description": f"{organisation.fields.name}: deelnemer aan {trajectories}.",
                    },
                    organisation.fields.intro,
                ),
            )
        )
    pages += tag_pages(content)
    pages += presentation.generated_pages(presentations)
    pages += [
        (
            OVERVIEWS.lessons,
            _markdown(
                {
                    "title": "Alle lessen",
                    "template": "lessons.html",
                    "description": "Alle lessen, per traject en per thema.",
                },
                "",
            ),
        ),
        (
            OVERVIEWS.cases,
            _markdown(
                {
                    "title": "Praktijkvoorbeelden",
                    "template": "cases.html",
                    "description": "De praktijkvoorbeelden, per traject.",
                },
                "",
            ),
        ),
        (
            OVERVIEWS.organisations,
            _markdown(
                {
                    "title": "Deelnemende organisaties",
                    "template": "organisations.html",
                    "description": "De organisaties die aan de trajecten deelnamen.",
                },
                "",
            ),
        ),
    ]
    return pages


def pages_awaiting_fixes(root: Path, content: Content) -> list[tuple[str, str]]:
    """While previewing content with errors: a page at the address of every lesson, case, theme
    or organisation file that the last good content lacks, naming the file (problems.html)."""
    sources = (
        (loader.LESSONS_DIR, ".md", Lesson, content.lessons),
        (loader.CASES_DIR, ".md", Case, content.cases),
        (loader.THEMES_DIR, ".yml", Theme, content.themes),
        (loader.ORGANISATIONS_DIR, ".yml", Organisation, content.organisations),
    )
    pages = []
    for folder, suffix, kind, items in sources:
        for path in sorted((root / folder).rglob(f"*{suffix}")):
            source = path.relative_to(root).as_posix()
            hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
            if path.stem not in items and not hidden:
                meta = {"title": source, "template": "problems.html", "source": source}
                pages.append((addresses.src_uri_in(kind, path.stem), _markdown(meta, "")))
    return pages


def tag_pages(content: Content) -> list[tuple[str, str]]:
    """An overview of the topics, and per topic a page whose Material tags listing shows what
    carries it; as the only listing of its tag, it is where that tag's chips link to."""
    lines = []
    pages = []
    for tag in content.tags:
        slug = slugify(tag)
        carriers = content.items_with_tag(tag)
        lines.append(f"- [{tag}]({slug}.md) ({len(carriers)})")
        # The "traject" layout (overrides/fragments/tags/traject/) groups the listing by trajectory.
        listing = json.dumps(
            {"include": [tag], "toc": False, "layout": "traject"}, ensure_ascii=False
        )
        pages.append(
            (
                addresses.topic_src_uri(slug),
                _markdown(
                    {
                        "title": f"Onderwerp: {tag}",
                        "description": f"Lessen en praktijkvoorbeelden over {tag}, uit alle trajecten.",
                    },
                    f"# Onderwerp: {tag}\n\n{_what_is_about(tag, carriers)}\n\n"
                    f"<!-- material/tags {listing} -->\n\n[Alle onderwerpen](index.md)",
                ),
            )
        )
    count = len(content.themes)
    noun = "thema" if count == 1 else "thema's"
    themes = f"{dutch.number_word(count)} {noun}"
    overview = (
        f"# Onderwerpen\n\nDe onderwerpen zijn een hulpmiddel van deze website, niet van de auteurs: "
        f"de publicatie ordent haar lessen alleen in {themes} (“Er is daarom niet voor een "
        "sectorindeling gekozen”). De website voegt onderwerpen toe die dwars door die thema's "
        "heen lopen. Kies een onderwerp om de lessen en praktijkvoorbeelden te zien die erover "
        "gaan, uit alle trajecten.\n\n" + "\n".join(lines)
    )
    pages.append(
        (
            OVERVIEWS.topics,
            _markdown(
                {
                    "title": "Onderwerpen",
                    "description": "Onderwerpen die dwars door de thema's van 'Leren van elkaar' lopen.",
                },
                overview,
            ),
        )
    )
    return pages


def markdown_text(text: str) -> Markup:
    """Plain text as Markdown that shows it as typed: no emphasis, links or HTML from it."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", text)
    # Markup, so that templates that escape their output do not escape it twice.
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _whole_sentences(text: str, limit: int = 200) -> str:
    """The first two sentences of a text, and those after them that fit in limit characters: a
    page description that ends in a sentence rather than a fragment."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = sentences[:2]
    for sentence in sentences[2:]:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


def _what_is_about(tag: str, items: list[Lesson | Case]) -> str:
    """'Deze lessen en dit praktijkvoorbeeld gaan over financiën.', counted from the content."""
    lessons = sum(isinstance(item, Lesson) for item in items)
    cases = len(items) - lessons
    parts = []
    if lessons:
        parts.append("deze les" if lessons == 1 else f"deze {lessons} lessen")
    if cases:
        parts.append("dit praktijkvoorbeeld" if cases == 1 else f"deze {cases} praktijkvoorbeelden")
    subject = " en ".join(parts) or "nog niets"
    return f"{subject[:1].upper()}{subject[1:]} {'gaat' if len(items) <= 1 else 'gaan'} over {tag}."


def _markdown(meta: dict[str, Any], body: str) -> str:
    # JSON is YAML, and json.dumps is some 30 times faster than yaml.safe_dump (build benchmark).
    front_matter = json.dumps(meta, ensure_ascii=False)
    return f"---\n{front_matter}\n---\n\n{body.strip()}\n"
