"""Word classes the actor resolver reads: pronouns, reference nouns, sector groups, roles.

Kept apart from the resolver's logic so each class carries its reason where it is defined.
"""

from __future__ import annotations

__all__ = [
    "ABROAD_LABEL",
    "ARMED_SECTORS",
    "CLAUSE_ARGS",
    "COUNTRY_NOUNS",
    "GENERIC_ORG_NOUNS",
    "ORG_REFERENCE_NOUNS",
    "DIPLOMATIC_POSTS",
    "GROUP_NOUNS",
    "GROUP_NOUNS_GOV",
    "GROUP_NOUNS_MIL",
    "OUTSIDE_FORCE_MODIFIERS",
    "OUTSIDE_MODIFIERS",
    "GROUP_REFERENCE_NOUNS",
    "GROUP_REFERENCE_SECTORS",
    "GROUP_SIZES",
    "MAX_PHRASE_TOKENS",
    "OFFICIAL_TEAM_MODIFIERS",
    "PLACE_LABELS",
    "PLURAL_NUMBERS",
    "PRONOUNS_GROUP",
    "PRONOUNS_PERSON",
    "PRONOUNS_SINGLE",
    "RELATIONAL_NOUNS",
    "SIDE_PLURALS",
    "SPEAKER_NOUNS",
    "SPORTS_ROLES",
    "STATE_SECTORS",
]

#: The longest phrase in the data files is shorter than this many tokens.
MAX_PHRASE_TOKENS = 10

#: Resolution label of forces serving abroad with no owner named: no country is inferred.
ABROAD_LABEL = "sector-abroad"
PRONOUNS_GROUP = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS_SINGLE = frozenset({"it", "its", "itself"})
#: Verbs whose subject is a thing in flight or falling, never a state or group: "North Korea
#: fired a missile. It landed in the sea." ("it" there is the missile, no actor).
THING_SUBJECT_VERBS = frozenset({
    "land", "explode", "crash", "splash", "sink", "collapse", "detonate", "fly", "travel", "fall", "burn",
    "malfunction", "disintegrate",
})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
#: "the two countries", "both sides", "the two leaders" refer to the last compound group.
GROUP_NOUNS = frozenset({"country", "nation", "side", "state", "government", "leader", "capital", "party",
                         "president", "minister", "premier", "delegation", "neighbour", "neighbor", "ally",
                         "power", "rival", "army", "military"})
GROUP_NOUNS_GOV = frozenset({"government", "leader", "capital", "president", "minister", "premier", "delegation"})
GROUP_NOUNS_MIL = frozenset({"army", "military"})
#: "The militants", "the attackers", "the group" (definite, with no owner of their own) refer
#: back to the last named armed or organised group, when the document named one.
GROUP_REFERENCE_SECTORS = frozenset({"REB", "UAF"})
#: Diplomatic posts: a country owner beats an international body named as the posting ("Iran's
#: U.N. ambassador", "his U.N. mission" are Iran's); alone, the body owns them ("the U.N. envoy").
DIPLOMATIC_POSTS = frozenset({"ambassador", "envoy", "mission", "representative", "permanent representative",
                              "delegate", "delegation", "diplomat", "emissary", "deputy ambassador"})
GROUP_REFERENCE_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction"})
#: Those who speak for a body, whose for-phrase names it as their owner ("a spokesperson for
#: Pakistan's foreign ministry", "a spokesman for the army").
SPEAKER_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
#: "the country" / "the nation" refer to the last single country.
COUNTRY_NOUNS = frozenset({"country", "nation"})
#: "the court", "the council", "the agency" refer to the last organisation named whose name
#: holds the word ("the International Court of Justice ... the court", "the IAEA ... the agency"
#: through the tables' name "International Atomic Energy Agency").
ORG_REFERENCE_NOUNS = frozenset({
    "court", "tribunal", "council", "commission", "agency", "bank", "fund", "committee", "union",
    "alliance", "bloc", "body", "assembly", "panel", "programme", "program", "office",
})
#: Of those, the words that name no particular kind of body: any international one they follow
#: ("Nato ... the alliance", "the EU ... the bloc", "the UN ... the body"). Not "union": "the
#: union" after a trade union is that union, found by its name.
GENERIC_ORG_NOUNS = frozenset({"alliance", "bloc", "body"})
#: Sectors a bare definite noun ("the government", "the army") may take from the last country.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
#: Sectors an organisation or seat modifier imposes even on a strong armed head ("Peshmerga fighters").
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF"})
PLURAL_NUMBERS = frozenset({"two", "three", "four", "2", "3", "4", "both"})
#: How many actors "the two countries", "both sides" name: the group referred to must match.
GROUP_SIZES = {"two": 2, "2": 2, "both": 2, "three": 3, "3": 3, "four": 4, "4": 4}
#: Dependencies of a clause's subject and object, whose verb's "in X" places an ethnic group.
CLAUSE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})
#: Roles that a country's name (not its adjective) before them makes a sports role: "the England
#: captain", "Pakistan skipper", but "an Israeli captain" is an officer.
SPORTS_ROLES = frozenset({"captain", "skipper", "striker", "vice-captain"})
#: Nouns whose nationality modifier or possessor is the other side: "Chinese rivals in Asia"
#: are China's rivals, not China.
RELATIONAL_NOUNS = frozenset({
    "rival", "enemy", "foe", "adversary", "opponent", "nemesis", "archrival",
    # "US allies such as the UK and France", "Iran's proxies", "Russia's neighbours": the other
    # side of a tie, not its owner
    "ally", "partner", "neighbour", "neighbor", "proxy", "backer", "patron", "sponsor",
})
#: Sector words whose bare plural names the sides of a dispute, not the sector: "the parties
#: concerned", "all parties" are no political parties.
SIDE_PLURALS = frozenset({"party"})
#: Owners that are bare places: "for" does not make a role theirs ("the UN envoy for Syria").
PLACE_LABELS = ("country-country:", "region:", "capital-place:")
#: Modifiers that make a "team" an official delegation ("the US negotiating team"), not a sports side.
OFFICIAL_TEAM_MODIFIERS = frozenset({
    "negotiating", "negotiation", "investigating", "investigation", "inspection", "monitoring",
    "diplomatic", "legal", "rescue", "forensic", "security", "medical", "technical", "delegation",
})
#: Adjectives that put a sector noun's actors outside the country a sentence is set in:
#: "international organisations withdrew aid" in a story on Syria are not Syrian, nor are
#: "foreign bloggers who praise China" Chinese.
OUTSIDE_MODIFIERS = frozenset({"international", "western", "global", "multinational", "foreign"})
#: Modifiers that do the same for a state's forces only: "coalition jets bombed Raqqa" are the
#: foreign coalition's, not Syria's ("the coalition government" is a home government).
OUTSIDE_FORCE_MODIFIERS = frozenset({"coalition"})
