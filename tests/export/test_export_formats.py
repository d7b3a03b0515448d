"""Exports: GDELT 2.0 TSV read back with the official columns, PLOVER JSONL, Parquet and CSV round trips."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from tieline_fakes import UN_SYR, US_PAK

import tieline
from tieline.errors import ConfigError, OutputError
from tieline.export import GDELT_COLUMNS, GDELT_DTYPES, POLECAT_LABELS, export
from tieline.export.gdelt import fips_code, global_event_id


def _read_gdelt(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=GDELT_DTYPES,
                       keep_default_na=False, quoting=3,
                       na_values={c: [""] for c, t in GDELT_DTYPES.items() if t != "string"})


def test_gdelt_columns_are_the_official_61() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[51:] == ("ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                                  "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
                                  "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


def test_gdelt_export_reads_back_with_types_and_values(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.export.CSV"
    assert export(store, out, "gdelt").rows == 4
    lines = out.read_text().splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    df = _read_gdelt(out)
    assert df["EventCode"].tolist() == ["042", "0231", "111", "112"]  # ordered by day; zeros kept
    row = df.iloc[0]
    with tieline.open(store) as c:
        event_id, ingested = c.sql("SELECT e.event_id, d.ingested_at FROM events e JOIN documents d "
                                   "USING (doc_id) WHERE e.cameo = '042'").fetchall()[0]
    assert row["GLOBALEVENTID"] == global_event_id(event_id)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20210304, 202103, 2021)
    assert row["FractionDate"] == pytest.approx(2021 + 62 / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("USAGOV", "USA", "GOV")
    assert (row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == ("PAKMIL", "PAK", "MIL")
    assert (row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("042", "04", 1)
    assert row["GoldsteinScale"] == 1.0 and row["IsRootEvent"] == 1
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (1, 1, 1)
    assert pd.isna(row["AvgTone"]) and row["Actor1Geo_Type"] == 0 and row["Actor1Geo_FullName"] == ""
    geo = (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"])
    assert geo == (4, "PK", "PK08")
    assert row["ActionGeo_FullName"] == "Islamabad, Pakistan"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (33.72, 73.04)
    assert row["DATEADDED"] == int(ingested.strftime("%Y%m%d%H%M%S"))
    assert row["SOURCEURL"] == "https://news.example.org/a"

    undated = df.iloc[1]  # no event date: the document's publication date, not a root event
    assert undated["SQLDATE"] == 20210304 and undated["IsRootEvent"] == 0
    assert (undated["EventBaseCode"], undated["EventRootCode"]) == ("023", "02")
    assert (undated["ActionGeo_Type"], undated["ActionGeo_FeatureID"]) == (1, "PK")

    igo = df.iloc[2]
    assert (igo["Actor1Code"], igo["Actor1CountryCode"], igo["Actor1KnownGroupCode"],
            igo["Actor1Type1Code"]) == ("IGOUNO", "", "UNO", "IGO")
    assert igo["SOURCEURL"] == f"tieline:doc:{UN_SYR.doc_id}"  # no URL: still traceable
    assert pd.isna(igo["ActionGeo_Lat"]) and igo["ActionGeo_Type"] == 0

    texas = df.iloc[3]
    assert (texas["ActionGeo_Type"], texas["ActionGeo_ADM1Code"]) == (2, "USTX")  # a US state
    assert texas["SOURCEURL"] == "https://other.example.org/b with tab"  # no tab may break the row


def test_gdelt_filters_and_daily_counts(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.tsv"
    assert export(store, out, "gdelt", dyad="PAK,USA").rows == 2
    assert export(store, out, "gdelt", dyad="USA,PAK", directed=True).rows == 1
    assert export(store, out, "gdelt", start="2021-03-05", end="2021-04-30").rows == 1
    assert export(store, out, "gdelt", daily=True).rows == 4
    df = _read_gdelt(out)
    assert df["NumArticles"].tolist() == [1, 1, 1, 1] and df["IsRootEvent"].tolist() == [0, 0, 0, 0]


def test_plover_jsonl_has_polecat_fields(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store, out, "plover").rows == 4
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert set(POLECAT_LABELS) <= set(recs[0])
    first = recs[0]
    assert first["event_date"] == "2021-03-04" and first["event_type"] == "CONSULT"
    assert first["event_mode"] == "visit" and first["contexts"] == ["diplomatic", "security"]
    actor = (first["actor_country"], first["primary_actor_sector"], first["actor_sectors"])
    assert actor == ("USA", "GOV", ["GOV"])
    assert (first["recipient_country"], first["recipient_sectors"]) == ("PAK", ["MIL"])
    assert (first["placename"], first["city"], first["country"], first["latitude"]) == (
        "Islamabad", "Islamabad", "PAK", 33.72)
    assert first["source"] == "Example Wire" and first["publication_date"] == "2021-03-04"
    assert first["story_id"] == US_PAK.doc_id and first["url"] == "https://news.example.org/a"
    assert first["actor_cow"] is None and first["story_people"] is None
    assert recs[1]["event_date"] == "2021-03-04" and recs[1]["placename"] == "Pakistan"


def test_parquet_round_trip_equals_the_store(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(store, out, "parquet").rows == 4
    with tieline.open(store) as c:
        expected = c.filtered_events().to_arrow_table()
    back = pq.read_table(out)
    # DATE stays a date, codes stay strings (nullability flags may differ between writers)
    assert [(f.name, f.type) for f in back.schema] == [(f.name, f.type) for f in expected.schema]
    assert back.cast(expected.schema).equals(expected)
    assert pd.read_parquet(out)["cameo"].tolist() == ["042", "0231", "111", "112"]


def test_csv_export_has_the_flat_event_columns(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, out, "csv", dyad="IND,CHN").rows == 1
    df = pd.read_csv(out, dtype={"cameo": str, "cameo_root": str})
    with tieline.open(store) as c:
        assert list(df.columns) == c.events.columns
    assert df["cameo"].tolist() == ["112"] and df["place_admin1"].tolist() == ["TX"]


def test_export_errors(store: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        export(store, tmp_path / "x", "xml")
    with pytest.raises(ConfigError, match="daily"):
        export(store, tmp_path / "x", "plover", daily=True)
    with pytest.raises(ConfigError, match="not a date"):
        export(store, tmp_path / "x", "gdelt", start="March")
    with pytest.raises(OutputError, match="does not exist"):
        export(store, tmp_path / "no" / "x.tsv", "gdelt")


def test_fips_codes_differ_from_iso_where_gdelt_needs_it() -> None:
    assert (fips_code("DEU"), fips_code("GB"), fips_code("PAK"), fips_code("XXX"), fips_code(None)) == (
        "GM", "UK", "PK", "", "")


def test_dateadded_is_a_timestamp(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    export(store, out, "gdelt")
    added = _read_gdelt(out)["DATEADDED"].iloc[0]
    assert datetime.strptime(str(added), "%Y%m%d%H%M%S").year >= 2024
