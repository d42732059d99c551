"""The toolkit's models, one module per tool. A new tool adds its module and one import here."""

from kindred.toolkit.models.analysis import AnalysisKind, FunctionalAnalysis
from kindred.toolkit.models.base import MAX_TEXT_CHARACTERS, ToolkitRecord
from kindred.toolkit.models.rewards import Cost, Effort, Outcome, Reward, RewardGiven
from kindred.toolkit.models.safety_plan import SafetyPlan
from kindred.toolkit.models.stepping_back import Risk, SteppingBackItem
from kindred.toolkit.models.tracker import TagKind, TrackerDay, TrackerTag, Used

__all__ = [
    "MAX_TEXT_CHARACTERS",
    "AnalysisKind",
    "Cost",
    "Effort",
    "FunctionalAnalysis",
    "Outcome",
    "Reward",
    "RewardGiven",
    "Risk",
    "SafetyPlan",
    "SteppingBackItem",
    "TagKind",
    "ToolkitRecord",
    "TrackerDay",
    "TrackerTag",
    "Used",
]

# Part 2: wellbeing check-ins, the self-care plan and the journal.
from kindred.toolkit.models.journal import JournalEntry, Mood
from kindred.toolkit.models.self_care import SelfCareGoal, SelfCareLog
from kindred.toolkit.models.wellbeing import CheckIn, WellbeingReminder

__all__ += ["CheckIn", "JournalEntry", "Mood", "SelfCareGoal", "SelfCareLog", "WellbeingReminder"]


# The treatment-invitation planner.
from kindred.toolkit.models.invitation import (  # noqa: E402
    InvitationPlan,
    OpportunityWindow,
    OptionKind,
    PreparedAnswer,
    StartsSoon,
    TreatmentOption,
    WindowKind,
)

__all__ += [
    "InvitationPlan",
    "OpportunityWindow",
    "OptionKind",
    "PreparedAnswer",
    "StartsSoon",
    "TreatmentOption",
    "WindowKind",
]
