"""Look an actor up in the tables and say why it resolves as it does (`tieline actors`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from tieline.actors._codes import compose_code, pick_tenure
from tieline.actors._gazetteer import CaseRule, Entry, Gazetteer, Tenure, fast_tokens

__all__ = ["Lookup", "lookup"]

#: Most entries listed for a query that matches only part of a phrase ("Sharif").
MAX_PARTIAL = 25


@dataclass(frozen=True, slots=True)
class Lookup:
    """One table entry a query names, and what it gives on the date asked."""

    phrase: str  # the alias matched, as filed (lowercased tokens joined)
    case: CaseRule  # how the text must be cased for it to match
    kind: str
    name: str | None
    tenures: tuple[Tenure, ...]
    chosen: Tenure | None  # the tenure picked for the date (people, groups)
    status: str  # pick_tenure's verdict, or "fixed" for entries without tenures
    code: str | None  # the code the entry alone gives on that date
    exact: bool  # the whole query is the phrase (not a part of it)


def _code(e: Entry, t: Tenure | None, status: str) -> str | None:
    if e.kind == "person":
        if t is None:
            return None
        sector = "ELI" if status == "former" else None if status == "before" else t.sector
        return compose_code(t.country, None if t.country else t.code, sector)
    if e.kind == "group":
        return compose_code(t.country, None if t.country else t.code, t.sector) if t else None
    return compose_code(e.country, e.code, e.sector)


def _row(toks: tuple[str, ...], case: CaseRule, e: Entry, when: Date | None, exact: bool) -> Lookup:
    chosen, status = (None, "fixed")
    if e.tenures:
        chosen, status = pick_tenure(e.tenures, when, longest=e.kind == "group")
    return Lookup(" ".join(toks), case, e.kind, e.name or e.phrase, e.tenures, chosen, status,
                  _code(e, chosen, status), exact)


def lookup(gaz: Gazetteer, query: str, when: Date | None = None) -> list[Lookup]:
    """Entries whose phrase is the query; failing that, those containing all its words."""
    toks = tuple(t.lower() for t in fast_tokens(query.strip()))
    if not toks:
        return []
    exact = [_row(t, c, e, when, True) for t, c, e in gaz.index.get(toks[0], ()) if t == toks]
    if exact:
        return exact
    wanted = set(toks)
    partial: list[Lookup] = []
    for bucket in gaz.index.values():
        for t, c, e in bucket:
            if wanted <= set(t):
                partial.append(_row(t, c, e, when, False))
                if len(partial) >= MAX_PARTIAL:
                    return partial
    return partial
