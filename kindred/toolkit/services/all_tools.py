"""Imports every tool's services so their exporters register (kindred.toolkit.exports)."""

from kindred.toolkit.services import (  # noqa: F401
    analysis,
    invitation,
    journal,
    rewards,
    safety_plan,
    self_care,
    stepping_back,
    tracker,
    wellbeing,
)
