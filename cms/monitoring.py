"""What scheduled publishing is doing, for people and for monitors: the admin view *Lịch xuất
bản* (cms/views.py), ``manage.py schedule_status`` and the health URL ``/health/schedule/`` all
read it from here. The design of the scheduling itself is in cms/scheduling.py and
docs/scheduling.md."""

import dataclasses
import datetime
import logging
from zoneinfo import ZoneInfo

from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms import scheduling

logger = logging.getLogger(__name__)

# The school's time zone, whatever TIME_ZONE says: every time shown to a person is read there.
LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
# The broker must answer within this many seconds, or the health URL reports it unreachable.
BROKER_TIMEOUT = 2.0
# The health URL reports a stale sweep when the last one is older than this many sweep periods.
STALE_SWEEPS = 3
# Log actions whose user is the person who approved a revision for publication (at once or later).
APPROVAL_ACTIONS = ("wagtail.publish.schedule", "wagtail.publish")


@dataclasses.dataclass
class Item:
    """One upcoming (or overdue) publication or expiry."""

    page: Page
    due_at: datetime.datetime
    approved_by: object = None  # a user, when the page's history knows who approved it
    overdue: bool = False
    revision_id: int | None = None

    def local_time(self, fmt="%d/%m/%Y %H:%M"):
        """The due time in the school's time zone (whatever the admin user's own setting)."""
        return local_time(self.due_at, fmt)

    @property
    def approver_name(self):
        from cms.notifications import display_name

        return display_name(self.approved_by)


def local_time(value, fmt="%d/%m/%Y %H:%M"):
    return timezone.localtime(value, LOCAL_TIME).strftime(fmt)


def grace():
    """How late an item may be before it counts as overdue: the sweep publishes whatever is due
    within one period, so an item still waiting after two has been missed."""
    return 2 * scheduling.sweep_interval()


def _approvers(revision_ids):
    """``{revision id: user}`` from the pages' history: who scheduled or published it."""
    entries = (
        PageLogEntry.objects.filter(
            revision_id__in=[pk for pk in revision_ids if pk],
            action__in=APPROVAL_ACTIONS,
            user__isnull=False,
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return {entry.revision_id: entry.user for entry in entries}  # the latest wins


def publications(now=None):
    """Every approved revision waiting for its go-live time (overdue ones first), soonest first."""
    now = now or timezone.now()
    revisions = list(
        scheduling.scheduled_revisions().only("pk", "object_id", "approved_go_live_at")
    )
    pages = Page.objects.select_related("locale").in_bulk(
        [int(revision.object_id) for revision in revisions]
    )
    approvers = _approvers([revision.pk for revision in revisions])
    limit = now - grace()
    return [
        Item(
            page=pages[int(revision.object_id)].specific_deferred,
            due_at=revision.approved_go_live_at,
            approved_by=approvers.get(revision.pk),
            overdue=revision.approved_go_live_at < limit,
            revision_id=revision.pk,
        )
        for revision in revisions
        if int(revision.object_id) in pages
    ]


def expiries(now=None):
    """Every live page with an expiry time, soonest first."""
    now = now or timezone.now()
    pages = list(scheduling.expiring_pages().select_related("locale"))
    approvers = _approvers([page.live_revision_id for page in pages])
    limit = now - grace()
    return [
        Item(
            page=page.specific_deferred,
            due_at=page.expire_at,
            approved_by=approvers.get(page.live_revision_id),
            overdue=page.expire_at < limit,
        )
        for page in pages
    ]


def last_sweep_age(now=None):
    """How long ago the last sweep finished, or ``None`` if none ever ran."""
    last = scheduling.last_sweep_at()
    return None if last is None else (now or timezone.now()) - last


def sweep_is_stale(now=None):
    age = last_sweep_age(now)
    return age is None or age > STALE_SWEEPS * scheduling.sweep_interval()


def broker_reachable(timeout=BROKER_TIMEOUT) -> bool:
    """Open a connection to Celery's broker, once, within ``timeout`` seconds.

    The filesystem and memory transports of the embedded default and of the tests connect at once.
    Nothing about the broker (its address, its password) leaves this function: the error is
    logged by its class only.
    """
    from cms.celery import app

    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}  # Redis's names
    try:
        with app.connection_for_write(
            connect_timeout=timeout, transport_options=options
        ) as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=timeout
            )
    except Exception as error:  # any failure to connect means unreachable
        logger.warning("Celery broker unreachable (%s)", type(error).__name__)
        return False
    return True


def health(now=None):
    """The health report: ``(report dict, healthy?)``. Holds no URL, host name or password."""
    now = now or timezone.now()
    last = scheduling.last_sweep_at()
    overdue = scheduling.overdue_count(now=now, grace=grace())
    broker_ok = broker_reachable()
    problems = []
    if overdue:
        problems.append("overdue")
    if not broker_ok:
        problems.append("broker")
    if sweep_is_stale(now):
        problems.append("stale_sweep")
    report = {
        "status": "error" if problems else "ok",
        "broker": "ok" if broker_ok else "unreachable",
        "last_sweep": last.astimezone(datetime.UTC).isoformat() if last else None,
        "overdue": overdue,
        "sweep_interval_seconds": int(scheduling.sweep_interval().total_seconds()),
        "problems": problems,
    }
    return report, not problems
