"""tieline: an offline event-data engine for international relations.

    >>> import tieline
    >>> events = tieline.code("Russia and Pakistan signed a defence agreement.", date="2014-11-20")

Public API: `code`, `code_many`, the records (`Document`, `Sentence`, `Actor`, `Event`,
`Place`, `Quantity`), `Config`, and the exception tree rooted at `TielineError`.
"""

from tieline.config import Config
from tieline.errors import ConfigError, InputError, ModelNotFound, StoreError, TielineError
from tieline.pipeline import code, code_many
from tieline.records import Actor, Document, Event, Place, Quantity, Sentence

__version__ = "0.1.0"

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
]
