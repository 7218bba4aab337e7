"""The admin's page search and page chooser find pages the way the public search does: without
tone marks, in NFD, in any case, ``d`` for ``đ``, either tone placement — for an editor logged in
as a member of the Youth Union. Both are Wagtail's as-you-type search (``autocomplete``) over page
titles, so the words here are in titles, and a word being typed ("binh da") already finds."""

import datetime
import re

import pytest
from django.urls import reverse

from home.models import NewsPage
from tests.factories import make_campaign, make_news

from .corpus import nfd


@pytest.fixture
def pages(plan_page, campaign_index, news_index):
    """The 2026 plan and the Action Month (both say "bình đẳng giới" in their titles), news items
    titled with "Đoàn", the old tone placement "hoà", the new "thủy", one titled in NFD, and an
    unpublished draft."""
    campaign = make_campaign(campaign_index)
    news = {
        key: make_news(news_index, title=title)
        for key, title in (
            ("doan", "Đoàn trường ra quân tình nguyện hè"),
            ("hoa", "Ra mắt câu lạc bộ hoà giải"),
            ("thuy", "Tham quan nhà máy thủy điện"),
            ("puppets", nfd("Biểu diễn múa rối nước")),
        )
    }
    draft = NewsPage(
        title="Bay khinh khí cầu",
        summary="Bản nháp chưa duyệt.",
        body=[("paragraph", "<p>Chưa duyệt.</p>")],
        date=datetime.date(2026, 6, 1),
        live=False,
    )
    news_index.add_child(instance=draft)
    draft.save_revision()
    return {"plan": plan_page, "campaign": campaign, **news, "draft": draft}


def admin_search_ids(client, query) -> set[int]:
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200, query
    return {int(i) for i in re.findall(r"/admin/pages/(\d+)/edit/", response.content.decode())}


def chooser_search_ids(client, query) -> set[int]:
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200, query
    return {int(i) for i in re.findall(r'data-id="(\d+)"', response.content.decode())}


def cases(pages):
    gender_equality = {pages["plan"].id, pages["campaign"].id}
    return [
        ("binh dang gioi", gender_equality),
        ("bình đẳng giới", gender_equality),
        (nfd("bình đẳng giới"), gender_equality),
        ("BINH DANG GIOI", gender_equality),
        ("BÌNH ĐẲNG GIỚI", gender_equality),
        ("bình dang gioi", gender_equality),
        ("binh da", gender_equality),  # still typing
        (nfd("bình đẳ"), gender_equality),
        ("Doan truong", {pages["doan"].id}),
        ("ĐOÀN TRƯỜNG", {pages["doan"].id}),
        ("hòa giải", {pages["hoa"].id}),
        ("hoa giai", {pages["hoa"].id}),
        ("thuỷ điện", {pages["thuy"].id}),
        ("thuy dien", {pages["thuy"].id}),
        ("múa rối", {pages["puppets"].id}),
        ("mua roi", {pages["puppets"].id}),
        ("khinh khi cau", {pages["draft"].id}),  # editors find their drafts
    ]


def test_admin_page_search_folds_vietnamese(pages, youth, subtests):
    everything = {page.id for page in pages.values()}
    for query, expected in cases(pages):
        with subtests.test(query=query):
            found = admin_search_ids(youth.client, query)
            assert expected <= found, (query, expected - found)
            assert not (everything - expected) & found, (query, found)


def test_admin_page_chooser_search_folds_vietnamese(pages, youth, subtests):
    everything = {page.id for page in pages.values()}
    for query, expected in cases(pages):
        with subtests.test(query=query):
            found = chooser_search_ids(youth.client, query)
            assert expected <= found, (query, expected - found)
            assert not (everything - expected) & found, (query, found)
