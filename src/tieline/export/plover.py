"""PLOVER JSON lines in the shape POLECAT publishes.

POLECAT (the PLOVER-coded successor of ICEWS) publishes one record per event with the
columns in `POLECAT_LABELS`; here each becomes a snake_case JSON key, one event per line,
as the PLOVER manual recommends (JSONL, named fields, lists for multi-valued fields).
Fields tieline does not produce (COW codes, actor titles, Wikipedia ids, GeoNames ids,
story-level people/organisations) are null. Extra fields, which the PLOVER data-exchange
chapter allows, carry provenance: story_id (our doc_id), url, event_text (the sentence),
cameo.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["POLECAT_LABELS", "plover_record", "write_plover"]

#: JSON key -> POLECAT's published column label (rename with this to line up with POLECAT files).
POLECAT_LABELS: dict[str, str] = {
    "event_id": "Event ID",
    "event_date": "Event Date",
    "event_type": "Event Type",
    "event_mode": "Event Mode",
    "event_intensity": "Event Intensity",
    "quad_code": "Quad Code",
    "contexts": "Contexts",
    "actor_name": "Actor Name",
    "actor_country": "Actor Country",
    "actor_cow": "Actor COW",
    "primary_actor_sector": "Primary Actor Sector",
    "actor_sectors": "Actor Sectors",
    "actor_title": "Actor Title",
    "actor_name_raw": "Actor Name Raw",
    "wikipedia_actor_id": "Wikipedia Actor ID",
    "recipient_name": "Recipient Name",
    "recipient_country": "Recipient Country",
    "recipient_cow": "Recipient COW",
    "primary_recipient_sector": "Primary Recipient Sector",
    "recipient_sectors": "Recipient Sectors",
    "recipient_title": "Recipient Title",
    "recipient_name_raw": "Recipient Name Raw",
    "wikipedia_recipient_id": "Wikipedia Recipient ID",
    "placename": "Placename",
    "city": "City",
    "district": "District",
    "province": "Province",
    "country": "Country",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "geonames_id": "GeoNames ID",
    "raw_placename": "Raw Placename",
    "feature_type": "Feature Type",
    "source": "Source",
    "publication_date": "Publication Date",
    "story_people": "Story People",
    "story_organizations": "Story Organizations",
    "story_locations": "Story Locations",
    "language": "Language",
    "version": "Version",
}

_SPLIT = re.compile(r"\s*[;,|]\s*")


def _list(value: str | None) -> list[str]:
    return [v for v in _SPLIT.split(value) if v] if value else []


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def plover_record(row: dict[str, Any], version: str) -> dict[str, Any]:
    """One POLECAT-shaped record from a joined event/document row (see export.queries)."""
    rec: dict[str, Any] = {k: None for k in POLECAT_LABELS}
    precision = row.get("place_precision")
    rec.update({
        "event_id": row["event_id"],
        "event_date": _iso(row["day"]),
        "event_type": (row.get("plover") or "").upper() or None,
        "event_mode": row.get("plover_mode"),
        # POLECAT's intensity is a -10..10 conflict/cooperation scale like Goldstein's.
        "event_intensity": row.get("goldstein"),
        "quad_code": row.get("quad_class"),
        "contexts": _list(row.get("plover_context")),
    })
    for role, key in (("source", "actor"), ("target", "recipient")):
        sector = row.get(f"{role}_sector")
        rec[f"{key}_name"] = row.get(f"{role}_name") or row.get(f"{role}_text") or row.get(f"{role}_code")
        rec[f"{key}_country"] = row.get(f"{role}_country")
        rec[f"primary_{key}_sector"] = sector
        rec[f"{key}_sectors"] = [sector] if sector else []
        rec[f"{key}_name_raw"] = row.get(f"{role}_text")
        rec[f"{key}_code"] = row.get(f"{role}_code")  # extra: the CAMEO-style actor code
    if row.get("place_name") or row.get("place_country"):
        rec.update({
            "placename": row.get("place_name"),
            "city": row.get("place_name") if precision == "city" else None,
            "province": row.get("place_admin1"),
            "country": row.get("place_country"),
            "latitude": row.get("place_latitude"),
            "longitude": row.get("place_longitude"),
            "raw_placename": row.get("place_name"),
            "feature_type": precision,
        })
    rec.update({
        "source": row.get("doc_source"),
        "publication_date": _iso(row.get("published")),
        "language": row.get("language"),
        "version": version,
        # extras
        "story_id": row.get("doc_id"),
        "url": row.get("url"),
        "event_text": row.get("sentence"),
        "cameo": row.get("cameo"),
    })
    return rec


#: Characters JSON leaves raw (they are not control characters) but str.splitlines() breaks at:
#: escaped, so a JSONL record stays one line for every reader.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _one_line(text: str) -> str:
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text


def write_plover(rows: Iterable[dict[str, Any]], fh: TextIO, version: str) -> int:
    n = 0
    for row in rows:
        fh.write(_one_line(json.dumps(plover_record(row, version), ensure_ascii=False, default=str)))
        fh.write("\n")
        n += 1
    return n
