"""Watching scheduled publishing: the admin's *Lịch xuất bản*, ``manage.py schedule_status`` and
the health URL a monitor polls (cms/views.py, cms/monitoring.py)."""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms import scheduling
from cms.celery import app as celery_app
from cms.models import SchedulerState
from home.models import NewsPage

from ..admin_client import AdminUser
from ..factories import add_page_url, make_news, news_form_data

SCHOOL = ZoneInfo("Asia/Ho_Chi_Minh")
# 08:00 in Sóc Trăng; the news goes live at 09:30 and the other one expires at 17:45 that day.
NOW = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=SCHOOL)
GO_LIVE = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=SCHOOL)
EXPIRY = datetime.datetime(2026, 11, 20, 17, 45, tzinfo=SCHOOL)
SCHEDULE_URL = "/admin/lich-xuat-ban/"
HEALTH_URL = "/health/schedule/"
pytestmark = pytest.mark.django_db

ROLES = ["youth_union_user", "committee_user", "vice_principal_user", "superuser"]


def at(moment):
    return time_machine.travel(moment, tick=False)


def overdue_moment(settings):
    """Later than the go-live time by more than two sweep periods: the page has been missed."""
    return GO_LIVE + datetime.timedelta(seconds=2 * settings.SCHEDULE_SWEEP_SECONDS + 1)


def swept(moment):
    """Record a sweep at ``moment`` without running one (which would publish what is overdue)."""
    SchedulerState.objects.update_or_create(pk=1, defaults={"last_sweep_at": moment})


@pytest.fixture
def scheduled(news_index, youth, committee, vice_principal):
    """A news item the Youth Union submitted, the committee approved and the vice principal
    scheduled for 09:30; and a live one that expires at 17:45."""
    with at(NOW):
        data = news_form_data("Tin hẹn giờ", "tin-hen-gio")
        data["action-submit"] = "1"
        assert youth.client.post(add_page_url(news_index, NewsPage), data).status_code == 302
        page = NewsPage.objects.get(slug="tin-hen-gio")
        assert committee.approve(page).status_code == 302
        assert vice_principal.approve(page, go_live_at="20/11/2026 09:30").status_code == 302
        expiring = make_news(news_index, title="Tin sắp hết hạn", slug="tin-sap-het-han")
        expiring.expire_at = EXPIRY
        expiring.save_revision().publish()
    revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
    assert revision.approved_go_live_at == GO_LIVE
    return page, expiring


def schedule_page(user):
    response = AdminUser(user).client.get(SCHEDULE_URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_text(soup, section_id):
    return soup.find(id=f"{section_id}-section").get_text(" ", strip=True)


# The admin view ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_schedule_in_the_school_time(role, scheduled, request):
    user = request.getfixturevalue(role)
    with at(NOW + datetime.timedelta(minutes=5)):
        swept(timezone.now())
        soup = schedule_page(user)
        dashboard = AdminUser(user).client.get("/admin/").content.decode()
    assert soup.find("h1").get_text(strip=True) == "Lịch xuất bản"
    going_live = section_text(soup, "scheduled-publications")
    assert "Tin hẹn giờ" in going_live
    assert "20/11/2026 09:30" in going_live
    assert "Tiếng Việt" in going_live
    assert "Nguyễn Lan" in going_live  # the vice principal approved it
    expiring = section_text(soup, "scheduled-expiries")
    assert "Tin sắp hết hạn" in expiring
    assert "20/11/2026 17:45" in expiring
    assert "20/11/2026 08:05:00" in soup.find(id="last-sweep").get_text()
    assert not soup.select("tr.overdue")
    assert SCHEDULE_URL in dashboard  # the menu item


def test_times_stay_in_the_school_time_zone_whatever_the_user_chose(scheduled, committee_user):
    profile = UserProfile.get_for_user(committee_user)
    profile.current_time_zone = "Europe/London"
    profile.save()
    with at(NOW):
        assert "20/11/2026 09:30" in section_text(
            schedule_page(committee_user), "scheduled-publications"
        )


def test_overdue_items_are_highlighted(scheduled, youth_union_user, settings):
    with at(overdue_moment(settings)):
        soup = schedule_page(youth_union_user)
    overdue = soup.select("tr.overdue")
    assert len(overdue) == 1
    assert "Tin hẹn giờ" in overdue[0].get_text()
    assert "Quá hạn" in overdue[0].get_text()
    assert "1 mục đã quá hạn" in soup.get_text()
    # No sweep has ever run: the view says so.
    assert "Chưa có lần quét" in soup.find(id="last-sweep").get_text()


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(SCHEDULE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_view_says_when_nothing_is_scheduled(youth_union_user):
    text = schedule_page(youth_union_user).get_text(" ", strip=True)
    assert "Không có trang nào được hẹn giờ xuất bản." in text
    assert "Không có trang đang đăng nào có thời điểm hết hạn." in text


# manage.py schedule_status ---------------------------------------------------------------------


def schedule_status():
    out = io.StringIO()
    call_command("schedule_status", stdout=out, no_color=True)
    return out.getvalue()


def test_the_command_lists_what_comes_and_the_last_sweep(scheduled):
    page, expiring = scheduled
    with at(NOW + datetime.timedelta(minutes=5)):
        swept(timezone.now() - datetime.timedelta(seconds=3))
        output = schedule_status()  # no SystemExit: nothing is overdue
    going_live, expiries = output.split("Sắp hết hạn")
    assert f"20/11/2026 09:30:00  #{page.pk}  Tin hẹn giờ  /tin-tuc/tin-hen-gio/" in going_live
    assert (
        f"20/11/2026 17:45:00  #{expiring.pk}  Tin sắp hết hạn  /tin-tuc/tin-sap-het-han/"
        in expiries
    )
    assert "Lần quét cuối: 20/11/2026 08:04:57 (3 giây trước)" in output
    assert "Quá hạn: 0" in output
    assert "QUÁ HẠN" not in output


def test_the_command_exits_with_1_when_something_is_overdue(scheduled, settings):
    out = io.StringIO()
    with at(overdue_moment(settings)), pytest.raises(SystemExit) as exit_:
        call_command("schedule_status", stdout=out, no_color=True)
    assert exit_.value.code == 1
    output = out.getvalue()
    assert "Quá hạn: 1" in output
    assert "Tin hẹn giờ  /tin-tuc/tin-hen-gio/  QUÁ HẠN" in output
    assert "Lần quét cuối: chưa có" in output


def test_the_command_help_names_the_exit_status():
    from cms.management.commands.schedule_status import Command

    # A plain string (argparse cannot print a lazy translation): `manage.py help` shows it.
    assert "Exits with status 1 when anything is overdue" in Command.help


# The health URL --------------------------------------------------------------------------------


def health(client):
    response = client.get(HEALTH_URL)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, json.loads(response.content)


def test_health_is_ok_when_the_sweep_runs_and_nothing_is_late(scheduled, client, settings):
    with at(NOW):
        scheduling.sweep()
        status, report = health(client)
    assert status == 200
    assert report == {
        "status": "ok",
        "broker": "ok",
        "last_sweep": NOW.astimezone(datetime.UTC).isoformat(),
        "overdue": 0,
        "sweep_interval_seconds": settings.SCHEDULE_SWEEP_SECONDS,
        "problems": [],
    }


def test_health_fails_when_a_page_is_overdue(scheduled, client, settings):
    with at(overdue_moment(settings)):
        swept(timezone.now())
        status, report = health(client)
    assert status == 503
    assert (report["status"], report["overdue"], report["problems"]) == ("error", 1, ["overdue"])


def test_health_fails_when_the_sweep_is_stale(client, settings):
    period = datetime.timedelta(seconds=settings.SCHEDULE_SWEEP_SECONDS)
    with at(NOW):
        swept(NOW - 3 * period)
        assert health(client)[0] == 200  # three periods: still on time
        swept(NOW - 3 * period - datetime.timedelta(seconds=1))
        status, report = health(client)
    assert status == 503
    assert report["problems"] == ["stale_sweep"]
    assert report["broker"] == "ok"


def test_health_fails_when_no_sweep_ever_ran(client):
    status, report = health(client)
    assert status == 503
    assert (report["last_sweep"], report["problems"]) == (None, ["stale_sweep"])


@pytest.fixture
def unreachable_broker():
    """A Redis broker on a closed local port, with a password in its URL."""
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://:s3cret-Passw0rd@127.0.0.1:1/0"
    yield
    celery_app.conf.broker_url = original


def test_health_fails_when_the_broker_is_unreachable_and_leaks_nothing(unreachable_broker, client):
    with at(NOW):
        swept(NOW)
        response = client.get(HEALTH_URL)
    assert response.status_code == 503
    report = json.loads(response.content)
    assert (report["status"], report["broker"], report["problems"]) == (
        "error",
        "unreachable",
        ["broker"],
    )
    body = response.content.decode()
    for secret in ("s3cret", "Passw0rd", "redis", "127.0.0.1", ":1/"):
        assert secret not in body


def test_health_leaks_nothing_even_when_the_broker_answers(client, settings):
    """A reachable broker's URL (memory:// in the tests) is not in the report either."""
    with at(NOW):
        swept(NOW)
        body = client.get(HEALTH_URL).content.decode()
    assert "memory" not in body
    assert set(json.loads(body)) == {
        "status",
        "broker",
        "last_sweep",
        "overdue",
        "sweep_interval_seconds",
        "problems",
    }


def test_health_needs_no_login_and_no_language_prefix(client):
    assert client.get(HEALTH_URL).status_code in (200, 503)
    assert client.get("/en" + HEALTH_URL).status_code == 404
