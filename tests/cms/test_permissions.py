"""Every role × every page action, each as the direct request a browser (or a forged form)
would send. Only the allowed ones change anything, and nothing goes live without both
approvals (site administrators aside)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Workflow

from home.models import HomePage, NewsIndexPage, NewsPage

from ..factories import add_page_url, make_news, news_form_data

ROLES = ["anonymous", "youth_union", "committee", "vice_principal"]


@pytest.fixture
def users(youth_union_user, committee_user, vice_principal_user):
    return {
        "youth_union": youth_union_user,
        "committee": committee_user,
        "vice_principal": vice_principal_user,
    }


@pytest.fixture
def world(news_index, users):
    """A live news item, a draft, a page at each review step, and a second news list to move or
    copy pages to."""
    live = make_news(news_index, title="Tin đã đăng", slug="tin-da-dang")
    live.save_revision().publish()
    draft = make_news(news_index, title="Bản nháp", slug="ban-nhap", live=False)
    draft.owner = users["youth_union"]
    draft.save()
    draft.save_revision(user=users["youth_union"])
    workflow = Workflow.objects.get(name="Duyệt nội dung")
    at_step_1 = make_news(news_index, title="Chờ Ban duyệt", slug="cho-ban-duyet", live=False)
    at_step_1.save_revision(user=users["youth_union"])
    workflow.start(at_step_1, users["youth_union"])
    at_step_2 = make_news(news_index, title="Chờ Phó HT duyệt", slug="cho-pht-duyet", live=False)
    at_step_2.save_revision(user=users["youth_union"])
    workflow.start(at_step_2, users["youth_union"])
    at_step_2 = NewsPage.objects.get(pk=at_step_2.pk)
    at_step_2.current_workflow_task.on_action(
        at_step_2.current_workflow_task_state, users["committee"], "approve"
    )
    second_home = HomePage(title="Trang thứ hai", slug="trang-thu-hai")
    Page.get_first_root_node().add_child(instance=second_home)
    other_index = NewsIndexPage(title="Tin khác", slug="tin-khac")
    second_home.add_child(instance=other_index)
    return {
        "index": news_index,
        "live": live,
        "draft": draft,
        "step_1": at_step_1,
        "step_2": at_step_2,
        "other_index": other_index,
    }


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def step(page):
    state = fresh(page).current_workflow_task_state
    return state.task.name if state and state.status == "in_progress" else None


def workflow_url(page, action):
    state = fresh(page).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def data(title, slug, **extra):
    return {**news_form_data(title, slug), **extra}


# Each action: (request, outcome). The request is sent by the role; the outcome tells whether
# the action took effect, read from the database.
def create(client, w):
    client.post(add_page_url(w["index"], NewsPage), data("Tin mới", "tin-moi"))
    return NewsPage.objects.filter(slug="tin-moi").exists()


def edit(client, w):
    client.post(edit_url(w["draft"]), data("Bản nháp đã sửa", "ban-nhap"))
    return fresh(w["draft"]).get_latest_revision().as_object().title == "Bản nháp đã sửa"


def submit(client, w):
    client.post(edit_url(w["draft"]), data("Bản nháp", "ban-nhap", **{"action-submit": "1"}))
    return fresh(w["draft"]).workflow_in_progress


def approve_step_1(client, w):
    client.post(workflow_url(w["step_1"], "approve"))
    return step(w["step_1"]) == "Phó Hiệu trưởng phê duyệt"


def reject_step_1(client, w):
    client.post(workflow_url(w["step_1"], "reject"), {"comment": "Cần sửa."})
    return fresh(w["step_1"]).current_workflow_state.status == "needs_changes"


def approve_step_2(client, w):
    client.post(workflow_url(w["step_2"], "approve"))
    return fresh(w["step_2"]).live


def reject_step_2(client, w):
    client.post(workflow_url(w["step_2"], "reject"), {"comment": "Cần sửa."})
    return fresh(w["step_2"]).current_workflow_state.status == "needs_changes"


def publish(client, w):
    client.post(edit_url(w["draft"]), data("Bản nháp", "ban-nhap", **{"action-publish": "1"}))
    return fresh(w["draft"]).live


def publish_at_step_2(client, w):
    client.post(
        edit_url(w["step_2"]), data("Chờ Phó HT duyệt", "cho-pht-duyet", **{"action-publish": "1"})
    )
    return fresh(w["step_2"]).live


def unpublish(client, w):
    client.post(reverse("wagtailadmin_pages:unpublish", args=(w["live"].pk,)))
    return not fresh(w["live"]).live


def delete(client, w):
    client.post(reverse("wagtailadmin_pages:delete", args=(w["live"].pk,)))
    return not Page.objects.filter(pk=w["live"].pk).exists()


def delete_draft(client, w):
    client.post(reverse("wagtailadmin_pages:delete", args=(w["draft"].pk,)))
    return not Page.objects.filter(pk=w["draft"].pk).exists()


def move(client, w):
    url = reverse("wagtailadmin_pages:move_confirm", args=(w["live"].pk, w["other_index"].pk))
    client.post(url)
    return fresh(w["live"]).get_parent().pk == w["other_index"].pk


def copy_live(client, w):
    client.post(
        reverse("wagtailadmin_pages:copy", args=(w["live"].pk,)),
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": w["index"].pk,
            "publish_copies": "on",
        },
    )
    return NewsPage.objects.filter(slug="ban-sao", live=True).exists()


def revert_and_publish(client, w):
    live = fresh(w["live"])
    first = live.revisions.order_by("created_at").first()
    live.title = "Nội dung mới chưa duyệt"
    live.save_revision()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(live.pk, first.pk))
    client.post(url, data("Khôi phục rồi đăng", "tin-da-dang", **{"action-publish": "1"}))
    return fresh(w["live"]).title == "Khôi phục rồi đăng"


def bulk_publish(client, w):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{url}?id={w['draft'].pk}&id={w['step_2'].pk}")
    return fresh(w["draft"]).live or fresh(w["step_2"]).live


def bulk_unpublish(client, w):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
    client.post(f"{url}?id={w['live'].pk}")
    return not fresh(w["live"]).live


def bulk_delete(client, w):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(f"{url}?id={w['live'].pk}")
    return not Page.objects.filter(pk=w["live"].pk).exists()


def api_publish(client, w):
    client.post(f"/admin/api/main/pages/{w['draft'].pk}/action/publish/")
    return fresh(w["draft"]).live


def api_alias(client, w):
    client.post(
        f"/admin/api/main/pages/{w['live'].pk}/action/create_alias/",
        {"destination_page_id": w["other_index"].pk, "update_slug": "ban-bi-danh"},
        content_type="application/json",
    )
    return NewsPage.objects.filter(slug="ban-bi-danh").exists()


# Who may do what. Everything not listed is refused for every role.
ALLOWED = {
    "youth_union": {create, edit, submit, delete_draft},
    "committee": {approve_step_1, reject_step_1},
    "vice_principal": {approve_step_2, reject_step_2, unpublish, bulk_unpublish},
    "anonymous": set(),
}
ACTIONS = [
    create,
    edit,
    submit,
    approve_step_1,
    reject_step_1,
    approve_step_2,
    reject_step_2,
    publish,
    publish_at_step_2,
    unpublish,
    delete,
    delete_draft,
    move,
    copy_live,
    revert_and_publish,
    bulk_publish,
    bulk_unpublish,
    bulk_delete,
    api_publish,
    api_alias,
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, action, users, world):
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    live_before = set(Page.objects.filter(live=True).values_list("pk", flat=True))

    took_effect = action(client, world)

    assert took_effect == (action in ALLOWED[role]), (
        f"{role} {'could' if took_effect else 'could not'} {action.__name__}"
    )
    # Whatever happened, only the final review approval made a page live.
    newly_live = set(Page.objects.filter(live=True).values_list("pk", flat=True)) - live_before
    expected = {world["step_2"].pk} if took_effect and action is approve_step_2 else set()
    assert newly_live == expected


# The requests above are well-formed: a site administrator, who may bypass the review, gets
# each of them done. (Review steps are left out: nobody approves a step on someone's behalf.)
ADMINISTRATOR_ACTIONS = [
    a for a in ACTIONS if a not in {approve_step_1, reject_step_1, approve_step_2, reject_step_2}
]


@pytest.mark.parametrize("action", ADMINISTRATOR_ACTIONS, ids=lambda a: a.__name__)
def test_a_site_administrator_can_do_each_action(action, superuser, world):
    client = Client()
    client.force_login(superuser)
    assert action(client, world), f"the administrator could not {action.__name__}"
