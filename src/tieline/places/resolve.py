"""Where an event happened: a place the sentence names, else the actors' country.

The sentence is scanned for capitalised proper-noun n-grams that the gazetteer knows (towns, US
states, countries). A name is taken as the event's location when the text marks it as one ("in
Afrin", "near Raqqa") or, for a town, when it is in one of the actors' countries or is a large city
that is not itself the actor ("Washington said ..." names an actor, not a place). Country names
count only after a locative preposition, since most country names in news are actors. When the
sentence names no place, the event is put at the country point of the target's country for material
events (strikes and aid land on the target) or of the source's country otherwise (statements are
made at home).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tieline.places.gazetteer import CityEntry, Gazetteer, gazetteer
from tieline.records import Event, Place

__all__ = [
    "BIG_CITY_POPULATION",
    "CITY_OVER_STATE_POPULATION",
    "LOCATIVE_PREPOSITIONS",
    "country_place",
    "resolve_place",
]

#: A town this large named outside an actor's country is the location even without "in": such
#: names are rarely anything else, while small towns share names with people and words ("Obama", "Of").
BIG_CITY_POPULATION = 1_000_000

#: A town in an actor's country counts as if it were this many times larger: Tripoli, Lebanon
#: (230k) beats Tripoli, Libya (1.3M) in a Lebanese story, but Damascus, Oregon (15k) never beats
#: Damascus, Syria (1.6M).
ACTOR_COUNTRY_WEIGHT = 20.0
#: A town known by another name now counts as this fraction of its size under an old or foreign
#: name: "Salisbury" is the English town before it is Harare.
ALTERNATE_NAME_WEIGHT = 0.01

#: A state sharing its name with a city this large means the city ("Washington", "New York").
CITY_OVER_STATE_POPULATION = 500_000

#: Words that mark the following name as a location.
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "near", "from", "outside", "inside", "around", "across", "into", "to", "toward",
    "towards", "through", "throughout", "within", "between", "along", "off", "over", "on",
})

#: Words after a town's name that say the text means its province ("Idlib province").
ADMIN_WORDS = frozenset(["province", "governorate", "state", "region", "oblast", "prefecture"])

#: Quad classes whose events happen where the target is (material cooperation and conflict).
_MATERIAL_QUADS = frozenset({2, 4})

_PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}


@dataclass(frozen=True, slots=True)
class _Mention:
    place: Place
    locative: bool
    position: int


def country_place(iso3: str | None, gaz: Gazetteer | None = None) -> Place | None:
    """The country-level place of an ISO alpha-3 country (its town-weighted centre point)."""
    if not iso3:
        return None
    entry = (gaz or gazetteer()).countries.get(iso3)
    if entry is None:
        return None
    return Place(entry.name, iso3, None, entry.latitude, entry.longitude, "country")


def _locative(sent: Span, start: int) -> bool:
    """True when the token before sentence position `start` (skipping "the") is a locative word."""
    i = start - 1
    if i >= 0 and sent[i].lower_ == "the":
        i -= 1
    return i >= 0 and sent[i].lower_ in LOCATIVE_PREPOSITIONS


def _in_actor(event: Event, char_start: int, char_end: int) -> bool:
    for span in (event.source_span, event.target_span):
        if span and char_start < span[1] and span[0] < char_end:
            return True
    return False


def _best_city(options: tuple[CityEntry, ...], actor_countries: tuple[str, ...]) -> CityEntry:
    """The likeliest town of a name: the largest, weighted towards the actors' countries and the
    town's current name ("Damascus" in a US–Syria story is still Syria's capital, not Oregon's)."""
    def weight(c: CityEntry) -> float:
        boost = ACTOR_COUNTRY_WEIGHT if c.country in actor_countries else 1.0
        return c.population * boost * (1.0 if c.primary else ALTERNATE_NAME_WEIGHT)

    return max(options, key=weight)


def _mentions(sent: Span, event: Event, gaz: Gazetteer, actor_countries: tuple[str, ...]) -> list[_Mention]:
    found: list[_Mention] = []
    n = len(sent)
    i = 0
    base = sent.start_char
    while i < n:
        tok = sent[i]
        # The tagger sometimes calls a rare place name a NOUN; a capital mid-sentence still marks it.
        named = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title and not tok.is_sent_start)
        if not named or not tok.text[:1].isupper():
            i += 1
            continue
        matched = 0
        for width in range(min(gaz.max_tokens, n - i), 0, -1):
            last = sent[i + width - 1]
            if last.is_punct and width > 1:
                continue
            key = sent[i : i + width].text.lower()
            if key not in gaz.cities and key not in gaz.country_names and key not in gaz.admin1:
                continue
            mention = _judge(sent, event, gaz, actor_countries, i, width, key, base)
            if mention is not None:
                found.append(mention)
            matched = width
            break
        i += max(matched, 1)
    return found


def _is_name_part(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.lower_ not in ADMIN_WORDS


def _stands_alone(sent: Span, i: int, width: int, locative: bool) -> bool:
    """False when the town name is part of a longer name or an acronym.

    "Vladimir Putin", "Arab Spring" and "Washington Post" contain town names; "UN" is a town in
    India. A name followed by another proper noun is taken as part of it; so is one preceded by a
    proper noun, unless a preposition marks it as a place.
    """
    text = sent[i : i + width].text
    if width == 1 and text.isupper() and len(text) <= 4:
        return False
    if i + width < len(sent) and _is_name_part(sent[i + width]):
        return False
    return locative or i == 0 or not _is_name_part(sent[i - 1])


def _judge(
    sent: Span, event: Event, gaz: Gazetteer, actor_countries: tuple[str, ...],
    i: int, width: int, key: str, base: int,
) -> _Mention | None:
    """Decide whether the name at sentence tokens [i, i+width) is the event's location."""
    locative = _locative(sent, i)
    first, last = sent[i], sent[i + width - 1]
    is_actor = _in_actor(event, first.idx - base, last.idx + len(last.text) - base)
    if key in gaz.country_names:
        if not locative:
            return None
        place = country_place(gaz.country_names[key], gaz)
        return _Mention(place, locative, i) if place else None
    if not _stands_alone(sent, i, width, locative):
        return None
    big_city = key in gaz.cities and gaz.cities[key][0].population >= CITY_OVER_STATE_POPULATION
    if key in gaz.admin1 and not big_city:
        name, code, lat, lon = gaz.admin1[key]
        if not (locative or ("USA" in actor_countries and not is_actor)):
            return None
        return _Mention(Place(name, "USA", code, lat, lon, "admin1"), locative, i)
    city = _best_city(gaz.cities[key], actor_countries)
    minor = city.country not in actor_countries and city.population < BIG_CITY_POPULATION
    if not locative and (is_actor or minor):
        return None
    nxt = i + width
    precision = "admin1" if nxt < len(sent) and sent[nxt].lower_ in ADMIN_WORDS else "city"
    name = sent[i : i + width].text if not city.primary else city.name
    return _Mention(
        Place(name, city.country, city.admin1, city.latitude, city.longitude, precision), locative, i
    )


def resolve_place(sent: Span, event: Event) -> Place | None:
    """The event's place: the most specific location the sentence names, else an actor's country.

    Among named places the most precise wins (town, then province or state, then country), then
    one marked by a preposition, then the first. Returns None only when neither the sentence nor
    the actors give a country.
    """
    gaz = gazetteer()
    src, tgt = event.source.country, event.target.country
    actor_countries = tuple(c for c in (tgt, src) if c)
    mentions = _mentions(sent, event, gaz, actor_countries)
    if mentions:
        best = min(
            mentions,
            key=lambda m: (_PRECISION_RANK[m.place.precision or "country"], not m.locative, m.position),
        )
        return best.place
    order = (tgt, src) if event.quad_class in _MATERIAL_QUADS else (src, tgt)
    for iso3 in order:
        place = country_place(iso3, gaz)
        if place is not None:
            return place
    return None
