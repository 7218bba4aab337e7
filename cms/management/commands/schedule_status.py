"""``manage.py schedule_status``: what goes live and what expires next, the last sweep, and
whether anything is overdue (exit status 1 then, for cron jobs and monitors)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms import monitoring, scheduling

TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


class Command(BaseCommand):
    # A plain string: argparse cannot print a lazy translation (`manage.py help` would fail).
    help = (
        "Print the pages scheduled to go live and the live pages scheduled to expire (times in "
        "Asia/Ho_Chi_Minh), the time of the last sweep and how many items are overdue. Exits "
        "with status 1 when anything is overdue, 0 otherwise."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):  # Vietnamese
            overdue = self.report()
        if overdue:
            raise SystemExit(1)

    def report(self):
        now = timezone.now()
        publications = monitoring.publications(now)
        expiries = monitoring.expiries(now)
        self.section(_("Going live"), publications, _("No page is scheduled to go live."))
        self.section(_("Expiring"), expiries, _("No live page has an expiry time."))

        last = scheduling.last_sweep_at()
        if last is None:
            self.stdout.write(_("Last sweep: never"))
        else:
            age = int((now - last).total_seconds())
            self.stdout.write(
                _("Last sweep: %(time)s (%(seconds)s seconds ago)")
                % {"time": monitoring.local_time(last, TIME_FORMAT), "seconds": age}
            )
        if monitoring.sweep_is_stale(now):
            self.stdout.write(
                self.style.WARNING(_("The sweep is late: is Celery beat running, and a worker?"))
            )

        overdue = scheduling.overdue_count(now=now, grace=monitoring.grace())
        line = _("Overdue: %(count)s") % {"count": overdue}
        self.stdout.write(self.style.ERROR(line) if overdue else self.style.SUCCESS(line))
        return overdue

    def section(self, heading, items, empty):
        self.stdout.write(heading)
        if not items:
            self.stdout.write("  " + empty)
        for item in items:
            page = item.page
            line = "  {time}  #{id}  {title}  {path}{overdue}".format(
                time=item.local_time(TIME_FORMAT),
                id=page.pk,
                title=page.get_admin_display_title(),
                path=page.get_url() or page.url_path,
                overdue="  " + _("OVERDUE") if item.overdue else "",
            )
            self.stdout.write(self.style.ERROR(line) if item.overdue else line)
        self.stdout.write("")
