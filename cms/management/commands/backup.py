"""``manage.py backup [--output DIR]``: one archive of the database and the media, with a
manifest of SHA-256 sums (cms/backup.py, docs/backup.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.backup import BackupError, create_backup


def default_output() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", "") or settings.BASE_DIR / "var" / "backups")


class Command(BaseCommand):
    # Plain text: argparse cannot print a lazy translation.
    help = (
        "Back up the database and the media files into one archive with a manifest of their "
        "SHA-256 sums (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="folder for the archive (default: var/backups/)",
        )

    def handle(self, *args, output=None, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                path, manifest = create_backup(output or default_output())
            except BackupError as error:
                raise CommandError(str(error)) from error
            counts = manifest["counts"]
            self.stdout.write(
                _("Backup written: %(path)s (%(size)s bytes, %(files)s files).")
                % {
                    "path": path,
                    "size": path.stat().st_size,
                    "files": len(manifest["files"]),
                }
            )
            if counts:
                self.stdout.write(
                    _(
                        "It holds %(pages)s pages, %(revisions)s revisions, %(images)s images, "
                        "%(documents)s documents and %(users)s users."
                    )
                    % counts
                )
