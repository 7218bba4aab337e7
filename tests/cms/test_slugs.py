"""Slugs are readable ASCII folded from Vietnamese, however the page is made: in the admin with
the Unicode slug Wagtail's script fills in (typed in NFC or NFD), or in code without a slug."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from home.models import NewsPage

from ..factories import make_campaign, make_news, news_form_data

TITLE = "Bình đẳng giới trong trường học"
UNICODE_SLUG = "bình-đẳng-giới-trong-trường-học"  # what the admin's slug script fills in
FOLDED_SLUG = "binh-dang-gioi-trong-truong-hoc"


def add_news_url(news_index):
    return reverse("wagtailadmin_pages:add", args=("home", "newspage", news_index.id))


def test_admin_folds_nfc_unicode_slug_to_ascii(youth_union_client, news_index):
    response = youth_union_client.post(
        add_news_url(news_index), news_form_data(TITLE, slug=UNICODE_SLUG)
    )

    page = NewsPage.objects.child_of(news_index).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.id,))
    assert page.slug == FOLDED_SLUG
    assert page.title == TITLE
    assert page.live is False


def test_admin_folds_nfd_unicode_slug_to_ascii(youth_union_client, news_index):
    # Typed on macOS or with some Unikey settings, the title and so the slug arrive decomposed.
    slug = unicodedata.normalize("NFD", UNICODE_SLUG)

    response = youth_union_client.post(add_news_url(news_index), news_form_data(TITLE, slug=slug))

    pages = NewsPage.objects.child_of(news_index)
    assert response.status_code == 302, response.context["form"].errors
    assert [page.slug for page in pages] == [FOLDED_SLUG]


def test_admin_folds_a_slug_typed_in_capitals(youth_union_client, news_index):
    response = youth_union_client.post(
        add_news_url(news_index), news_form_data(TITLE, slug="BÌNH-ĐẲNG-GIỚI")
    )

    assert response.status_code == 302
    assert NewsPage.objects.child_of(news_index).get().slug == "binh-dang-gioi"


def test_admin_refuses_a_slug_that_folds_onto_a_sibling(youth_union_client, news_index):
    make_news(news_index, title=TITLE)

    response = youth_union_client.post(
        add_news_url(news_index), news_form_data("Một tin khác", slug=UNICODE_SLUG)
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert NewsPage.objects.child_of(news_index).count() == 1


def test_page_made_in_code_without_slug_gets_folded_slug(news_index):
    page = make_news(news_index, title="Đoàn trường ra quân Tháng hành động")

    page.refresh_from_db()
    assert page.slug == "doan-truong-ra-quan-thang-hanh-dong"


def test_second_page_with_same_title_gets_deduplicated_ascii_slug(news_index):
    first = make_news(news_index, title="Đoàn trường ra quân Tháng hành động")
    second = make_news(news_index, title="Đoàn trường ra quân Tháng hành động")

    assert first.slug == "doan-truong-ra-quan-thang-hanh-dong"
    assert second.slug != first.slug
    assert second.slug.startswith("doan-truong-ra-quan-thang-hanh-dong-")
    assert second.slug.isascii()


def test_page_made_in_code_with_unicode_slug_stores_it_folded(news_index):
    page = make_news(news_index, title=TITLE, slug=unicodedata.normalize("NFD", UNICODE_SLUG))

    page.refresh_from_db()
    assert page.slug == FOLDED_SLUG
    assert page.url_path.endswith(f"/{FOLDED_SLUG}/")


def test_admin_stores_title_and_summary_typed_in_nfd_composed(youth_union_client, news_index):
    # cms.text.normalize: NFC is "the form the site stores and compares"; a title kept in NFD
    # is not found by a reader searching for the same words typed in NFC.
    response = youth_union_client.post(
        add_news_url(news_index),
        news_form_data(
            unicodedata.normalize("NFD", TITLE),
            slug=unicodedata.normalize("NFD", UNICODE_SLUG),
            summary=unicodedata.normalize("NFD", "Đoàn trường tổ chức sinh hoạt dưới cờ."),
        ),
    )

    assert response.status_code == 302
    draft = NewsPage.objects.child_of(news_index).get().get_latest_revision_as_object()
    assert draft.title == TITLE
    assert draft.summary == "Đoàn trường tổ chức sinh hoạt dưới cờ."


def test_admin_refuses_a_slug_a_list_uses_for_its_feed(youth_union_client, news_index):
    # /tin-tuc/rss/ is the news list's RSS feed: a news item there would never be reached.
    response = youth_union_client.post(add_news_url(news_index), news_form_data("RSS", slug="rss"))

    assert response.status_code == 200
    with translation.override("vi"):
        expected = gettext(
            "The address “%(slug)s” is taken by a view of “%(parent)s” itself (a feed or the "
            "calendar): choose another one."
        ) % {"slug": "rss", "parent": news_index.title}
    assert response.context["form"].errors["slug"] == [expected]
    assert "Địa chỉ" in expected, "the message is translated"
    assert not NewsPage.objects.child_of(news_index).exists()


def test_a_page_made_in_code_cannot_take_the_calendar_s_address(campaign_index):
    from campaigns.models import CALENDAR_PATH

    with pytest.raises(ValidationError) as error:
        make_campaign(campaign_index, title="Lịch", slug=CALENDAR_PATH.strip("/"))
    assert "slug" in error.value.message_dict
