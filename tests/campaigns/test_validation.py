"""A campaign that contradicts itself or its plan is refused, in Vietnamese, with what the editor
typed kept in the re-shown form; the same rules hold for campaigns saved in code."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import streamfield

from campaigns.models import CampaignPage

from ..factories import (
    activity,
    add_page_url,
    campaign_form_data,
    make_campaign,
    make_plan,
    shown_text,
)

# What the Vietnamese catalogue says (locale/vi/LC_MESSAGES/django.po).
END_BEFORE_START = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
OUTSIDE_PLAN_YEAR = "Chiến dịch phải diễn ra trong năm của kế hoạch"
ITEM_NOT_IN_PLAN = "Mục này không thuộc kế hoạch đã chọn."
ITEM_WITHOUT_PLAN = "Hãy chọn kế hoạch trước khi chọn một mục của kế hoạch."
ACTIVITIES_OUTSIDE = "Các hoạt động sau nằm ngoài thời gian của chiến dịch"

TITLE = "Tháng hành động vì bình đẳng giới 2026"
SUMMARY = "Chuỗi hoạt động tuyên truyền phòng, chống bạo lực trên cơ sở giới cho học sinh."


@pytest.fixture
def other_plan(plan_index):
    """A second plan of 2026, with items of its own."""
    return make_plan(
        plan_index,
        year=2026,
        title="Kế hoạch tổ chức Tháng hành động năm 2026",
        sections=None,
    )


def post_campaign(client, campaign_index, **fields):
    data = campaign_form_data(TITLE, summary=SUMMARY, **fields)
    return client.post(add_page_url(campaign_index, CampaignPage), data)


def assert_refused_keeping_input(response, *fields):
    """The form is shown again with errors on ``fields``, nothing saved, the input kept."""
    assert response.status_code == 200
    assert not CampaignPage.objects.exists()
    assert set(response.context["form"].errors) == set(fields)
    text = shown_text(response)
    assert TITLE in text
    assert SUMMARY in text
    return text


def test_admin_is_in_vietnamese_by_default(youth_union_client, campaign_index):
    response = youth_union_client.get(add_page_url(campaign_index, CampaignPage))

    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_campaign_end_before_start_is_refused_in_vietnamese(youth_union_client, campaign_index):
    response = post_campaign(
        youth_union_client, campaign_index, start_date="15/12/2026", end_date="15/11/2026"
    )

    text = assert_refused_keeping_input(response, "end_date")
    assert "15/12/2026" in text
    assert END_BEFORE_START in text


def test_campaign_outside_its_plan_year_is_refused_in_vietnamese(
    youth_union_client, campaign_index, plan_page
):
    response = post_campaign(
        youth_union_client,
        campaign_index,
        start_date="15/11/2027",
        end_date="15/12/2027",
        plan=str(plan_page.id),
    )

    text = assert_refused_keeping_input(response, "start_date", "end_date")
    assert OUTSIDE_PLAN_YEAR in text


def test_campaign_with_an_item_of_another_plan_is_refused_in_vietnamese(
    youth_union_client, campaign_index, plan_page, other_plan
):
    foreign_item = other_plan.get_items()[0]

    response = post_campaign(
        youth_union_client,
        campaign_index,
        plan=str(plan_page.id),
        plan_item=foreign_item.block_id,
    )

    text = assert_refused_keeping_input(response, "plan_item")
    assert ITEM_NOT_IN_PLAN in text


def test_campaign_with_an_item_but_no_plan_is_refused_in_vietnamese(
    youth_union_client, campaign_index, plan_page
):
    response = post_campaign(
        youth_union_client, campaign_index, plan="", plan_item=plan_page.get_items()[0].block_id
    )

    text = assert_refused_keeping_input(response, "plan_item")
    assert ITEM_WITHOUT_PLAN in text


def test_campaign_activity_outside_its_period_is_refused_in_vietnamese(
    youth_union_client, campaign_index
):
    response = post_campaign(
        youth_union_client,
        campaign_index,
        activities=streamfield(
            [
                activity("25/11/2026", title="Sinh hoạt dưới cờ"),
                activity("20/10/2026", title="Hội thi tìm hiểu về phụ nữ Việt Nam"),
            ]
        ),
    )

    text = assert_refused_keeping_input(response, "activities")
    # The activity the editor typed is still there, and the message names the stray one.
    [message] = response.context["form"].errors["activities"]
    assert "Hội thi tìm hiểu về phụ nữ Việt Nam" in message
    assert "Sinh hoạt dưới cờ" not in message
    assert ACTIVITIES_OUTSIDE in text


def test_campaign_activities_on_the_first_and_last_day_are_accepted(
    youth_union_client, campaign_index, plan_page
):
    response = post_campaign(
        youth_union_client,
        campaign_index,
        plan=str(plan_page.id),
        plan_item=plan_page.get_items()[2].block_id,
        activities=streamfield(
            [activity("15/11/2026", title="Lễ ra quân"), activity("15/12/2026", title="Tổng kết")]
        ),
    )

    assert response.status_code == 302
    campaign = CampaignPage.objects.get()
    assert [a.value["title"] for a in campaign.activities] == ["Lễ ra quân", "Tổng kết"]
    assert campaign.get_plan_item() == plan_page.get_items()[2]


def test_one_day_campaign_is_accepted(youth_union_client, campaign_index):
    response = post_campaign(
        youth_union_client,
        campaign_index,
        observance="elimination-of-violence-day",
        start_date="25/11/2026",
        end_date="25/11/2026",
    )

    assert response.status_code == 302
    assert CampaignPage.objects.get().start_date == datetime.date(2026, 11, 25)


# The same rules for campaigns saved in code (load_demo, imports): keys, whatever the language.


@pytest.fixture
def campaign(campaign_index, plan_page):
    return make_campaign(
        campaign_index, plan=plan_page, plan_item=plan_page.get_items()[0].block_id
    )


def refused_fields(page):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        page.full_clean()
    return set(refused.value.message_dict)


def test_valid_campaign_passes_model_validation(campaign):
    with translation.override("vi"):
        campaign.full_clean()


def test_model_refuses_end_before_start(campaign):
    campaign.start_date, campaign.end_date = campaign.end_date, campaign.start_date

    assert refused_fields(campaign) == {"end_date"}


def test_model_refuses_a_campaign_outside_its_plan_year(campaign):
    campaign.start_date = datetime.date(2027, 11, 15)
    campaign.end_date = datetime.date(2027, 12, 15)

    assert refused_fields(campaign) == {"start_date", "end_date"}


def test_model_refuses_a_campaign_running_into_the_next_year(campaign):
    campaign.start_date = datetime.date(2026, 12, 20)
    campaign.end_date = datetime.date(2027, 1, 10)

    assert refused_fields(campaign) == {"end_date"}


def test_model_refuses_an_item_of_another_plan(campaign, other_plan):
    campaign.plan_item = other_plan.get_items()[0].block_id

    assert refused_fields(campaign) == {"plan_item"}


def test_model_refuses_an_item_without_its_plan(campaign):
    campaign.plan = None

    assert refused_fields(campaign) == {"plan_item"}


def test_model_refuses_activities_outside_the_period(campaign):
    campaign.activities = [
        (
            "activity",
            {
                "date": datetime.date(2026, 12, 16),
                "title": "Tổng kết muộn",
                "place": "Hội trường",
                "audience": "Toàn trường",
            },
        )
    ]

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        campaign.full_clean()

    assert set(refused.value.message_dict) == {"activities"}
    assert "Tổng kết muộn" in refused.value.message_dict["activities"][0]


def test_saving_an_invalid_campaign_in_code_is_refused(campaign_index):
    with pytest.raises(ValidationError):
        make_campaign(
            campaign_index,
            start_date=datetime.date(2026, 12, 15),
            end_date=datetime.date(2026, 11, 15),
        )

    assert not CampaignPage.objects.exists()
