"""The vice principal moves a scheduled publication to another time from *Lịch xuất bản*; the
content both steps approved goes live at the new time, not the old one, without another review."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms import scheduling
from home.models import NewsPage

from ..admin_client import AdminUser
from .test_schedule_views import GO_LIVE, NOW, at, scheduled  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
LATER = GO_LIVE + datetime.timedelta(hours=2)


def reschedule(user, page, when):
    revision = NewsPage.objects.get(pk=page.pk).get_latest_revision()
    url = reverse("cms_reschedule", args=(revision.pk,))
    return AdminUser(user).client.post(url, {"go_live_at": when}), revision


def test_the_vice_principal_moves_the_go_live_time(scheduled, vice_principal_user):  # noqa: F811
    page, _expiring = scheduled
    with at(NOW):
        response, revision = reschedule(vice_principal_user, page, "20/11/2026 11:30")
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.approved_go_live_at == LATER
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule").exists()
    # The review is not restarted: the content is the approved one.
    assert NewsPage.objects.get(pk=page.pk).current_workflow_state is None

    with at(GO_LIVE + datetime.timedelta(minutes=1)):
        scheduling.sweep()
    assert not NewsPage.objects.get(pk=page.pk).live  # not at the old time
    with at(LATER + datetime.timedelta(seconds=1)):
        scheduling.sweep()
    assert NewsPage.objects.get(pk=page.pk).live


@pytest.mark.parametrize("role", ["youth_union_user", "committee_user"])
def test_only_those_who_may_cancel_a_schedule_may_move_it(scheduled, role, request):  # noqa: F811
    page, _expiring = scheduled
    with at(NOW):
        response, revision = reschedule(request.getfixturevalue(role), page, "20/11/2026 11:30")
    assert response.status_code in (302, 403)
    revision.refresh_from_db()
    assert revision.approved_go_live_at == GO_LIVE


def test_a_time_in_the_past_is_refused(scheduled, vice_principal_user):  # noqa: F811
    page, _expiring = scheduled
    with at(NOW):
        _response, revision = reschedule(vice_principal_user, page, "19/11/2026 08:00")
    revision.refresh_from_db()
    assert revision.approved_go_live_at == GO_LIVE


def test_the_schedule_offers_the_change_to_the_vice_principal_only(
    scheduled,  # noqa: F811
    vice_principal_user,
    youth_union_user,
):
    with at(NOW):
        vice_principal = AdminUser(vice_principal_user).client.get("/admin/lich-xuat-ban/")
        youth = AdminUser(youth_union_user).client.get("/admin/lich-xuat-ban/")
    assert b'form method="post"' in vice_principal.content and b"cms_reschedule" not in b""
    assert "doi-gio" in vice_principal.content.decode()
    assert "doi-gio" not in youth.content.decode()
