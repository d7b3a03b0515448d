"""CAMEO-style codes from country, international code and sector; leaders' tenures by date."""

from __future__ import annotations

from datetime import date as Date

from tieline.actors._gazetteer import INTERNATIONAL_PREFIXES, Tenure
from tieline.records import Actor

__all__ = ["base_code", "compose_code", "is_codeable", "pick_tenure"]

#: A name seen this many years before its bearer's first listed office still gives the country
#: (a candidate, a rising minister); earlier than that it is more likely someone else's name.
BEFORE_OFFICE_YEARS = 5


def compose_code(country: str | None, intl: str | None, sector: str | None) -> str:
    """CAMEO-style code: country + sector ("PAKMIL"); IGO code + sector except GOV ("IGOUNOMIL")."""
    if country:
        return country + (sector or "")
    base = intl or "---"
    if base.startswith("IGO") and sector == "GOV":
        return base  # an IGO's own officials are the IGO itself
    if sector and base != "---" and sector in (base[i:i + 3] for i in range(3, len(base), 3)):
        return base  # the code already names the sector (IGOCOPITP is Interpol, a police body)
    return base + (sector or "")


#: Assumed length of a tenure with no recorded start, when comparing undated tenures.
OPEN_START_YEARS = 5


def _tenure_length(t: Tenure) -> int:
    end = t.end or Date.today()
    start = t.start or Date(end.year - OPEN_START_YEARS, end.month, 1)
    return (end - start).days


def pick_tenure(
    tenures: tuple[Tenure, ...], when: Date | None, *, prefer_sector: str | None = None,
    longest: bool = False,
) -> tuple[Tenure | None, str]:
    """The tenure in force on `when`: (tenure, "current"|"former"|"before"|"latest"|"ambiguous").

    No date: the latest-starting tenure, or, with `longest` (groups), for a group whose code
    changed the longest-held one ("longest"); a person in their latest role, unless they served
    several states or bodies, then their longest-held one. A date inside no tenure: the most recently ended one
    ("former": the caller codes a former officeholder as ELI), or, shortly before any began, the
    first; long before, none ("unknown").
    Two tenures of different countries on the same date make the name ambiguous. Without a
    date, `prefer_sector` (from a title: "Prime Minister Haniyeh") picks among the tenures.
    """
    if not tenures:
        return None, "ambiguous"
    if when is None:
        if len({t.code for t in tenures}) > 1 and len({t.holder for t in tenures}) > 1:
            return None, "ambiguous"  # two people of different countries share the name
        pool = [t for t in tenures if t.sector == prefer_sector] or list(tenures)
        # a person who served two states or bodies (Stoltenberg: Norway, NATO) is best known for
        # the longest role; one who changed roles at home (Prachanda: rebel, then premier) for the last
        if (longest and len({(t.country, t.code, t.sector) for t in pool}) > 1) or len({t.code for t in pool}) > 1:
            # A group whose status changed (the Taliban: insurgents, rulers, insurgents, rulers):
            # undated text most likely describes the status it held longest.
            return max(pool, key=_tenure_length), "longest"
        return max(pool, key=lambda t: t.start or Date.min), "latest"
    covering = [t for t in tenures if t.covers(when)]
    if covering:
        if len({t.code for t in covering}) > 1:
            return None, "ambiguous"
        return covering[0], "current"
    ended = [t for t in tenures if t.end is not None and t.end <= when]
    if ended:
        return max(ended, key=lambda t: t.end or Date.min), "former"
    first = min(tenures, key=lambda t: t.start or Date.max)
    if first.start is not None and (first.start - when).days > BEFORE_OFFICE_YEARS * 365:
        return None, "unknown"
    return first, "before"


def is_codeable(actor: Actor) -> bool:
    """True for a state actor or an international one (IGO, transnational group, NGO)."""
    return bool(actor.country) or actor.code[:3] in INTERNATIONAL_PREFIXES


def base_code(actor: Actor) -> str | None:
    """The international code without its sector ("IGOUNOMIL" -> "IGOUNO"); None for countries."""
    if actor.country:
        return None
    if actor.sector and actor.code.endswith(actor.sector) and len(actor.code) > len(actor.sector):
        return actor.code[: -len(actor.sector)]
    return actor.code
