"""The two content locales: Vietnamese (the default) and English."""

from django.db import migrations

LOCALES = ("vi", "en")


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LOCALES:
        Locale.objects.get_or_create(language_code=code)


def remove_english(apps, schema_editor):
    # Vietnamese stays: Wagtail's own migrations made it the default locale of every page.
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    english = Locale.objects.filter(language_code="en").first()
    if english and not Page.objects.filter(locale=english).exists():
        english.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, remove_english)]
