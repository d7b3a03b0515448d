"""Quantities: the counts and money amounts a sentence attaches to an event."""

from tieline.quantities.extract import extract_quantities, parse_number

__all__ = ["extract_quantities", "parse_number"]
