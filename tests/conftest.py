"""Fixtures every suite shares: the migrated home page, the three index pages under it, a plan
shaped like the school's, and one user per editorial group (created as IT would create them, then
added to the groups the roles migration made)."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from campaigns.models import CampaignIndexPage
from home.models import HomePage, NewsIndexPage
from plans.models import PlanIndexPage

from .admin_client import AdminUser
from .factories import make_plan

# The groups' exact names, as cms/migrations/0003_roles.py creates them.
YOUTH_UNION = "BCH Đoàn trường"
COMMITTEE = "Ban Vì sự tiến bộ phụ nữ"
VICE_PRINCIPAL = "Phó Hiệu trưởng"
PASSWORD = "Mat-khau-thu-nghiem-2026"


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Every test starts with an empty public page cache (cms/cache.py) and no site snapshot
    (cms/snapshot.py): a page one test read must not be served to the next, whose database holds
    other pages."""
    from django.core.cache import caches

    from cms import snapshot

    caches["pages"].clear()
    # The generation restarts from the clock: a snapshot of the last test's database could match.
    snapshot.clear()


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Files on disk, as in production, where Django serves documents from their path (checking
    their collection's privacy); the test settings keep files in memory."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def home_page(db):
    """The home page the migrations made (depth 2, locale vi, root of the default site)."""
    return HomePage.objects.get(depth=2, locale__language_code="vi")


@pytest.fixture
def plan_index(home_page):
    index = PlanIndexPage(title="Kế hoạch", slug="ke-hoach")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def campaign_index(home_page):
    index = CampaignIndexPage(title="Chiến dịch", slug="chien-dich")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def plan_page(plan_index):
    """The 2026 plan: sections I–IV, two numbered items in II and two parties in IV."""
    return make_plan(
        plan_index, year=2026, document_number="125", issued_on=datetime.date(2026, 3, 2)
    )


def _make_user(django_user_model, username, group_name, **extra):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@thptsoctrang.edu.vn",
        password=PASSWORD,
        **extra,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def youth_union_user(db, django_user_model):
    return _make_user(
        django_user_model, "doantruong", YOUTH_UNION, first_name="Minh", last_name="Trần"
    )


@pytest.fixture
def committee_user(db, django_user_model):
    return _make_user(django_user_model, "banvstbpn", COMMITTEE, first_name="Hoa", last_name="Lê")


@pytest.fixture
def vice_principal_user(db, django_user_model):
    return _make_user(
        django_user_model, "phohieutruong", VICE_PRINCIPAL, first_name="Lan", last_name="Nguyễn"
    )


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="quantri", email="quantri@thptsoctrang.edu.vn", password=PASSWORD
    )


@pytest.fixture
def youth_union_client(client, youth_union_user):
    """A browser logged in to the admin as a member of the Youth Union executive committee."""
    client.force_login(youth_union_user)
    return client


@pytest.fixture
def demo_site(db, settings):
    """The demo site as `make run` builds it: the 2026 plan, its campaigns and news."""
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    call_command("load_demo", stdout=io.StringIO())
    return HomePage.objects.get(depth=2, locale__language_code="vi")


# The three roles in the admin, each in its own browser session (tests/admin_client.py).
@pytest.fixture
def youth(youth_union_user):
    return AdminUser(youth_union_user)


@pytest.fixture
def committee(committee_user):
    return AdminUser(committee_user)


@pytest.fixture
def vice_principal(vice_principal_user):
    return AdminUser(vice_principal_user)
