"""Mentions and the per-document memory used to resolve "the two countries", "it", "he"."""

from __future__ import annotations

from dataclasses import dataclass, field

from tieline.actors._gazetteer import INTERNATIONAL_PREFIXES
from tieline.records import Actor

__all__ = ["DocumentContext", "Mention"]

#: How many remembered groups a reference may reach back over; older ones are too far to trust.
MAX_REMEMBERED_GROUPS = 12
#: A pronoun refers back at most this many characters (about two sentences of news).
MAX_PRONOUN_DISTANCE = 600
#: "The two countries", "the government" refer back at most this far (a few paragraphs).
MAX_REFERENCE_DISTANCE = 1500


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in the text, with character offsets of the matched phrase in the Doc text."""

    actor: Actor
    start: int
    end: int
    is_person: bool = False  # a named person (leader, titled name), whom "he"/"she" may refer to


@dataclass(slots=True)
class DocumentContext:
    """Memory of the actors already resolved in one document; make one per document.

    Call `remember` with each list `ActorResolver.resolve` returned (or any list of mentions
    that belong together): a list of two or more is a compound group ("Russia and Pakistan"),
    which "they" and "the two countries" refer back to.
    """

    groups: list[tuple[Mention, ...]] = field(default_factory=list)

    def remember(self, mentions: list[Mention]) -> None:
        # only actors with a country or an international code can be referred back to, and a
        # pronoun's copy adds nothing: "it ... it" both refer to what the first "it" did
        kept = tuple(
            m for m in mentions
            if (m.actor.country or m.actor.code[:3] in INTERNATIONAL_PREFIXES)
            and not m.actor.resolution.startswith("coref:")
        )
        if not kept:
            return
        self.groups.append(kept)
        if len(self.groups) > MAX_REMEMBERED_GROUPS:
            del self.groups[0]

    # -- lookups used by the resolver: `at` is the referring phrase's offset ---------------
    def _recent(self, at: int, within: int) -> list[tuple[Mention, ...]]:
        """Groups that end before `at` and no further back than `within` characters, newest first."""
        return [g for g in reversed(self.groups) if 0 <= at - max(m.end for m in g) <= within]

    def last_compound(self, at: int, within: int = MAX_REFERENCE_DISTANCE) -> tuple[Mention, ...] | None:
        """The most recent group of two or more distinct actors."""
        for group in self._recent(at, within):
            if len({m.actor.code for m in group}) >= 2:
                return group
        return None

    def last_country(self, at: int, within: int = MAX_REFERENCE_DISTANCE) -> Mention | None:
        """The most recent country mentioned, if the latest group naming countries names just one."""
        for group in self._recent(at, within):
            with_country = [m for m in group if m.actor.country]
            if not with_country:
                continue
            if len({m.actor.country for m in with_country}) == 1:
                return with_country[0]
            return None  # the latest group names several countries: ambiguous
        return None

    def last_single(self, at: int, within: int = MAX_PRONOUN_DISTANCE) -> Mention | None:
        """The most recent group if it is one non-person actor ("it", "its")."""
        for group in self._recent(at, within):
            if all(m.is_person for m in group):
                continue
            actors = [m for m in group if not m.is_person]
            if len({m.actor.code for m in actors}) == 1:
                return actors[0]
            return None
        return None

    def last_person(self, at: int, within: int = MAX_PRONOUN_DISTANCE, *, gender: str | None = None
                    ) -> Mention | None:
        """The most recent person ("he", "she"), skipping one whose title says the other gender."""
        for group in self._recent(at, within):
            for m in reversed(group):
                if m.is_person and (gender is None or _gender(m.actor.text) in (None, gender)):
                    return m
        return None


_MALE = frozenset({"mr", "mr.", "king", "sir", "lord", "prince", "emir", "sheikh", "sultan", "baron"})
_FEMALE = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "queen", "lady", "dame", "baroness", "princess"})


def _gender(text: str) -> str | None:
    """'m' or 'f' when a title in the phrase says so ("Mrs May", "King Salman"), else None."""
    words = {w.lower() for w in text.split()}
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None
