"""The Youth Union (who writes the site) and the vice principal (who answers for it) manage search
promotions and see the popular-searches report. Promotions point readers at pages already
reviewed and live (search/service.py shows no unreviewed external link)."""

from django.db import migrations

GROUPS = ["BCH Đoàn trường", "Phó Hiệu trưởng"]
CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailsearchpromotions", model="searchpromotion"
    )
    # On a fresh database Django creates model permissions only after all migrations ran.
    return [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )[0]
        for codename in CODENAMES
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_vietnamese_search"),
        ("cms", "0003_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
