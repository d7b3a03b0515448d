"""Which country a sentence's unplaced actors belong to, and which side may not be lent it.

Sector-only actors ("police", "the government") take the sentence's home country: the one it
names or, when it names none, the document's setting. These rules keep that lending from
handing a country to the side that opposes it, and keep occupied ground of one's own country
from standing as a target. They are functions of the resolved sides, so the coder stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Span, Token

from tieline.actors import ARMED_GROUP_SECTORS, DocumentContext, Mention, compose_code
from tieline.coding.agentless import PLACE_NOUNS
from tieline.coding.arguments import OCCUPY_CODE, Home, is_lent, lend
from tieline.coding.candidates import VIOLENT_ROOTS
from tieline.coding.frames import CRITICISM_ROOT
from tieline.coding.predication import syntax_classes
from tieline.coding.relations import Rel, rel
from tieline.records import Actor

__all__ = [
    "ARMED_DOER_LABEL", "STATE_FORCES", "STATE_ORGANS", "VICTIMS_LABEL", "armed_doer",
    "citizenship_sides", "drop_city_doers", "drop_own_forces", "drop_own_ground", "drop_place_doers",
    "home_of", "towards_itself", "unlend_accusers", "unlend_opponents", "victims", "withdrawal_origin",
]

#: Organs of a state, which never act on their own state as on another: a lent country that
#: the syntax makes their opponent is not theirs.
STATE_ORGANS = frozenset({"GOV", "LEG", "JUD", "SPY"})


def home_of(countries: set[str], context: DocumentContext, sent: Span) -> Home | None:
    """Where the sentence's sector-only actors belong: the one country it names; if it names
    none, the document's setting (last country named nearby, else its main country)."""
    if len(countries) == 1:
        country = next(iter(countries))
        return Home(country, f"sentence names only {country}")
    if countries:
        return None
    setting = context.setting(sent.start_char)
    return Home(*setting, document=True) if setting else None


#: Acts whose target is never one's own country's ground: occupying it (192) targets whoever
#: held it ("Iraqi forces wrested back control of Mosul"); defending it is armed posture, not
#: the verbal defence 052 codes ("Afrin, defended by the YPG"); sending troops to it is a
#: deployment, not the military aid 072 codes ("Sheinbaum sent 10,000 troops to Mexico's border").
OWN_GROUND_CODES = (OCCUPY_CODE, "052", "072")


def drop_own_ground(code: str, sources: list[Mention], targets: list[Mention]) -> list[Mention]:
    """Targets that are only the sources' own country's ground, for the acts that never
    target it (OWN_GROUND_CODES)."""
    if not code.startswith(OWN_GROUND_CODES):
        return targets
    own = {m.actor.country for m in sources}
    return [m for m in targets if m.actor.sector or m.actor.country not in own]


#: Acts done with one's own forces, which are never their target: "ordered the withdrawal of US
#: troops from Syria" withdraws from Syria, not from the US military; "threatened to send
#: Turkish forces to retake the town" deploys them against someone else (154).
OWN_FORCES_CODES = ("0874", "154")
#: Aid, whose own armed forces a state sends or equips without aiding them: "it sent troops to
#: fight Isis" deploys them (the purpose says against whom).
OWN_ARMED_AID_CODES = ("07",)
#: A state's own forces (rebels and militias are not its own).
STATE_FORCES = frozenset({"MIL", "COP", "SPY"})
#: Backing and aid (CAMEO 05, 06, 07), which a state gives to rebels of other states.
BACKING_CODES = ("05", "06", "07")
#: Sectors of a state's organs and forces (None: the bare country).
STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
#: Armed and political opposition, which a state does not back at home.
INSURGENT_SECTORS = frozenset({"REB", "OPP", "INS", "SEP"})


#: Cooperation roots (intent 03, backing 05, material cooperation 06, aid 07): a state does
#: not cooperate with, back or aid its own organs in the protocol's sense ("Trump agreed to keep
#: US troops in Syria" is no intent towards the US military; "the Turkish army, backed by
#: Ankara" is no Turkish backing of Turkey); it is the state acting towards itself.
SELF_COOPERATION_ROOTS = frozenset({"03", "05", "06", "07"})
#: A state's organs and forces (STATE_SECTORS without the bare state).
STATE_ORGAN_SECTORS = STATE_SECTORS - {None}


def towards_itself(code: str, source: Mention, target: Mention) -> bool:
    """A cooperative act between two organs of one state, not coded. The bare state is no organ:
    "the Sudanese government agreed to allow aid into Darfur" acts on its own land and people."""
    return (
        code[:2] in SELF_COOPERATION_ROOTS and source.actor.country is not None
        and source.actor.country == target.actor.country
        and source.actor.sector in STATE_ORGAN_SECTORS and target.actor.sector in STATE_ORGAN_SECTORS
    )


#: Withdrawals (CAMEO 0874): always from somewhere, and where the text leaves it unnamed ("the
#: planned US pullout", "told the Pentagon to extricate its troops") from where the story is set.
WITHDRAWAL_CODES = ("0874",)
#: Who withdraws from ground: armed forces and groups, or a state moving its troops. An athlete
#: who "withdrew on day two" of the Athens games withdrew from no country.
WITHDRAWING_SECTORS = STATE_FORCES | ARMED_GROUP_SECTORS
TROOP_WORDS = frozenset({"troop", "force", "soldier", "army", "military", "personnel", "unit", "contingent"})


def withdrawal_origin(
    code: str, trigger: Token, heads: list[Token], sources: list[Mention], context: DocumentContext
) -> list[Mention]:
    """The document's setting as the target of a withdrawal that names no origin or only
    unnamed ground ("retreated from the eastern cities"), unless the setting is the withdrawing
    side's own country. An origin that is a thing ("pulled out of the JCPOA") is no ground."""
    if not code.startswith(WITHDRAWAL_CODES) or not sources:
        return []
    armed = any(m.actor.sector in WITHDRAWING_SECTORS or m.actor.code.startswith("IMG") for m in sources)
    if not armed and not any(t.lemma_.lower() in TROOP_WORDS for t in trigger.subtree):
        return []
    # ("pulled out of the deal": the parser hangs "of" on "out")
    preps = [p for p in trigger.children if p.dep_ in ("prep", "prt")]
    preps += [q for p in preps if p.lower_ == "out" for q in p.children if q.dep_ == "prep"]
    origins = [*heads, *(o for p in preps if p.lower_ in ("from", "of") for o in p.children if o.dep_ == "pobj")]
    if any(h.lemma_.lower() not in PLACE_NOUNS for h in origins):
        return []
    setting = context.setting(trigger.sent.start_char)
    if setting is None or setting[0] in {m.actor.country for m in sources}:
        return []
    country, why = setting
    actor = Actor(text=country, code=country, country=country, resolution=f"setting:{why}")
    return [Mention(actor, -1, -1)]


def drop_own_forces(code: str, sources: list[Mention], targets: list[Mention]) -> list[Mention]:
    """`code` is the act's own (lexicon) code, before modality. Targets of a withdrawal or a
    deployment that are the withdrawing side's own forces or organs (a town of its
    own country stays: "Bosnian Serb forces withdrew from the Bosnian town of Gorazde"), targets
    of aid that are the giver's own armed forces, and rebels a state backs or arms that took
    its own country only by lending."""
    own = {m.actor.country for m in sources if m.actor.country}
    if code.startswith(OWN_FORCES_CODES):
        return [m for m in targets if m.actor.sector is None or m.actor.country not in own]
    if code.startswith(OWN_ARMED_AID_CODES):
        targets = [m for m in targets if m.actor.sector not in STATE_FORCES or m.actor.country not in own]
    if code.startswith(BACKING_CODES) and own and all(m.actor.sector in STATE_SECTORS for m in sources):
        # "Ankara has been a backer of the anti-Assad opposition, arming rebel groups": a state
        # arms and backs rebels abroad; the sentence's one country lent to them is not theirs
        return [m for m in targets if not (is_lent(m) and m.actor.sector in INSURGENT_SECTORS
                                           and m.actor.country in own)]
    return targets


#: Places and installations, which do no violence: "the bombing of a French base that killed
#: nine soldiers" (the parser hangs the killing on the base) names no doer of it. The place
#: nouns of agentless.PLACE_NOUNS, less those that also name a state ("the country attacked",
#: "the North shelled the border": North Korea).
PLACE_DOERS = (PLACE_NOUNS - {"state", "country", "capital", "north", "south", "east", "west"}) | frozenset({
    "base", "airbase", "outpost", "compound", "facility", "building", "school", "hospital",
    "market", "mosque", "church", "embassy", "consulate", "station", "airport", "port",
})


def drop_place_doers(code: str, heads: list[Token], sources: list[Mention]) -> list[Mention]:
    """Sources of violence whose heads are all places or installations (PLACE_DOERS)."""
    if code[:2] not in VIOLENT_ROOTS or not heads or not all(h.lemma_.lower() in PLACE_DOERS for h in heads):
        return sources
    return []


def drop_city_doers(code: str, trigger: Token, heads: list[Token], sources: list[Mention]) -> list[Mention]:
    """Sources of a violent event noun that are only a capital compounded before it: "the Paris
    terror attacks", "the Mumbai bombings" happened there. (A capital before a sanctions noun,
    "Washington sanctions", stays its government: only violence is placed so.)"""
    if code[:2] not in VIOLENT_ROOTS or not heads or not all(
        h.dep_ == "compound" and h.head == trigger for h in heads
    ):
        return sources
    return [m for m in sources if not m.actor.resolution.startswith(("capital:", "capital-place:"))]


#: Organs and forces of a state that a named country never lends itself to as its opponent:
#: "the military spokesman accused Afghanistan" and "troops attacked Syria" are not that
#: country's own (rebels and militants are: "militants attacked Pakistan" stays domestic).
OPPOSING_ORGANS = STATE_ORGANS | STATE_FORCES


def unlend_opponents(sources: list[Mention], targets: list[Mention], context: DocumentContext) -> None:
    """A country is never lent to the side opposing it: in "the government would impose
    sanctions on North Korea" the government is not North Korea's. Only a country named as
    such opposes, and only a state organ is kept from it: "their forces withdrew from the
    Bosnian town" and "militants attacked Pakistan" stay domestic. The lent side takes the
    document's main country if that is another country, else it stays unnamed. Edits the
    lists in place."""
    for lent_side, other in ((sources, targets), (targets, sources)):
        opponents = {
            m.actor.country for m in other
            if not is_lent(m) and m.actor.sector is None and m.actor.resolution.startswith("country-")
        }
        if not opponents:
            continue
        _relend_away(lent_side, opponents, context, "is the other side",
                     keep=lambda m: m.actor.sector not in OPPOSING_ORGANS)


def _relend_away(lent_side: list[Mention], countries: set[str | None], context: DocumentContext, why: str,
                 keep: Callable[[Mention], bool] = lambda m: False) -> None:
    """Mentions lent one of `countries` (and not kept by `keep`) take the document's main country
    if that is another one, else are dropped; in place."""
    fixed: list[Mention] = []
    for m in lent_side:
        if not is_lent(m) or m.actor.country not in countries or keep(m):
            fixed.append(m)
            continue
        main = context.main_country()
        if main is not None and main not in countries:
            fixed.append(lend(m, Home(main, f"the document's main country ({m.actor.country} {why})")))
    lent_side[:] = fixed


#: Roots of acts done to people: coercion (arrests, bans, detentions), assault, fighting and mass
#: violence. Their patients are often people the tables cannot name ("11 coal miners", "her
#: book", "Zamora"); the protocol codes them as their country's civilians.
VICTIM_ROOTS = frozenset({"17", "18", "19", "20"})
#: Doers whose violence against unnamed people is domestic: police, courts, governments and
#: armed groups act on people where they hold sway. A state's named armed forces ("Israeli
#: strikes killed 20 people") often strike abroad, so their unnamed victims stay unplaced.
DOMESTIC_DOERS = frozenset({"GOV", "COP", "JUD", "SPY", "REB", "INS", "SEP", "UAF"})
#: Sectors of people who are victims rather than parties (sectors.yaml): civilians, refugees,
#: media, health, schools, labour, farmers, clergy, business.
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "JRN", "MED", "EDU", "LAB", "AGR", "REL", "BUS"})
#: Parts of speech of a patient that can stand for people or their property.
VICTIM_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: How a victims target's resolution begins (the coder lowers such an event's confidence).
VICTIMS_LABEL = "victims: "


def victims(
    code: str, heads: list[Token], sources: list[Mention], home: Home | None,
    resolve: Callable[[Token], list[Mention]], placed_doer: bool = False,
) -> list[Mention]:
    """The unnamed patients of a coercive or violent act as the home country's civilians, when
    the doer is that country's own (every source of the home country) and, for violence, one
    that acts at home (DOMESTIC_DOERS or a country lent to a sector word): "the Taliban banned
    her book", "militants killed 11 coal miners". `heads` are the act's patient heads, which
    named no codeable actor; `resolve` gives the actors a word names. The actors the words of
    their phrases name have no country: civilians among them give the victims' sector ("three
    journalists" -> JRN), any other ("dozens of peacekeepers", "the army's sites") means the
    patient is a party, not unnamed victims. A name the tables do not know ("Zamora", arrested by
    "authorities") is the home country's, but not when only the place names the doer
    (`placed_doer`: "Davis is in prison in Turkey", "held in a Kurdish-run centre in Syria"):
    foreigners are held abroad as often as citizens at home. The cheap tests come first: this
    runs for every act with no target."""
    if home is None or code[:2] not in VICTIM_ROOTS or not sources or not heads:
        return []
    if any(m.actor.country != home.country for m in sources):
        return []
    if code[:2] != "17" and not all(m.actor.sector in DOMESTIC_DOERS or is_lent(m) for m in sources):
        return []
    head = heads[0]
    if head.pos_ not in VICTIM_POS or (head.pos_ == "PROPN" and placed_doer):
        return []
    named = [m for h in heads for tok in phrase_nouns(h) for m in resolve(tok)]
    if any(m.actor.sector not in CIVILIAN_SECTORS for m in named):
        return []
    sector = named[0].actor.sector if named else "CVL"
    actor = Actor(
        text=head.text, code=compose_code(home.country, None, sector), country=home.country, sector=sector,
        resolution=f"{VICTIMS_LABEL}{home.why}",
    )
    return [Mention(actor, head.idx, head.idx + len(head.text))]


#: Clauses inside a noun phrase that say something of it rather than name it ("a hotel where
#: officials were meeting", "books banned by the Taliban").
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp"})


def phrase_nouns(head: Token) -> list[Token]:
    """The nouns of `head`'s phrase, outside the clauses that modify it."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        if tok.pos_ in ("NOUN", "PROPN"):
            out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return out


#: The group must have been named at most this many characters before (about two sentences):
#: reports of an attack name the attackers once and then tell what was done.
MAX_DOER_DISTANCE = 600
#: How such a doer's resolution begins; "coref" in it lowers the event's confidence.
ARMED_DOER_LABEL = "coref-doer: "


def _agentless(trigger: Token, heads: list[Token], nominal: bool) -> bool:
    """Whether an act's doer is left out by its construction: an agentless passive ("four
    soldiers were killed") or an attack a party "came under". Other unnamed doers ("terrorist
    attacks", "the attacks it carried out") are not laid to anyone."""
    if heads:
        return False
    if not nominal:
        deps = {c.dep_ for c in trigger.children}
        return bool(deps & {"auxpass", "nsubjpass"}) and "agent" not in deps
    prep = trigger.head
    return (
        trigger.dep_ == "pobj" and prep.lower_ == "under"
        and prep.head.lemma_.lower() in syntax_classes().undergoer_verbs
        and not any(c.dep_ == "poss" or c.lower_ in ("by", "from") for c in trigger.children)
    )


def armed_doer(
    code: str, trigger: Token, heads: list[Token], nominal: bool, targets: list[Mention], context: DocumentContext,
) -> list[Mention]:
    """The doer of violence whose construction leaves it out (`_agentless`), taken from the armed
    group named just before: "Baloch Liberation Army militants hijacked the train ... Four
    soldiers were also killed", "the convoy came under attack". Only an armed group
    (DocumentContext.last_armed_actor: named or placed), never a state's forces, which reports
    name when they act; only when the act has a named victim other than the group itself."""
    if code[:2] not in VIOLENT_ROOTS or not targets or not _agentless(trigger, heads, nominal):
        return []
    group = context.last_armed_actor(trigger.idx, MAX_DOER_DISTANCE)
    if group is None:
        return []
    if any(t.actor.code == group.actor.code for t in targets):
        return []
    actor = replace(group.actor, resolution=f"{ARMED_DOER_LABEL}{group.actor.text}")
    return [Mention(actor, group.start, group.end)]


#: Accusing and charging with a crime: a passive with no accuser ("were accused of planning to
#: kidnap Alinejad", "stand accused of the 2004 bombing") is a prosecution's charge (CAMEO 1121),
#: brought by the state whose case the document reports (its main country).
LEGAL_ACCUSATION_VERBS = frozenset({"accuse", "charge", "indict"})
LEGAL_ACCUSATION_CODE = "1121"
LEGAL_ACCUSER_LABEL = "prosecution of the setting: "


def legal_accuser(
    code: str, trigger: Token, heads: list[Token], targets: list[Mention], context: DocumentContext,
) -> tuple[list[Mention], str]:
    """The accuser of an agentless charge against people: the state whose case it is, the
    document's main country, never the accused's own state named as their nationality ("Iranian
    operatives were accused" in a story of a New York trial). The code becomes the charge's, 1121."""
    if not code.startswith("11") or heads or not targets or trigger.lemma_.lower() not in LEGAL_ACCUSATION_VERBS:
        return [], code
    deps = {c.dep_ for c in trigger.children}
    if "agent" in deps or "nsubj" in deps or trigger.tag_ != "VBN":
        return [], code  # "Pakistan accused Kabul", "accused by rights groups"
    if any(t.actor.sector in ("GOV", None) and not is_lent(t) and not t.is_person for t in targets):
        return [], code  # a state accused by no one named is no prosecution
    country = context.main_country()
    named = {t.actor.country for t in targets if not is_lent(t)}
    if country is None or country in named:
        return [], code
    actor = Actor(text=trigger.text, code=compose_code(country, None, "JUD"), country=country, sector="JUD",
                  resolution=f"{LEGAL_ACCUSER_LABEL}the document's main country")
    return [Mention(actor, trigger.idx, trigger.idx + len(trigger.text))], LEGAL_ACCUSATION_CODE


#: Taking away citizenship, a nationality or a passport (172) is done by the state that granted
#: it to its own citizen: "were stripped of their British citizenship" is the UK's act on Britons,
#: whoever the sentence names as doer or holder.
CITIZENSHIP_CODE = "172"
CITIZENSHIP_NOUNS = frozenset({"citizenship", "nationality", "passport"})
CITIZENSHIP_LABEL = "citizenship's state: "


def citizenship_sides(
    code: str, trigger: Token, sources: list[Mention], targets: list[Mention],
    resolve: Callable[[Token], list[Mention]],
) -> tuple[list[Mention], list[Mention]]:
    """The granting state's government as the doer and its citizens as the holders of a taken
    citizenship, where the sentence names neither ("stripped of their British citizenship")."""
    if code != CITIZENSHIP_CODE or (sources and targets):
        return sources, targets
    nouns = [g for c in trigger.children for g in ([c] if c.dep_ in ("dobj", "nsubjpass") else c.children)
             if g.lemma_.lower() in CITIZENSHIP_NOUNS]
    state = next((m for n in nouns for mod in n.children if mod.dep_ in ("amod", "compound")
                  for m in resolve(mod) if m.actor.country and m.actor.sector is None), None)
    if state is None:
        return sources, targets
    country, why = state.actor.country, f"{CITIZENSHIP_LABEL}{state.actor.text}"

    def side(sector: str) -> list[Mention]:
        actor = Actor(text=state.actor.text, code=compose_code(country, None, sector), country=country,
                      sector=sector, resolution=why)
        return [Mention(actor, state.start, state.end)]

    return sources or side("GOV"), targets or side("CVL")


def unlend_accusers(code: str, trigger: Token, sources: list[Mention], in_sentence: list[Mention],
                    context: DocumentContext) -> None:
    """A speaker named only by a sector ("military spokesperson Chaundry claimed the attackers were
    in touch with planners in Afghanistan") is not lent the country its accusation is about: a
    country named only inside the accusation's clause is the accused's. The speaker takes the
    document's main country if that is another one, else stays unnamed. Edits the list in place."""
    if not code.startswith(CRITICISM_ROOT) or not any(is_lent(m) for m in sources):
        return
    clauses = [c for c in trigger.children if c.dep_ == "ccomp"]
    if not clauses:
        return
    inside = {m.actor.country for m in in_sentence for c in clauses
              if c.left_edge.idx <= m.start and m.end <= c.right_edge.idx + len(c.right_edge)}
    _relend_away(sources, inside, context, "is the accused's")


#: Sectors of a subject that acts as its state ("Poland summoned ...", "the Polish government").
STATE_SUBJECT_SECTORS = frozenset({None, "GOV"})


def main_subject(sent: Span, mentions: list[Mention]) -> Mention | None:
    """The state that is the subject of the sentence's main clause, if any: a later "the
    foreign ministry" after a sentence naming two countries is the subject's
    (`DocumentContext.last_subject_country`)."""
    root = sent.root
    for child in root.children:
        if rel(child) != Rel.SUBJ or any(rel(c) == Rel.CONJ for c in child.children):
            continue  # "Canada and Mexico are ...": coordinated subjects are no one side
        for m in mentions:
            if m.start <= child.idx < m.end and m.actor.country and m.actor.sector in STATE_SUBJECT_SECTORS:
                return m
    return None
