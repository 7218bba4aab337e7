"""Redis down, with real servers: a redis-server of the test's own, killed.

* The public site keeps serving (gunicorn, production's settings, on the suite's PostgreSQL):
  the page cache and Django's cache fail open, the health URL says the broker is down, and
  when Redis returns the page cache works again without restarting gunicorn.
* Editors keep working (the admin through Django's test client, the site's cache and Celery's
  broker on the dead Redis): the Youth Union saves a draft and submits it, the committee approves
  it and the vice principal schedules it — no 500, everything saved; the workflow emails that
  could not be sent are logged. When Redis returns, a real Celery worker and beat publish the
  overdue page: the sweep catches it up.
"""

import datetime
import json
import logging

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from cms.celery import app as celery_app
from cms.models import ScheduledAction
from home.models import NewsPage

from ..factories import add_page_url, news_form_data
from .conftest import SWEEP_SECONDS, wait_until

pytestmark = pytest.mark.faults

TITLE = "Hội thi tìm hiểu bình đẳng giới"
SLUG = "hoi-thi-tim-hieu"


# The public site --------------------------------------------------------------------------------


def test_the_public_site_serves_while_redis_is_down_and_the_page_cache_returns_with_it(
    redis_up, gunicorn_factory, public_paths
):
    paths = [path for name, path in public_paths.items() if name != "news index id"]
    server = gunicorn_factory(PAGE_CACHE_ENABLED="true")
    for path in paths:
        server.get(path)
        assert server.get(path)[1].get("x-page-cache") == "hit", path

    redis_up.stop()
    for path in [*paths, public_paths["campaign list"] + "?chua-luu=1"]:
        status, headers, _ = server.get(path)
        assert status == 200, path
        assert "x-page-cache" not in headers  # rendered, neither read from nor kept in Redis
    status, _, body = server.get("/health/schedule/")
    assert status == 503
    assert "broker" in json.loads(body)["problems"]

    redis_up.start()  # empty, as after a restart without persistence
    for path in paths:
        assert server.get(path)[0] == 200
        assert server.get(path)[1].get("x-page-cache") == "hit", path
    assert server.running()
    assert "Internal Server Error" not in server.output()


# Editors ---------------------------------------------------------------------------------------


class Records(logging.Handler):
    """The records of one logger (the project's loggers do not propagate to pytest's caplog)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def messages(self):
        return [record.getMessage() for record in self.records]


@pytest.fixture
def fault_log():
    logger = logging.getLogger("cms.faults")
    handler = Records()
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.fixture
def dead_redis(redis_up, settings, celery_processes):
    """The test process's caches and Celery broker configured as in production (base.py's
    backends and socket options) on the suite's Redis, which is then killed. The broker's key
    prefix is the one ``celery_processes`` gives the worker and beat (it also keeps kombu's
    connection pools of one test apart from the next's). The test settings' in-memory cache and
    broker come back afterwards."""
    from tests.integration.conftest import _reset_producer_pools

    url = redis_up.url()
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.faults.FailOpenRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cms",
            "OPTIONS": settings.REDIS_SOCKET_OPTIONS,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cms-pages",
            "OPTIONS": settings.REDIS_SOCKET_OPTIONS,
        },
    }
    keys = ("broker_url", "broker_transport_options", "task_always_eager")
    changes = celery_app.conf.changes
    previous = {key: changes[key] for key in keys if key in changes}
    _reset_producer_pools()
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = {
        "visibility_timeout": 600,
        "global_keyprefix": celery_processes.prefix,
        **settings.REDIS_SOCKET_OPTIONS,
    }
    celery_app.conf.task_always_eager = False
    redis_up.stop()
    yield redis_up
    _reset_producer_pools()
    for key in keys:
        changes.pop(key, None)
    changes.update(previous)


def unsent(fault_log, task):
    return [
        message for message in fault_log.messages() if f"Task {task} could not be sent" in message
    ]


def draft_and_submit(youth, news_index):
    """The Youth Union saves a new news item as a draft, then submits it for review."""
    response = youth.client.post(add_page_url(news_index, NewsPage), news_form_data(TITLE, SLUG))
    assert response.status_code == 302, response.content[:2000]
    page = NewsPage.objects.get(slug=SLUG)
    assert not page.live and page.has_unpublished_changes
    assert page.get_latest_revision().content["title"] == TITLE
    response = youth.submit(page, news_form_data(TITLE, SLUG))
    assert response.status_code == 302, response.content[:2000]
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_saves_a_draft_and_submits_it_while_redis_is_down(
    dead_redis, youth, committee_user, news_index, fault_log
):
    page = draft_and_submit(youth, news_index)

    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Ban Vì sự tiến bộ phụ nữ duyệt"
    # The committee's email could not go to the broker (logged, not raised), so the web process
    # sent it itself: the committee still hears of the page.
    assert unsent(fault_log, "cms.send_workflow_email"), fault_log.messages()
    assert [message.to for message in mail.outbox] == [[committee_user.email]], fault_log.messages()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_scheduled_while_redis_is_down_goes_live_when_it_returns(
    dead_redis, youth, committee, vice_principal, news_index, fault_log, celery_processes
):
    page = draft_and_submit(youth, news_index)
    assert committee.approve(page).status_code == 302
    # "Publish at" has minute precision and must lie ahead when approved: approved half a
    # minute before the last full minute, so that it is already due while Redis is still down.
    due = timezone.localtime().replace(second=0, microsecond=0)
    with time_machine.travel(due - datetime.timedelta(seconds=30), tick=True):
        response = vice_principal.approve(page, go_live_at=due.strftime("%d/%m/%Y %H:%M"))
    assert response.status_code == 302, response.content[:2000]
    revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
    assert revision.approved_go_live_at == due  # the schedule is recorded
    assert not NewsPage.objects.get(pk=page.pk).live
    assert unsent(fault_log, "cms.send_workflow_email")

    dead_redis.start()
    env = {"REDIS_URL": dead_redis.url(), "SCHEDULE_SWEEP_SECONDS": SWEEP_SECONDS}
    celery_processes.start_worker(**env)
    celery_processes.start_beat(**env)

    assert wait_until(lambda: NewsPage.objects.get(pk=page.pk).live, timeout=30), (
        celery_processes.log("worker")[-3000:]
    )
    action = ScheduledAction.objects.get(page_id=page.pk, action=ScheduledAction.PUBLISH)
    assert action.done_by == "sweep"  # overdue: the sweep caught it up
    assert action.due_at == due
    published = PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish.scheduled")
    assert published.count() == 1
    celery_processes.assert_no_errors()
