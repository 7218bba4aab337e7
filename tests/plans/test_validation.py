"""A plan whose number is already taken in its year, or dated outside its year, is refused, in
Vietnamese, with what the editor typed kept in the re-shown form; the same rules hold for plans
saved in code."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from plans.models import PlanPage

from ..factories import add_page_url, make_plan, plan_form_data, shown_text

# What the Vietnamese catalogue says (locale/vi/LC_MESSAGES/django.po).
NUMBER_TAKEN = "đã được dùng trong năm"
ISSUED_OUTSIDE_YEAR = "Ngày ban hành phải thuộc năm của kế hoạch"

TITLE = "Kế hoạch tổ chức Tháng hành động vì bình đẳng giới năm 2026"
SUBJECT = "Tổ chức các hoạt động hưởng ứng Tháng hành động vì bình đẳng giới năm 2026"


def post_plan(client, plan_index, **fields):
    data = plan_form_data(TITLE, **{"subject": SUBJECT, **fields})
    return client.post(add_page_url(plan_index, PlanPage), data)


def assert_refused_keeping_input(response, plan_index, *fields):
    """The form is shown again with errors on ``fields``, nothing saved, the input kept."""
    assert response.status_code == 200
    assert not PlanPage.objects.child_of(plan_index).filter(title=TITLE).exists()
    assert set(response.context["form"].errors) == set(fields)
    text = shown_text(response)
    assert TITLE in text
    assert SUBJECT in text
    assert "Tăng cường công tác tuyên truyền" in text  # the section item typed in the stream
    return text


def test_plan_number_taken_in_the_same_year_is_refused_in_vietnamese(
    youth_union_client, plan_index, plan_page
):
    response = post_plan(
        youth_union_client, plan_index, year="2026", document_number=plan_page.document_number
    )

    text = assert_refused_keeping_input(response, plan_index, "document_number")
    [message] = response.context["form"].errors["document_number"]
    assert plan_page.title in message  # names the plan that holds the number
    assert NUMBER_TAKEN in text


def test_plan_number_with_spaces_is_still_recognised_as_taken(
    youth_union_client, plan_index, plan_page
):
    response = post_plan(youth_union_client, plan_index, year="2026", document_number=" 125 ")

    assert_refused_keeping_input(response, plan_index, "document_number")


def test_plan_number_of_another_year_is_accepted(youth_union_client, plan_index, plan_page):
    response = post_plan(
        youth_union_client,
        plan_index,
        year="2027",
        document_number=plan_page.document_number,
        subject=SUBJECT.replace("2026", "2027"),
    )

    assert response.status_code == 302
    plan = PlanPage.objects.get(title=TITLE)
    assert (plan.year, plan.document_number) == (2027, "125")


def test_plan_issued_outside_its_year_is_refused_in_vietnamese(youth_union_client, plan_index):
    response = post_plan(youth_union_client, plan_index, year="2026", issued_on="30/12/2025")

    text = assert_refused_keeping_input(response, plan_index, "issued_on")
    assert "30/12/2025" in text
    assert ISSUED_OUTSIDE_YEAR in text


def test_plan_issued_on_the_last_day_of_its_year_is_accepted(youth_union_client, plan_index):
    response = post_plan(youth_union_client, plan_index, year="2026", issued_on="31/12/2026")

    assert response.status_code == 302
    assert PlanPage.objects.get(title=TITLE).issued_on == datetime.date(2026, 12, 31)


def test_several_unnumbered_plans_of_a_year_are_accepted(youth_union_client, plan_index):
    make_plan(plan_index, year=2026, title="Kế hoạch chưa ban hành", document_number="")

    response = post_plan(youth_union_client, plan_index, year="2026", document_number="")

    assert response.status_code == 302
    assert PlanPage.objects.filter(year=2026, document_number="").count() == 2


# The same rules for plans saved in code (load_demo, imports): keys, whatever the language.


def refused_fields(page):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        page.full_clean()
    return refused.value.message_dict


def test_valid_plan_passes_model_validation(plan_page):
    with translation.override("vi"):
        plan_page.full_clean()


def test_model_refuses_a_number_taken_in_the_same_year(plan_index, plan_page):
    other = make_plan(plan_index, year=2026, title="Kế hoạch khác", document_number="126")
    other.document_number = plan_page.document_number

    errors = refused_fields(other)

    assert set(errors) == {"document_number"}
    assert plan_page.title in errors["document_number"][0]


def test_model_refuses_a_date_of_issue_outside_the_year(plan_page):
    plan_page.issued_on = datetime.date(2027, 1, 5)

    assert set(refused_fields(plan_page)) == {"issued_on"}


def test_model_refuses_both_faults_at_once(plan_index, plan_page):
    other = make_plan(plan_index, year=2026, title="Kế hoạch khác")
    other.document_number = plan_page.document_number
    other.issued_on = datetime.date(2025, 12, 30)

    assert set(refused_fields(other)) == {"document_number", "issued_on"}


def test_saving_a_plan_with_a_taken_number_in_code_is_refused(plan_index, plan_page):
    with pytest.raises(ValidationError):
        make_plan(plan_index, year=2026, title="Kế hoạch trùng số", document_number="125")

    assert not PlanPage.objects.filter(title="Kế hoạch trùng số").exists()


def test_translation_of_a_plan_keeps_its_number(plan_page):
    english = plan_page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )

    with translation.override("vi"):
        english.full_clean()
    assert english.document_number == plan_page.document_number
    assert english.translation_key == plan_page.translation_key
