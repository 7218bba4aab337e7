"""What search may show: only live, public plans, campaigns and news of the reader's language;
the index follows publishing; each search is counted without anything personal; editors'
promotions come first, whatever tone marks the reader types."""

import datetime
import unicodedata

from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from home.models import HomePage, NewsIndexPage, NewsPage

from .corpus import C1, C5, C6, N3, add_news, indexes, nfd, publish
from .helpers import search

D = datetime.date


def by_title(title):
    return Page.objects.get(title=title).specific


def test_only_plans_campaigns_and_news_are_found(client, demo_site, subtests):
    # The home page is titled "Bình đẳng giới" and the index pages "Kế hoạch", "Chiến dịch",
    # "Tin tức"; their introductions speak of "bình đẳng giới" too.
    home = HomePage.objects.get(depth=2, locale__language_code="vi")
    never = {home.id, *(index.id for index in indexes())}
    for query in ("Bình đẳng giới", "binh dang gioi", "Kế hoạch", "Chiến dịch", "Tin tức"):
        with subtests.test(query=query):
            page = search(client, query)
            assert page.status == 200
            assert not never & set(page.ids), page.titles
            assert not never & set(page.promotions)
            assert {hit.type for hit in page.hits} <= {"plan", "campaign", "news"}


def test_drafts_unpublished_and_private_pages_are_never_found(client, demo_site, subtests):
    _plans, campaigns, news = indexes()

    draft = NewsPage(
        title="Bay khinh khí cầu bản nháp",
        summary="Khinh khí cầu của câu lạc bộ khoa học.",
        body=[("paragraph", "<p>Chưa duyệt.</p>")],
        date=D(2026, 6, 1),
        live=False,
    )
    news.add_child(instance=draft)
    draft.save_revision()

    unpublished = add_news(
        news, "Giải xe đạp điện nữ sinh", "Xe đạp điện an toàn.", "Đã gỡ.", D(2026, 6, 2)
    )
    unpublished.unpublish()

    private = add_news(
        news, "Kính hiển vi mới của phòng thí nghiệm", "Chỉ dành cho giáo viên.", ".", D(2026, 6, 3)
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )

    # A page under a section that only logged-in users may see.
    internal = NewsIndexPage(title="Tin nội bộ", slug="tin-noi-bo")
    demo_site.add_child(instance=internal)
    publish(internal)
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    behind_login = add_news(
        internal, "Ống nhòm cho câu lạc bộ thiên văn", "Nội bộ.", "Nội bộ.", D(2026, 6, 4)
    )

    # A live page whose newer draft says something not yet approved.
    live_with_draft = add_news(
        news, "Ngày hội đọc sách", "Học sinh trao đổi sách cũ.", "Sách hay.", D(2026, 6, 5)
    )
    live_with_draft.title = "Ngày hội đọc sách và triển lãm khủng long"
    live_with_draft.summary = "Bản nháp chưa được duyệt: khủng long."
    live_with_draft.save_revision()

    hidden = {
        "khinh khí cầu": draft,
        "xe đạp điện": unpublished,
        "kính hiển vi": private,
        "ống nhòm": behind_login,
        "khủng long": live_with_draft,
        "khung long": live_with_draft,
    }
    for query, secret in hidden.items():
        with subtests.test(query=query):
            page = search(client, query)
            assert page.status == 200
            assert secret.id not in page.ids
            assert secret.title not in page.html
    with subtests.test("the live version of the page with a draft"):
        page = search(client, "đọc sách")
        assert page.ids == [live_with_draft.id]
        assert page.titles == ["Ngày hội đọc sách"]
        assert "khủng long" not in page.html


def test_the_index_follows_publishing(client, demo_site, subtests):
    # One-word queries ("vua", "vây": no other page has them), so that no any-word fallback can
    # bring the page back for another of its words.
    _plans, _campaigns, news = indexes()
    item = NewsPage(
        title="Giải cờ vua nữ sinh",
        summary="Các kỳ thủ nữ tranh tài.",
        body=[("paragraph", "<p>Kết quả sẽ cập nhật.</p>")],
        date=D(2026, 9, 10),
        live=False,
    )
    news.add_child(instance=item)
    item.save_revision()
    with subtests.test("draft"):
        assert search(client, "vua").ids == []

    item.save_revision().publish()
    with subtests.test("published"):
        assert search(client, "vua").ids == [item.id]
        assert search(client, "cờ vua").ids == [item.id]

    item = NewsPage.objects.get(pk=item.pk)
    item.title = "Giải cờ vây nữ sinh"
    item.save_revision().publish()
    with subtests.test("published again with a new title"):
        assert search(client, "vây").ids == [item.id]
        assert search(client, "vua").ids == []

    item.unpublish()
    with subtests.test("unpublished"):
        assert search(client, "vây").ids == []
        assert item.id not in search(client, "cờ vây").ids

    NewsPage.objects.get(pk=item.pk).save_revision().publish()
    with subtests.test("published once more"):
        assert search(client, "vay").ids == [item.id]

    Page.objects.get(pk=item.pk).delete()
    with subtests.test("deleted"):
        assert search(client, "vây").ids == []


def test_only_the_readers_language(client, demo_site, subtests):
    english = Locale.objects.get(language_code="en")
    source = by_title(N3)
    translation = source.copy_for_translation(english, copy_parents=True)
    # The parents are copied as aliases of the Vietnamese ones (live like them); the news item
    # itself is a draft until published.
    for page in (*translation.get_ancestors().filter(depth__gt=1), translation):
        if page.alias_of_id is None:
            publish(page.specific)
    assert Page.objects.get(pk=translation.pk).live
    vietnamese = search(client, "Phát động Tháng hành động")
    with subtests.test("Vietnamese search"):
        assert source.id in vietnamese.ids
        assert translation.id not in vietnamese.ids
    with subtests.test("English search"):
        page = search(client, "Phát động Tháng hành động", prefix="/en")
        assert page.status == 200
        vi_ids = set(Page.objects.filter(locale__language_code="vi").values_list("id", flat=True))
        assert not vi_ids & set(page.ids), page.titles
        assert not vi_ids & set(page.promotions)


# Counting searches ------------------------------------------------------------------------------


def query_model():
    from wagtail.contrib.search_promotions.models import Query

    return Query


def test_each_search_is_counted_under_its_normalised_text(client, demo_site, subtests):
    Query = query_model()
    for typed in (
        "Bình đẳng giới",
        "  bình   đẳng  giới ",
        "BÌNH ĐẲNG GIỚI",
        nfd("bình đẳng giới"),
        "bình\tđẳng\ngiới",
    ):
        assert search(client, typed).status == 200
    with subtests.test("one row, five hits"):
        query = Query.objects.get(query_string="bình đẳng giới")
        assert query.hits == 5
        assert query.daily_hits.count() == 1
        assert query.daily_hits.get().date in {
            timezone.now().date(),
            timezone.localdate(),
        }
    with subtests.test("stored in NFC, lower case, single spaces"):
        for stored in Query.objects.values_list("query_string", flat=True):
            assert stored == " ".join(stored.split()).lower()
            assert stored == unicodedata.normalize("NFC", stored)
        assert Query.objects.count() == 1
    with subtests.test("unaccented is another query"):
        search(client, "binh dang gioi")
        assert Query.objects.get(query_string="binh dang gioi").hits == 1
    with subtests.test("a search that finds nothing is counted too"):
        search(client, "Olympic tin học")
        assert Query.objects.get(query_string="olympic tin học").hits == 1
    with subtests.test("an ordinary number is not personal"):
        search(client, "kế hoạch 2026")
        assert Query.objects.filter(query_string="kế hoạch 2026").exists()


def test_empty_and_personal_looking_searches_are_not_counted(client, demo_site, subtests):
    Query = query_model()
    for typed in (
        "",
        "   ",
        "nguyen.van.an@gmail.com",
        "liên hệ cô Lan lan.nguyen@thptsoctrang.edu.vn",
        "0912345678",
        "gọi 0912345678 để hỗ trợ",
        "số điện thoại +84912345678",
        "mã học sinh 123456",
        "CCCD 079301012345",
    ):
        with subtests.test(query=typed):
            assert search(client, typed).status == 200
            assert not Query.objects.exists(), list(
                Query.objects.values_list("query_string", flat=True)
            )


# Promotions -------------------------------------------------------------------------------------


def promote(query_string, *pages, **fields):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get(query_string)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order, **fields)
    return query


def test_promotions_come_first_and_match_without_tone_marks(client, demo_site, subtests):
    day_25_11, womens_day = by_title(C6), by_title(C1)
    promote("bình đẳng giới", day_25_11, womens_day, description="Nên đọc trước")
    for typed in (
        "bình đẳng giới",
        "binh dang gioi",
        "BÌNH ĐẲNG GIỚI",
        "Bình  đẳng giới",
        nfd("bình đẳng giới"),
        "bình dang gioi",
    ):
        with subtests.test(query=typed):
            page = search(client, typed)
            assert page.promotions == [day_25_11.id, womens_day.id]
            section = page.soup.select_one("section.search-promotions")
            results = page.results_list
            assert results is not None
            assert section in results.find_all_previous("section"), "promotions come first"
            assert N3 in page.titles
    for other in ("bình đẳng", "giới", "bình đẳng giới 2026", "xyzzy"):
        with subtests.test(query=other):
            assert search(client, other).promotions == []


def test_promotions_show_only_live_public_pages(client, demo_site, subtests):
    action_month, day_25_11, womens_day = by_title(C5), by_title(C6), by_title(C1)
    promote("tháng hành động", action_month, day_25_11, womens_day)
    day_25_11.unpublish()
    PageViewRestriction.objects.create(
        page=womens_day, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    page = search(client, "thang hanh dong")
    with subtests.test("live, public pages only"):
        assert page.status == 200
        assert page.promotions == [action_month.id]
        assert day_25_11.title not in page.html
        assert womens_day.title not in page.html
    with subtests.test("not in another language"):
        assert search(client, "thang hanh dong", prefix="/en").promotions == []
    with subtests.test("the results are still shown"):
        assert N3 in page.titles


def test_an_external_link_promotion_is_not_shown(client, demo_site):
    """Wagtail lets a promotion be an external link instead of a page; nothing unreviewed reaches
    the public site (docs/search.md), and the page must not break on it."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    action_month = by_title(C5)
    query = promote("tháng hành động", action_month)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.com/quang-cao",
        external_link_text="Quảng cáo bên ngoài",
        sort_order=9,
    )
    page = search(client, "thang hanh dong")
    assert page.status == 200
    assert page.promotions == [action_month.id]
    assert "example.com/quang-cao" not in page.html
    assert N3 in page.titles
