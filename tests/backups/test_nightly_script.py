"""The nightly job of docs/backup.md (deploy/backup/cms-backup-nightly), run as systemd runs it:
a real ``manage.py backup`` of a restored site into ROOT/daily, a copy into ROOT/weekly on
Sundays, the newest 14 daily and 8 weekly archives kept with their checksums."""

import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import ROOT

# As the restore drill: the database is emptied after the test and the migrations' rows (the
# default site, the home page, content types) are put back for the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCRIPT = ROOT / "deploy" / "backup" / "cms-backup-nightly"


def old_archives(folder: Path, count: int) -> list[Path]:
    """``count`` archives of earlier nights, oldest first, each with its ``.sha256``."""
    folder.mkdir(parents=True, exist_ok=True)
    archives = []
    for night in range(count):
        archive = folder / f"cms-backup-20261001-{night:04d}.tar.gz"
        archive.write_bytes(b"an earlier night")
        archive.with_name(archive.name + ".sha256").write_text("checksum\n")
        moment = 1_790_000_000 + night * 86_400
        os.utime(archive, (moment, moment))
        archives.append(archive)
    return archives


def sunday_path(tmp_path: Path) -> str:
    """A PATH whose ``date +%u`` says Sunday (7), the night the weekly copy is made."""
    shims = tmp_path / "sunday-bin"
    shims.mkdir()
    shim = shims / "date"
    shim.write_text('#!/bin/sh\n[ "${1:-}" = +%u ] && echo 7 && exit 0\nexec /bin/date "$@"\n')
    shim.chmod(0o755)
    return f"{shims}:{os.environ['PATH']}"


def test_the_nightly_job_backs_up_and_keeps_14_daily_and_8_weekly_archives(
    media_root, empty_target, tmp_path
):
    # A site of its own for the job: the test database restored into an empty one.
    call_command("backup", output=tmp_path / "seed", stdout=io.StringIO())
    (seed,) = (tmp_path / "seed").glob("cms-backup-*.tar.gz")
    restored = empty_target.run("restore", str(seed))
    assert restored.returncode == 0, restored.stderr

    root = tmp_path / "backups"
    daily = old_archives(root / "daily", 20)
    weekly = old_archives(root / "weekly", 8)
    environment = {
        **empty_target.environment(),
        "CMS_DIR": str(ROOT),
        "PATH": sunday_path(tmp_path),
    }
    environment.pop("OFFSITE_REMOTE", None)
    result = subprocess.run(  # noqa: S603
        ["/bin/sh", str(SCRIPT), str(root)],  # noqa: S607
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    new = [path for path in (root / "daily").glob("*.tar.gz") if path not in daily]
    assert len(new) == 1, "tonight's archive is in daily/"
    (tonight,) = new
    kept = sorted((root / "daily").glob("*.tar.gz"))
    assert sorted(kept) == sorted([*daily[-13:], tonight]), "the 14 newest daily archives"
    assert sorted((root / "weekly").glob("*.tar.gz")) == sorted(
        [*weekly[-7:], root / "weekly" / tonight.name]
    ), "Sunday's copy and the 7 newest weekly ones"
    for folder in ("daily", "weekly"):
        for archive in (root / folder).glob("*.tar.gz"):
            assert archive.with_name(archive.name + ".sha256").exists(), archive
        assert len(list((root / folder).glob("*.sha256"))) == len(
            list((root / folder).glob("*.tar.gz"))
        ), "the checksums of removed archives went with them"
    # Tonight's archive is whole: its checksum file checks it.
    check = subprocess.run(  # noqa: S603
        ["sha256sum", "-c", tonight.name + ".sha256"],  # noqa: S607
        cwd=tonight.parent,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OFFSITE_REMOTE is not set" in result.stderr
