"""tieline: an offline event-data engine for international relations.

    >>> import tieline
    >>> events = tieline.code("Russia and Pakistan signed a defence agreement.", date="2014-11-20")

Public API: `code`, `code_many`, the records (`Document`, `Sentence`, `Actor`, `Event`,
`Place`, `Quantity`), `Config`, and the exception tree rooted at `TielineError`.
"""

import os
from typing import TYPE_CHECKING

from tieline.config import Config
from tieline.errors import ConfigError, InputError, ModelNotFound, StoreError, TielineError
from tieline.pipeline import code, code_many
from tieline.records import Actor, Document, Event, Place, Quantity, Sentence

if TYPE_CHECKING:
    from tieline.store import Corpus

__version__ = "0.1.0"


def open(db: "str | os.PathLike[str] | None" = None, *, read_only: bool = True) -> "Corpus":
    """Open a store (default $TIELINE_DB or ./tieline.duckdb) for Python access: `.events`
    (DuckDB relation), `.events_df()` (pandas), `.events_pl()` (polars), `.sql(query, params)`."""
    from tieline.store import open_store  # imported on use: DuckDB need not load with `import tieline`

    return open_store(db, read_only=read_only)


__all__ = [
    "Actor",
    "Config",
    "ConfigError",
    "Document",
    "Event",
    "InputError",
    "ModelNotFound",
    "Place",
    "Quantity",
    "Sentence",
    "StoreError",
    "TielineError",
    "__version__",
    "code",
    "code_many",
    "open",
]
