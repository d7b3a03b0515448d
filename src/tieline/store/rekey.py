"""Migration 3: document ids from normalised text (`records.identity_text`).

Stores written before the rule hashed the raw text, so re-ingesting them would store every
document a second time under its new id. The migration gives each stored document its new id,
recomputes its events' ids (they hash the document id), and where several stored documents now
share an id (the same article read from a feed and from a page) keeps the first one ingested and
drops the others with their events, as an ingest under the new rule would have.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from tieline.records import make_doc_id

__all__ = ["rekey_documents"]

# The SQL form of Event.compute_id: sha256 of "doc_id|sentence_index|source|target|cameo", 20 hex digits.
_EVENT_ID = "substr(sha256(m.new || '|' || e.sentence_index || '|' || e.source_code || '|' || e.target_code || '|' " \
            "|| e.cameo), 1, 20)"


def rekey_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ids in place, inside the migration's transaction."""
    rows = con.execute("SELECT doc_id, text, title FROM documents ORDER BY ingested_at, doc_id").fetchall()
    old_ids, new_ids, keep = [], [], []
    taken: set[str] = set()
    for old, text, title in rows:
        new = make_doc_id(text or "", title)
        if new == old and new not in taken:
            taken.add(new)
            continue
        old_ids.append(old)
        new_ids.append(new)
        keep.append(new not in taken)
        taken.add(new)
    if not old_ids:
        return
    # Ids may swap between documents (a's new id is b's old one), so the rows move through
    # temporary tables: copied with new ids, the old rows deleted, the copies inserted.
    con.register("idmap_src", pa.table({"old": old_ids, "new": new_ids, "keep": keep}))
    con.execute("CREATE TEMP TABLE idmap AS SELECT * FROM idmap_src")
    con.unregister("idmap_src")
    con.execute("CREATE TEMP TABLE moved_docs AS SELECT d.* EXCLUDE (doc_id), m.new AS doc_id "
                "FROM documents d JOIN idmap m ON d.doc_id = m.old WHERE m.keep")
    con.execute(f"CREATE TEMP TABLE moved_events AS SELECT e.* EXCLUDE (event_id, doc_id), {_EVENT_ID} AS event_id, "
                "m.new AS doc_id FROM events e JOIN idmap m ON e.doc_id = m.old WHERE m.keep")
    con.execute("DELETE FROM events WHERE doc_id IN (SELECT old FROM idmap)")
    con.execute("DELETE FROM documents WHERE doc_id IN (SELECT old FROM idmap)")
    con.execute("INSERT INTO documents BY NAME SELECT * FROM moved_docs")
    con.execute("INSERT INTO events BY NAME SELECT * FROM moved_events ON CONFLICT DO NOTHING")
    for table in ("idmap", "moved_docs", "moved_events"):
        con.execute(f"DROP TABLE {table}")
