"""Numbers and months in Dutch words, for sentences made from the content ("de vijf deelnemers",
"juni 2017"): templates derive them from the data instead of typing them."""

from __future__ import annotations

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


def month_year(month: str) -> str:
    """'juni 2017' for '2017-06' (a month as the content model writes it)."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"
