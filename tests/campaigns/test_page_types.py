"""Campaign page types: where they may live, that the Youth Union can draft a campaign tied to a
plan item in the admin, and that campaigns render once published."""

import datetime

from django.urls import reverse
from wagtail.test.utils.form_data import rich_text, streamfield

from campaigns.models import CampaignIndexPage, CampaignPage
from home.models import HomePage

from ..factories import (
    activity,
    add_page_url,
    campaign_form_data,
    index_form_data,
    make_campaign,
)


def test_campaign_index_lives_under_the_home_page_and_holds_campaigns_only():
    assert CampaignIndexPage.allowed_parent_page_models() == [HomePage]
    assert CampaignIndexPage.allowed_subpage_models() == [CampaignPage]


def test_campaign_lives_under_the_campaign_index_and_has_no_children():
    assert CampaignPage.allowed_parent_page_models() == [CampaignIndexPage]
    assert CampaignPage.allowed_subpage_models() == []


def test_campaign_cannot_be_created_outside_the_campaign_index(
    home_page, plan_index, campaign_index
):
    assert CampaignPage.can_create_at(campaign_index)
    assert not CampaignPage.can_create_at(home_page)
    assert not CampaignPage.can_create_at(plan_index)


def test_only_one_campaign_index_per_home_page(home_page):
    assert CampaignIndexPage.can_create_at(home_page)

    home_page.add_child(instance=CampaignIndexPage(title="Chiến dịch"))

    assert not CampaignIndexPage.can_create_at(home_page)


def test_admin_refuses_a_second_campaign_index(client, superuser, home_page, campaign_index):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, CampaignIndexPage),
        index_form_data("Chiến dịch khác", "chien-dich-khac"),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert CampaignIndexPage.objects.child_of(home_page).count() == 1


def test_superuser_can_create_campaign_index_in_admin(client, superuser, home_page):
    client.force_login(superuser)

    response = client.post(
        add_page_url(home_page, CampaignIndexPage), index_form_data("Chiến dịch", "chien-dich")
    )

    index = CampaignIndexPage.objects.child_of(home_page).get()
    assert response.status_code == 302
    assert (index.title, index.slug, index.live) == ("Chiến dịch", "chien-dich", False)


def test_campaign_form_offers_the_plan_items_grouped_by_plan(
    youth_union_client, campaign_index, plan_page
):
    response = youth_union_client.get(add_page_url(campaign_index, CampaignPage))

    choices = dict(response.context["form"].fields["plan_item"].choices)
    assert response.status_code == 200
    assert [label for _value, label in choices[plan_page.title]] == [
        "II.1. Tăng cường công tác tuyên truyền",
        "II.2. Tổ chức các hoạt động hưởng ứng",
        "IV.1. BCH Đoàn trường",
        "IV.2. Giáo viên chủ nhiệm",
    ]


def test_youth_union_can_create_campaign_in_admin(
    youth_union_client, youth_union_user, campaign_index, plan_page
):
    item = plan_page.get_items()[0]
    data = campaign_form_data(
        "Tháng hành động vì bình đẳng giới 2026",
        plan=str(plan_page.id),
        plan_item=item.block_id,
        activities=streamfield(
            [activity("25/11/2026", title="Sinh hoạt dưới cờ chủ đề phòng, chống bạo lực")]
        ),
        body=streamfield([("paragraph", rich_text("<p>Hưởng ứng Tháng hành động.</p>"))]),
    )

    response = youth_union_client.post(add_page_url(campaign_index, CampaignPage), data)

    campaign = CampaignPage.objects.child_of(campaign_index).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(campaign.id,))
    assert campaign.live is False
    assert campaign.owner == youth_union_user
    assert campaign.slug == "thang-hanh-dong-vi-binh-dang-gioi-2026"
    draft = campaign.get_latest_revision_as_object()
    assert draft.observance == "action-month"
    assert draft.start_date == datetime.date(2026, 11, 15)
    assert draft.end_date == datetime.date(2026, 12, 15)
    assert draft.plan_id == plan_page.id
    assert draft.get_plan_item() == item
    assert draft.responsible_unit == "BCH Đoàn trường"
    [planned] = draft.activities
    assert planned.value["date"] == datetime.date(2026, 11, 25)
    assert planned.value["title"] == "Sinh hoạt dưới cờ chủ đề phòng, chống bạo lực"
    assert planned.value["place"] == "Sân trường"
    assert "Hưởng ứng Tháng hành động." in draft.body[0].value.source


def test_published_campaign_index_renders(client, campaign_index):
    campaign_index.save_revision().publish()

    response = client.get(campaign_index.url)

    assert response.status_code == 200
    assert "Chiến dịch" in response.content.decode()


def test_published_campaign_renders(client, campaign_index):
    campaign = make_campaign(
        campaign_index,
        title="Ngày Phụ nữ Việt Nam 20/10/2026",
        observance="vietnamese-womens-day",
        start_date=datetime.date(2026, 10, 12),
        end_date=datetime.date(2026, 10, 20),
    )
    campaign.save_revision().publish()

    response = client.get(campaign.url)

    assert response.status_code == 200
    assert "Ngày Phụ nữ Việt Nam 20/10/2026" in response.content.decode()
