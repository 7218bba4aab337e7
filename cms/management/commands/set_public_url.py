"""``manage.py set_public_url``: give the default Wagtail Site the host name and port of
``PUBLIC_URL``, which every full URL of the site is built from (sitemap, canonical links, hreflang
alternates, link previews). Idempotent: run it after every ``migrate`` (docs/deploy.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.seo import apply_public_url


class Command(BaseCommand):
    # A plain string: argparse cannot print a lazy translation (`manage.py help` would fail).
    help = (
        "Point the default site at PUBLIC_URL (or the address given), so that full URLs in the "
        "sitemap, canonical links and link previews name the public address."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="e.g. https://binhdanggioi.thptsoctrang.edu.vn")

    def handle(self, *args, url=None, **options):
        url = url or settings.PUBLIC_URL
        with translation.override(settings.LANGUAGE_CODE):
            try:
                site = apply_public_url(url)
            except ValueError as error:
                raise CommandError(str(error)) from error
            if site is None:
                self.stdout.write(_("The site already answers at %(url)s.") % {"url": url})
            else:
                self.stdout.write(_("The site now answers at %(url)s.") % {"url": site.root_url})
