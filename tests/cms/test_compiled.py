"""Querysets whose SQL is kept (cms/compiled.py) give what Django gives — the same rows, related
objects and counts, always fresh from the database, new instances each time — and a key that
leaves out what the query depends on is caught by the test settings' check."""

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms import compiled
from home.models import NewsPage

from ..factories import make_news

Image = get_image_model()


@pytest.fixture(autouse=True)
def _empty_store():
    compiled.store.clear()
    yield
    compiled.store.clear()


@pytest.fixture
def news(news_index):
    image = Image.objects.create(
        title="Ảnh sinh hoạt", file=get_test_image_file("anh.png", size=(640, 360))
    )
    pages = []
    for number in range(5):
        page = make_news(news_index, title=f"Tin số {number}", slug=f"tin-so-{number}")
        page.listing_image = image
        page.save()
        pages.append(page)
    return pages


def listing(news_index):
    return (
        NewsPage.objects.child_of(news_index)
        .live()
        .select_related("listing_image", "locale")
        .annotate(marked=Value(7))
        .order_by("title")
    )


def described(pages):
    fields = [field.attname for field in NewsPage._meta.concrete_fields]
    return [
        (
            [getattr(page, name) for name in fields],
            page.listing_image.title if page.listing_image else None,
            page.locale.language_code,
            page.marked,
        )
        for page in pages
    ]


@pytest.mark.django_db
def test_kept_sql_gives_the_rows_related_objects_and_annotations_django_gives(news, news_index):
    expected = described(listing(news_index))
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            got = compiled.rows(("news", news_index.pk), lambda: listing(news_index))
        assert described(got) == expected
        assert len(queries.captured_queries) == 1  # the related objects came with the rows
    assert len(compiled.store) == 1


@pytest.mark.django_db
def test_slices_counts_and_empty_querysets(news, news_index):
    assert compiled.rows(("slice", 1, 3), lambda: listing(news_index)[1:3]) == list(
        listing(news_index)[1:3]
    )
    assert compiled.count(("all",), lambda: listing(news_index)) == 5
    assert compiled.count(("none",), lambda: listing(news_index).filter(pk__in=[])) == 0
    assert compiled.rows(("none",), lambda: listing(news_index).filter(pk__in=[])) == []
    assert compiled.rows(("empty slice",), lambda: listing(news_index)[0:0]) == []


@pytest.mark.django_db
def test_the_rows_are_read_afresh_each_time(news, news_index):
    key = ("fresh", news_index.pk)
    assert [p.title for p in compiled.rows(key, lambda: listing(news_index))][0] == "Tin số 0"
    NewsPage.objects.filter(pk=news[0].pk).update(title="Tin số 9 (sửa)")
    titles = [p.title for p in compiled.rows(key, lambda: listing(news_index))]
    assert titles[-1] == "Tin số 9 (sửa)" and "Tin số 0" not in titles
    NewsPage.objects.filter(pk=news[1].pk).update(live=False)
    assert compiled.count(key, lambda: listing(news_index)) == 4
    assert compiled.count(key, lambda: listing(news_index)) == 4


@pytest.mark.django_db
def test_each_call_gets_its_own_instances(news, news_index):
    first = compiled.rows(("own",), lambda: listing(news_index))
    first[0].title = "Đổi trong một yêu cầu"
    first[0].listing_image.title = "Ảnh đổi"
    second = compiled.rows(("own",), lambda: listing(news_index))
    assert second[0] is not first[0]
    assert second[0].title == "Tin số 0" and second[0].listing_image.title == "Ảnh sinh hoạt"


@pytest.mark.django_db
def test_a_key_that_leaves_out_a_value_is_caught(news, news_index, settings):
    settings.COMPILED_QUERIES_VERIFY = True
    compiled.rows(("careless",), lambda: listing(news_index).filter(title="Tin số 1"))
    with pytest.raises(AssertionError, match="does not name all it depends on"):
        compiled.rows(("careless",), lambda: listing(news_index).filter(title="Tin số 2"))
    compiled.count(("careless count",), lambda: listing(news_index).filter(title="Tin số 1"))
    with pytest.raises(AssertionError, match="does not name all it depends on"):
        compiled.count(("careless count",), lambda: listing(news_index).filter(title="Tin số 2"))


@pytest.mark.django_db
def test_a_related_managers_queryset_is_refused(news, news_index):
    """Its rows would carry the instance it was reached from into later requests."""
    with pytest.raises(ValueError, match="related manager"):
        compiled.rows(("related",), lambda: news[0].tagged_items.all())


@pytest.mark.django_db
def test_switched_off_or_without_a_key_the_queryset_is_built_each_time(news, news_index, settings):
    assert len(compiled.rows(None, lambda: listing(news_index))) == 5
    settings.COMPILED_QUERIES_ENABLED = False
    assert len(compiled.rows(("off",), lambda: listing(news_index))) == 5
    assert compiled.count(("off",), lambda: listing(news_index)) == 5
    assert len(compiled.store) == 0
