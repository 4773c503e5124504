"""Pins the build's clock so two builds of the same commit give the same bytes.

MkDocs dates every page (sitemap ``lastmod``) and stamps the gzip header of ``sitemap.xml.gz``
with the build time, unless ``SOURCE_DATE_EPOCH`` is set
(https://reproducible-builds.org/specs/source-date-epoch/). This sets it to the date of the last
commit, or to a fixed date outside a git checkout. Knows nothing of MkDocs.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import MutableMapping
from pathlib import Path

# The clock of a build outside git, where no date is known: the Unix epoch, rather than a date
# (such as the publication's) that a reader could take for when the site was made.
FALLBACK_EPOCH = 0


def last_commit_epoch(folder: Path) -> int | None:
    """The committer date of HEAD in the repository holding ``folder``, or None without git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return int(value) if result.returncode == 0 and value.isdigit() else None


def pin_source_date_epoch(folder: Path, environ: MutableMapping[str, str] | None = None) -> int:
    """Set SOURCE_DATE_EPOCH (unless the caller already did) and return the epoch in force."""
    env = os.environ if environ is None else environ
    given = env.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    epoch = last_commit_epoch(folder)
    env["SOURCE_DATE_EPOCH"] = str(FALLBACK_EPOCH if epoch is None else epoch)
    return int(env["SOURCE_DATE_EPOCH"])
