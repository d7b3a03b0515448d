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
- capitals and seats of power are the government ("Islamabad" -> PAKGOV; "Pentagon" -> USAMIL),
  except as a compound ("London theatres" -> GBR) or a part ("east London" -> GBR); regions and
  cities in regions.tsv ("Darfur", "Aleppo") give the country alone;
- sector composition: a modifier sector overrides a role noun ("military officials" -> MIL,
  "police officers" -> COP); REB/OPP/SPY/CRM/UAF modifiers override any head ("rebel forces");
  "of X" names the owner; "in/from X" only for heads with no owner of their own that are not
  offices ("rebels in Darfur" -> SDNREB, but "Isis fighters in Syria" -> IMGREB);
- "pro-Russian", "US-backed", "rebel-held" modifiers never name the actor;
- leaders resolve by the document date: in office -> their sector; after their last tenure ->
  ELI (PLOVER: former officials) of the same country; before any tenure -> the country alone;
  no date -> their latest tenure. "former"/"ousted" before a title also gives ELI;
- a person's name not in leaders.tsv resolves only through a title with a country
  ("Pakistani Interior Minister X" -> PAKGOV) or an apposition; otherwise nothing. A surname
  alias preceded by another first name ("Joanne Harris") is not the leader; an alias two
  people of different countries share is left unresolved without a date;
- a leader's alias that is also a common name (common_names.txt: "Johnson", "Sharon", "Abbas")
  standing alone is trusted only in a dated text inside the tenure, or after a title, an
  honorific or the full name earlier in the document; an alias followed by another name
  ("Sharon Osbourne") is someone else. Undated, a person takes their latest role, or the
  longest one if they served several states or bodies (Stoltenberg: NATO);
- peoples (peoples.tsv): an ethnic noun takes the state an "in"/"of" phrase or its clause's
  "in X" names ("Kurds in Turkey" -> TUR), else its state of residence (Rohingya -> MMR), else
  nothing (Kurds, Kashmiris); a national people noun moves only after "of" or "ethnic"
  ("the Albanians of southern Serbia" -> SRB; "Americans in Iraq" stay USA);
- a nationality before a non-agent head (common_names.txt: film, team, athletics, player) is a
  description, not an actor; nor is a country's name before a sports role ("England captain");
- references within a document resolve only through a DocumentContext, and only when
  unambiguous: "the two countries"/"both sides"/"they" -> the last compound group;
  "the country" and bare "the government"/"the army" -> the last country if the latest
  group naming countries names only one; "it"/"its" -> the last single actor; "he"/"she" ->
  the last person (Mention.is_person); pronouns reach back at most about two sentences.

`find_in(span)` lists the codeable actors of a sentence (no sector-only ones, no pronouns).
Token features for matching are read once per Doc (the resolver keeps a weak reference to
the last Doc; nothing is written to the Doc); resolution costs about 4% of parsing time.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from tieline.actors._context import ARMED_GROUP_SECTORS, DocumentContext, Mention
from tieline.actors._gazetteer import INTERNATIONAL_PREFIXES, load_gazetteer
from tieline.actors._peoples import PLACED_HOME
from tieline.actors._phrases import DESCRIBED_LABEL, NAMED_AGAIN_LABEL, copy_mention, name_keys, name_words
from tieline.actors._resolver import (
    ABROAD_LABEL,
    RELATIONAL_NOUNS,
    ActorResolver,
    compose_code,
    is_codeable,
    pick_tenure,
)

__all__ = [
    "ABROAD_LABEL",
    "ARMED_GROUP_SECTORS",
    "DESCRIBED_LABEL",
    "NAMED_AGAIN_LABEL",
    "PLACED_HOME",
    "RELATIONAL_NOUNS",
    "INTERNATIONAL_PREFIXES",
    "ActorResolver",
    "DocumentContext",
    "Mention",
    "compose_code",
    "copy_mention",
    "get_resolver",
    "is_codeable",
    "name_keys",
    "name_words",
    "pick_tenure",
]


def get_resolver(actor_files: Sequence[str | Path] = ()) -> ActorResolver:
    """The process-wide resolver (its tables load once, in about half a second), with the user
    dictionaries `actor_files` read last (Config.actor_files, `--actors FILE`)."""
    return _resolver(tuple(str(Path(f).resolve()) for f in actor_files))


#: Resolvers kept per set of user dictionaries (a process rarely uses more than one or two).
RESOLVER_CACHE_SIZE = 4


@lru_cache(maxsize=RESOLVER_CACHE_SIZE)
def _resolver(actor_files: tuple[str, ...]) -> ActorResolver:
    return ActorResolver(load_gazetteer(actor_files=actor_files))
