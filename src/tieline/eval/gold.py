"""Gold-standard loaders: the three public gold sets as one record type.

The gold files live outside the package (``../shared/data/gold``); nothing here copies them.
Each loader returns `GoldRecord`s: one per gold sentence, with the gold events normalised to
what the scorers compare (country keys, current PLOVER type names, CAMEO codes).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Literal

from tieline.errors import GoldDataMissing

__all__ = [
    "GOLD_FILES",
    "NON_ISO_ALIASES",
    "PLOVER_0_5_NAMES",
    "SET_NAMES",
    "GoldEvent",
    "GoldRecord",
    "UNKNOWN",
    "SetName",
    "country_key",
    "find_shared",
    "load_gold",
    "load_pentaclass",
    "load_petr2",
    "load_plover",
]

SetName = Literal["plover", "petr2", "pentaclass"]
SET_NAMES: tuple[SetName, ...] = ("plover", "petr2", "pentaclass")

#: Paths of the gold files under the shared folder.
GOLD_FILES: dict[SetName, str] = {
    "plover": "data/gold/plover_gsr/PLOVER_GSR_CAMEO.json",
    "petr2": "data/gold/petr2_gsr/PETR2_GSR_validation.xml",
    "pentaclass": "data/gold/conflibert_cameo_class/train.tsv",
}

#: PLOVER 0.5b1 event names (used by the PLOVER gold) -> current 16-type names. From the
#: CAMEO-to-PLOVER table of the current manual: CAMEO 10 DEMAND -> REQUEST, 11 DISAPPROVE ->
#: ACCUSE (disapprove mode), 09 INVESTIGATE -> ACCUSE (investigate mode), 19 FIGHT and 18
#: ASSAULT -> ASSAULT. The other 13 names in the gold (AGREE, CONSULT, SUPPORT, CONCEDE,
#: COOPERATE, AID, RETREAT, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE) are current.
PLOVER_0_5_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: Country codes in the gold that are not ISO-3166 alpha-3 (JAP is Japan, ITL Italy, VTN
#: Vietnam in the PLOVER gold). Non-state prefixes (IGO, NGO, IMG, ISM) are kept as they are.
NON_ISO_ALIASES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: Stand-in country key for an actor the gold leaves unknown (CAMEO "---").
UNKNOWN = "---"

_SHARED_ENV = "TIELINE_SHARED"


def country_key(code: str | None) -> str:
    """The country part of an actor code (first three letters), with non-ISO aliases mapped."""
    head = (code or "").strip().upper()[:3]
    if not head:
        return UNKNOWN
    return NON_ISO_ALIASES.get(head, head)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event. An empty `sources` / `targets` means the gold does not say (matches any).

    `label` is the current PLOVER type (PLOVER set) or the full CAMEO code (PETR2 set);
    `source_codes` / `target_codes` keep the gold's full actor codes. `reciprocal` marks actors
    acting together with no recipient (PLOVER's "SRC/TAR" markup: a meeting, a joint accord).
    """

    label: str
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    original_label: str = ""
    reciprocal: bool = False


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence: its text, date and gold events (empty = the gold says no event).

    `label` is the pentaclass label (0-4) and is None for the other sets.
    """

    set_name: SetName
    record_id: str
    text: str
    date: Date | None = None
    events: tuple[GoldEvent, ...] = ()
    label: int | None = None


# -- locating ../shared --------------------------------------------------------------------


def _candidates(explicit: str | os.PathLike[str] | None) -> list[Path]:
    if explicit is not None:
        return [Path(explicit)]
    found: list[Path] = []
    env = os.environ.get(_SHARED_ENV)
    if env:
        found.append(Path(env))
    checkout = Path(__file__).resolve().parents[3]  # <repo>/src/tieline/eval/gold.py -> <repo>
    if (checkout / "pyproject.toml").is_file():
        found.append(checkout.parent / "shared")
    cwd = Path.cwd()
    found += [cwd.parent / "shared", cwd / "shared"]
    return found


def find_shared(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The shared data folder: `explicit`, else $TIELINE_SHARED, else <checkout>/../shared,
    else <cwd>/../shared, else <cwd>/shared. Raises GoldDataMissing when none holds gold data."""
    tried = _candidates(explicit)
    for path in tried:
        if (path / "data" / "gold").is_dir():
            return path.resolve()
    raise GoldDataMissing(
        "gold data not found (looked in " + ", ".join(str(p) for p in tried) + ")",
        hint=f"pass --shared PATH or set {_SHARED_ENV} to the folder that holds data/gold",
    )


def _gold_path(set_name: SetName, shared: Path) -> Path:
    path = shared / GOLD_FILES[set_name]
    if not path.is_file():
        raise GoldDataMissing(f"gold file for set {set_name!r} not found: {path}")
    return path


# -- PLOVER gold standard records ------------------------------------------------------------


def _plover_actors(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Actors are a list of {actorText, code, sector}; a few records have "" or a stray
    # string where the target is absent, which means "no target".
    if not isinstance(value, list):
        return (), ()
    codes = tuple(str(a["code"]) for a in value if isinstance(a, dict) and a.get("code"))
    keys = tuple(dict.fromkeys(country_key(c) for c in codes))
    return keys, codes


def load_plover(shared: Path) -> list[GoldRecord]:
    """The PLOVER GSR: one record per coded sentence (the header object is skipped)."""
    path = _gold_path("plover", shared)
    rows = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for row in rows:
        if not isinstance(row, dict) or row.get("event") in (None, "DOCUMENT"):
            continue
        original = str(row["event"]).upper()
        sources, source_codes = _plover_actors(row.get("source"))
        targets, target_codes = _plover_actors(row.get("target"))
        info = row.get("textInfo")
        markup = str(info.get("markup", "")) if isinstance(info, dict) else ""
        event = GoldEvent(
            label=PLOVER_0_5_NAMES.get(original, original),
            sources=sources,
            targets=targets,
            source_codes=source_codes,
            target_codes=target_codes,
            original_label=original,
            reciprocal="SRC/TAR" in markup and not targets and len(source_codes) > 1,
        )
        raw_date = row.get("date")
        records.append(
            GoldRecord(
                set_name="plover",
                record_id=str(row["id"]),
                text=" ".join(str(row["text"]).split()),
                date=Date.fromisoformat(raw_date) if raw_date else None,
                events=(event,),
            )
        )
    return records


# -- PETRARCH-2 validation records -----------------------------------------------------------

# The file is not well-formed XML (free-text comment banners, unescaped text), so each
# <Sentence ...> block is read with regular expressions up to its </Sentence>.
_SENTENCE_RE = re.compile(r"<Sentence\s([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
_CODING_RE = re.compile(r"<EventCoding\s([^>]*?)/?>")
_TEXT_RE = re.compile(r"<Text>(.*?)</Text>", re.S)


def _petr2_date(raw: str) -> Date | None:
    # YYYYMMDD, except one record written YYMMDD ("121108"); anything else is no date.
    digits = raw.strip()
    if len(digits) == 6 and digits.isdigit():
        digits = "20" + digits
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return Date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _text_from_parse(parse: str) -> str:
    # One record (abc12_3) has an empty <Text>; its sentence is rebuilt from the CoNLL-U
    # token forms (column 2), honouring SpaceAfter=No and not spacing before punctuation.
    out = ""
    glue = True
    for line in parse.split("</Parse>", 1)[0].splitlines():
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue
        form = cols[1]
        if out and not glue and form not in _NO_SPACE_BEFORE:
            out += " "
        out += form
        glue = "SpaceAfter=No" in cols[9]
    return out


_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "'s", "n't", "%"})


def load_petr2(shared: Path) -> list[GoldRecord]:
    """The PETR-2 GSR validation records with evaluate="true" (all 78 in the published file)."""
    path = _gold_path("petr2", shared)
    content = path.read_text(encoding="utf-8")
    start = content.find("<Sentences>")
    records: list[GoldRecord] = []
    for match in _SENTENCE_RE.finditer(content, max(start, 0)):
        attrs = dict(_ATTR_RE.findall(match.group(1)))
        if attrs.get("evaluate", "true").lower() != "true":
            continue
        body, _, parse = match.group(2).partition("<Parse>")
        events = []
        for coding in _CODING_RE.finditer(body):
            c = dict(_ATTR_RE.findall(coding.group(1)))
            if c.get("noevents", "").lower() == "true" or "eventcode" not in c:
                continue
            src, tgt = c.get("sourcecode", UNKNOWN), c.get("targetcode", UNKNOWN)
            events.append(
                GoldEvent(
                    label=c["eventcode"],
                    sources=(country_key(src),),
                    targets=(country_key(tgt),),
                    source_codes=(src,),
                    target_codes=(tgt,),
                    original_label=c["eventcode"],
                )
            )
        text_match = _TEXT_RE.search(body)
        text = " ".join((text_match.group(1) if text_match else "").split()) or _text_from_parse(parse)
        records.append(
            GoldRecord(
                set_name="petr2",
                record_id=attrs.get("id", f"petr2-{len(records)}"),
                text=text,
                date=_petr2_date(attrs.get("date", "")),
                events=tuple(events),
            )
        )
    return records


# -- ConfliBERT CAMEO five-class sentences ---------------------------------------------------


def load_pentaclass(shared: Path) -> list[GoldRecord]:
    """The five-class sentences (`sentence<TAB>label`, CRLF); ids are 1-based line numbers."""
    path = _gold_path("pentaclass", shared)
    records = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            records.append(
                GoldRecord(
                    set_name="pentaclass",
                    record_id=f"pentaclass-{number}",
                    text=" ".join(text.split()),
                    label=int(label),
                )
            )
    return records


_LOADERS = {"plover": load_plover, "petr2": load_petr2, "pentaclass": load_pentaclass}


def load_gold(set_name: str, shared: str | os.PathLike[str] | None = None) -> Sequence[GoldRecord]:
    """Load one gold set by name, locating the shared folder with `find_shared`."""
    if set_name not in _LOADERS:
        from tieline.errors import ConfigError

        raise ConfigError(f"unknown gold set {set_name!r}", hint="choose one of " + ", ".join(SET_NAMES))
    return _LOADERS[set_name](find_shared(shared))
