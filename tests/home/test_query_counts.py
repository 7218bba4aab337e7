"""Every public page runs a fixed number of SQL queries, at most ``MAX_QUERIES``, whatever the
site's size: the same with 12 news (a second page of the news list: ten a page), 3 campaigns and
2 plans as with 2,000 news, 200 campaigns and 10 plans (issue 8). A query per listed item (N+1)
shows as a difference between the sizes.

How it is measured: an anonymous Django test client GETs each page twice and the queries of the
second request are counted. The first request warms what a running process keeps between
requests, as production does: Wagtail's site root paths (cached once per process and site),
the image renditions (generated on first use, then in the default cache). Django's default cache
is cleared before each size, so each size is measured after its own warm-up alone. The page
cache middleware is switched off (``PAGE_CACHE_ENABLED = False``) so that a real render is
counted.

The site is built once for the module, inside a transaction rolled back at the end: the small
site with real pages (``add_child``, revisions published; news with pictures, tags and a
campaign, campaigns with pictures, activities and a plan item, the home page translated into
English), then 1,988 more news, 197 campaigns and 8 plans inserted in bulk as live pages of the
tree (paths computed as treebeard does, indexed for search in one pass). Each page's counts are
then checked by its own test, which lists the statements on failure.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from bench.content import insert_pages
from campaigns.models import CampaignIndexPage, CampaignPage
from home.models import HomePage, NewsIndexPage, NewsPage, NewsPageTag, NewsTag
from plans.models import PlanIndexPage, PlanPage

from ..factories import block_id, make_campaign, make_news, make_plan, plan_sections

# Marked so that pytest-django sets up the test database; the pages are built once, by the
# module's fixture, in its own transaction.
pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
SMALL = {"news": 12, "campaigns": 3, "plans": 2}
LARGE = {"news": 2000, "campaigns": 200, "plans": 10}
OBSERVANCES = ["action-month", "vietnamese-womens-day", "international-womens-day"]
TAGS = ["20/10", "Tuyên truyền", "Bạo lực học đường", "8/3", "Câu lạc bộ"]

# The pages measured, by name; the addresses are filled in once the site exists.
PAGES = [
    "home",
    "home_en",
    "plan_index",
    "plan",
    "campaign_index",
    "campaign",
    "campaign_calendar",
    "news_index",
    "news_index_tag",
    "news_index_page_2",
    "news",
    "news_rss",
    "search",
]

Image = get_image_model()

OBSERVANCES = ["action-month", "vietnamese-womens-day", "international-womens-day"]


def _image(number):
    colour = ["#6a1b4d", "#1b4d6a", "#4d6a1b", "#888888", "#aa5500"][number % 5]
    return Image.objects.create(
        title=f"Ảnh hoạt động {number}",
        description=f"Học sinh lớp {10 + number % 3}A{number} trong hoạt động của Đoàn trường",
        file=get_test_image_file(f"anh-{number}.png", colour=colour, size=(640, 360)),
    )


def _activities(start, count=2):
    return [
        {
            "type": "activity",
            "id": block_id(),
            "value": {
                "date": (start + datetime.timedelta(days=i)).isoformat(),
                "time": "07:00" if i % 2 else None,
                "title": f"Hoạt động {i + 1}: sinh hoạt dưới cờ về bình đẳng giới",
                "place": "Sân trường",
                "audience": "Toàn trường",
                "description": "Đoàn trường tổ chức cho học sinh toàn trường.",
            },
        }
        for i in range(count)
    ]


def _gallery(images):
    return [
        {
            "type": "image",
            "id": block_id(),
            "value": {
                "image": {"image": image.pk, "alt_text": "", "decorative": False},
                "caption": f"Ảnh {image.pk}",
            },
        }
        for image in images
    ]


def _body(image):
    return [
        {
            "type": "paragraph",
            "id": block_id(),
            "value": "<p>Đoàn trường tổ chức buổi sinh hoạt về bình đẳng giới.</p>",
        },
        {
            "type": "image",
            "id": block_id(),
            "value": {
                "image": {"image": image.pk, "alt_text": "", "decorative": False},
                "caption": "Học sinh tham gia",
            },
        },
    ]


def _insert_pages(parent, pages):
    """Insert unsaved specific ``pages`` as live children of ``parent`` in bulk (the benchmark's
    bulk insert: tree paths as treebeard computes them) and index them for search."""
    insert_pages(Page.objects.get(pk=parent.pk), pages)
    get_search_backend().add_bulk(type(pages[0]), pages)


def _translate(page, locale, **fields):
    """The page's translation into ``locale``, published (as tests/home/test_i18n_public.py)."""
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    return translation


def _build_small(today):
    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    plan_index = PlanIndexPage(title="Kế hoạch", slug="ke-hoach")
    home.add_child(instance=plan_index)
    campaign_index = CampaignIndexPage(title="Chiến dịch", slug="chien-dich")
    home.add_child(instance=campaign_index)
    news_index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news_index)
    images = [_image(n) for n in range(10)]
    tags = [NewsTag.objects.create(name=name) for name in TAGS]

    plans = [
        make_plan(plan_index, year=today.year - i, document_number=str(120 + i))
        for i in range(SMALL["plans"])
    ]
    plan = plans[0]
    items = plan.get_items()
    campaigns = []
    for i in range(SMALL["campaigns"]):
        start = today + datetime.timedelta(days=i * 10 - 5)
        in_plan_year = start.year == (start + datetime.timedelta(days=14)).year == plan.year
        campaigns.append(
            make_campaign(
                campaign_index,
                title=f"Chiến dịch bình đẳng giới số {i + 1}",
                slug=f"chien-dich-{i + 1}",
                observance=OBSERVANCES[i % 3],
                start_date=start,
                end_date=start + datetime.timedelta(days=14),
                plan=plan if in_plan_year else None,
                plan_item=items[i % len(items)].block_id if in_plan_year else "",
                listing_image=images[i],
                activities=_activities(start),
                gallery=_gallery(images[i : i + 2]),
            )
        )
    news = []
    for i in range(SMALL["news"]):
        item = make_news(
            news_index,
            title=f"Tin bình đẳng giới số {i + 1}",
            slug=f"tin-{i + 1}",
            date=today - datetime.timedelta(days=i),
            image=images[i % len(images)],
            related_campaign=campaigns[i % len(campaigns)],
            body=_body(images[(i + 1) % len(images)]),
        )
        item.tags.set([tags[i % len(tags)], tags[(i + 1) % len(tags)]])
        item.save_revision().publish()
        news.append(item)
    for page in (*plans, *campaigns):
        page.save_revision().publish()

    english = Locale.objects.get(language_code="en")
    _translate(home, english, title="Gender equality", slug="home-en")
    return {
        "home": home,
        "plan_index": plan_index,
        "campaign_index": campaign_index,
        "news_index": news_index,
        "plan": plan,
        "plans": plans,
        "campaign": campaigns[0],
        "campaigns": campaigns,
        "news": news[0],
        "images": images,
        "tags": tags,
    }


def _grow(site, today):
    """Add pages up to the ``LARGE`` counts, in bulk."""
    images, tags = site["images"], site["tags"]
    plans = [
        PlanPage(
            title=f"Kế hoạch bình đẳng giới năm {today.year - i}",
            slug=f"ke-hoach-{today.year - i}",
            year=today.year - i,
            subject=f"Thực hiện công tác bình đẳng giới năm {today.year - i}",
            document_number=str(120 + i),
            sections=plan_sections(),
            signer_name="Nguyễn Thị Lan",
        )
        for i in range(SMALL["plans"], LARGE["plans"])
    ]
    _insert_pages(site["plan_index"], plans)
    every_plan = [site["plan"], *site["plans"][1:], *plans]
    campaigns = []
    for i in range(SMALL["campaigns"], LARGE["campaigns"]):
        # A quarter of them running today, the rest spread over the past years.
        start = today - datetime.timedelta(days=3 if i % 4 == 0 else 10 * i)
        plan = every_plan[i % len(every_plan)]
        campaigns.append(
            CampaignPage(
                title=f"Chiến dịch bình đẳng giới số {i + 1}",
                slug=f"chien-dich-{i + 1}",
                observance=OBSERVANCES[i % 3],
                start_date=start,
                end_date=start + datetime.timedelta(days=14),
                plan=plan,
                plan_item=plan.get_items()[0].block_id if plan is site["plan"] else "",
                summary="Các hoạt động hưởng ứng bình đẳng giới.",
                listing_image=images[i % len(images)],
                activities=_activities(start),
                gallery=_gallery(images[i % 9 : i % 9 + 2]),
            )
        )
    _insert_pages(site["campaign_index"], campaigns)
    every_campaign = [*site["campaigns"], *campaigns]
    news = [
        NewsPage(
            title=f"Tin bình đẳng giới số {i + 1}",
            slug=f"tin-{i + 1}",
            date=today - datetime.timedelta(days=i),
            summary="Toàn trường sinh hoạt dưới cờ về bình đẳng giới.",
            image=images[i % len(images)],
            related_campaign=every_campaign[i % len(every_campaign)],
            body=_body(images[(i + 1) % len(images)]),
        )
        for i in range(SMALL["news"], LARGE["news"])
    ]
    _insert_pages(site["news_index"], news)
    NewsPageTag.objects.bulk_create(
        NewsPageTag(tag=tag, content_object_id=item.pk)
        for n, item in enumerate(news)
        for tag in (tags[n % len(tags)], tags[(n + 1) % len(tags)])
    )


def _urls(site):
    tag = site["tags"][0]
    return {
        "home": "/",
        "home_en": "/en/",
        "plan_index": site["plan_index"].url,
        "plan": site["plan"].url,
        "campaign_index": site["campaign_index"].url,
        "campaign": site["campaign"].url,
        "campaign_calendar": site["campaign_index"].url + "calendar/",
        "news_index": site["news_index"].url,
        "news_index_tag": site["news_index"].url + f"?tag={tag.slug}",
        "news_index_page_2": site["news_index"].url + "?page=2",
        "news": site["news"].url,
        "news_rss": site["news_index"].url + "rss/",
        "search": "/search/?q=b%C3%ACnh+%C4%91%E1%BA%B3ng+gi%E1%BB%9Bi",
    }


def _measure(urls):
    """``{name: (status, [sql, …])}`` of the second GET of each page, after a warm-up GET."""
    cache.clear()
    client = Client()
    measured = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        measured[name] = (response.status_code, [q["sql"] for q in queries.captured_queries])
    return measured


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The queries of every page at both sizes: ``{"small": {...}, "large": {...}}``."""
    today = timezone.localdate()
    with (
        django_db_blocker.unblock(),
        override_settings(PAGE_CACHE_ENABLED=False),
        transaction.atomic(),
    ):
        try:
            site = _build_small(today)
            urls = _urls(site)
            small = _measure(urls)
            _grow(site, today)
            large = _measure(urls)
            assert NewsPage.objects.live().count() == LARGE["news"]
            assert CampaignPage.objects.live().count() == LARGE["campaigns"]
            assert PlanPage.objects.live().count() == LARGE["plans"]
        finally:
            transaction.set_rollback(True)
            cache.clear()
    return {"urls": urls, "small": small, "large": large}


def _extra(small, large):
    """The statements of the larger list that the smaller one does not have (compared with their
    numbers left out: ids and dates differ), in order."""
    left = [re.sub(r"\d+", "#", sql) for sql in small]
    extra = []
    for sql in large:
        shape = re.sub(r"\d+", "#", sql)
        if shape in left:
            left.remove(shape)
        else:
            extra.append(sql)
    return extra


@pytest.mark.parametrize("name", PAGES)
def test_queries_are_few_and_constant(counts, name):
    url = counts["urls"][name]
    small_status, small = counts["small"][name]
    large_status, large = counts["large"][name]
    assert (small_status, large_status) == (200, 200), url
    listing = "\n".join(f"  {i}. {sql[:400]}" for i, sql in enumerate(large, start=1))
    assert len(large) <= MAX_QUERIES, (
        f"{url}: {len(large)} queries with {LARGE}, at most {MAX_QUERIES}:\n{listing}"
    )
    extra = "\n".join(f"  {sql[:400]}" for sql in _extra(small, large))
    assert len(small) == len(large), (
        f"{url}: {len(small)} queries with {SMALL}, {len(large)} with {LARGE}; "
        f"the larger site's extra ones:\n{extra}\nall of them:\n{listing}"
    )
