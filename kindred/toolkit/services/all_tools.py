"""Imports every tool's services so their exporters register (kindred.toolkit.exports)."""

import kindred.toolkit.services.invitation  # noqa: F401  (the invitation planner)
from kindred.toolkit.services import analysis, rewards, safety_plan, stepping_back, tracker  # noqa: F401
