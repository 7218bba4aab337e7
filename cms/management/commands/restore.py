"""``manage.py restore ARCHIVE [--force]``: restore a backup made by ``manage.py backup`` into
the database of DATABASE_URL and MEDIA_ROOT, both empty unless ``--force`` (cms/backup.py,
docs/backup.md). The archive is checked whole before anything changes."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    # Plain text: argparse cannot print a lazy translation.
    help = "Restore a backup archive into an empty database and media folder (docs/backup.md)."
    # The database may be empty: nothing here may need its tables before the restore.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a cms-backup-….tar.gz made by backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database and media folder that are not empty",
        )

    def handle(self, *args, archive, force=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                report = restore_backup(archive, force=force)
            except BackupError as error:
                raise CommandError(str(error)) from error
            manifest = report.manifest
            self.stdout.write(
                _("Restored the backup of %(created)s: the database and %(media)s media files.")
                % {
                    "created": manifest["created_at"],
                    "media": len(manifest["files"]) - 1,
                }
            )
            for path in report.set_aside:
                self.stdout.write(_("What was there before is kept in %(path)s.") % {"path": path})
            if report.pending_migrations:
                self.stdout.write(
                    _(
                        "The code is newer than the backup: run `manage.py migrate` (%(count)s "
                        "migrations to apply)."
                    )
                    % {"count": len(report.pending_migrations)}
                )
