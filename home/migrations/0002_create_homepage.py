"""Replace Wagtail's placeholder welcome page with the site's home page, so that a freshly
migrated site serves its own home at /."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2, slug="home"
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.objects.get(depth=1)
    # The treebeard path of the root's next child: after the deleted welcome page, if any.
    last_child = Page.objects.filter(depth=2).order_by("-path").first()
    number = int(last_child.path[4:8], 36) + 1 if last_child else 1
    path = root.path + _base36(number).rjust(4, "0")
    homepage = HomePage.objects.create(
        title="Bình đẳng giới",
        draft_title="Bình đẳng giới",
        slug="trang-chu",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/trang-chu/",
        locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=homepage,
        is_default_site=True,
        site_name="Bình đẳng giới - Trường THPT Sóc Trăng",
    )


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    result = ""
    while number:
        number, remainder = divmod(number, 36)
        result = digits[remainder] + result
    return result or "0"


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage.objects.filter(depth=2).delete()
    ContentType.objects.filter(app_label="home", model="homepage").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("cms", "0002_locales"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
