"""Partial ISO dates (YYYY, YYYY-MM, YYYY-MM-DD), Gregorian: the one place they are parsed and compared."""

from __future__ import annotations

import calendar
from datetime import date

MONTHS = tuple(calendar.month_name[1:])


def parts(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("-"))


def before(later: str, earlier: str) -> bool:
    """Whether a date surely falls before another, compared to the precision both give (1937 is not before 1937-06)."""
    a, b = parts(later), parts(earlier)
    common = min(len(a), len(b))
    return a[:common] < b[:common]


def after(value: str, reference: str) -> bool:
    """Whether a date surely falls after another, at the precision both give."""
    return before(reference, value)


def bounds(value: str) -> tuple[date, date]:
    """The first and last day a date may stand for."""
    year, month, day = (*parts(value), None, None)[:3]
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, day), date(year, month, day)


def sort_key(value: str) -> tuple[int, int]:
    """Order by the last day a date may stand for, the more precise first: "1937" comes after every
    dated day of 1937, so a row stands above the date of writing only if it had surely happened by then."""
    first, last = bounds(value)
    return last.toordinal(), -first.toordinal()


def format_date(value: str) -> str:
    """1 May 1919, May 1919 or 1919."""
    values = parts(value)
    if len(values) == 1:
        return str(values[0])
    if len(values) == 2:
        return f"{MONTHS[values[1] - 1]} {values[0]}"
    return f"{values[2]} {MONTHS[values[1] - 1]} {values[0]}"


def us_date(value: str) -> str:
    """May 1, 1919: the form of the Chicago citations."""
    values = parts(value)
    if len(values) < 3:
        return format_date(value)
    return f"{MONTHS[values[1] - 1]} {values[2]}, {values[0]}"
