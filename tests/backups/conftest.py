"""The restore drill's tools: media as files in a temporary MEDIA_ROOT, an empty database to
restore into (a new SQLite file, or a new database on the test's PostgreSQL server, dropped at
the end) and the real commands run as IT runs them, in processes of their own."""

import contextlib
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads as files in a MEDIA_ROOT of the test's own (the test settings keep them in memory,
    which a backup could not read)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return root


@dataclass
class Target:
    """An empty database and media folder to restore into, as IT prepares them."""

    database_url: str
    media_root: Path
    sqlite_file: Path | None = None

    def environment(self) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.backups.settings",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "PYTHONPATH": str(ROOT),
        }

    def run(self, *arguments) -> subprocess.CompletedProcess:
        """``python manage.py ARGUMENTS`` against this target."""
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def snapshot(self, at: datetime.datetime, tmp_path: Path) -> dict:
        """The snapshot (tests/backups/snapshot.py) of this copy, taken by a process of its own."""
        output = tmp_path / f"snapshot-{uuid.uuid4().hex[:8]}.json"
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.backups.snapshot", at.isoformat(), str(output)],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(output.read_text())

    def scalar(self, sql: str):
        """The one value ``sql`` gives on the target database, read by a client of its own."""
        if self.sqlite_file is not None:
            with contextlib.closing(sqlite3.connect(self.sqlite_file)) as db:
                return db.execute(sql).fetchone()[0]
        name = self.database_url.rsplit("/", 1)[1]
        result = subprocess.run(
            ["psql", "--no-psqlrc", "-Atc", sql],  # noqa: S607
            env={**os.environ, **_libpq(connection.settings_dict, name)},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def table_count(self) -> int:
        """How many tables the target database has (0: still empty)."""
        if self.sqlite_file is not None:
            if not self.sqlite_file.exists():
                return 0
            return self.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return int(self.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))


def _libpq(settings_dict, name):
    values = {
        "PGDATABASE": name,
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
    }
    return {key: str(value) for key, value in values.items() if value}


@pytest.fixture
def empty_target(transactional_db, tmp_path):
    """A new, empty database of the engine the tests run on, and an empty media folder path."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        database = tmp_path / "restored.sqlite3"
        yield Target(f"sqlite:///{database}", media, sqlite_file=database)
        return
    assert connection.vendor == "postgresql", connection.vendor
    settings_dict = connection.settings_dict
    name = f"cms_restore_drill_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = settings_dict["USER"] or ""
    if settings_dict.get("PASSWORD"):
        credentials += f":{settings_dict['PASSWORD']}"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    try:
        yield Target(f"postgres://{credentials}@{host}:{port}/{name}", media)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
