"""Frozen records of the event ontology (CAMEO codes and PLOVER types)."""

from __future__ import annotations

from dataclasses import dataclass

from tieline.errors import DataError

__all__ = ["CameoCode", "PloverCoding", "PloverType", "UnknownCode"]


class UnknownCode(DataError):
    """A CAMEO code or PLOVER type name that the ontology does not define."""


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code. `code` is a string: leading zeros are part of it ("057")."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    root_name: str


@dataclass(frozen=True, slots=True)
class PloverCoding:
    """A PLOVER event coding: one of the 16 types plus optional mode and context."""

    type: str
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class PloverType:
    """A PLOVER event type with the modes it allows and the contexts any type may carry."""

    name: str
    description: str
    modes: tuple[str, ...]
    contexts: tuple[str, ...]
    quad: int = 0
