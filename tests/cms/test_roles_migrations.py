"""The roles and workflow migrations can run again, and backwards, without changing the result."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Task, Workflow, WorkflowPage, WorkflowTask

roles = importlib.import_module("cms.migrations.0003_roles")
workflow = importlib.import_module("cms.migrations.0005_review_workflow")


def snapshot():
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list("group__name", "permission__codename")
        ),
        "workflows": sorted(Workflow.objects.values_list("name", flat=True)),
        "steps": sorted(
            WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
        ),
        "assignments": sorted(WorkflowPage.objects.values_list("page__depth", "workflow__name")),
        "tasks": Task.objects.count(),
    }


@pytest.mark.django_db
def test_running_the_migrations_again_changes_nothing():
    before = snapshot()
    roles.create_roles(apps, None)
    workflow.create_workflow(apps, None)
    assert snapshot() == before


@pytest.mark.django_db
def test_the_migrations_reverse_and_apply_again_to_the_same_state():
    before = snapshot()
    workflow.remove_workflow(apps, None)
    roles.remove_roles(apps, None)
    assert not Group.objects.filter(name__in=list(roles.PAGE_PERMISSIONS)).exists()
    assert not Workflow.objects.filter(name=workflow.WORKFLOW).exists()

    roles.create_roles(apps, None)
    workflow.create_workflow(apps, None)
    assert snapshot() == before


@pytest.mark.django_db
def test_the_groups_hold_exactly_the_page_permissions_they_need():
    assert snapshot()["page_permissions"] == sorted(
        [
            ("BCH Đoàn trường", "add_page"),
            ("BCH Đoàn trường", "change_page"),
            ("Phó Hiệu trưởng", "publish_page"),
        ]
    )
    assert snapshot()["steps"] == [
        ("Duyệt nội dung", "Ban Vì sự tiến bộ phụ nữ duyệt", 0),
        ("Duyệt nội dung", "Phó Hiệu trưởng phê duyệt", 1),
    ]
    assert snapshot()["assignments"] == [(1, "Duyệt nội dung")]
