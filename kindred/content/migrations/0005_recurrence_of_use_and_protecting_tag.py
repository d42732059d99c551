"""Words matter (issue 16): the "Relapse" category becomes "Recurrence of use" and the
"enabling" tag becomes "protecting from consequences", the words Kindred itself recommends, and
the demo article "... without enabling" is retitled.

Existing rows are renamed in place (their articles keep them); the old listing addresses keep
working through permanent Wagtail redirects. Safe to run on an empty database and twice.
"""

from django.db import migrations

OLD_CATEGORY, NEW_CATEGORY = "relapse", "recurrence-of-use"
NEW_CATEGORY_NAME = "Recurrence of use"
NEW_CATEGORY_DESCRIPTION = (
    "A recurrence of use is common and it is not the end; here is how to steady yourself "
    "and keep the door open."
)
OLD_TAG, NEW_TAG, NEW_TAG_NAME = "enabling", "protecting-from-consequences", (
    "protecting from consequences"
)
OLD_TITLE = "How to reward sober time without enabling"
NEW_TITLE = "How to reward sober time without making use easier"
REDIRECTS = [
    (f"/articles/category/{OLD_CATEGORY}", f"/articles/category/{NEW_CATEGORY}/"),
    (f"/articles/tag/{OLD_TAG}", f"/articles/tag/{NEW_TAG}/"),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("content", "Category")
    Tag = apps.get_model("content", "Tag")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    old = Category.objects.filter(slug=OLD_CATEGORY).first()
    if old is not None and not Category.objects.filter(slug=NEW_CATEGORY).exists():
        old.slug = NEW_CATEGORY
        if old.name == "Relapse":
            old.name = NEW_CATEGORY_NAME
            old.description = NEW_CATEGORY_DESCRIPTION
        old.save()

    old_tag = Tag.objects.filter(slug=OLD_TAG).first()
    if old_tag is not None:
        new_tag = Tag.objects.filter(slug=NEW_TAG).first()
        if new_tag is None:
            old_tag.slug, old_tag.name = NEW_TAG, NEW_TAG_NAME
            old_tag.save()
        else:
            for related in ("tagged_articles", "tagged_stories", "tagged_recordings"):
                for item in getattr(old_tag, related).all():
                    if not type(item).objects.filter(
                        tag=new_tag, content_object_id=item.content_object_id
                    ).exists():
                        item.tag = new_tag
                        item.save()
            old_tag.delete()

    # The demo article's title, only where an editor has not changed it.
    ArticlePage = apps.get_model("content", "ArticlePage")
    ArticlePage.objects.filter(title=OLD_TITLE).update(title=NEW_TITLE, draft_title=NEW_TITLE)

    for old_path, link in REDIRECTS:
        Redirect.objects.get_or_create(
            old_path=old_path,
            site=None,
            defaults={"redirect_link": link, "is_permanent": True},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_overdose_steps_block"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
