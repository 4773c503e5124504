"""MkDocs plugin: a thin layer that turns the content model into pages.

It loads and validates the content (``leren.loader``), reports problems through MkDocs' logger,
adds one generated page per theme, lesson, case and organisation, and hands the linked content to
the Jinja templates in ``overrides/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from leren import loader, reproducible
from leren.loader import slugify
from leren.problems import Severity, count_errors
from leren.structure import Case, Content, Lesson, Organisation, Theme

log = get_plugin_logger(__name__)

Item = Theme | Lesson | Case | Organisation

# Dutch URL folders for the generated pages.
FOLDERS: dict[type, str] = {
    Theme: "themas",
    Lesson: "lessen",
    Case: "casussen",
    Organisation: "organisaties",
}


class LerenConfig(Config):
    # Folder holding lessons/, cases/, themes/, organisations/ and tags.yml, relative to mkdocs.yml.
    content_dir = config_options.Type(str, default=".")


class SiteContent:
    """What the templates see as ``leren``: the content plus a URL for every item."""

    def __init__(self, content: Content, files: dict[str, File]) -> None:
        self.content = content
        self._files = files

    def url(self, item: Item | str) -> str:
        """The site-relative URL of an item or of a generated overview (``'lessen/index.md'``)."""
        key = item if isinstance(item, str) else src_uri(item)
        return self._files[key].url


def src_uri(item: Item) -> str:
    return f"{FOLDERS[type(item)]}/{item.id}.md"


class LerenPlugin(BasePlugin[LerenConfig]):
    def __init__(self) -> None:
        self.site: SiteContent | None = None
        self.errors: list[str] = []
        # Defining on_startup keeps this instance across rebuilds of `mkdocs serve`.
        self.is_serving = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serving = command == "serve"

    @property
    def root(self) -> Path:
        return Path(self.config_dir) / self.config.content_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.config_dir = Path(config.config_file_path).parent
        reproducible.pin_source_date_epoch(self.config_dir)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        content, problems = loader.load_content(self.root)
        for problem in problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
        self.errors = [str(p) for p in problems if p.severity is Severity.ERROR]
        if content is None:
            if not (self.is_serving and self.site):
                raise PluginError(
                    f"De inhoud bevat {count_errors(problems)} fout(en); zie de meldingen "
                    "hierboven. Elke melding noemt het bestand en de regel."
                )
            # While previewing, keep showing the last good content with the problems in a banner,
            # so an editor sees what to fix without the preview server stopping.
            content = self.site.content
        generated: dict[str, File] = {}
        for uri, text in generated_pages(content):
            file = File.generated(config, uri, content=text)
            files.append(file)
            generated[uri] = file
        self.site = SiteContent(content, generated)
        return files

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        if self.site is None:
            return context
        context["leren"] = self.site  # type: ignore[typeddict-unknown-key]
        context["leren_errors"] = self.errors  # type: ignore[typeddict-unknown-key]
        folder, _, name = page.file.src_uri.rpartition("/")
        item_id = name.removesuffix(".md")
        content = self.site.content
        collections: dict[str, tuple[str, dict[str, Any]]] = {
            "themas": ("theme", content.themes),
            "lessen": ("lesson", content.lessons),
            "casussen": ("case", content.cases),
            "organisaties": ("organisation", content.organisations),
        }
        if folder in collections and page.file.generated_by:
            key, items = collections[folder]
            if item_id in items:
                context[key] = items[item_id]  # type: ignore[literal-required]
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for name in (
            loader.LESSONS_DIR,
            loader.CASES_DIR,
            loader.THEMES_DIR,
            loader.ORGANISATIONS_DIR,
            loader.TAGS_FILE,
        ):
            path = self.root / name
            if path.exists():
                server.watch(str(path))
        return server


def generated_pages(content: Content) -> list[tuple[str, str]]:
    """The Markdown of every page that has no file in docs/: front matter for the template, plus
    the editor's text as the page body, so search indexes it and MkDocs renders and checks it."""
    pages: list[tuple[str, str]] = []
    for theme in content.themes_in_order():
        pages.append(
            (
                src_uri(theme),
                _markdown(
                    {
                        "title": theme.fields.title,
                        "template": "theme.html",
                        "description": f"Thema {theme.fields.number} van 'Leren van elkaar': "
                        f"{theme.fields.title}. {theme.fields.summary_label}.",
                    },
                    theme.fields.intro,
                ),
            )
        )
    for lesson in content.lessons_in_order():
        theme = content.theme_of(lesson)
        pages.append(
            (
                src_uri(lesson),
                _markdown(
                    {
                        "title": lesson.fields.title,
                        "template": "lesson.html",
                        "tags": lesson.fields.tags,
                        "description": f"Les uit het thema '{theme.fields.title}' van 'Leren van elkaar'.",
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
                        "description": f"Praktijkvoorbeeld uit 'Leren van elkaar': {case.fields.title} "
                        f"({case.fields.region}).",
                    },
                    case.body,
                ),
            )
        )
    for organisation in content.organisations_in_order():
        pages.append(
            (
                src_uri(organisation),
                _markdown(
                    {
                        "title": organisation.fields.name,
                        "template": "organisation.html",
                        "description": f"{organisation.fields.name}: een van de vijf deelnemers aan het "
                        "leer- en intervisietraject 'Leren van elkaar'.",
                    },
                    organisation.fields.intro,
                ),
            )
        )
    pages += tag_pages(content)
    pages += [
        (
            "lessen/index.md",
            _markdown(
                {
                    "title": "Alle lessen",
                    "template": "lessons.html",
                    "description": "Alle lessen uit 'Leren van elkaar', per thema.",
                },
                "",
            ),
        ),
        (
            "casussen/index.md",
            _markdown(
                {
                    "title": "Praktijkvoorbeelden",
                    "template": "cases.html",
                    "description": "De praktijkvoorbeelden uit 'Leren van elkaar'.",
                },
                "",
            ),
        ),
        (
            "organisaties/index.md",
            _markdown(
                {
                    "title": "Deelnemende organisaties",
                    "template": "organisations.html",
                    "description": "De vijf organisaties die aan het traject deelnamen.",
                },
                "",
            ),
        ),
    ]
    return pages


def tag_pages(content: Content) -> list[tuple[str, str]]:
    """An overview of the topics, and per topic a page whose Material tags listing shows what
    carries it; as the only listing of its tag, it is where that tag's chips link to."""
    lines = []
    pages = []
    for tag in content.tags:
        slug = slugify(tag)
        count = len(content.items_with_tag(tag))
        lines.append(f"- [{tag}]({slug}.md) ({count})")
        listing = json.dumps({"include": [tag], "toc": False}, ensure_ascii=False)
        pages.append(
            (
                f"onderwerpen/{slug}.md",
                _markdown(
                    {
                        "title": f"Onderwerp: {tag}",
                        "description": f"Lessen en praktijkvoorbeelden uit 'Leren van elkaar' over {tag}.",
                    },
                    f"# Onderwerp: {tag}\n\nDeze lessen en praktijkvoorbeelden gaan over {tag}.\n\n"
                    f"<!-- material/tags {listing} -->\n\n[Alle onderwerpen](index.md)",
                ),
            )
        )
    overview = (
        "# Onderwerpen\n\nSommige onderwerpen lopen dwars door de drie thema's heen. Kies een "
        "onderwerp om de lessen en praktijkvoorbeelden te zien die erover gaan.\n\n"
        + "\n".join(lines)
    )
    pages.append(
        (
            "onderwerpen/index.md",
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


def _markdown(meta: dict[str, Any], body: str) -> str:
    # JSON is YAML, and json.dumps is some 30 times faster than yaml.safe_dump (build benchmark).
    front_matter = json.dumps(meta, ensure_ascii=False)
    return f"---\n{front_matter}\n---\n\n{body.strip()}\n"
