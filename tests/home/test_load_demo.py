"""`load_demo` builds the demo site from the 2026 plan, once, with one account per role."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from campaigns.models import CampaignPage
from home.demo import campaigns_news
from home.models import NewsPage
from plans.models import PlanPage

ROLES = {
    "doantruong": "BCH Đoàn trường",
    "banvstbpn": "Ban Vì sự tiến bộ phụ nữ",
    "phohieutruong": "Phó Hiệu trưởng",
}


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_is_loaded_once_however_often_it_runs(settings):
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    load_demo()
    counts = (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count())
    load_demo()
    assert (Page.objects.count(), Revision.objects.count(), get_user_model().objects.count()) == (
        counts
    )


@pytest.mark.django_db
def test_demo_publishes_the_plan_campaigns_and_news(settings):
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    load_demo()
    plan = PlanPage.objects.live().get(locale__language_code="vi")
    assert plan.year == 2026
    assert plan.signer_name == "Quách Tố San"
    campaigns = CampaignPage.objects.live().filter(locale__language_code="vi")
    assert campaigns.count() == len(campaigns_news.CAMPAIGNS)
    # Every campaign carries out a real item of the plan.
    references = {item.block_id: item.reference for item in plan.get_items()}
    by_slug = {c["slug"]: c["plan_item"] for c in campaigns_news.CAMPAIGNS}
    for campaign in campaigns:
        assert campaign.plan_id == plan.pk
        assert references[campaign.plan_item] == by_slug[campaign.slug]
    observances = set(campaigns.values_list("observance", flat=True))
    assert {"international-womens-day", "vietnamese-womens-day", "action-month"} <= observances
    assert NewsPage.objects.live().filter(
        locale__language_code="vi", related_campaign__isnull=False
    ).count() == len(campaigns_news.NEWS)


@pytest.mark.django_db
def test_demo_accounts_have_their_role_and_the_demo_password(settings):
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    load_demo()
    for username, group in ROLES.items():
        user = authenticate(username=username, password="demo-mat-khau-2026")
        assert user is not None, username
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_superuser
    admin = authenticate(username="admin", password="demo-mat-khau-2026")
    assert admin is not None and admin.is_superuser


@pytest.mark.django_db
def test_a_generated_password_is_printed_once_when_none_is_set(settings):
    settings.DEMO_PASSWORD = ""
    first = load_demo()
    # The password stands alone on an indented line under the warning.
    password = next(line.strip() for line in first.splitlines() if line.startswith("    "))
    assert authenticate(username="doantruong", password=password) is not None
    second = load_demo()
    assert password not in second
    # The second run kept the accounts' password.
    assert authenticate(username="phohieutruong", password=password) is not None


@pytest.mark.django_db
def test_production_settings_refuse_demo_accounts(settings):
    settings.DEMO_USERS_ALLOWED = False
    with pytest.raises(CommandError):
        load_demo()
    assert not get_user_model().objects.filter(username__in=ROLES).exists()
    assert not PlanPage.objects.exists()


@pytest.mark.django_db
def test_production_may_load_the_content_without_accounts(settings):
    settings.DEMO_USERS_ALLOWED = False
    load_demo("--without-users")
    assert PlanPage.objects.live().count() == 1
    assert not get_user_model().objects.exists()
