"""Imports every tool's services so their exporters register (kindred.toolkit.exports)."""

from kindred.toolkit.services import tracker  # noqa: F401
