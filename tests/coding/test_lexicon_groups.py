"""One sentence per lexicon group added for the article gold's miss classes: each group's
reason says why a codebook codes such sentences so. Sentences are our own."""

from __future__ import annotations

import pytest

import tieline

CASES = [
    # calls by phone are consultations (041)
    ("The Indian foreign minister spoke by phone with his Chinese counterpart on Monday.", "IND", "CHN", "041"),
    ("Macron talked by telephone with Zelensky about the ceasefire.", "FRA", "UKR", "041"),
    # verbs of disparagement are criticism (111)
    ("Erdogan denigrated the European Union in a speech.", "TUR", "IGO", "111"),
    ("Venezuela lambasted Colombia over the border closure.", "VEN", "COL", "111"),
    ("Iran lashed out at Saudi Arabia on Sunday.", "IRN", "SAU", "111"),
    # blocking a deal refuses material cooperation (121); blocking a resolution or using a veto (129)
    ("Washington blocked the sale of drones to Turkey.", "USA", "TUR", "121"),
    ("China used its veto at the Security Council.", "CHN", "IGO", "129"),
    # stone throwing at police is a violent protest (145)
    ("Kashmiri protesters threw stones at Indian police.", "IND", "IND", "145"),
    # retaking ground from a side occupies it (192)
    ("Iraqi troops reclaimed the town of Tal Afar from Islamic State.", "IRQ", "IMG", "192"),
    ("Afghan forces regained control of the district from the Taliban.", "AFG", "AFG", "192"),
    # an act one is due to do is an intent (036 for a meeting); a timetabled one is the act
    ("Modi is due to meet Biden in Washington next week.", "IND", "USA", "036"),
    ("Lula is scheduled to attend a summit in Beijing in April.", "BRA", "CHN", "040"),
]


@pytest.mark.parametrize(("text", "source", "target", "code"), CASES, ids=[c[0][:40] for c in CASES])
def test_lexicon_group(text: str, source: str, target: str, code: str) -> None:
    events = tieline.code(text, date="2023-06-01")
    got = {(e.source.code[:3], e.target.code[:3], e.cameo) for e in events}
    assert (source, target, code) in got, got
