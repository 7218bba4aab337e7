"""Images and documents: each person edits, replaces and deletes only their own uploads.

0003_roles gave the three groups Wagtail's ``change`` permission on images and documents, which
lets anyone edit, replace or delete any file, those shown on live pages too: a file replaced or
deleted that way changes the public site without review. With ``add`` and ``choose`` alone,
Wagtail's collection ownership policy lets uploaders manage their own files and everyone choose
any file for a page; only administrators change other people's files (docs/security.md).
"""

from django.db import migrations

GROUPS = ["BCH Đoàn trường", "Ban Vì sự tiến bộ phụ nữ", "Phó Hiệu trưởng"]
CHANGE = {"wagtailimages": "change_image", "wagtaildocs": "change_document"}


def _change_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label__in=list(CHANGE),
        codename__in=list(CHANGE.values()),
    )


def owners_only(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name__in=GROUPS, permission__in=_change_permissions(apps)
    ).delete()


def everyone_changes(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)
    for group in Group.objects.filter(name__in=GROUPS):
        for permission in _change_permissions(apps):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_translators"),
    ]

    operations = [migrations.RunPython(owners_only, everyone_changes)]
