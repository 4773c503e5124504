"""Numbers, sizes and months as Dutch writes them, for sentences made from the content ("de vijf
deelnemers", "12.500 inwoners", "2,4 MB", "juni 2017"): templates derive them from the data
instead of typing them, and every template and message formats them here (the site's and the
PDF's templates as the filters telwoord, duizendtal, grootte and maand)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from leren.history import MONTHS

NUMBER_WORDS = (
    "nul",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)


def number_word(number: int) -> str:
    """'vijf' for 5; numbers past twelve stay digits, as Dutch style guides write them."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def thousands(number: int) -> str:
    """'12.500' for 12500: a point between thousands, as Dutch writes them."""
    return f"{number:,}".replace(",", ".")


def file_size(size: int) -> str:
    """'1,2 MB' or '840 kB' for a size in bytes: decimal units, Dutch decimal comma."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def month_year(month: str) -> str:
    """'juni 2017' for '2017-06' (a month as the content model writes it)."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


# The Jinja filters of every environment that renders the project's templates (the site's, the
# PDF's, the generated pages' words).
FILTERS: dict[str, Callable[..., Any]] = {
    "telwoord": number_word,
    "maand": month_year,
    "duizendtal": thousands,
    "grootte": file_size,
}
