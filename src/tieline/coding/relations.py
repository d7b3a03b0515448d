"""A small internal set of grammatical relations, mapped from the parser's labels.

The argument-structure rules (`tieline.coding.predication`) are written against these
relations and the accessors below, never against a parser's own labels, so a pipeline with
another label set can be plugged in by adding a mapping. Two schemes are known:

* ``clear`` — spaCy's English pipelines (ClearNLP-style labels: ``nsubjpass``, ``dobj``,
  ``pobj`` under ``prep``, ``agent`` for the passive by-phrase);
* ``ud`` — Universal Dependencies, as spaCy's French, German or Spanish pipelines label
  (``nsubj:pass``, ``obj``, ``obl``/``nmod`` with the preposition as a ``case`` child).

The schemes differ in shape as well as in names: a clear-style preposition heads its noun, a
UD noun heads its preposition. `preps` hides that difference.
"""

from __future__ import annotations

from enum import StrEnum

from spacy.tokens import Span, Token

__all__ = [
    "CLEAR_LABELS",
    "UD_LABELS",
    "Rel",
    "children",
    "preps",
    "rel",
    "scheme_of",
]


class Rel(StrEnum):
    SUBJ = "subj"  # active subject
    PASS_SUBJ = "pass_subj"  # passive subject
    OBJ = "obj"  # direct object
    IOBJ = "iobj"  # indirect object ("gave Iraq weapons")
    AGENT = "agent"  # the passive by-phrase (clear: the preposition; ud: the noun)
    PREP = "prep"  # a prepositional phrase (clear: the preposition; ud: the noun)
    POBJ = "pobj"  # object of a preposition (clear only)
    PCOMP = "pcomp"  # clause under a preposition ("on equipping")
    POSS = "poss"  # possessor ("Russia's")
    COMPOUND = "compound"  # noun modifier ("US invasion")
    MOD = "mod"  # adjectival modifier ("Israeli strikes")
    RELCL = "relcl"  # relative clause
    ACL = "acl"  # clause modifying a noun (reduced relative, infinitival)
    XCOMP = "xcomp"  # open clausal complement (control, raising)
    CCOMP = "ccomp"  # clausal complement with its own subject
    ADVCL = "advcl"  # adverbial clause
    CONJ = "conj"  # conjunct
    APPOS = "appos"  # apposition
    AUX = "aux"
    AUX_PASS = "aux_pass"
    NEG = "neg"
    MARK = "mark"  # subordinator ("if", "before")
    ACOMP = "acomp"  # adjectival complement ("was responsible")
    ATTR = "attr"
    OPRD = "oprd"  # object predicate ("held hostage", "named him envoy")
    PRT = "prt"  # particle ("carried out")
    CASE = "case"
    OTHER = "other"


#: spaCy English (ClearNLP) labels.
CLEAR_LABELS: dict[str, Rel] = {
    "nsubj": Rel.SUBJ, "csubj": Rel.SUBJ, "expl": Rel.OTHER, "nsubjpass": Rel.PASS_SUBJ,
    "csubjpass": Rel.PASS_SUBJ, "dobj": Rel.OBJ, "obj": Rel.OBJ, "dative": Rel.IOBJ, "agent": Rel.AGENT,
    "prep": Rel.PREP, "pobj": Rel.POBJ, "pcomp": Rel.PCOMP, "poss": Rel.POSS, "compound": Rel.COMPOUND,
    "nmod": Rel.COMPOUND, "amod": Rel.MOD, "relcl": Rel.RELCL, "acl": Rel.ACL, "xcomp": Rel.XCOMP,
    "ccomp": Rel.CCOMP, "advcl": Rel.ADVCL, "conj": Rel.CONJ, "appos": Rel.APPOS, "aux": Rel.AUX,
    "auxpass": Rel.AUX_PASS, "neg": Rel.NEG, "mark": Rel.MARK, "acomp": Rel.ACOMP, "attr": Rel.ATTR,
    "prt": Rel.PRT, "case": Rel.CASE, "oprd": Rel.OPRD,
}  # fmt: skip

#: Universal Dependencies labels (spaCy's non-English pipelines). `obl` and `nmod` are
#: prepositional phrases headed by their noun; `obl:agent` is the passive agent.
UD_LABELS: dict[str, Rel] = {
    "nsubj": Rel.SUBJ, "csubj": Rel.SUBJ, "nsubj:pass": Rel.PASS_SUBJ, "csubj:pass": Rel.PASS_SUBJ,
    "obj": Rel.OBJ, "iobj": Rel.IOBJ, "obl:agent": Rel.AGENT, "obl": Rel.PREP, "obl:arg": Rel.PREP,
    "nmod": Rel.PREP, "nmod:poss": Rel.POSS, "compound": Rel.COMPOUND, "flat:name": Rel.OTHER, "amod": Rel.MOD,
    "acl:relcl": Rel.RELCL, "acl": Rel.ACL, "xcomp": Rel.XCOMP, "ccomp": Rel.CCOMP, "advcl": Rel.ADVCL,
    "conj": Rel.CONJ, "appos": Rel.APPOS, "aux": Rel.AUX, "aux:pass": Rel.AUX_PASS, "mark": Rel.MARK,
    "case": Rel.CASE,
}  # fmt: skip

_SCHEMES = {"clear": CLEAR_LABELS, "ud": UD_LABELS}
#: Labels only a UD parse uses: one of them in a sentence marks the whole sentence as UD.
_UD_ONLY = frozenset({"obj", "obl", "nsubj:pass", "aux:pass", "nmod:poss", "acl:relcl", "iobj", "obl:agent"})


def scheme_of(sent: Span) -> str:
    """Which label scheme a sentence's parse uses."""
    return "ud" if any(t.dep_ in _UD_ONLY and t.dep_ != "obj" for t in sent) else "clear"


def rel(tok: Token, scheme: str = "clear") -> Rel:
    """The internal relation of a token to its head."""
    label = tok.dep_
    table = _SCHEMES[scheme]
    found = table.get(label)
    if found is None and ":" in label:
        found = table.get(label.split(":", 1)[0])
    return found or Rel.OTHER


def children(tok: Token, *rels: Rel, scheme: str = "clear") -> list[Token]:
    """The token's dependents in any of the relations."""
    return [c for c in tok.children if rel(c, scheme) in rels]


def preps(tok: Token, scheme: str = "clear") -> list[tuple[str, Token]]:
    """Prepositional phrases of a token as (preposition, head noun or clause) pairs, in text
    order; the passive by-phrase is reported with the preposition "by"."""
    out: list[tuple[str, Token]] = []
    for child in tok.children:
        r = rel(child, scheme)
        if scheme == "clear":
            if r in (Rel.PREP, Rel.AGENT, Rel.IOBJ) and child.pos_ == "ADP":
                out.extend((child.lower_, g) for g in child.children if rel(g, scheme) in (Rel.POBJ, Rel.PCOMP))
        elif r in (Rel.PREP, Rel.AGENT):
            case = next((g for g in child.children if rel(g, scheme) == Rel.CASE), None)
            out.append((case.lower_ if case is not None else "", child))
    return out
