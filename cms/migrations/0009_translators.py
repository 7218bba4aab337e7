"""The Youth Union translates: wagtail-localize's "Translate this page" and "Sync translated pages"
need its ``submit_translation`` permission. What a translation may then do is the review's business
(cms/translation.py): the committee and the vice principal need no such permission."""

from django.db import migrations

YOUTH_UNION = "BCH Đoàn trường"


def _submit_translation(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # wagtail-localize's migration 0006 hangs the permission off this content type.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=YOUTH_UNION)
    group.permissions.add(_submit_translation(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=YOUTH_UNION).first()
    if group is not None:
        group.permissions.remove(_submit_translation(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_schedule_notified"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
