"""Fixtures shared by the actor tests: the coding pipeline and the process-wide resolver."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tieline.actors import ActorResolver, get_resolver
from tieline.nlp import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return get_resolver()
