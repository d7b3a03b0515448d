"""Mentions and the per-document memory used to resolve "the two countries", "it", "he"."""

from __future__ import annotations

from dataclasses import dataclass, field

from tieline.records import Actor

__all__ = ["DocumentContext", "Mention"]

#: How many remembered groups a reference may reach back over; older ones are too far to trust.
MAX_REMEMBERED_GROUPS = 12


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in the text, with character offsets of the matched phrase in the Doc text."""

    actor: Actor
    start: int
    end: int

    @property
    def is_person(self) -> bool:
        return self.actor.resolution.startswith(("leader", "title-person"))


@dataclass(slots=True)
class DocumentContext:
    """Memory of the actors already resolved in one document; make one per document.

    Call `remember` with each list `ActorResolver.resolve` returned (or any list of mentions
    that belong together): a list of two or more is a compound group ("Russia and Pakistan"),
    which "they" and "the two countries" refer back to.
    """

    groups: list[tuple[Mention, ...]] = field(default_factory=list)

    def remember(self, mentions: list[Mention]) -> None:
        if not mentions:
            return
        self.groups.append(tuple(mentions))
        if len(self.groups) > MAX_REMEMBERED_GROUPS:
            del self.groups[0]

    # -- lookups used by the resolver -------------------------------------------------
    def last_compound(self) -> tuple[Mention, ...] | None:
        """The most recent group of two or more distinct actors."""
        for group in reversed(self.groups):
            if len({m.actor.code for m in group}) >= 2:
                return group
        return None

    def last_country(self) -> Mention | None:
        """The most recent country mentioned, if the latest group naming countries names just one."""
        for group in reversed(self.groups):
            with_country = [m for m in group if m.actor.country]
            if not with_country:
                continue
            if len({m.actor.country for m in with_country}) == 1:
                return with_country[0]
            return None  # the latest group names several countries: ambiguous
        return None

    def last_single(self) -> Mention | None:
        """The most recent group if it is one non-person actor ("it", "its")."""
        for group in reversed(self.groups):
            if all(m.is_person for m in group):
                continue
            actors = [m for m in group if not m.is_person]
            if len({m.actor.code for m in actors}) == 1:
                return actors[0]
            return None
        return None

    def last_person(self) -> Mention | None:
        for group in reversed(self.groups):
            for m in reversed(group):
                if m.is_person:
                    return m
        return None
