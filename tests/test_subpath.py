"""Publishing under an address: LEREN_SITE_URL sets MkDocs' site_url, and the site works when a
web server serves it from a sub-path such as /leren-van-elkaar/, as GitHub Pages does."""

from __future__ import annotations

import functools
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page, expect

from tests.browsergates import axe_violations, sideways_scrolling
from tests.conftest import REPO, TEST_SITE_URL, Build, first_answer, mkdocs_serve, run_mkdocs

SUB_PATH = urlsplit(TEST_SITE_URL).path  # /leren-van-elkaar/


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves a folder at SUB_PATH only; a missing page gets the site's 404.html with status 404,
    as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        address = urlsplit(path).path
        if not address.startswith(SUB_PATH):
            return str(Path(self.directory) / "-niet-onder-het-subpad-")
        return super().translate_path("/" + address.removeprefix(SUB_PATH))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_under_sub_path(directory: Path) -> Iterator[str]:
    handler = functools.partial(SubPathHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


class References(HTMLParser):
    """Every address a page links to or loads: a[href], link[href], script/img/source[src], and
    the action of a form."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag == "form" and attributes.get("action"):
            self.links.append(attributes["action"] or "")
        elif tag == "link" and attributes.get("href"):
            self.resources.append(attributes["href"] or "")
        elif tag in ("script", "img", "source", "iframe") and attributes.get("src"):
            self.resources.append(attributes["src"] or "")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def crawl(start: str, also: list[str]) -> tuple[set[str], list[str]]:
    """Every page reachable from start (and the addresses in also) on the same server, and each
    reference that does not answer 200, as 'page -> address (status)'."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    pages: set[str] = set()
    checked: dict[str, int] = {}
    broken: list[str] = []
    queue = [start, *also]
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        pages.add(url)
        _, kind, body = fetch(url)
        if kind != "text/html":
            continue
        references = References()
        references.feed(body.decode("utf-8"))
        for reference in [*references.links, *references.resources]:
            if reference.startswith("#"):
                continue  # a place on the same page
            target = urljoin(url, reference).split("#")[0].split("?")[0]
            if not target.startswith(origin):
                continue
            if target not in checked:
                checked[target] = fetch(target)[0]
            if checked[target] != 200:
                broken.append(f"{urlsplit(url).path} -> {reference} ({checked[target]})")
            elif reference in references.links and target.endswith("/"):
                queue.append(target)
    return pages, broken


def test_the_site_served_under_a_sub_path_has_no_broken_link(built_site: Build) -> None:
    with serve_under_sub_path(built_site.site) as start:
        missing = start + "lessen/een-oude-les/dia-3/"
        pages, broken = crawl(start, also=[missing])
        assert fetch(missing)[0] == 404
    built = {
        path.parent.relative_to(built_site.site).as_posix()
        for path in built_site.site.rglob("index.html")
    }
    crawled = {urlsplit(url).path.removeprefix(SUB_PATH).rstrip("/") for url in pages}
    assert broken == []
    # Every page is reachable by following links from the home page.
    assert {"" if page == "." else page for page in built} <= crawled
    print(f"sub-path crawl: {len(pages)} pages, no broken link")


def test_the_sitemap_lists_every_page_at_the_published_address(built_site: Build) -> None:
    sitemap = (built_site.site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    pages = {
        TEST_SITE_URL + path.parent.relative_to(built_site.site).as_posix() + "/"
        for path in built_site.site.rglob("index.html")
    }
    assert listed == {url.replace("/./", "/") for url in pages}
    lesson = (built_site.site / "lessen" / "lef-en-geduld" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f'<link rel="canonical" href="{TEST_SITE_URL}lessen/lef-en-geduld/">' in lesson


def test_without_an_address_pages_have_no_canonical_link(tmp_path: Path) -> None:
    build = run_mkdocs(REPO, tmp_path / "site", env={"LEREN_PDF": "false", "LEREN_SITE_URL": None})
    assert build.returncode == 0, build.output
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home
    assert "<loc>" not in (build.site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_404_page_is_dutch_and_leads_back_under_the_sub_path(
    page: Page, built_site: Build, axe: str
) -> None:
    with serve_under_sub_path(built_site.site) as start:
        response = page.goto(start + "lessen/lef-en-geduld/dia-3/")
        assert response is not None and response.status == 404
        assert axe_violations(page, axe) == []
        assert sideways_scrolling(page) == []
        page.emulate_media(color_scheme="dark")
        page.reload()
        assert axe_violations(page, axe) == []
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 900})
        expect(page).to_have_title("Pagina niet gevonden - Leren van elkaar")
        expect(page.locator("h1")).to_have_text("Deze pagina bestaat niet (meer)")
        content = page.locator("article.lve-notfound")
        for name in (
            "Home",
            "Leren te leren",
            "Regionale samenwerking en slagkracht",
            "Alle lessen",
        ):
            link = content.get_by_role("link", name=name, exact=True)
            expect(link).to_have_attribute("href", re.compile(f"^{SUB_PATH}"))
        content.get_by_role("link", name="Alle lessen", exact=True).click()
        expect(page).to_have_url(start + "lessen/")
        expect(page.locator("h1")).to_have_text("Alle lessen")

        # The words of the missing address are offered as a search, which opens the site's.
        page.goto(start + "lessen/lef-en-geduld/dia-3/")
        box = page.get_by_role("searchbox", name="Zoek op de site")
        expect(box).to_have_value("lef en geduld")
        box.press("Enter")
        expect(page).to_have_url(re.compile(re.escape(start) + r"\?q=lef"))
        result = page.locator(".md-search-result__item").filter(
            has_text="Zoek steun om goed te balanceren tussen lef en geduld."
        )
        expect(result.first).to_be_visible()


def test_the_preview_stays_at_the_root_when_the_address_is_set() -> None:
    with mkdocs_serve(REPO, {"LEREN_SITE_URL": TEST_SITE_URL}) as root:
        answered_from, page = first_answer(root + "lessen/lef-en-geduld/")
        assert answered_from == root + "lessen/lef-en-geduld/"
        assert "lef en geduld" in page
        status, _, body = fetch(root)
        assert status == 200 and b"Leren van elkaar" in body
