"""``python manage.py import_plan FILE``: import a plan from a Word document (.docx) or a text file
(.txt, the seed form) into a new draft under the plan list (docs/plan-import.md)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from plans.importing import PlanImportError, create_draft, import_file, outline
from plans.models import PlanIndexPage
from plans.views import may_import


class Command(BaseCommand):
    # Plain strings: `manage.py help` renders help before translations are set up.
    help = (
        "Import a plan from a Word document (.docx) or a text file (.txt) into a new draft plan "
        "under the plan list; print what was read and the import report."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .docx or .txt file")
        parser.add_argument(
            "--parent",
            help=(
                "the plan list to add the draft to: its page id or its URL path (/ke-hoach/); "
                "by default the only plan list in the default language"
            ),
        )
        parser.add_argument("--user", help="the user name the draft and its revision belong to")
        parser.add_argument(
            "--dry-run", action="store_true", help="read the file and report, create nothing"
        )

    def handle(self, *args, file, parent=None, user=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        index = self.find_parent(parent)
        owner = self.find_user(user)
        if owner is not None and not may_import(owner, index):
            raise CommandError(
                _("%(username)s may not add a plan to this plan list.") % {"username": user}
            )
        try:
            with path.open("rb") as handle:
                result = import_file(path.name, handle)
        except PlanImportError as error:
            raise CommandError(" ".join(error.messages)) from None

        for line in outline(result.fields):
            self.stdout.write(line)
        self.stdout.write("")
        if result.report:
            self.stdout.write(_("Import report (%(count)s notes):") % {"count": len(result.report)})
            for note in result.report:
                where = f"{note.where}: " if note.where else ""
                text = f" «{note.text}»" if note.text else ""
                line = f"  [{note.kind}] {where}{note.message}{text}"
                self.stdout.write(self.style.WARNING(line) if note.is_warning else line)
        else:
            self.stdout.write(_("Import report: every line was placed."))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was created."))
            return
        try:
            page = create_draft(index, result, owner, source_name=path.name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailadmin_pages:edit", args=(page.pk,)
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Created the draft “%(title)s” (not live). Edit it at %(url)s")
                % {"title": page.title, "url": edit_url}
            )
        )

    def find_parent(self, parent):
        from wagtail.models import Locale

        indexes = PlanIndexPage.objects.all()
        if parent is None:
            indexes = indexes.filter(locale=Locale.get_default())
            if indexes.count() != 1:
                raise CommandError(
                    _(
                        "There are %(count)s plan lists: say which with --parent (its page id or "
                        "URL path)."
                    )
                    % {"count": indexes.count()}
                )
            return indexes.get()
        if parent.isdigit():
            index = indexes.filter(pk=int(parent)).first()
        else:
            wanted = "/" + parent.strip("/") + "/"
            index = next(
                (
                    page
                    for page in indexes
                    if page.get_url_parts() and page.get_url_parts()[2] == wanted
                ),
                None,
            )
        if index is None:
            raise CommandError(_("No plan list %(parent)s.") % {"parent": parent})
        return index

    def find_user(self, username):
        if username is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user %(username)s.") % {"username": username})
        return user
