"""When each file last changed, from git history: one `git log` for the whole site."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

# Seconds a git call may take: a hung git (a lock, a network file system) must not hang the build.
GIT_TIMEOUT = 60


def last_changed(root: Path) -> dict[str, date]:
    """Repository-relative path → date of the last commit touching it; empty outside git."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=GIT_TIMEOUT,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=GIT_TIMEOUT,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = root.resolve().relative_to(Path(top).resolve()).as_posix()
    dates: dict[str, date] = {}
    # Newest commit first, so the first date seen for a path is its last change.
    for entry in log.split("\x00")[1:]:
        timestamp, *names = entry.strip().split("\n")
        day = datetime.fromtimestamp(int(timestamp), tz=UTC).date()
        for name in filter(None, names):
            relative = name if prefix == "." else name.removeprefix(f"{prefix}/")
            dates.setdefault(relative, day)
    return dates


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
