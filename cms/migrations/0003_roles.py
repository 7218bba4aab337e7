"""The three editorial groups and their permissions, the same in every environment.

Page permissions are granted on the tree's root, so they cover every locale's home page and
everything under it. The review workflow that routes drafts between the groups is set up apart.
"""

from django.db import migrations

YOUTH_UNION = "BCH Đoàn trường"
COMMITTEE = "Ban Vì sự tiến bộ phụ nữ"
VICE_PRINCIPAL = "Phó Hiệu trưởng"

# Page permission codenames on the root page, per group. The committee needs none: the review
# step opens the editor to its members while a page waits for them. The vice principal's publish
# permission is used only by the final review approval (cms/permissions.py).
PAGE_PERMISSIONS = {
    YOUTH_UNION: ["add_page", "change_page"],
    COMMITTEE: [],
    VICE_PRINCIPAL: ["publish_page"],
}
# Everyone who writes or reviews can upload and choose images and documents.
COLLECTION_PERMISSIONS = {
    "wagtailimages.image": ["add_image", "change_image", "choose_image"],
    "wagtaildocs.document": ["add_document", "change_document", "choose_document"],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # On a fresh database Django creates model permissions only after all migrations ran.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin")

    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for model_label, collection_codenames in COLLECTION_PERMISSIONS.items():
            app_label, model = model_label.split(".")
            for codename in collection_codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(PAGE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_locales"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
