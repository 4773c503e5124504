"""MkDocs plugin: a thin layer that turns the content model into pages.

It loads and validates the content (``leren.loader``), reports problems through MkDocs' logger,
adds one generated page per trajectory, theme, lesson, case and organisation, and hands the linked
content to the Jinja templates in ``overrides/``.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import jinja2
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
# The titles and descriptions of the generated pages.
PAGE_WORDS_TEMPLATE = "partials/lve-page-words.html"
# The Markdown bodies of the topic pages, the topics overview and "Bijeenkomst voorbereiden".
TOPIC_TEMPLATE = "partials/lve-topic.md"
TOPICS_TEMPLATE = "partials/lve-topics.md"
PREPARE_TEMPLATE = "partials/lve-prepare.md"
# The line above the title on a page's card for shared links (drawn by leren/share.py).
CARD_EYEBROW_TEMPLATE = "partials/lve-card-eyebrow.html"


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
        """The item a generated page shows (a lesson's page file → that lesson), if any."""
        return self._items.get(src_uri)

    @property
    def overviews(self) -> addresses.Overviews:
        """The page files of the overviews, by name: ``leren.url(leren.overviews.lessons)``."""
        return OVERVIEWS

    @staticmethod
    def kind(item: Item) -> str:
        """What an item is, in the names the templates know it by: 'lesson', 'case'..."""
        return type(item).__name__.lower()

    @staticmethod
    def slide_key(item: Theme | Lesson | Case) -> str:
        """The key that picks an item's slide for a host's own sequence."""
        return addresses.slide_key(item)

    def src_uri(self, item: Item) -> str:
        """Where an item's generated page lives among the site's sources (`addresses.src_uri`)."""
        return src_uri(item)

    def url(self, item: Item | str) -> str:
        """The site-relative URL of an item, or of a page file (``leren.overviews.lessons``)."""
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
        # docs/ as the content folder names it, in edit links and in the history of changes.
        self.docs_folder = (
            Path(config.docs_dir).resolve().relative_to(self.root.resolve()).as_posix()
        )
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
            for awaiting in pages_awaiting_fixes(self.root, content):
                files.append(File.generated(config, awaiting.address, content=awaiting.markdown))
        # The theme's Jinja environment: it says the generated pages' titles and descriptions and
        # renders the partial that opens lesson and case pages (pages are read before MkDocs
        # hands plugins its environment in on_env). Its `leren` is set once the site is known.
        self.env = self._extend(config.theme.get_env(), config)
        generated: dict[str, File] = {}
        presentations = Presentations(content)
        templates = page_words(Path(config.theme.custom_dir or ""))
        for page in generated_pages(content, presentations, templates):
            file = File.generated(config, page.address, content=page.markdown)
            files.append(file)
            generated[page.address] = file
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
        self.env.globals["leren"] = self.site
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
        env.filters.update(dutch.FILTERS)
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
        source = f"{self.docs_folder}/{page.file.src_uri}"
        item: Item | None = None
        if page.file.generated_by:
            # A generated page's source is its item's file; overviews have none to edit.
            source = ""
            item = self.site.item(page.file.src_uri)
            if item is not None:
                # The template knows it by its kind: `lesson`, `case`, `theme`...
                context[self.site.kind(item)] = item  # type: ignore[literal-required]
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
        origin = self.env.get_template(ORIGIN_TEMPLATE).module.origin(self.site, item)
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
        # What the page is, in the words of the template that the pages' own labels come from.
        eyebrow = self.env.get_template(CARD_EYEBROW_TEMPLATE).module.eyebrow(
            self.site, item, self.site.kind(item) if item else "", page.is_homepage
        )
        card = share.card_of_page(
            self.site.content,
            item,
            text,
            Markup(eyebrow.strip()).unescape(),
            share.card_path(page.url),
            config.site_name,
            page.is_homepage,
        )
        self._pending_cards[page.url] = card
        context["leren_card"] = {"title": title, "card": card}  # type: ignore[typeddict-unknown-key]

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


@dataclass(frozen=True)
class GeneratedPage:
    """A page with no file in docs/: its page file, the template that shows it, its title and
    description (plain text; the words come from overrides/partials/lve-page-words.html), and its
    Markdown body: the editor's text, so search indexes it and MkDocs renders and checks it."""

    address: str
    template: str
    title: str
    description: str
    body: str = ""
    # What else the template or Material reads from the front matter (tags, hide, search...).
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        # JSON is YAML, and json.dumps is some 30 times faster than yaml.safe_dump (benchmark).
        front_matter = json.dumps(
            {
                "title": self.title,
                "template": self.template,
                "description": self.description,
                **self.meta,
            },
            ensure_ascii=False,
        )
        return f"---\n{front_matter}\n---\n\n{self.body.strip()}\n"


def page_words(templates_dir: Path) -> jinja2.Environment:
    """The templates that say the generated pages' titles, descriptions and the words of their
    bodies: the HTML ones escape, the Markdown ones write text through `markdown_text`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=jinja2.select_autoescape(["html"]),
    )
    env.filters.update(dutch.FILTERS)
    env.filters["markdown_text"] = markdown_text
    return env


def _text(words: Markup | str) -> str:
    """What a macro of an escaping template said, as plain text (MkDocs escapes it once)."""
    return Markup(words).unescape().strip()


def generated_pages(
    content: Content, presentations: Presentations, templates: jinja2.Environment
) -> list[GeneratedPage]:
    """Every page that has no file in docs/, in the words of ``templates`` (`page_words`)."""
    words: Any = templates.get_template(PAGE_WORDS_TEMPLATE).module
    pages: list[GeneratedPage] = []
    for trajectory in content.trajectories_in_order():
        intro = trajectory.fields.intro
        pages.append(
            GeneratedPage(
                src_uri(trajectory),
                "trajectory.html",
                trajectory.fields.title,
                _text(words.trajectory_description(trajectory, share.excerpt(intro, 120))),
                intro,
            )
        )
    for theme in content.themes_in_order():
        pages.append(
            GeneratedPage(
                src_uri(theme),
                "theme.html",
                theme.fields.title,
                _whole_sentences(_text(words.theme_description(theme))),
                theme.fields.intro,
            )
        )
    for lesson in content.lessons_in_order():
        pages.append(
            GeneratedPage(
                src_uri(lesson),
                "lesson.html",
                lesson.fields.title,
                share.excerpt(lesson.body),
                lesson.body,
                {"tags": lesson.fields.tags},
            )
        )
    for case in content.cases_in_order():
        pages.append(
            GeneratedPage(
                src_uri(case),
                "case.html",
                case.fields.title,
                _text(words.case_description(case, share.excerpt(case.body, 130))),
                case.body,
                {"tags": case.fields.tags},
            )
        )
    for organisation in content.organisations_in_order():
        trajectories = content.trajectories_of_organisation(organisation)
        pages.append(
            GeneratedPage(
                src_uri(organisation),
                "organisation.html",
                organisation.fields.name,
                _text(words.organisation_description(organisation, trajectories)),
                organisation.fields.intro,
            )
        )
    topics = []
    for tag in content.tags:
        address = addresses.topic_src_uri(slugify(tag))
        carriers = content.items_with_tag(tag)
        lessons = sum(isinstance(item, Lesson) for item in carriers)
        # Material's tags listing, grouped by trajectory (overrides/fragments/tags/traject/): as
        # the only listing of its tag, this page is where that tag's chips link to.
        options = json.dumps(
            {"include": [tag], "toc": False, "layout": "traject"}, ensure_ascii=False
        )
        body = templates.get_template(TOPIC_TEMPLATE).render(
            words=words,
            tag=tag,
            lessons=lessons,
            cases=len(carriers) - lessons,
            listing=f"<!-- material/tags {options} -->",
            overview=_relative(OVERVIEWS.topics, address),
        )
        pages.append(
            GeneratedPage(
                address,
                "main.html",
                _text(words.topic_title(tag)),
                _text(words.topic_description(tag)),
                body,
            )
        )
        topics.append((tag, _relative(address, OVERVIEWS.topics), len(carriers)))
    body = templates.get_template(TOPICS_TEMPLATE).render(
        words=words, themes=len(content.themes), topics=topics
    )
    pages.append(
        GeneratedPage(
            OVERVIEWS.topics,
            "main.html",
            _text(words.topics_title()),
            _text(words.topics_description()),
            body,
        )
    )
    for deck in presentations.sequences():
        pages.append(
            GeneratedPage(
                deck.src_uri,
                "presentation.html",
                _text(words.deck_title(deck)),
                _text(words.deck_description(deck)),
                meta={"sequence": deck.id, "search": {"exclude": True}},
            )
        )
    overviews = (
        (OVERVIEWS.prepare, "prepare.html", words.prepare_title, words.prepare_description),
        (OVERVIEWS.lessons, "lessons.html", words.lessons_title, words.lessons_description),
        (OVERVIEWS.cases, "cases.html", words.cases_title, words.cases_description),
        (
            OVERVIEWS.organisations,
            "organisations.html",
            words.organisations_title,
            words.organisations_description,
        ),
    )
    for address, template, title, description in overviews:
        page = GeneratedPage(address, template, _text(title()), _text(description()))
        if address == OVERVIEWS.prepare:
            body = templates.get_template(PREPARE_TEMPLATE).render()
            page = dataclasses.replace(page, body=body, meta={"hide": ["toc"]})
        pages.append(page)
    return pages


def _relative(target: str, page: str) -> str:
    """A link from the page file ``page`` to the page file ``target``, as Markdown writes it."""
    return posixpath.relpath(target, posixpath.dirname(page))


def pages_awaiting_fixes(root: Path, content: Content) -> list[GeneratedPage]:
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
                pages.append(
                    GeneratedPage(
                        addresses.src_uri_in(kind, path.stem),
                        "problems.html",
                        source,
                        "",
                        meta={"source": source},
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
