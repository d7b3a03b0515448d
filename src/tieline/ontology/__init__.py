"""The event ontology: CAMEO codes (names, Goldstein scores, quad classes) and their PLOVER codings.

Codes are strings and keep their leading zeros ("057", not 57). Data is read from the package's own
tables under `data/` on first use and cached for the life of the process.
"""

from __future__ import annotations

from tieline.ontology._data import ROOTS, cameo_table, mapping_table, plover_table, quad_of_root
from tieline.ontology._model import CameoCode, PloverCoding, PloverType, UnknownCode

__all__ = [
    "PENTACLASS_NAMES",
    "QUAD_CLASS_NAMES",
    "ROOTS",
    "CameoCode",
    "PloverCoding",
    "PloverType",
    "UnknownCode",
    "cameo",
    "cameo_codes",
    "is_cameo",
    "pentaclass",
    "plover_for",
    "plover_type",
    "plover_types",
    "quad_class",
    "search",
]

#: CAMEO quad classes (roots 01-05, 06-09, 10-14, 15-20).
QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: Quad classes with statements (root 01) split off as class 0, as in common 5-way classifiers.
PENTACLASS_NAMES: dict[int, str] = {
    0: "make a statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _unknown(code: object) -> UnknownCode:
    hint = "CAMEO codes are strings of 2-4 digits with roots 01-20, e.g. '057'"
    if isinstance(code, str) and code.strip().isdigit() and is_cameo("0" + code.strip()):
        hint = f"did you mean '0{code.strip()}'? leading zeros are part of CAMEO codes"
    return UnknownCode(f"unknown CAMEO code {code!r}", hint=hint)


def _root(code: str) -> str:
    """The root of a well-formed code (which need not be in the table), else UnknownCode."""
    if not isinstance(code, str):
        raise _unknown(code)
    text = code.strip()
    if not (text.isdigit() and 2 <= len(text) <= 4 and text[:2] in ROOTS):
        raise _unknown(code)
    return text[:2]


def cameo(code: str) -> CameoCode:
    """The CAMEO code `code` (e.g. "057"); raises UnknownCode (a DataError) if CAMEO lacks it."""
    found = cameo_table().get(code.strip()) if isinstance(code, str) else None
    if found is None:
        raise _unknown(code)
    return found


def cameo_codes() -> list[CameoCode]:
    """Every CAMEO code (roots, 3- and 4-digit codes), sorted by code so children follow parents."""
    return list(cameo_table().values())


def is_cameo(code: str) -> bool:
    """Whether `code` is exactly a CAMEO code ("057" is, "57" and 57 are not)."""
    return isinstance(code, str) and code.strip() in cameo_table()


def plover_for(cameo_code: str) -> PloverCoding:
    """The PLOVER coding of a CAMEO code; a code missing from the table falls back to its
    nearest listed parent (4-digit -> 3-digit -> root), so "1214" codes as its parent "121"."""
    _root(cameo_code)
    text = cameo_code.strip()
    mapping = mapping_table()
    for prefix in (text, text[:3], text[:2]):
        if prefix in mapping:
            return mapping[prefix]
    raise _unknown(cameo_code)  # unreachable while every root is mapped, which loading checks


def plover_types() -> list[PloverType]:
    """The 16 PLOVER event types, from verbal cooperation (AGREE) to material conflict (ASSAULT)."""
    return list(plover_table().values())


def plover_type(name: str) -> PloverType:
    """One PLOVER type by name (case-insensitive); raises UnknownCode for other names."""
    found = plover_table().get(name.strip().upper()) if isinstance(name, str) else None
    if found is None:
        known = ", ".join(plover_table())
        raise UnknownCode(f"unknown PLOVER event type {name!r}", hint=f"one of {known}")
    return found


def quad_class(cameo_code: str) -> int:
    """CAMEO quad class 1-4 of a code, from its root (see QUAD_CLASS_NAMES)."""
    return quad_of_root(_root(cameo_code))


def pentaclass(cameo_code: str) -> int:
    """Quad class with statements split off: 0 for root 01, else 1-4 as quad_class (PENTACLASS_NAMES)."""
    root = _root(cameo_code)
    return 0 if root == "01" else quad_of_root(root)


def search(query: str) -> list[CameoCode]:
    """Codes whose code starts with a numeric query, or whose name contains every word of a text
    query (case-insensitive); an empty query returns all codes."""
    words = query.lower().split()
    found = []
    for entry in cameo_table().values():
        name = entry.name.lower()
        if all(entry.code.startswith(w) if w.isdigit() else w in name for w in words):
            found.append(entry)
    return found
