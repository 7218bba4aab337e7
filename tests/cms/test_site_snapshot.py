"""The site snapshot (cms/snapshot.py): what each process keeps in memory between publications —
the site, the home pages, the school's settings, every page's row — gives the same pages as the
database, and every change the public sees is there on the very next request.

The page cache is off in this module (``PAGE_CACHE_ENABLED = False``), so every request renders
and what it shows of the menu, breadcrumbs, language switcher, routing and view restrictions
comes from the snapshot."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from cms import snapshot
from cms.cache import current_generation
from cms.models import SchoolSettings
from cms.models.tree import PageTree
from home.models import HomePage, NewsIndexPage

from ..factories import make_news, publish_translations

TITLE = "Sinh hoạt dưới cờ về bình đẳng giới"
SLUG = "sinh-hoat-duoi-co"


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def news(news_index):
    news_index.save_revision().publish()
    page = make_news(news_index, title=TITLE, slug=SLUG)
    page.save_revision().publish()
    return page


def read(url):
    """An anonymous reader's request: a new browser, no cookies."""
    return Client().get(url)


def page_rows(pages):
    """What a page tree holds of each page: every column, the restriction mark, the language."""
    fields = [field.attname for field in Page._meta.concrete_fields]
    return [
        (*(getattr(page, name) for name in fields), page.restricted, page.locale.language_code)
        for page in pages
    ]


def tree_paths(root):
    """The URL path components of every page under ``root``."""
    return [[]] + [
        page.url_path[len(root.url_path) :].strip("/").split("/")
        for page in Page.objects.descendant_of(root).order_by("path")
    ]


NO_PAGES = [["khong-co-trang-nay"], ["tin-tuc", "rss"], ["ke-hoach", "khong-co"]]


@pytest.mark.django_db
def test_the_page_trees_built_from_memory_are_those_the_database_gives(demo_site):
    """Every page of the demo site, in both languages, with a restricted page and a list taken
    down among them: the tree of each path is the same, page for page and column for column."""
    news_index = NewsIndexPage.objects.child_of(demo_site).get()
    english_home = HomePage.objects.get(depth=2, locale__language_code="en")
    private = make_news(news_index, title="Tin nội bộ", slug="tin-noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    taken_down = NewsIndexPage(title="Lưu trữ", slug="luu-tru")
    demo_site.add_child(instance=taken_down)
    make_news(taken_down, title="Tin cũ", slug="tin-cu")
    taken_down.save_revision().publish()
    taken_down.unpublish()

    kept = snapshot.SiteSnapshot(current_generation())
    compared = 0
    for root in (demo_site, Page.objects.get(pk=english_home.pk)):
        for components in tree_paths(root) + NO_PAGES:
            url_paths = [
                root.url_path + "/".join(components[:end]) + "/"
                for end in range(1, len(components) + 1)
            ]
            from_database = PageTree.fetch(root, components)
            from_memory = kept.tree_pages(root, url_paths)
            if components in NO_PAGES:  # not pages: the database answers for them
                assert from_memory is None
                continue
            assert page_rows(from_memory) == page_rows(from_database.by_path.values())
            compared += 1
    assert compared == Page.objects.filter(depth__gte=2).count()


@pytest.mark.django_db
def test_a_page_served_from_memory_runs_only_its_own_queries(news):
    read(news.url)  # the snapshot of this generation is built
    with CaptureQueriesContext(connection) as queries:
        response = read(news.url)
    assert response.status_code == 200 and TITLE in response.content.decode()
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("wagtailcore_site", "wagtailcore_locale", "cms_schoolsettings"):
        assert f'FROM "{table}"' not in tables
    # The news item itself and its tags; sessions and the like are not read for anonymous reads.
    assert len(queries.captured_queries) == 2, tables


@pytest.mark.django_db
def test_each_request_gets_its_own_instances(news):
    kept = snapshot.SiteSnapshot(current_generation())
    request = Client().get("/").wsgi_request
    first, second = kept.site_for_request(request), kept.site_for_request(request)
    assert first is not second and first.root_page is not second.root_page
    first.root_page.title = "Đã đổi trong một yêu cầu"
    first.root_page._page_tree = object()
    assert second.root_page.title != first.root_page.title
    assert not hasattr(kept.site_for_request(request).root_page, "_page_tree")
    locales = kept.locales()
    page = kept.page(news.path, locales)
    page.title = "Đổi tạm"
    assert kept.page(news.path, kept.locales()).title == TITLE


@pytest.mark.django_db
def publish(page, **fields):
    """Publish ``page`` with new ``fields`` as the last approval of a review (or a scheduled
    publication) does: a revision, published."""
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


@pytest.mark.django_db
def test_a_renamed_list_shows_in_the_menu_and_breadcrumbs_on_the_next_request(news, news_index):
    assert "Tin tức" in read(news.url).content.decode()
    publish(news_index, title="Tin hoạt động")
    for url in ("/", news.url):
        assert "Tin hoạt động" in read(url).content.decode(), url


@pytest.mark.django_db
def test_a_new_address_answers_at_once_and_the_old_one_is_gone(news, news_index):
    assert read(news.url).status_code == 200
    publish(news_index, slug="hoat-dong")
    moved = read(f"/hoat-dong/{SLUG}/")
    assert moved.status_code == 200 and TITLE in moved.content.decode()
    # Wagtail leaves a redirect from the old address of the page it published.
    assert read(f"/tin-tuc/{SLUG}/").status_code in (301, 404)


@pytest.mark.django_db
def test_a_list_taken_down_hides_its_pages_at_once(news, news_index, vice_principal):
    assert read(news.url).status_code == 200
    vice_principal.client.post(reverse("wagtailadmin_pages:unpublish", args=(news_index.pk,)))
    assert read(news.url).status_code == 404
    assert "Tin tức" not in read("/").content.decode().split("<main")[0], "gone from the menu"


@pytest.mark.django_db
def test_a_new_view_restriction_applies_at_once(news, vice_principal):
    assert TITLE in read(news.url).content.decode()
    url = reverse("wagtailadmin_pages:set_privacy", args=(news.pk,))
    vice_principal.client.post(url, {"restriction_type": "login"})
    response = read(news.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_changed_school_name_shows_on_the_next_request(news):
    assert "Trường THPT Sóc Trăng" in read(news.url).content.decode()
    school = SchoolSettings.for_site(news.get_site())
    school.school_name = "Trường THPT chuyên Sóc Trăng"
    school.save()
    assert "Trường THPT chuyên Sóc Trăng" in read(news.url).content.decode()


@pytest.mark.django_db
def test_a_published_translation_is_linked_from_the_switcher_at_once(
    news, news_index, home_page, superuser
):
    assert "/en/news/flag-ceremony/" not in read(news.url).content.decode()
    publish_translations(
        "en",
        [
            (home_page, {"title": "Home"}),
            (news_index, {"title": "News", "slug": "news"}),
            (news, {"title": "Flag ceremony on gender equality", "slug": "flag-ceremony"}),
        ],
    )
    assert "/en/news/flag-ceremony/" in read(news.url).content.decode()
    english_page = read("/en/news/flag-ceremony/")
    assert english_page.status_code == 200
    assert "Flag ceremony on gender equality" in english_page.content.decode()


@pytest.mark.django_db
def test_a_page_made_behind_wagtails_back_is_still_served(news, news_index):
    """A script that writes the page table sends none of Wagtail's signals: the snapshot does not
    know the new address, and the database answers for it."""
    read(news.url)
    page = make_news(news_index, title="Tin nhập bằng lệnh", slug="tin-nhap-bang-lenh")
    assert Page.objects.get(pk=page.pk).live
    response = read(page.url)
    assert response.status_code == 200 and "Tin nhập bằng lệnh" in response.content.decode()


@pytest.mark.django_db
def test_pages_are_served_from_the_database_when_the_cache_server_is_down(news, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        },
    }
    with CaptureQueriesContext(connection) as queries:
        response = read(news.url)
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert "wagtailcore_site" in " ".join(query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_switched_off_every_request_reads_the_database(news, settings):
    settings.SITE_SNAPSHOT_ENABLED = False
    read(news.url)
    with CaptureQueriesContext(connection) as queries:
        response = read(news.url)
    assert response.status_code == 200 and TITLE in response.content.decode()
    assert "wagtailcore_site" in " ".join(query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_the_english_home_page_is_routed_from_memory(home_page):
    english = Locale.objects.get(language_code="en")
    translation = home_page.copy_for_translation(english)
    translation.title = "Gender equality"
    translation.save()
    translation.save_revision().publish()
    read("/en/")
    with CaptureQueriesContext(connection) as queries:
        response = read("/en/")
    assert response.status_code == 200
    assert response.context["page"].pk == translation.pk
    assert isinstance(response.context["page"], HomePage)
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert 'FROM "wagtailcore_locale"' not in tables and 'FROM "wagtailcore_site"' not in tables


@pytest.mark.django_db
def test_page_urls_remembered_with_the_snapshot_are_wagtails(demo_site):
    """Every page's URL parts in both languages, asked the way templates ask (with the request),
    are the same from the snapshot's memory as computed afresh."""
    from django.test import RequestFactory
    from django.utils import translation

    pages = list(Page.objects.filter(depth__gte=2).specific())
    kept = snapshot.SiteSnapshot(current_generation())
    for language in ("vi", "en"):
        with translation.override(language):
            request = RequestFactory().get("/")
            fresh = [page.get_url_parts(request) for page in pages]
            with snapshot.using(kept):
                snapshot.SiteSnapshotMiddleware._prepare(kept, request)
                assert [page.get_url_parts(request) for page in pages] == fresh
                assert [page.get_url_parts(request) for page in pages] == fresh  # remembered
    assert len(kept.url_parts) >= len(pages)


@pytest.mark.django_db
def test_links_follow_a_new_address_on_the_next_request(news, news_index):
    assert f'href="/tin-tuc/{SLUG}/"' in read("/tin-tuc/").content.decode()
    publish(news_index, slug="hoat-dong")
    listing = read("/hoat-dong/").content.decode()
    assert f'href="/hoat-dong/{SLUG}/"' in listing and f'href="/tin-tuc/{SLUG}/"' not in listing
