"""US ZIP codes to a state and coordinates, offline, and distances between two places.

The data ships inside the ``zipcodes`` package (about 42,000 US ZIP codes, MIT licence): no
network call, ever. Loading it takes a second or so, once per process, on the first lookup.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

EARTH_RADIUS_MILES = 3958.8
_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")
# Looks like another country's postal code (letters, or a length US ZIP codes never have).
_FOREIGN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{2,9}$")

US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


class ZipError(ValueError):
    """A ZIP code we cannot place; ``str(error)`` is a message for the visitor."""


@cache
def _index() -> dict[str, Place]:
    import zipcodes

    places: dict[str, Place] = {}
    for row in zipcodes.list_all():
        try:
            places[row["zip_code"]] = Place(
                row["zip_code"], row["city"], row["state"], float(row["lat"]), float(row["long"])
            )
        except (KeyError, TypeError, ValueError):
            continue
    return places


def place_for_zip(raw: str) -> Place:
    """The place of a US ZIP code ("12345" or "12345-6789"), or ZipError with a clear message."""
    value = (raw or "").strip()
    if not value:
        raise ZipError("Enter a ZIP code, for example 43215.")
    match = _ZIP.match(value)
    if match is None:
        if re.search(r"[A-Za-z]", value) and _FOREIGN.match(value):
            raise ZipError(
                f"“{value[:12]}” looks like a postal code from outside the United States. "
                "The directory can place US ZIP codes only; national resources are open "
                "to everyone."
            )
        raise ZipError("A US ZIP code has five digits, for example 43215.")
    place = _index().get(match.group(1))
    if place is None:
        raise ZipError(
            f"We could not find the ZIP code {match.group(1)}. Check it, or try a nearby one."
        )
    return place


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine formula) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle of ``miles``."""
    dlat = miles / 69.0
    dlon = miles / max(1.0, 69.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
