"""One address book: URL folders and slide-key prefixes are written in leren/addresses.py only.

The plugin, the publication, the presentations, the templates and their scripts take every
address and key from that module (in templates through ``leren.url``, ``leren.overviews`` and
``leren.slide_key``), so an address changes in one place. This reads the sources themselves: the
string literals of the Python modules (docstrings aside), and every template and script in
overrides/, comments included, so that none teaches a reader an address that could drift.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from leren import addresses
from tests.conftest import REPO

ADDRESS_MODULE = REPO / "leren" / "addresses.py"
FOLDERS = sorted(
    {
        *addresses.FOLDERS.values(),
        addresses.TOPICS_FOLDER,
        addresses.DECKS_FOLDER,
        addresses.DOWNLOADS_FOLDER,
    }
)
PREFIXES = sorted({*addresses.ANCHOR_PREFIXES.values(), addresses.TRAJECTORY_DECK_PREFIX})
# A folder followed by a slash, or a prefix followed by a hyphen, as a word of its own: not
# "lve-thema-x" (an element id), not "presentatie.js" (a file name).
ADDRESS = re.compile(
    rf"(?<![\w-])(?:(?:{'|'.join(FOLDERS)})/|(?:{'|'.join(PREFIXES)})-)", re.IGNORECASE
)


def python_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module with their lines, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def addresses_outside_the_book() -> list[str]:
    found = []
    for path in sorted((REPO / "leren").glob("*.py")):
        if path == ADDRESS_MODULE:
            continue
        for line, text in python_strings(path):
            if ADDRESS.search(text):
                found.append(f"{path.relative_to(REPO)}:{line}: {text!r}")
    for path in sorted((REPO / "overrides").rglob("*")):
        if path.suffix not in {".html", ".md", ".js"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ADDRESS.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    return found


def test_url_folders_and_slide_keys_are_written_in_the_address_module_only() -> None:
    assert addresses_outside_the_book() == []


def test_the_check_sees_an_address_typed_in_a_template_or_a_module() -> None:
    assert ADDRESS.search("{{ leren.url('lessen/index.md') }}")
    assert ADDRESS.search('value="casus-{{ case.id }}"')
    assert ADDRESS.search("presentatie/eigen/?reeks=les-a")
    assert not ADDRESS.search('id="lve-thema-{{ theme.id }}"')
    assert not ADDRESS.search("'assets/javascripts/presentatie.js'")


def scripts_naming_the_own_sequence_parameter() -> list[str]:
    """The site's scripts whose code (comments left out) reads or writes ?reeks=."""
    naming = []
    for path in sorted((REPO / "overrides" / "assets" / "javascripts").glob("*.js")):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        if re.search(r"""["']\??reeks[=&"']""", code):
            naming.append(path.name)
    return naming


def test_the_own_sequence_address_is_read_and_written_by_one_script() -> None:
    assert scripts_naming_the_own_sequence_parameter() == ["reeks.js"]
