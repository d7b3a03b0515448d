"""Load and check the package's ontology tables, once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from tieline.errors import DataError
from tieline.ontology._model import CameoCode, PloverCoding, PloverType

__all__ = ["cameo_table", "mapping_table", "plover_table", "quad_of_root", "ROOTS"]

#: CAMEO's 20 cue categories ("01" .. "20"); every code starts with one of them.
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


def quad_of_root(root: str) -> int:
    """CAMEO quad class of a root: 01-05 verbal coop (1), 06-09 material coop (2), 10-14 verbal
    conflict (3), 15-20 material conflict (4)."""
    n = int(root)
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4


def _read_text(name: str) -> str:
    try:
        return resources.files("tieline.ontology").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"ontology data file {name} cannot be read: {exc}") from None


def _tsv_rows(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a commented TSV file as dicts; the first non-comment line must be the header."""
    lines = [ln for ln in _read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise DataError(f"ontology file {name}: header must be {' '.join(columns)}")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > len(columns):
            raise DataError(f"ontology file {name}: data row {lineno} has {len(cells)} cells")
        # editors may strip the tabs of empty trailing cells; pad them back
        cells += [""] * (len(columns) - len(cells))
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


@functools.cache
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes by code, in code order."""
    rows = _tsv_rows("cameo.tsv", ("code", "name", "goldstein"))
    names = {r["code"]: r["name"] for r in rows}
    missing = [root for root in ROOTS if root not in names]
    if missing:
        raise DataError(f"cameo.tsv lacks the root codes {', '.join(missing)}")
    table: dict[str, CameoCode] = {}
    for r in rows:
        code = r["code"]
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] in ROOTS):
            raise DataError(f"cameo.tsv: malformed CAMEO code {code!r}")
        if code in table:
            raise DataError(f"cameo.tsv: code {code} appears twice")
        if len(code) == 4 and code[:3] not in names:
            raise DataError(f"cameo.tsv: code {code} has no parent {code[:3]}")
        try:
            goldstein = float(r["goldstein"])
        except ValueError:
            raise DataError(f"cameo.tsv: code {code} has a non-numeric Goldstein score") from None
        if not -10.0 <= goldstein <= 10.0:
            raise DataError(f"cameo.tsv: code {code} Goldstein score {goldstein} is outside [-10, 10]")
        root = code[:2]
        table[code] = CameoCode(code, r["name"], goldstein, quad_of_root(root), root, names[root])
    return dict(sorted(table.items()))


@functools.cache
def plover_table() -> dict[str, PloverType]:
    """The PLOVER types by name, in the manual's order."""
    try:
        doc: Any = yaml.safe_load(_read_text("plover.yaml"))
    except yaml.YAMLError as exc:
        raise DataError(f"plover.yaml is not valid YAML: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("types"), dict):
        raise DataError("plover.yaml must have a 'types' mapping and a 'contexts' list")
    contexts = tuple(str(c) for c in doc.get("contexts") or ())
    if not contexts:
        raise DataError("plover.yaml lists no contexts")
    types: dict[str, PloverType] = {}
    for name, spec in doc["types"].items():
        if not isinstance(spec, dict) or not spec.get("description"):
            raise DataError(f"plover.yaml: type {name} needs a description")
        modes = tuple(str(m) for m in spec.get("modes") or ())
        quad = int(spec.get("quad") or 0)
        if quad not in (1, 2, 3, 4):
            raise DataError(f"plover.yaml: type {name} needs a quad category 1-4")
        types[str(name)] = PloverType(str(name), str(spec["description"]), modes, contexts, quad)
    return types


@functools.cache
def mapping_table() -> dict[str, PloverCoding]:
    """CAMEO code -> PLOVER coding, checked against both the CAMEO codes and the PLOVER types."""
    codes = cameo_table()
    types = plover_table()
    mapping: dict[str, PloverCoding] = {}
    for r in _tsv_rows("cameo_plover.tsv", ("code", "type", "mode", "context", "note")):
        code, kind = r["code"], r["type"]
        if code not in codes:
            raise DataError(f"cameo_plover.tsv maps {code}, which is not a CAMEO code in cameo.tsv")
        if kind not in types:
            raise DataError(f"cameo_plover.tsv maps {code} to unknown PLOVER type {kind!r}")
        mode, context = r["mode"] or None, r["context"] or None
        if mode is not None and mode not in types[kind].modes:
            raise DataError(f"cameo_plover.tsv: {code}: {kind} has no mode {mode!r}")
        if context is not None and context not in types[kind].contexts:
            raise DataError(f"cameo_plover.tsv: {code}: unknown PLOVER context {context!r}")
        mapping[code] = PloverCoding(kind, mode, context)
    unmapped = [c for c in codes if c not in mapping]
    if unmapped:
        listed = ", ".join(unmapped[:10])
        raise DataError(f"cameo_plover.tsv leaves {len(unmapped)} CAMEO codes unmapped: {listed}")
    return mapping
