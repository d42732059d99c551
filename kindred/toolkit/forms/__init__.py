"""The toolkit's forms, one module per tool. Importing a module registers its autosave forms;
a new tool adds its module and one import here."""

from kindred.toolkit.forms import analysis, rewards, safety_plan, stepping_back, tracker  # noqa: F401  (they register their autosave forms)
from kindred.toolkit.forms.base import AUTOSAVE_FORMS, Saved, ToolkitFormMixin, autosave

__all__ = ["AUTOSAVE_FORMS", "Saved", "ToolkitFormMixin", "autosave"]
from kindred.toolkit.forms import (  # noqa: F401
    invitation,
    journal,
    self_care,
    wellbeing,
)
