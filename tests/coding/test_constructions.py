"""The argument-structure layer alone, on a table of syntactic constructions.

Each row of data/constructions.yaml is a sentence we wrote, the trigger word of one predication in
it, and the head words expected in each of its roles. The layer runs on the parse by itself (no
lexicon, no actor resolution), so a failure here is a failure to find who did what to whom.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from tieline.coding.predication import Predication, predications
from tieline.nlp import load_pipeline

TABLE_PATH = Path(__file__).parent / "data" / "constructions.yaml"
ROLES = ("agent", "patient", "recipient")
MIN_CONSTRUCTIONS = 40
MIN_EXAMPLES = 3


@dataclass(frozen=True)
class Row:
    construction: str
    number: int
    text: str
    trigger: str
    trigger_index: int
    noun: bool
    expected: dict[str, list[str]]  # role -> head words; only the roles the row checks
    phase: str | None
    checks_phase: bool


def _load_table() -> dict[str, Any]:
    with TABLE_PATH.open(encoding="utf-8") as fh:
        table = yaml.safe_load(fh)
    assert isinstance(table, dict), f"{TABLE_PATH} must map construction names to entries"
    return table


def _rows(table: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for construction, entry in table.items():
        for number, example in enumerate(entry["examples"], start=1):
            expected = {role: [str(w) for w in example[role]] for role in ROLES if role in example}
            rows.append(
                Row(
                    construction=construction,
                    number=number,
                    text=example["text"],
                    trigger=str(example["trigger"]),
                    trigger_index=int(example.get("trigger_index", 0)),
                    noun=bool(example.get("noun", False)),
                    expected=expected,
                    phase=example.get("phase"),
                    checks_phase="phase" in example,
                )
            )
    return rows


TABLE = _load_table()
ROWS = _rows(TABLE)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline("en_core_web_sm")


def _trigger_token(doc: Doc, row: Row) -> Token:
    matches = [tok for tok in doc if tok.text == row.trigger]
    assert len(matches) > row.trigger_index, (
        f"[{row.construction}] trigger {row.trigger!r} (occurrence {row.trigger_index}) not in: {row.text}"
    )
    return matches[row.trigger_index]


def _parse_shape(doc: Doc) -> str:
    return " ".join(f"{tok.text}/{tok.dep_}<{tok.head.i}" for tok in doc)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.construction}-{r.number}" for r in ROWS])
def test_construction(nlp: Language, row: Row) -> None:
    doc = nlp(row.text)
    target = _trigger_token(doc, row)
    nouns: set[str] = {target.lemma_, target.lemma_.lower()} if row.noun else set()
    found: list[Predication] = []
    for sent in doc.sents:
        found.extend(predications(sent, nouns))
    preds = [p for p in found if p.trigger.i == target.i]
    assert preds, (
        f"[{row.construction}] no predication for trigger {row.trigger!r} in: {row.text}\n"
        f"  triggers found: {[p.trigger.text for p in found]}\n"
        f"  parse: {_parse_shape(doc)}"
    )
    pred = preds[0]
    got = {role: [t.text for t in getattr(pred, role)] for role in ROLES}
    wrong: dict[str, tuple[object, object]] = {
        role: (want, got[role]) for role, want in row.expected.items() if got[role] != want
    }
    if row.checks_phase and pred.phase != row.phase:
        wrong["phase"] = (row.phase, pred.phase)
    assert not wrong, (
        f"[{row.construction}] {row.text}\n"
        + "".join(f"  {role}: expected {want!r}, got {have!r}\n" for role, (want, have) in wrong.items())
        + f"  path: {pred.path}\n"
        f"  parse: {_parse_shape(doc)}"
    )


def test_table_covers_enough_constructions() -> None:
    assert len(TABLE) >= MIN_CONSTRUCTIONS, f"only {len(TABLE)} constructions"
    thin = {name: len(entry["examples"]) for name, entry in TABLE.items() if len(entry["examples"]) < MIN_EXAMPLES}
    assert not thin, f"constructions with fewer than {MIN_EXAMPLES} examples: {thin}"
    for name, entry in TABLE.items():
        assert entry.get("why"), f"{name} has no 'why'"
        for example in entry["examples"]:
            words = len(example["text"].split())
            assert 8 <= words <= 30, f"{name}: {words} words in {example['text']!r}"
