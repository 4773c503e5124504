"""One engine boundary: only the plugin and its adapter know MkDocs (or Material).

Everything else in the package (the content model, the checks, the publication, the PDF, the
commands) is plain Python, so the site can move to another engine by changing two modules.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "leren"
ENGINE_PACKAGES = {"mkdocs", "material"}
# The modules that may import the engine: the plugin, and the adapter the commands go through.
ADAPTERS = {"leren/plugin.py", "leren/engine.py"}
# Modules that must not reach the engine at all, not even through the adapter.
ENGINE_FREE = {
    "leren.structure",
    "leren.loader",
    "leren.problems",
    "leren.publication",
    "leren.pdf",
    "leren.share",
    "leren.presentation",
}


def engine_uses(source: str) -> list[str]:
    """Where a module's source reaches for the engine: imports (at any depth, also through
    importlib or __import__) and the engine run as a command (``python -m mkdocs``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args:
            called = ast.unparse(node.func)
            first = node.args[0]
            if called in {"importlib.import_module", "import_module", "__import__"} and (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            ):
                names = [first.value]
        elif isinstance(node, ast.Constant) and node.value in ENGINE_PACKAGES:
            found.append(f"line {node.lineno}: the string {node.value!r}")
        found += [
            f"line {node.lineno}: {name}" for name in names if name.split(".")[0] in ENGINE_PACKAGES
        ]
    return found


def package_imports(path: Path) -> set[str]:
    """The modules of the package that a module imports, at any depth."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "leren":
                imported |= {f"leren.{alias.name}" for alias in node.names}
            else:
                imported.add(node.module)
    return {name for name in imported if name.startswith("leren.")}


def modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(REPO).with_suffix("").parts): path
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_only_the_plugin_and_its_adapter_use_the_engine() -> None:
    uses = {
        path.relative_to(REPO).as_posix(): engine_uses(path.read_text(encoding="utf-8"))
        for path in modules().values()
    }
    outside = {name: found for name, found in uses.items() if found and name not in ADAPTERS}
    assert outside == {}
    # The adapters are where the engine is; if one no longer needs it, it should not be one.
    assert all(uses[name] for name in ADAPTERS), uses


def test_the_boundary_check_sees_every_way_in() -> None:
    source = textwrap.dedent("""\
        import json
        import mkdocs
        from material.plugins import search
        from leren.structure import Content

        def build():
            from mkdocs.commands.build import build
            importlib.import_module("mkdocs.config")
            subprocess.run([sys.executable, "-m", "mkdocs", "build"])
        """)
    assert sorted(engine_uses(source)) == [
        "line 2: mkdocs",
        "line 3: material.plugins",
        "line 7: mkdocs.commands.build",
        "line 8: mkdocs.config",
        "line 9: the string 'mkdocs'",
    ]
    assert engine_uses("import json\nfrom leren import loader\nNAME = 'mkdocs.yml'\n") == []


def test_the_model_publication_and_pdf_never_reach_the_engine() -> None:
    graph = {name: package_imports(path) for name, path in modules().items()}
    adapters = {".".join(Path(name).with_suffix("").parts) for name in ADAPTERS}
    for start in ENGINE_FREE:
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo += graph.get(name, set())
        assert not seen & adapters, f"{start} reaches {seen & adapters}"


def test_the_commands_load_the_engine_only_when_they_build() -> None:
    """`leren controleer` and the PDF code start without MkDocs in memory."""
    script = (
        "import sys, leren.cli, leren.pdf, leren.publication, leren.offline, leren.loader; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_readme_names_the_boundary() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    developers = readme[readme.index("## Voor ontwikkelaars") :]
    for adapter in ADAPTERS:
        assert f"`{adapter}`" in developers
    assert "test_engine_boundary.py" in developers
