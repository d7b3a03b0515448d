"""One exception tree with a catalogue of coded, actionable errors.

Library code raises these; the CLI and the web API translate them at the boundary
into a one-line message (CLI) or a 4xx response (API). Each code is stable so users
can search for it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DataError",
    "GoldDataMissing",
    "InputError",
    "ModelNotFound",
    "OutputError",
    "StoreError",
    "TielineError",
]


class TielineError(Exception):
    """Base of every error tieline raises on purpose."""

    code = "T000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(TielineError):
    """The user's input cannot be read: missing, binary, empty, undecodable, malformed."""

    code = "T100"


class ConfigError(TielineError):
    """A setting or option is invalid (bad date, unknown format, unknown pipeline)."""

    code = "T200"


class ModelNotFound(ConfigError):
    """No spaCy pipeline could be loaded."""

    code = "T201"


class DataError(TielineError):
    """Package data (ontology, lexicon, gazetteer) is inconsistent."""

    code = "T300"


class StoreError(TielineError):
    """The DuckDB store cannot be opened, migrated or written."""

    code = "T400"


class OutputError(TielineError):
    """An output cannot be written: full disk, no permission, or a target that is not a regular file."""

    code = "T600"


class GoldDataMissing(TielineError):
    """Gold-standard files for evaluation are not present (../shared absent)."""

    code = "T500"
