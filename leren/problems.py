"""Problems found in the content, worded in Dutch for editors."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor has to fix (error) or should look at (warning)."""

    path: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else "waarschuwing: "
        return f"{self.location}: {prefix}{self.message}"


def did_you_mean(wrong: str, candidates: Iterable[str]) -> str:
    """A ' (bedoelde je ...?)' hint for a misspelt name, or '' when nothing is close."""
    matches = difflib.get_close_matches(wrong, list(candidates), n=1, cutoff=0.6)
    return f" (bedoelde je '{matches[0]}'?)" if matches else ""


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for problem in problems if problem.severity is Severity.ERROR)
