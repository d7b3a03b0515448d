"""Mentions and the per-document memory used to resolve "the two countries", "it", "he"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tieline.actors._gazetteer import INTERNATIONAL_PREFIXES, data_text
from tieline.errors import DataError
from tieline.records import Actor

__all__ = ["OFFICE_TITLES", "OFFICE_WORDS", "DocumentContext", "Mention", "spread_setting", "title_agrees"]

#: How many remembered groups a reference may reach back over; older ones are too far to trust.
MAX_REMEMBERED_GROUPS = 12
#: A pronoun refers back at most this many characters (about two sentences of news).
MAX_PRONOUN_DISTANCE = 600
#: "The two countries", "the government" refer back at most this far (a few paragraphs).
MAX_REFERENCE_DISTANCE = 1500
#: A document's main country must be named at least this often before a sentence that names
#: no country lends it to "police" or "the militants": one passing mention is no setting.
MIN_MAIN_COUNTRY_MENTIONS = 2
#: Sectors of organised armed or political groups: "the group", "the militants" refer back to
#: the last actor of one of these (or to a named group).
GROUP_SECTORS = frozenset({"REB", "IMG", "INS", "SEP", "UAF", "OPP", "PTY", "NGO"})
#: Sectors of armed groups, whose members news calls "they" ("the militants ... they shot").
ARMED_GROUP_SECTORS = frozenset({"REB", "INS", "SEP", "UAF"})


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in the text, with character offsets of the matched phrase in the Doc text."""

    actor: Actor
    start: int
    end: int
    is_person: bool = False  # a named person (leader, titled name), whom "he"/"she" may refer to
    #: Lowercased words a titled person the tables do not know may be named by later in the
    #: document: "Kenyan Interior Minister Joseph Okello" -> ("joseph okello", "joseph", "okello").
    known_as: tuple[str, ...] = ()
    #: the office a known person held at the document's date, as the tables word it ("president,
    #: second term"); "" when unknown. "The prime minister" does not refer back to a president.
    role: str = ""
    #: The states a member of a people spread over several may belong to ("Kurdish forces":
    #: Turkey, Iraq, Syria, Iran) when the text placed them in none: no other is lent to them.
    homes: tuple[str, ...] = ()


@dataclass(slots=True)
class DocumentContext:
    """Memory of the actors already resolved in one document; make one per document.

    Call `remember` with each list `ActorResolver.resolve` returned (or any list of mentions
    that belong together): a list of two or more is a compound group ("Russia and Pakistan"),
    which "they" and "the two countries" refer back to.
    """

    groups: list[tuple[Mention, ...]] = field(default_factory=list)
    #: How often each country was named so far (pronoun copies and lent countries excluded).
    countries: Counter[str] = field(default_factory=Counter)
    #: Titled people the tables do not know, by the words of their name (whole name and each word).
    names: dict[str, Mention] = field(default_factory=dict)
    #: Those titled people in the order named: "he" may refer to them although they are no
    #: group of their own ("Robinson, a former British soldier, ... He was arrested").
    people: list[Mention] = field(default_factory=list)
    #: A person a lede described without naming ("A former British soldier ... has fled"), and
    #: the sentence it did so in: the next sentences' unknown name may be theirs.
    described: Mention | None = None
    described_at: int = -1
    #: Doers of the document's coded acts so far with each act's CAMEO root, newest last:
    #: "condemned the attack" condemns the last doer of violence (coding.anaphora).
    doers: list[tuple[str, tuple[Mention, ...]]] = field(default_factory=list)
    #: The state each sentence's main clause had as its subject, newest last: "Poland summoned
    #: the Russian ambassador. The foreign ministry ..." is Poland's ministry, the side that acted.
    subjects: list[Mention] = field(default_factory=list)

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
        self.countries.update(
            m.actor.country for m in kept if m.actor.country and "domestic:" not in m.actor.resolution
        )
        for m in kept:
            for word in m.known_as:
                self.names[word] = m
        self.groups.append(kept)
        if len(self.groups) > MAX_REMEMBERED_GROUPS:
            del self.groups[0]

    def remember_names(self, mentions: list[Mention]) -> None:
        """Only the names of titled people placed through the document itself ("foreign ministry
        spokesperson Abdul Qahar Balkhi"): a later "Balkhi" names them, but they are no new
        mention of their country (the setting of the next sentences stays as it was)."""
        for m in mentions:
            if m.actor.country:
                for word in m.known_as:
                    self.names[word] = m
                if m.is_person and m not in self.people:
                    self.people.append(m)
                    del self.people[:-MAX_REMEMBERED_GROUPS]

    def remember_subject(self, subject: Mention) -> None:
        """The state that was the subject of a sentence's main clause."""
        self.subjects.append(subject)
        del self.subjects[:-MAX_REMEMBERED_GROUPS]

    def _last_subject(self, at: int, within: int) -> Mention | None:
        """The latest main-clause subject, if it is in the latest mention group before `at`."""
        recent = self._recent(at, within)
        if not recent or not self.subjects or self.subjects[-1] not in recent[0]:
            return None
        return self.subjects[-1]

    def last_subject_country(self, at: int, within: int = MAX_PRONOUN_DISTANCE) -> Mention | None:
        """The latest main-clause subject that was a state, if the latest mention group names
        several countries and it is among them (`last_country` then names none)."""
        return self._last_subject(at, within)

    def last_subject_person(self, at: int, gender: str | None, within: int = MAX_PRONOUN_DISTANCE) -> Mention | None:
        """The person who was the previous sentence's main-clause subject: a subject "he" keeps
        to the subject before it ("Modi met the Japanese prime minister. He invited him")."""
        subject = self._last_subject(at, within)
        if subject is None or not subject.is_person or (gender and _gender(subject) not in (None, gender)):
            return None
        return subject

    def remember_doers(self, doers: tuple[Mention, ...], root: str) -> None:
        """The doers of one coded act ("the US, Britain and France called ...") and its root."""
        if doers and (not self.doers or self.doers[-1] != (root, doers)):
            self.doers.append((root, doers))
            del self.doers[:-MAX_REMEMBERED_GROUPS]

    def last_doers(self, at: int, roots: frozenset[str], within: int = MAX_REFERENCE_DISTANCE) -> tuple[Mention, ...]:
        """The doers of the latest act of one of `roots` told before `at`, no further back."""
        return next((doers for root, doers in reversed(self.doers)
                     if root in roots and 0 <= at - max(m.end for m in doers) <= within), ())

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

    def main_country(self) -> str | None:
        """The country the document has named most often so far, if it leads outright and was
        named at least MIN_MAIN_COUNTRY_MENTIONS times: the setting of its unplaced sentences."""
        ranked = self.countries.most_common(2)
        if not ranked or ranked[0][1] < MIN_MAIN_COUNTRY_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None  # two countries named equally often: no single setting
        return ranked[0][0]

    def setting(self, at: int) -> tuple[str, str] | None:
        """The country a sentence that names none takes place in, with the reason: the last
        country named nearby if the latest mention names just one, else the document's main
        country."""
        last = self.last_country(at)
        if last is not None and last.actor.country:
            return last.actor.country, f"last country named: {last.actor.text}"
        main = self.main_country()
        if main is not None:
            return main, "the document's main country"
        return None

    def last_body(self, at: int, word: str, *, any_igo: bool = False,
                  within: int = MAX_REFERENCE_DISTANCE) -> Mention | None:
        """The most recent organisation whose name (as written or in the tables) holds `word`
        ("the court" -> "the International Court of Justice"); with `any_igo`, also any
        intergovernmental body ("the bloc" -> "the European Union")."""
        for group in self._recent(at, within):
            for m in reversed(group):
                words = {w.lower() for w in f"{m.actor.text} {m.actor.name or ''}".split()}
                if word in words or (any_igo and m.actor.code.startswith("IGO")):
                    return m
        return None

    def last_group(self, at: int, within: int = MAX_REFERENCE_DISTANCE, *, armed: bool = False) -> Mention | None:
        """The most recent named organised group ("the group", "the militants" refer to it).
        With `armed` ("the militants", "the rebels") only an armed group: a group that now
        governs ("the Taliban foreign ministry") or a party is no one's militants."""
        for group in self._recent(at, within):
            for m in reversed(group):
                if armed and m.actor.sector not in ARMED_GROUP_SECTORS:
                    continue
                if m.actor.resolution.startswith("group:") or (m.actor.sector in GROUP_SECTORS and m.actor.name):
                    return m
        return None

    def last_office(self, at: int, sector: str, within: int = MAX_PRONOUN_DISTANCE * 2, *,
                    title: str = "") -> Mention | None:
        """The most recent office-holder of `sector` ("the president", "the minister" refer to
        him or her): a named person, or a titled phrase ("Britain's foreign secretary"), skipping
        a person whose known office disagrees with `title` (Trump for "the prime minister")."""
        for group in self._recent(at, within):
            for m in reversed(group):
                titled = m.is_person or "+sector:" in m.actor.resolution
                if titled and m.actor.sector == sector and m.actor.country and title_agrees(title, m):
                    return m
        return None

    def last_of_office(self, at: int, sector: str, words: frozenset[str],
                       within: int = MAX_REFERENCE_DISTANCE) -> Mention | None:
        """The most recent actor of `sector` with a country whose phrase shares an office word
        with `words`: "foreign ministry spokesperson X" speaks for the foreign ministry the
        document last named ("Afghanistan's Ministry of Foreign Affairs")."""
        wanted = words & OFFICE_WORDS
        if not wanted:
            return None
        for group in self._recent(at, within):
            for m in reversed(group):
                if m.actor.sector == sector and m.actor.country and wanted & set(m.actor.text.lower().split()):
                    return m
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

    def last_armed_actor(self, at: int, within: int) -> Mention | None:
        """The most recent actor of an armed group's sector (a named group or "Baloch
        separatists"), however many others were named since."""
        for group in self._recent(at, within):
            for m in reversed(group):
                if m.actor.sector in ARMED_GROUP_SECTORS and not m.is_person:
                    return m
        return None

    def known_person(self, words: tuple[str, ...]) -> Mention | None:
        """The titled person named earlier by these words: the whole name, else its last word,
        else its first ("Fu" for "Fu Cong")."""
        for key in (" ".join(words), words[-1] if words else "", words[0] if words else ""):
            if key in self.names:
                return self.names[key]
        return None

    def last_person(self, at: int, within: int = MAX_PRONOUN_DISTANCE, *, gender: str | None = None
                    ) -> Mention | None:
        """The most recent person ("he", "she"), skipping one whose title says the other gender:
        in a remembered group, or a titled person placed through the document (`people`)."""
        def fits(m: Mention, known: bool = False) -> bool:
            if not m.is_person or gender is None:
                return m.is_person
            return _gender(m) == gender if known else _gender(m) in (None, gender)

        def nearest(known: bool) -> Mention | None:
            in_group = next(
                (m for group in self._recent(at, within) for m in reversed(group) if fits(m, known)), None
            )
            placed = next((m for m in reversed(self.people) if 0 <= at - m.end <= within and fits(m, known)), None)
            if placed is None or (in_group is not None and in_group.end >= placed.end):
                return in_group
            return placed

        # News names far more men than women, so a name of unknown gender is more likely a
        # man's: "she" takes a woman the names say is one over a nearer unknown ("Jacinda Ardern
        # spoke with Scott Morrison. She said"), "he" simply the nearest who may be a man.
        if gender == "f":
            return nearest(known=True) or nearest(known=False)
        return nearest(known=False)


#: Words that name one office of a state, shared by its spokesman's title and the office's own
#: name ("foreign ministry spokesperson" - "Foreign Ministry"). "Ministry" is one too: the
#: tables name "Afghanistan's Ministry of Foreign Affairs" by its head ("Afghanistan's
#: Ministry"), and a ministry's spokesman next to it speaks for that state. Titles alone
#: ("spokesperson", "official") would tie anyone to anyone.
OFFICE_WORDS = frozenset({
    "ministry",
    "foreign", "defence", "defense", "interior", "finance", "justice", "health", "trade", "commerce",
    "economy", "education", "home", "army", "military", "navy", "police", "intelligence", "presidential",
    "presidency", "state",
})

#: Titles that name one office, and the words a holder's role (leaders.tsv) must contain for the
#: title to refer to him or her; other titles ("the minister", "the leader") fit any office.
OFFICE_TITLES: dict[str, tuple[str, ...]] = {
    "president": ("president",),
    "prime minister": ("prime minister", "premier"),
    "premier": ("prime minister", "premier"),
    "chancellor": ("chancellor",),
}


def title_agrees(title: str, m: Mention) -> bool:
    """Whether "the <title>" can refer to `m`: yes unless the title names one office and m's known
    role names none of its words (a vice president is no president)."""
    wanted = OFFICE_TITLES.get(title.lower())
    if not wanted or not m.role:
        return True
    role = m.role.replace("vice president", "").replace("vice-president", "")
    return any(w in role for w in wanted)


_MALE = frozenset({"mr", "mr.", "king", "sir", "lord", "prince", "emir", "sheikh", "sultan", "baron"})
_FEMALE = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "queen", "lady", "dame", "baroness", "princess"})


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    """given_names.txt: lowercase given name -> 'f' or 'm'."""
    names: dict[str, str] = {}
    gender: str | None = None
    for lineno, line in enumerate(data_text("given_names.txt").splitlines(), start=1):
        word = line.split("#", 1)[0].strip().lower()
        if word in ("[female]", "[male]"):
            gender = word[1]
        elif word and gender is None:
            raise DataError(f"given_names.txt line {lineno}: a name before [female] or [male]")
        elif word:
            names[word] = gender  # type: ignore[assignment]
    return names


def _gender(m: Mention) -> str | None:
    """'m' or 'f' when a title ("Mrs May", "King Salman") or a given name ("Angela Merkel", also
    for a later bare "Merkel" through the tables' full name) says so, else None; None too when
    the clues disagree ("Sheikh Hasina")."""
    words = {w.lower() for w in m.actor.text.split()}
    given = _given_names()
    # every word, not only the first: the phrase may open with a title ("Prime Minister Theresa May")
    names = {given.get(w) for w in words | {w.lower() for w in (m.actor.name or "").split()}}
    female = bool(words & _FEMALE) or "f" in names
    male = bool(words & _MALE) or "m" in names
    if female != male:
        return "f" if female else "m"
    return None


def spread_setting(states: tuple[str, ...], at: int, ctx: DocumentContext | None) -> str | None:
    """Where a people spread over `states` (peoples.tsv) is placed by the document alone: the
    last country named nearby or else the document's main country, the first that is one of
    their states ("Kurdish forces" in a report set in Syria, after a sentence on a Briton)."""
    if not states or ctx is None:
        return None
    last = ctx.last_country(at)
    for country in (last.actor.country if last is not None else None, ctx.main_country()):
        if country in states:
            return country
    return None
