"""`load_demo`'s English pages: translated by wagtail-localize from home/demo/english.py, every
text of them, and live only after the review workflow's two approvals."""

import io
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from campaigns.models import CampaignPage
from home.demo import english, plan_2026
from home.models import HomePage, NewsPage
from plans.models import PlanPage

PLAN_URL = "/en/plans/gender-equality-plan-2026/"
CAMPAIGN_URLS = {
    "ngay-quoc-te-phu-nu-8-3-2026": "/en/campaigns/international-womens-day-2026/",
    "ngay-phu-nu-viet-nam-20-10-2026": "/en/campaigns/vietnamese-womens-day-2026/",
}
NEWS_URLS = {
    "tuan-le-ton-vinh-phu-nu-8-3": "/en/news/thank-you-letters-8-march/",
    "trao-giai-hoi-thi-ve-tranh-binh-dang-gioi": "/en/news/drawing-contest-prizes/",
}
# Official references kept in the English: the numbers of the letters the plan rests on.
REFERENCE = re.compile(r"\d+/[A-ZĐ]+-[A-ZĐ]+")


def load_demo(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def demo_site(db, settings):
    """The demo site as `make run` builds it, English included; its Vietnamese home page."""
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    load_demo()
    return HomePage.objects.get(depth=2, locale__language_code="vi")


def english_locale():
    return Locale.objects.get(language_code="en")


def vietnamese_sources():
    """The Vietnamese pages the demo translates, parents first."""
    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    sections = [child.specific for child in home.get_children().order_by("path")]
    plan = PlanPage.objects.get(locale__language_code="vi")
    campaigns = [CampaignPage.objects.get(slug=slug) for slug in english.CAMPAIGNS]
    news = [NewsPage.objects.get(slug=slug) for slug in english.NEWS]
    return [home, *sections, plan, *campaigns, *news]


def english_pages():
    locale = english_locale()
    return [page.get_translation(locale).specific for page in vietnamese_sources()]


def text(response):
    """The visible text of the page's main content, whitespace collapsed."""
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main") or soup.body
    return " ".join(main.get_text(" ").split())


def content_of(client, url):
    return text(client.get(url))


def is_vietnamese(value):
    """Whether ``value`` has a letter only Vietnamese uses here: đ, or a tone or vowel mark."""
    decomposed = unicodedata.normalize("NFD", value)
    return "đ" in value.lower() or any(unicodedata.combining(char) for char in decomposed)


@pytest.mark.django_db
def test_the_english_pages_are_live_and_in_english(demo_site, client):
    home = client.get("/en/")
    assert home.status_code == 200
    soup = BeautifulSoup(home.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Gender equality"
    assert "Soc Trang High School's website on its work" in text(home)

    for url, title in [
        ("/en/plans/", "Plans"),
        ("/en/campaigns/", "Campaigns"),
        ("/en/news/", "News"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == title

    plan = client.get(PLAN_URL)
    assert plan.status_code == 200
    content = text(plan)
    assert "Plan for the advancement of women and gender equality in 2026" in plan.content.decode()
    for expected in [
        "CAN THO CITY DEPARTMENT OF EDUCATION AND TRAINING",
        "Carrying out work for the advancement of women and gender equality in 2026",
        "Pursuant to Official Letter No. 1582/BGDĐT-NGCBQLGD",
        "AIMS AND REQUIREMENTS",
        "Strengthening communication and awareness-raising",
        "FUNDING",
        "IMPLEMENTATION",
        "School Youth Union Executive Committee",
        "FOR THE PRINCIPAL",
        "Quách Tố San",
    ]:
        assert expected in content, expected
    for vietnamese in ["MỤC ĐÍCH, YÊU CẦU", "Tăng cường công tác tuyên truyền", "BCH Đoàn trường"]:
        assert vietnamese not in content, vietnamese

    titles = {
        "ngay-quoc-te-phu-nu-8-3-2026": "Celebrating International Women's Day, 8 March 2026",
        "ngay-phu-nu-viet-nam-20-10-2026": (
            "96th anniversary of Vietnamese Women's Day, 20 October 2026"
        ),
    }
    for slug, url in CAMPAIGN_URLS.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert titles[slug] in text(response)
        assert "School yard" in text(response)

    # The English campaigns carry out the English plan, which lists them.
    campaign = text(client.get(CAMPAIGN_URLS["ngay-phu-nu-viet-nam-20-10-2026"]))
    assert "Plan for the advancement of women and gender equality in 2026" in campaign
    assert "IV.3. School Youth Union Executive Committee" in campaign
    assert "96th anniversary of Vietnamese Women's Day" in content_of(client, PLAN_URL)

    # The English section lists show the English pages only.
    assert "Celebrating International Women's Day" in text(client.get("/en/campaigns/"))
    assert "Kỷ niệm Ngày Quốc tế Phụ nữ" not in text(client.get("/en/campaigns/"))
    assert "Plan for the advancement of women" in text(client.get("/en/plans/"))

    # The English news: each reports on its English campaign, and the English list shows them.
    for url in NEWS_URLS.values():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.context["page"]
        assert page.related_campaign.locale.language_code == "en"
        assert page.related_campaign.title in text(response)
    news = text(client.get("/en/news/"))
    assert "Students send more than 300 thank-you letters" in news
    assert "Prizes awarded in the drawing contest" in news
    assert "Học sinh gửi hơn 300 lá thư" not in news


@pytest.mark.django_db
def test_no_vietnamese_is_left_in_the_translated_fields(demo_site):
    for page in english_pages():
        assert page.locale.language_code == "en"
        for segment in extract_segments(page):
            if not isinstance(segment, StringSegmentValue) or segment.path in english.COPIED_FIELDS:
                continue
            value = segment.render_text()
            if value in english.KEPT:
                continue
            assert not is_vietnamese(REFERENCE.sub("", value)), (page.slug, segment.path, value)


@pytest.mark.django_db
def test_every_source_text_has_its_english(demo_site):
    locale = english_locale()
    for page in vietnamese_sources():
        source = TranslationSource.objects.get_for_instance(page)
        segments = (
            StringSegment.objects.filter(source=source)
            .exclude(string__data="")
            .annotate_translation(locale)
        )
        assert segments.exists()
        segments = segments.select_related("string", "context")
        untranslated = [s.string.data for s in segments if not s.translation]
        assert untranslated == [], page.slug
        # And the English saved is the one home/demo/english.py holds.
        for segment in segments:
            expected = english.translate(segment.string.data, segment.context.path)
            assert segment.translation == expected, segment.string.data
    # Every English text is used, and none is left in Vietnamese by mistake.
    used = set(StringTranslation.objects.filter(locale=locale).values_list("data", flat=True))
    for vietnamese, translation in english.STRINGS.items():
        assert translation in used, vietnamese
        if vietnamese not in english.KEPT:
            assert translation != vietnamese
            assert not is_vietnamese(REFERENCE.sub("", translation)), translation


@pytest.mark.django_db
def test_each_english_page_went_through_both_review_steps(demo_site):
    users = {user.username: user for user in get_user_model().objects.all()}
    for page in english_pages():
        assert page.live and not page.has_unpublished_changes, page.slug
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_APPROVED
        assert state.requested_by == users["doantruong"]
        steps = state.task_states.order_by("started_at", "pk")
        assert [(s.status, s.finished_by.username) for s in steps] == [
            (TaskState.STATUS_APPROVED, "banvstbpn"),
            (TaskState.STATUS_APPROVED, "phohieutruong"),
        ]
        assert steps[0].comment == english.COMMITTEE_COMMENT

        history = [
            (entry.action, entry.user.username if entry.user else None)
            for entry in PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
        ]
        workflow = [entry for entry in history if entry[0].startswith("wagtail.workflow.")]
        assert workflow == [
            ("wagtail.workflow.start", "doantruong"),
            ("wagtail.workflow.approve", "banvstbpn"),
            ("wagtail.workflow.approve", "phohieutruong"),
        ], page.slug
        assert ("wagtail.publish", "phohieutruong") in history
        assert history.index(("wagtail.publish", "phohieutruong")) > history.index(workflow[-1])
        assert not any(action == "cms.publish_without_review" for action, _user in history)
        if isinstance(page, CampaignPage):
            assert page.plan.locale == page.locale
            assert page.get_plan_item().title == "School Youth Union Executive Committee"
        # The draft the review approved is the Youth Union's.
        assert page.live_revision.user == users["doantruong"]


@pytest.mark.django_db
def test_running_load_demo_again_changes_nothing(demo_site):
    def counts():
        return [
            model.objects.count()
            for model in (
                Page,
                Revision,
                PageLogEntry,
                WorkflowState,
                TaskState,
                TranslationSource,
                StringTranslation,
            )
        ]

    before = counts()
    out, err = load_demo()
    assert counts() == before
    assert err == ""
    assert "(en)" not in out


@pytest.mark.django_db
def test_without_users_the_english_pages_wait_as_drafts(settings, client):
    settings.DEMO_USERS_ALLOWED = False
    load_demo("--without-users")
    pages = english_pages()
    assert len(pages) == 4 + 1 + len(english.CAMPAIGNS) + len(english.NEWS)
    assert not any(page.live for page in pages)
    assert not WorkflowState.objects.exists()
    # Nothing English is public: /en/ still serves the Vietnamese home page.
    assert BeautifulSoup(client.get("/en/").content, "html.parser").h1.get_text(strip=True) == (
        "Bình đẳng giới"
    )
    assert client.get(PLAN_URL).status_code == 404

    # A later run with the demo accounts reviews the drafts and publishes them.
    settings.DEMO_USERS_ALLOWED = True
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    load_demo()
    assert all(page.live for page in english_pages())
    assert client.get(PLAN_URL).status_code == 200


@pytest.mark.django_db
def test_a_text_without_english_is_reported_and_its_page_left_untranslated(settings, monkeypatch):
    settings.DEMO_PASSWORD = "demo-mat-khau-2026"
    heading = plan_2026.SECTIONS[2]["heading"]  # KINH PHÍ THỰC HIỆN
    strings = dict(english.STRINGS)
    del strings[heading]
    monkeypatch.setattr(english, "STRINGS", strings)
    _out, err = load_demo()
    assert heading in err
    locale = english_locale()
    plan = PlanPage.objects.get(locale__language_code="vi")
    assert plan.get_translation_or_none(locale) is None
    # The other pages are translated and published.
    for page in vietnamese_sources():
        if page.pk != plan.pk:
            assert page.get_translation(locale).live, page.slug
