"""Stage 3: actor resolution: noun phrases in a parse -> CAMEO-style actor codes.

    from tieline.actors import DocumentContext, get_resolver
    resolver = get_resolver()
    ctx = DocumentContext()                      # one per document
    mentions = resolver.resolve(head_token, when=doc_date, context=ctx)
    ctx.remember(mentions)                       # so "the two countries", "it", "he" resolve later

Codes follow CAMEO/PLOVER: ISO alpha-3 country + PLOVER sector ("PAKMIL", "USAGOV", "PAK");
international actors have no country and a code starting IGO (IGOUNO, IGOWSTNAT), IMG
(transnational armed groups such as al-Qaeda) or NGO. A sector word with no owner gives
"---" + sector ("---REB") with country None: the coder decides whether to keep it
(`is_codeable` says whether an actor has a country or an international code).

Decisions (see the data files for the reasons per entry):
- capitals and seats of power are the government ("Islamabad" -> PAKGOV; "Pentagon" -> USAMIL);
- leaders resolve by the document date: in office -> their sector; after their last tenure ->
  ELI (PLOVER: former officials) of the same country; before any tenure -> the country alone;
  no date -> their latest tenure. "former"/"ousted" before a title also gives ELI;
- a person's name not in leaders.tsv resolves only through a title with a country
  ("Pakistani Interior Minister X" -> PAKGOV) or an apposition; otherwise nothing;
- references within a document resolve only through a DocumentContext, and only when
  unambiguous: "the two countries"/"both sides"/"they" -> the last compound group;
  "the country" and bare "the government"/"the army" -> the last country if the latest
  group naming countries names only one; "it"/"its" -> the last single actor; "he"/"she" ->
  the last person.
"""

from __future__ import annotations

from functools import lru_cache

from tieline.actors._context import DocumentContext, Mention
from tieline.actors._gazetteer import INTERNATIONAL_PREFIXES
from tieline.actors._resolver import ActorResolver, compose_code, is_codeable, pick_tenure

__all__ = [
    "INTERNATIONAL_PREFIXES",
    "ActorResolver",
    "DocumentContext",
    "Mention",
    "compose_code",
    "get_resolver",
    "is_codeable",
    "pick_tenure",
]


@lru_cache(maxsize=1)
def get_resolver() -> ActorResolver:
    """The process-wide resolver (its tables load once, in about a second)."""
    return ActorResolver()
