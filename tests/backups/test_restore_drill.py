"""The restore drill (docs/backup.md): real content made through the admin by the real roles,
backed up with ``manage.py backup``, restored with ``manage.py restore`` into an empty database
and media folder, and read back by a process of its own: the same pages byte for byte, the same
revisions, history, workflow states, users, groups and media files. Runs on the database the
test run uses (SQLite, or PostgreSQL with DATABASE_URL; pg_dump, pg_restore and psql then come
from Debian's postgresql-client, and a missing one fails the test).

Also: a restore refuses a tampered archive, a backup made by newer code and a database that is
not empty (unless --force, which replaces it), changing nothing, and the backup of a site with no
content restores too.
"""

import datetime
import io
import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, Revision, WorkflowState

from cms.backup import MANIFEST
from home.models import NewsPage

from ..factories import add_page_url, news_form_data
from .snapshot import take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The refusal IT reads, as the catalogue has it in Vietnamese (the command's language).
NOT_EMPTY = (
    "The database %(name)s is not empty. Restore into a new, empty database, or add --force to "
    "replace everything in it. Nothing was changed."
)
NEWER_CODE = (
    "This backup was made by newer code: these migrations are not in this code: "
    "%(migrations)s. Deploy the code the backup was made with (or newer), then restore. "
    "Nothing was changed."
)


def vietnamese(message):
    with translation.override("vi"):
        return gettext(message)


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), "#6a1b4d").save(buffer, format="PNG")
    return SimpleUploadedFile("ngay-hoi-binh-dang.png", buffer.getvalue(), "image/png")


def upload_image(user):
    response = user.client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ngày hội bình đẳng giới",
            "description": "Học sinh vẽ tranh cổ động về bình đẳng giới",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "file": png(),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title="Ngày hội bình đẳng giới")


def upload_document(user):
    text = "Kế hoạch thực hiện công tác bình đẳng giới năm 2026\n".encode()
    response = user.client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Kế hoạch bình đẳng giới 2026",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "file": SimpleUploadedFile("ke-hoach-2026.txt", text, "text/plain"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title="Kế hoạch bình đẳng giới 2026")


def draft_and_submit(youth, news_index, title, slug, **fields):
    data = news_form_data(title, slug, **fields)
    data["action-submit"] = "1"
    response = youth.client.post(add_page_url(news_index, NewsPage), data)
    assert response.status_code == 302
    return NewsPage.objects.get(slug=slug)


def review(committee, vice_principal, page, **final):
    assert committee.approve(page).status_code == 302
    assert vice_principal.approve(page, **final).status_code == 302


@pytest.fixture
def site_content(media_root, news_index, youth, committee, vice_principal):
    """A small site made as the school makes it: a news item with a photo drafted by the Youth
    Union, reviewed by the committee and published by the vice principal, then edited and
    reviewed again; a second item scheduled for later; a document; an English translation
    started; the English home page live."""
    image = upload_image(youth)
    upload_document(youth)
    news = draft_and_submit(
        youth,
        news_index,
        "Ngày hội bình đẳng giới",
        "ngay-hoi-binh-dang-gioi",
        image=str(image.pk),
    )
    review(committee, vice_principal, news, comment="Đồng ý đăng.")
    edited = news_form_data(
        "Ngày hội bình đẳng giới",
        "ngay-hoi-binh-dang-gioi",
        image=str(image.pk),
        summary="Toàn trường hưởng ứng ngày hội bình đẳng giới với tranh cổ động.",
    )
    assert youth.submit(news, edited).status_code == 302
    review(committee, vice_principal, news)

    scheduled = draft_and_submit(youth, news_index, "Sinh hoạt dưới cờ", "sinh-hoat-duoi-co")
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    review(committee, vice_principal, scheduled, go_live_at=go_live.strftime("%d/%m/%Y %H:%M"))

    english = Locale.objects.get(language_code="en")
    home = news_index.get_parent()
    english_home = home.copy_for_translation(english)
    english_home.title = "Gender equality"
    english_home.save_revision().publish()  # set-up, as in tests/cms/test_translation_workflow.py
    response = youth.client.post(
        reverse("wagtail_localize:submit_page_translation", args=(news.pk,)),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302

    # What the drill must carry over is there to be carried.
    news = NewsPage.objects.get(pk=news.pk)
    assert news.live and news.image_id == image.pk
    assert Revision.page_revisions.filter(object_id=str(news.pk)).count() >= 2
    assert NewsPage.objects.get(pk=scheduled.pk).get_latest_revision().approved_go_live_at
    assert PageLogEntry.objects.filter(action="wagtail.workflow.approve").count() >= 6
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_APPROVED).count() == 3
    assert NewsPage.objects.filter(locale=english).exists()
    return news


def read_every_page(client):
    """A reader visits every live page (which makes the renditions of their images, as on the
    real site before a backup)."""
    for page in Page.objects.live():
        if page.get_url():
            assert client.get(page.get_url()).status_code == 200


def test_the_restored_copy_serves_the_same_site(
    site_content, media_root, empty_target, tmp_path, client
):
    read_every_page(client)
    output = tmp_path / "backups"
    call_command("backup", output=output, stdout=io.StringIO())
    (archive,) = output.glob("cms-backup-*.tar.gz")
    # Recorded after the backup, before anything else changes: the state the backup holds.
    at = timezone.now().replace(microsecond=0)
    original = take(at)
    assert any(name.startswith("images/") for name in original["media"])
    assert any(name.startswith("original_images/") for name in original["media"])
    assert any(name.startswith("documents/") for name in original["media"])
    news_html = original["pages"]["/tin-tuc/ngay-hoi-binh-dang-gioi/"]
    assert news_html.startswith("200") and "<img" in news_html
    assert "csrfmiddlewaretoken" not in json.dumps(original["pages"])

    result = empty_target.run("restore", str(archive))
    assert result.returncode == 0, result.stderr
    restored = empty_target.snapshot(at, tmp_path)

    assert set(restored) == set(original)
    for part in original:
        assert restored[part] == original[part], part
    # And the copy is no empty shell equal to another empty shell.
    assert len(original["pages"]) >= 6
    assert len(original["revisions"]) >= 6
    assert len(original["page_history"]) >= 10


def test_a_tampered_archive_is_refused_and_nothing_is_changed(
    site_content, media_root, empty_target, tmp_path
):
    output = tmp_path / "backups"
    call_command("backup", output=output, stdout=io.StringIO())
    (archive,) = output.glob("cms-backup-*.tar.gz")
    # One byte of the photo changed, the manifest left as it was.
    tampered = tmp_path / "tampered.tar.gz"
    changed = None
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if changed is None and member.name.startswith("media/original_images/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
                changed = member.name
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    assert changed

    result = empty_target.run("restore", str(tampered))

    assert result.returncode != 0
    assert changed in result.stderr
    assert "SHA-256" in result.stderr
    assert empty_target.table_count() == 0
    assert not empty_target.media_root.exists()


def test_a_database_that_is_not_empty_is_refused_without_force(site_content, media_root, tmp_path):
    output = tmp_path / "backups"
    call_command("backup", output=output, stdout=io.StringIO())
    (archive,) = output.glob("cms-backup-*.tar.gz")
    # Written after the backup: a restore over this database would lose it.
    Page.objects.filter(pk=site_content.pk).update(title="Sửa sau khi sao lưu")
    media_before = sorted(path.name for path in media_root.rglob("*"))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert str(refused.value) == vietnamese(NOT_EMPTY) % {"name": connection.settings_dict["NAME"]}
    assert Page.objects.get(pk=site_content.pk).title == "Sửa sau khi sao lưu"
    assert sorted(path.name for path in media_root.rglob("*")) == media_before


def test_force_replaces_a_database_that_is_not_empty(
    site_content, media_root, empty_target, tmp_path
):
    call_command("backup", output=tmp_path / "first", stdout=io.StringIO())
    Page.objects.filter(pk=site_content.pk).update(title="Tiêu đề của bản sao lưu thứ hai")
    call_command("backup", output=tmp_path / "second", stdout=io.StringIO())
    (first,) = (tmp_path / "first").glob("cms-backup-*.tar.gz")
    (second,) = (tmp_path / "second").glob("cms-backup-*.tar.gz")
    title = f"SELECT title FROM wagtailcore_page WHERE id = {int(site_content.pk)}"  # noqa: S608
    assert empty_target.run("restore", str(first)).returncode == 0

    refused = empty_target.run("restore", str(second))
    assert refused.returncode != 0
    assert "--force" in refused.stderr
    assert empty_target.scalar(title) == "Ngày hội bình đẳng giới"

    replaced = empty_target.run("restore", str(second), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert empty_target.scalar(title) == "Tiêu đề của bản sao lưu thứ hai"
    # The media folder that was there is set aside, not deleted.
    assert list(empty_target.media_root.parent.glob("restored-media.before-restore-*"))


def test_the_backup_of_a_site_without_content_restores(media_root, empty_target, tmp_path):
    output = tmp_path / "backups"
    call_command("backup", output=output, stdout=io.StringIO())
    (archive,) = output.glob("cms-backup-*.tar.gz")
    at = timezone.now().replace(microsecond=0)
    original = take(at)
    with tarfile.open(archive) as backup:
        manifest = json.load(backup.extractfile(MANIFEST))
    assert list(manifest["files"]) == [manifest["database"]["file"]]
    assert (archive.parent / f"{archive.name}.sha256").read_text().endswith(f"  {archive.name}\n")

    result = empty_target.run("restore", str(archive))
    assert result.returncode == 0, result.stderr
    restored = empty_target.snapshot(at, tmp_path)

    assert restored == original
    assert original["pages"]["/"].startswith("200")


def test_a_backup_made_by_newer_code_is_refused(media_root, tmp_path):
    output = tmp_path / "backups"
    call_command("backup", output=output, stdout=io.StringIO())
    (archive,) = output.glob("cms-backup-*.tar.gz")
    # The same backup, as if made after a migration this code does not have yet.
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(newer, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == MANIFEST:
                manifest = json.loads(data)
                manifest["migrations"].append(["home", "9999_from_the_future"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    pages = Page.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(newer), "--force", stdout=io.StringIO())

    assert str(refused.value) == vietnamese(NEWER_CODE) % {
        "migrations": "home.9999_from_the_future"
    }
    assert Page.objects.count() == pages
