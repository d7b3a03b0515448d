"""Put the shared ingest fixtures (fake coder, WARC maker) on the import path."""

import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))
