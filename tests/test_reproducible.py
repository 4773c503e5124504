"""leren.reproducible: the build's clock comes from the last commit, a caller, or a fixed date."""

from __future__ import annotations

import subprocess
from pathlib import Path

from leren.reproducible import FALLBACK_EPOCH, pin_source_date_epoch
from tests.conftest import REPO


def test_the_last_commit_sets_the_clock() -> None:
    env: dict[str, str] = {}
    committed = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert pin_source_date_epoch(REPO, env) == int(committed)
    assert env["SOURCE_DATE_EPOCH"] == committed


def test_outside_git_the_publication_date_is_the_clock(tmp_path: Path) -> None:
    env: dict[str, str] = {}
    assert pin_source_date_epoch(tmp_path, env) == FALLBACK_EPOCH
    assert env == {"SOURCE_DATE_EPOCH": "0"}


def test_a_callers_clock_is_kept(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert pin_source_date_epoch(tmp_path, env) == 1700000000
    assert env == {"SOURCE_DATE_EPOCH": "1700000000"}
