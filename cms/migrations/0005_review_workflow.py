"""The review workflow "Duyệt nội dung": the committee reviews, then the vice principal approves.

Assigned at the tree's root, so it covers every locale's home page and the plans, campaigns and
news sections under it, including trees added later. Wagtail's sample workflow and groups
(Moderators, Editors) are removed: their rights would bypass the review.
"""

from django.db import migrations

WORKFLOW = "Duyệt nội dung"
STEPS = [
    # name, group, final step
    ("Ban Vì sự tiến bộ phụ nữ duyệt", "Ban Vì sự tiến bộ phụ nữ", False),
    ("Phó Hiệu trưởng phê duyệt", "Phó Hiệu trưởng", True),
]
WAGTAIL_SAMPLE_GROUPS = ["Moderators", "Editors"]
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReviewTask = apps.get_model("cms", "ReviewTask")

    sample = Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).first()
    if sample is not None:
        Task.objects.filter(workflow_tasks__workflow=sample, name=WAGTAIL_SAMPLE_WORKFLOW).delete()
        sample.delete()
    Group.objects.filter(name__in=WAGTAIL_SAMPLE_GROUPS).delete()

    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="reviewtask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, (name, group_name, is_final) in enumerate(STEPS):
        step, _ = ReviewTask.objects.get_or_create(
            name=name,
            defaults={"content_type": content_type, "active": True, "is_final": is_final},
        )
        step.groups.set([Group.objects.get(name=group_name)])
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=step, defaults={"sort_order": order}
        )
    WorkflowPage.objects.update_or_create(
        page=Page.objects.get(depth=1), defaults={"workflow": workflow}
    )


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ReviewTask = apps.get_model("cms", "ReviewTask")
    Workflow.objects.filter(name=WORKFLOW).delete()
    ReviewTask.objects.filter(name__in=[name for name, _group, _final in STEPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_review_task")]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
