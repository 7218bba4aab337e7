"""``manage.py import_plan`` (plans/management/commands/import_plan.py): a plan file becomes a draft
under the plan list, with the report printed; a dry run creates nothing; bad input is a clear
error, never a traceback."""

import io

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import translation

from plans.models import PlanIndexPage, PlanPage

from .docx_builder import build_plan_docx
from .test_import import SEED, SEED_TEXT, demo_fields
from .test_import_admin import page_fields


def run(*args, **options) -> str:
    out = io.StringIO()
    with translation.override("vi"):
        call_command("import_plan", *[str(arg) for arg in args], stdout=out, **options)
    return out.getvalue()


def test_help_renders(capsys):
    """``manage.py help import_plan`` works (lazy help strings once broke it elsewhere)."""
    ManagementUtility(["manage.py", "help", "import_plan"]).execute()
    assert "--dry-run" in capsys.readouterr().out


def test_imports_the_seed_as_a_draft_under_the_only_plan_list(plan_index):
    output = run(SEED)

    page = PlanPage.objects.child_of(plan_index).get()
    assert page_fields(page) == demo_fields()
    assert not page.live
    assert page.revisions.count() == 1
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in output
    assert "Báo cáo nhập (3 ghi chú):" in output
    assert "phụ nữ của nhà trường." in output
    assert "I. MỤC ĐÍCH, YÊU CẦU" in output
    assert "  1. Tăng cường công tác tuyên truyền" in output


def test_imports_a_word_document_for_a_user(plan_index, youth_union_user, tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(build_plan_docx(SEED_TEXT))

    run(path, "--user", youth_union_user.username, "--parent", "/ke-hoach/")

    page = PlanPage.objects.get()
    assert page_fields(page) == demo_fields()
    assert page.owner == youth_union_user
    assert page.latest_revision.user == youth_union_user


def test_dry_run_creates_nothing(plan_index):
    output = run(SEED, "--dry-run")

    assert "Chạy thử: không tạo gì cả." in output
    assert "Quách Tố San" in output
    assert not PlanPage.objects.exists()


def test_the_parent_is_chosen_by_id_or_path(plan_index, home_page):
    other = PlanIndexPage(title="Kế hoạch cũ", slug="ke-hoach-cu")
    home_page.add_child(instance=other)

    with pytest.raises(CommandError, match="Có 2 danh sách kế hoạch"):
        run(SEED)
    run(SEED, "--parent", other.pk)
    run(SEED, "--parent", "/ke-hoach/")

    assert PlanPage.objects.child_of(other).count() == 1
    assert PlanPage.objects.child_of(plan_index).count() == 1
    # Two imports of one plan under one list: the second gets a free slug.
    run(SEED, "--parent", "/ke-hoach/")
    assert sorted(PlanPage.objects.child_of(plan_index).values_list("slug", flat=True)) == [
        "kế-hoạch-thực-hiện-công-tác-vì-sự-tiến-bộ-phụ-nữ-và-bình-đẳng-giới-năm-2026",
        "kế-hoạch-thực-hiện-công-tác-vì-sự-tiến-bộ-phụ-nữ-và-bình-đẳng-giới-năm-2026-2",
    ]
    with pytest.raises(CommandError, match="Không có danh sách kế hoạch /khong-co/"):
        run(SEED, "--parent", "/khong-co/")


def test_bad_input_is_a_command_error(plan_index, committee_user, tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        run(tmp_path / "khong-co.docx")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match=r"không phải là tài liệu Word \(\.docx\)"):
        run(broken)
    with pytest.raises(CommandError, match="không có quyền thêm kế hoạch"):
        run(SEED, "--user", committee_user.username)
    with pytest.raises(CommandError, match="Không có người dùng ai-do"):
        run(SEED, "--user", "ai-do")
    assert not PlanPage.objects.exists()


def test_a_number_clash_is_a_command_error(plan_index, plan_page, tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(SEED_TEXT.replace("Số: /KH-THPTST", "Số: 125/KH-THPTST"), encoding="utf-8")

    with pytest.raises(CommandError, match=plan_page.title):
        run(path)
    assert PlanPage.objects.count() == 1


def test_no_plan_list(db):
    with pytest.raises(CommandError, match="Có 0 danh sách kế hoạch"):
        run(SEED)
