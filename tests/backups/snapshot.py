"""What an auditor and a reader can see of the site, recorded so that two copies can be compared:
every live page's HTML (read over HTTP with Django's test client, at one fixed instant), search
results, the sitemap and the documents as served, every revision's content, the history (page and
model log entries), workflow and task states, users and groups with their permissions, the
SHA-256 of every media file, and a full ``dumpdata`` of every model.

The restore drill (test_restore_drill.py) takes it of the site it backs up, in the test process,
and of the restored copy by running this module in a subprocess pointed at it::

    DJANGO_SETTINGS_MODULE=tests.backups.settings DATABASE_URL=… MEDIA_ROOT=… \\
        python -m tests.backups.snapshot AT OUTPUT.json
"""

import datetime
import hashlib
import io
import json
import sys
from pathlib import Path

SEARCHES = ("binh dang gioi", "sinh hoạt dưới cờ")


def _rows(queryset, *fields):
    return [dict(row) for row in queryset.order_by("pk").values(*fields)]


def _media(root: Path) -> dict:
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _body(response) -> str:
    if response.streaming:
        content = b"".join(response.streaming_content)
        return f"{response.status_code} sha256:{hashlib.sha256(content).hexdigest()}"
    return f"{response.status_code}\n{response.content.decode()}"


def take(at: datetime.datetime) -> dict:
    """The snapshot of the site of the current settings, its pages read as they are at ``at``
    (so that both copies are read at the same instant, whenever the drill runs)."""
    import time_machine
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.cache import caches
    from django.core.management import call_command
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.models import (
        GroupPagePermission,
        ModelLogEntry,
        Page,
        PageLogEntry,
        Revision,
        TaskState,
        WorkflowState,
    )

    users = get_user_model().objects
    log_fields = (
        "pk",
        "content_type__model",
        "action",
        "user__username",
        "timestamp",
        "data",
        "uuid",
        "revision_id",
        "label",
        "content_changed",
        "deleted",
    )
    dump = io.StringIO()
    call_command("dumpdata", format="json", stdout=dump)
    snapshot = {
        "revisions": _rows(
            Revision.objects,
            "pk",
            "content_type__model",
            "object_id",
            "created_at",
            "user__username",
            "approved_go_live_at",
            "object_str",
            "content",
        ),
        "page_history": _rows(PageLogEntry.objects, *log_fields, "page_id"),
        "model_history": _rows(ModelLogEntry.objects, *log_fields, "object_id"),
        "workflow_states": _rows(
            WorkflowState.objects,
            "pk",
            "base_content_type__model",
            "object_id",
            "workflow__name",
            "status",
            "created_at",
            "requested_by__username",
            "current_task_state_id",
        ),
        "task_states": _rows(
            TaskState.objects,
            "pk",
            "workflow_state_id",
            "revision_id",
            "task__name",
            "status",
            "started_at",
            "finished_at",
            "finished_by__username",
            "comment",
        ),
        "users": _rows(
            users,
            "pk",
            "username",
            "password",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
            "last_login",
        ),
        "memberships": sorted(
            users.filter(groups__isnull=False).values_list("username", "groups__name")
        ),
        "groups": {
            group.name: sorted(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.order_by("name")
        },
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__url_path", "permission__codename"
            )
        ),
        "media": _media(Path(settings.MEDIA_ROOT)),
        "dumpdata": json.loads(dump.getvalue()),
    }
    # Read last: reading counts searches (search promotions' daily hits) and may make image
    # renditions, so the records above are of the site as it was before anyone read it here.
    snapshot["pages"] = pages = {}
    caches["pages"].clear()
    with time_machine.travel(at, tick=False):
        client = Client()
        urls = [page.get_url() for page in Page.objects.live().order_by("path")]
        urls = [url for url in urls if url]
        urls += [f"/search/?q={query}" for query in SEARCHES]
        urls += ["/sitemap.xml"]
        urls += [document.url for document in get_document_model().objects.order_by("pk")]
        for url in urls:
            pages[url] = _body(client.get(url))
    # Through JSON, as the subprocess hands it over: dates as text, tuples as lists.
    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


def main(at: str, output: str) -> None:
    import django

    django.setup()
    snapshot = take(datetime.datetime.fromisoformat(at))
    Path(output).write_text(json.dumps(snapshot, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:])
