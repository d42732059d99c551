"""Existing installations get the reviewed overdose steps and the Poison Control line.

The steps are replaced only where staff never changed the old default; Poison Control is added
only where no helpline already has its number. Both are safe to run twice.
"""

import re
import uuid

from django.core.cache import cache
from django.db import migrations

from kindred.core.models import (
    DEFAULT_OVERDOSE_STEPS,
    GET_HELP_CACHE_KEY,
    POISON_CONTROL,
    PREVIOUS_OVERDOSE_STEPS,
)


def _digits(text):
    return re.sub(r"[^0-9]", "", text or "")


def forwards(apps, schema_editor):
    GetHelpSettings = apps.get_model("core", "GetHelpSettings")
    for settings in GetHelpSettings.objects.all():
        if settings.overdose_steps.strip() == PREVIOUS_OVERDOSE_STEPS:
            settings.overdose_steps = DEFAULT_OVERDOSE_STEPS
        raw = list(settings.helplines.raw_data)
        poison = _digits(POISON_CONTROL["phone"])
        if not any(_digits((item.get("value") or {}).get("phone")) == poison for item in raw):
            raw.append({"type": "helpline", "value": dict(POISON_CONTROL), "id": str(uuid.uuid4())})
            settings.helplines = raw
        settings.save()
    cache.delete(GET_HELP_CACHE_KEY)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_overdose_steps_and_poison_control")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
