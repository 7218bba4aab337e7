"""Home and news page types: where they may live, that editors can create them in the admin, and
that they render once published."""

import datetime

from django.urls import reverse
from wagtail.models import Page

from campaigns.models import CampaignIndexPage
from home.models import HomePage, NewsIndexPage, NewsPage
from plans.models import PlanIndexPage

from ..factories import add_page_url, index_form_data, make_news, news_form_data


def test_home_page_lives_under_the_root_only():
    assert HomePage.allowed_parent_page_models() == [Page]


def test_home_page_holds_the_three_index_pages_only():
    assert set(HomePage.allowed_subpage_models()) == {
        PlanIndexPage,
        CampaignIndexPage,
        NewsIndexPage,
    }


def test_home_page_cannot_be_nested_in_the_site(home_page, news_index):
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(home_page)
    assert not HomePage.can_create_at(news_index)


def test_news_index_lives_under_the_home_page_and_holds_news_only():
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]


def test_news_lives_under_the_news_index_and_has_no_children():
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_only_one_news_index_per_home_page(home_page):
    assert NewsIndexPage.can_create_at(home_page)

    home_page.add_child(instance=NewsIndexPage(title="Tin tức"))

    assert not NewsIndexPage.can_create_at(home_page)


def test_admin_refuses_a_second_news_index(client, superuser, home_page, news_index):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, NewsIndexPage), index_form_data("Tin tức khác", "tin-tuc-khac")
    )

    # Wagtail answers a refused page type with a redirect to the dashboard and a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert NewsIndexPage.objects.child_of(home_page).count() == 1


def test_superuser_can_create_news_index_in_admin(client, superuser, home_page):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, NewsIndexPage), index_form_data("Tin tức", "tin-tuc")
    )

    index = NewsIndexPage.objects.child_of(home_page).get()
    assert response.status_code == 302
    assert index.title == "Tin tức"
    assert index.slug == "tin-tuc"
    assert "Giới thiệu." in index.intro
    assert index.live is False
    assert index.has_unpublished_changes


def test_youth_union_can_create_news_in_admin(youth_union_client, youth_union_user, news_index):
    data = news_form_data(
        "Ra quân Tháng hành động vì bình đẳng giới",
        "ra-quan-thang-hanh-dong",
        date="16/11/2026",
        tags="tuyên truyền, 25/11",
    )

    response = youth_union_client.post(add_page_url(news_index, NewsPage), data)

    news = NewsPage.objects.child_of(news_index).get()
    assert response.status_code == 302
    assert news.title == "Ra quân Tháng hành động vì bình đẳng giới"
    assert news.slug == "ra-quan-thang-hanh-dong"
    assert news.live is False
    assert news.owner == youth_union_user
    # The draft revision holds what was typed.
    draft = news.get_latest_revision_as_object()
    assert draft.date == datetime.date(2026, 11, 16)
    assert draft.summary.startswith("Toàn trường sinh hoạt dưới cờ")
    assert [block.block_type for block in draft.body] == ["paragraph"]
    assert "Đoàn trường tổ chức buổi sinh hoạt dưới cờ." in draft.body[0].value.source
    assert sorted(tag.name for tag in draft.tags.all()) == ["25/11", "tuyên truyền"]


def test_news_draft_may_lack_its_summary(youth_union_client, news_index):
    # Wagtail defers required fields on drafts: an editor can save half-written news.
    response = youth_union_client.post(
        add_page_url(news_index, NewsPage), news_form_data("Tin chưa viết xong", summary="")
    )

    assert response.status_code == 302
    assert NewsPage.objects.child_of(news_index).get().live is False


def test_submitting_news_without_summary_is_refused(youth_union_client, news_index):
    data = news_form_data("Tin thiếu tóm tắt", summary="")
    data["action-submit"] = "action-submit"

    response = youth_union_client.post(add_page_url(news_index, NewsPage), data)

    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not NewsPage.objects.exists()


def test_published_home_page_renders(client, home_page):
    home_page.save_revision().publish()

    response = client.get(home_page.url)

    assert response.status_code == 200
    assert home_page.title in response.content.decode()


def test_published_news_index_renders(client, news_index):
    news_index.save_revision().publish()

    response = client.get(news_index.url)

    assert response.status_code == 200
    assert "Tin tức" in response.content.decode()


def test_published_news_renders(client, news_index):
    news = make_news(news_index, title="Sinh hoạt dưới cờ về bình đẳng giới")
    news.save_revision().publish()

    response = client.get(news.url)

    assert response.status_code == 200
    assert "Sinh hoạt dưới cờ về bình đẳng giới" in response.content.decode()
