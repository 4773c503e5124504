"""The site engine (MkDocs) as the rest of the package uses it, besides the plugin itself.

Together with ``leren/plugin.py`` this is the engine boundary: no other module of the package
imports MkDocs or Material or runs them. The publication (``leren/publication.py``) and the PDF
(``leren/pdf.py``) get the site's configuration from here as plain data, and ``leren offline``
builds through `build_site`; moving to another engine (such as ProperDocs, which runs the same
plugin) touches these two modules only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from leren.publication import Settings

# The engine's command line, run as a module of the Python that runs this package.
ENGINE_COMMAND = [sys.executable, "-m", "mkdocs"]


class EngineError(Exception):
    """The site's configuration cannot be used; the message says why, in Dutch."""


@dataclass(frozen=True)
class Build:
    succeeded: bool
    # What the engine printed: its warnings and errors.
    output: str


def publication_settings(config: MkDocsConfig) -> Settings:
    """What the publication PDF takes from a loaded configuration of the site, as plain data."""
    if not config.theme.custom_dir:
        raise PluginError("theme.custom_dir ontbreekt: de PDF haalt zijn sjablonen uit overrides/")
    leren = config.plugins.get("leren")
    # The published site's address: the leren plugin's public_url, else MkDocs' site_url.
    public_url = (leren.config["public_url"] if leren else "") or config.site_url or ""
    return Settings(
        docs_dir=Path(config.docs_dir),
        templates_dir=Path(config.theme.custom_dir),
        title=config.site_name,
        author=config.site_author or "",
        description=config.site_description or "",
        markdown_extensions=list(config.markdown_extensions),
        # Paths as strings: `!relative` in mkdocs.yml gives the engine's own placeholder objects.
        extension_configs=_plain(dict(config.mdx_configs)),
        site_url=str(public_url),
    )


def load_publication_settings(config_file: Path) -> Settings:
    """`publication_settings` of the site configured in ``config_file`` (mkdocs.yml)."""
    try:
        return publication_settings(load_config(str(config_file)))
    except MkDocsException as error:
        raise EngineError(f"{config_file} is niet te gebruiken: {error}") from error


def build_site(config_file: Path, site_dir: Path) -> Build:
    """Build the site of ``config_file`` into ``site_dir``, strict: a warning fails the build.

    In a process of its own, as `mkdocs build` on the command line: every build starts from
    fresh plugins, with the engine's own logging and strict mode."""
    result = subprocess.run(
        [
            *ENGINE_COMMAND,
            "build",
            "--strict",
            "--quiet",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(site_dir),
        ],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return Build(result.returncode == 0, result.stdout + result.stderr)


def _plain(value: Any) -> Any:
    """``value`` with every path-like object (in dicts and lists too) as a plain string."""
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
