"""The day tracker's JSON API (filled in with the tracker)."""
