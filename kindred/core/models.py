"""The crisis help shown on /get-help/, editable by staff so an organisation can set its numbers."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

SITUATIONS = [
    ("overdose", "Overdose"),
    ("suicide", "Suicidal thoughts"),
    ("violence", "Violence or threats"),
    ("general", "Substance use help"),
]

GET_HELP_CACHE_KEY = "kindred:get-help:v1"

# The one source of the overdose steps: /get-help/, the crisis panels and the "Overdose steps"
# block in lessons and articles (kindred.core.blocks) all show the settings' copy of these.
DEFAULT_OVERDOSE_STEPS = "\n".join(
    [
        "Check: shout their name and rub your knuckles hard on their breastbone. "
        "Are they breathing?",
        "If they do not wake up, or are breathing very slowly or not at all, call 911. "
        "Say where you are and that someone is not breathing.",
        "Give naloxone (Narcan) if you have it: one spray in one nostril.",
        "If they are not breathing, give rescue breaths or CPR as the 911 dispatcher directs.",
        "Once they are breathing, lay them on their side (the recovery position) so they do "
        "not choke.",
        "Stay with them until help arrives.",
        "If there is no response after 2–3 minutes, give a second dose of naloxone in the "
        "other nostril.",
        "Naloxone can wear off before the opioid does: even if they wake up, stay with them "
        "and let emergency services check them.",
    ]
)

# The steps shipped before the review of issue 16: a data migration replaces them with the new
# default wherever staff never changed them.
PREVIOUS_OVERDOSE_STEPS = "\n".join(
    [
        "Call 911.",
        "Give naloxone (Narcan) if you have it.",
        "Lay the person on their side so they do not choke.",
        "Stay with them until help arrives.",
        "If there is no response after 2–3 minutes, give a second dose of naloxone.",
    ]
)

POISON_CONTROL: dict[str, Any] = {
    "name": "Poison Control",
    "description": "If a child, or anyone, may have swallowed medication (such as "
    "buprenorphine or methadone), a drug or a chemical. Experts tell you what to do; call "
    "911 instead if the person is not breathing, will not wake up or has a seizure.",
    "phone": "1-800-222-1222",
    "sms_number": "",
    "sms_body": "",
    "hours": "24/7",
    "situations": ["overdose"],
}

DEFAULT_HELPLINES: list[tuple[str, dict[str, Any]]] = [
    (
        "helpline",
        {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "For you or your loved one, if anyone is thinking about suicide or "
            "is in emotional crisis. Call or text, any time.",
            "phone": "988",
            "sms_number": "988",
            "sms_body": "",
            "hours": "24/7",
            "situations": ["suicide"],
        },
    ),
    (
        "helpline",
        {
            "name": "National Domestic Violence Hotline",
            "description": "If you are afraid of someone at home, or someone has hurt or "
            "threatened you. Confidential advice and safety planning.",
            "phone": "1-800-799-7233",
            "sms_number": "88788",
            "sms_body": "START",
            "hours": "24/7",
            "situations": ["violence"],
        },
    ),
    (
        "helpline",
        {
            "name": "SAMHSA National Helpline",
            "description": "Free, confidential treatment referrals and information for "
            "families, in English and Spanish.",
            "phone": "1-800-662-4357",
            "sms_number": "",
            "sms_body": "",
            "hours": "24/7",
            "situations": ["general"],
        },
    ),
    ("helpline", POISON_CONTROL),
    (
        "helpline",
        {
            "name": "Crisis Text Line",
            "description": "Text with a trained crisis counsellor if talking out loud is not "
            "safe or not possible.",
            "phone": "",
            "sms_number": "741741",
            "sms_body": "HOME",
            "hours": "24/7",
            "situations": ["suicide", "violence", "general"],
        },
    ),
]


class HelplineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(required=False)
    phone = blocks.CharBlock(required=False, max_length=40, help_text="Number to call.")
    sms_number = blocks.CharBlock(required=False, max_length=40, help_text="Number to text.")
    sms_body = blocks.CharBlock(
        required=False, max_length=40, help_text="Word to text, e.g. START or HOME."
    )
    hours = blocks.CharBlock(required=False, max_length=60)
    situations = blocks.MultipleChoiceBlock(choices=SITUATIONS, required=False)

    class Meta:
        icon = "warning"


@register_setting(icon="warning")
class GetHelpSettings(BaseGenericSetting):
    """What /get-help/ and the crisis panels show. One per installation."""

    heading = models.CharField(max_length=120, default="Get help now")
    introduction = models.TextField(
        default="If you or someone else is in danger right now, call 911. "
        "Every number on this page is free and confidential."
    )
    emergency_number = models.CharField(max_length=20, default="911")
    overdose_steps = models.TextField(
        default=DEFAULT_OVERDOSE_STEPS, help_text="One step per line."
    )
    helplines = StreamField(
        [("helpline", HelplineBlock())], default=DEFAULT_HELPLINES, use_json_field=True
    )

    panels = [
        FieldPanel("heading"),
        FieldPanel("introduction"),
        FieldPanel("emergency_number"),
        FieldPanel("overdose_steps"),
        FieldPanel("helplines"),
    ]

    class Meta:
        verbose_name = "Get help now"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # The crisis page is served from the cache; a change must show at once.
        cache.delete(GET_HELP_CACHE_KEY)


class FormSubmission(models.Model):
    """The one-time key of a rendered form, claimed by the first request that carries it
    (``kindred.core.submissions``): a double click or a resent form does the work once.

    Holds nothing about the member or what they wrote: the key, where the first request went,
    and when (rows older than a day are deleted as new ones come in).
    """

    key = models.UUIDField(primary_key=True)
    outcome = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Form submission {self.key}"
