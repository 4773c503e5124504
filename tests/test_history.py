"""'Laatst bijgewerkt' comes from git; a git that hangs must not hang the build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leren import history

# Answers as git would for a repository with one commit touching lessons/les.md, but only after
# a long wait in `git log`: a lock held elsewhere, or a slow network file system.
SLOW_GIT = """\
#!/bin/sh
case "$1" in
  rev-parse) echo "$PWD" ;;
  log) sleep 30; printf '\\000%s\\nlessons/les.md\\n' 1496275200 ;;
esac
"""


def test_a_hanging_git_leaves_the_pages_undated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    git = bin_dir / "git"
    git.write_text(SLOW_GIT, encoding="utf-8")
    git.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(history, "GIT_TIMEOUT", 1)
    assert history.last_changed(tmp_path) == {}
