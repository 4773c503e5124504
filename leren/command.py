"""Commands the `leren` tool prints ("controleer opnieuw met: ...") work when typed as printed."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

# Where the README's setup (bash scripts/setup or scripts/serve) installs the tool, relative to
# the site's folder: the command to print when another program, such as MkDocs, runs this code.
INSTALLED = ".venv/bin/leren"


def leren_command(*words: str, root: Path | None = None) -> str:
    """`leren <words>` as the editor can type it again: the program as they typed it ('leren' if
    that finds the same program on their PATH), and --map when the content is not where the tool
    would look from the current folder."""
    typed = sys.argv[0] if sys.argv else ""
    program = INSTALLED
    if Path(typed).name == "leren":
        found = shutil.which("leren")
        same = found is not None and Path(found).resolve() == Path(typed).resolve()
        program = "leren" if same else typed
    where: list[str] = []
    if root is not None and not Path.cwd().resolve().is_relative_to(root.resolve()):
        relative = os.path.relpath(root.resolve())
        where = ["--map", str(root.resolve()) if relative.startswith("..") else relative]
    return shlex.join([program, *where, *words])
