"""The Markdown the plugin generates for pages without a file in docs/, on the minimal content
tree, compared in-process with a reviewed copy (tests/golden/generated-pages.md): what a change
to the plugin does to titles, descriptions, templates and bodies shows as a diff of that file,
without building a site.

After an intended change, write the new copy and review its diff:

    LEREN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_generated_pages.py
"""

from __future__ import annotations

import os
from pathlib import Path

from leren.loader import load_content
from leren.plugin import GeneratedPage, generated_pages, page_words
from leren.presentation import Presentations
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden" / "generated-pages.md"


def rendered(pages: list[GeneratedPage]) -> str:
    return "".join(f"<!-- {page.address} -->\n{page.markdown}\n" for page in pages)


def test_generated_pages_match_the_reviewed_copy(content_root: Path) -> None:
    content, problems = load_content(content_root)
    assert content is not None, problems
    actual = rendered(
        generated_pages(content, Presentations(content), page_words(REPO / "overrides"))
    )
    if os.environ.get("LEREN_UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")
