"""Backups of the whole site and their restore (docs/backup.md): ``manage.py backup`` and
``manage.py restore``.

One backup is one ``cms-backup-<UTC time>.tar.gz`` archive holding

* ``database/db.pgdump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database/db.sqlite3``
  (SQLite: a consistent copy made with SQLite's online backup API while the site runs);
* ``media/…``: every file under ``MEDIA_ROOT`` (original images, their renditions, documents);
* ``manifest.json``: when and from what it was made (Django and Wagtail versions, the applied
  migrations, the database engine) and the SHA-256 and size of every other file in it.

A restore checks the whole archive against its manifest, the migrations against the code and
that the database and media folder it restores into are empty, before it changes anything. The
database is then restored in one transaction (PostgreSQL) or by renaming a finished copy into
place (SQLite), and the media folder by renaming a fully extracted folder into place.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
ARCHIVE_PREFIX = "cms-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for IT, in the site's
    language. Nothing has been changed when a restore raises it before its "restoring" step."""


@dataclass
class RestoreReport:
    """What a restore did, for the command to print."""

    manifest: dict
    pending_migrations: list = field(default_factory=list)
    set_aside: list = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine_of(using: str = DEFAULT_DB_ALIAS) -> str:
    engine = connections[using].settings_dict["ENGINE"]
    try:
        return ENGINES[engine]
    except KeyError:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL only, not %(engine)s.") % {"engine": engine}
        ) from None


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files(root: Path) -> list[Path]:
    """Every regular file under ``root``, relative to it, in a stable order."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root))
    return found


def code_migrations() -> set[tuple[str, str]]:
    """Every migration the code on disk has."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def pending_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations of the code not yet applied to the database ``using``."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    connection.close()
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _pg_environment(settings_dict: dict) -> dict:
    """libpq's variables for the database of ``settings_dict`` (so that no password is ever on a
    command line, where ``ps`` would show it)."""
    environment = dict(os.environ)
    variables = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        variables[variable] = options.get(option)
    environment.update({name: str(value) for name, value in variables.items() if value})
    return environment


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            _(
                "%(tool)s was not found. Install Debian's postgresql-client package "
                "(apt-get install postgresql-client), of the same major version as the server."
            )
            % {"tool": name}
        )
    return path


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed (exit code %(code)s): %(error)s")
            % {
                "tool": Path(command[0]).name,
                "code": result.returncode,
                "error": (result.stderr or result.stdout).strip()[-2000:],
            }
        )


def _dump_database(using: str, target: Path) -> str:
    connection = connections[using]
    engine = engine_of(using)
    if engine == "postgresql":
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-acl",
                f"--file={target}",
            ],
            _pg_environment(connection.settings_dict),
        )
        return engine
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name or not Path(name).is_file():
        raise BackupError(_("The SQLite database %(name)s is not a file.") % {"name": name})
    # SQLite's online backup API: a consistent copy even while the site and Celery write.
    source = sqlite3.connect(f"file:{quote(str(Path(name).resolve()))}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return engine


def _counts() -> dict:
    """How much the backup holds, for the people reading its manifest."""
    names = {
        "pages": "wagtailcore.Page",
        "revisions": "wagtailcore.Revision",
        "log_entries": "wagtailcore.PageLogEntry",
        "images": "wagtailimages.Image",
        "documents": "wagtaildocs.Document",
        "users": settings.AUTH_USER_MODEL,
    }
    return {key: apps.get_model(label).objects.count() for key, label in names.items()}


class _HashingReader:
    """Reads a file for tarfile and hashes exactly the bytes that go into the archive."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _add_file(archive: tarfile.TarFile, source: Path, name: str) -> dict:
    with open(source, "rb") as stream:
        info = archive.gettarinfo(fileobj=stream, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(stream)
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def _archive_path(output: Path, created: datetime.datetime) -> Path:
    stamp = created.strftime("%Y%m%dT%H%M%SZ")
    path = output / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    number = 1
    while path.exists():
        number += 1
        path = output / f"{ARCHIVE_PREFIX}{stamp}-{number}{ARCHIVE_SUFFIX}"
    return path


def create_backup(output: Path, using: str = DEFAULT_DB_ALIAS) -> tuple[Path, dict]:
    """Write one archive of the database and the media into ``output``; returns its path and
    manifest. The archive appears under its final name only once complete, with a
    ``.sha256`` file beside it (``sha256sum -c`` checks a copy kept elsewhere)."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    created = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    connection = connections[using]
    recorder = MigrationRecorder(connection)
    migrations = sorted(recorder.applied_migrations()) if recorder.has_table() else []
    counts = _counts() if migrations else {}
    path = _archive_path(output, created)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory(dir=output, prefix=".cms-backup-") as work:
        engine = engine_of(using)
        database_file = DATABASE_FILES[engine]
        dump = Path(work) / Path(database_file).name
        _dump_database(using, dump)
        files = {}
        try:
            # Readable by the site's account only: it holds password hashes and email addresses.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with (
                os.fdopen(descriptor, "wb") as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                files[database_file] = _add_file(archive, dump, database_file)
                root = media_root()
                for relative in media_files(root):
                    name = f"{MEDIA_DIR}/{relative.as_posix()}"
                    files[name] = _add_file(archive, root / relative, name)
                manifest = {
                    "format": FORMAT,
                    "created_at": created.isoformat(),
                    "versions": {
                        "django": django.get_version(),
                        "wagtail": wagtail.__version__,
                        "python": platform.python_version(),
                    },
                    "database": {"engine": engine, "file": database_file},
                    "migrations": [list(key) for key in migrations],
                    "counts": counts,
                    "files": files,
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(created.timestamp())
                archive.addfile(info, io.BytesIO(data))
            with open(partial, "rb") as written:
                os.fsync(written.fileno())  # on disk before it takes its final name
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    path.with_name(path.name + ".sha256").write_text(f"{sha256_of(path)}  {path.name}\n")
    return path, manifest


# Restore


def _damaged(archive: Path, detail: str) -> BackupError:
    return BackupError(
        _("%(archive)s is not a usable backup: %(detail)s. Nothing was changed.")
        % {"archive": archive, "detail": detail}
    )


def verify_archive(archive: Path, work: Path) -> dict:
    """Extract ``archive`` into ``work`` and check every file against the manifest: the same
    names, sizes and SHA-256, nothing more, nothing less. Returns the manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("%(archive)s does not exist.") % {"archive": archive})
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            try:
                manifest_stream = tar.extractfile(MANIFEST)
            except KeyError:
                raise _damaged(archive, _("it has no manifest.json")) from None
            manifest = json.loads(manifest_stream.read())
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise _damaged(archive, _("its manifest is of an unknown format"))
            listed = set(manifest.get("files", {}))
            present = {member.name for member in members if member.isfile()} - {MANIFEST}
            for name in sorted(present | listed):
                path = PurePosixPath(name)
                if path.is_absolute() or ".." in path.parts:
                    raise _damaged(
                        archive, _("it names a file outside itself: %(name)s") % {"name": name}
                    )
            if present != listed:
                missing, extra = sorted(listed - present), sorted(present - listed)
                raise _damaged(
                    archive,
                    _(
                        "its files differ from its manifest (missing: %(missing)s; not listed: "
                        "%(extra)s)"
                    )
                    % {"missing": ", ".join(missing) or "-", "extra": ", ".join(extra) or "-"},
                )
            # The "data" filter refuses links, devices and paths outside ``work``.
            tar.extractall(work, members=[m for m in members if m.name in listed], filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as error:
        raise _damaged(archive, str(error)) from error
    for name, expected in sorted(manifest["files"].items()):
        path = work / name
        if path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            raise _damaged(
                archive, _("%(name)s does not match its SHA-256 in the manifest") % {"name": name}
            )
    database = manifest.get("database", {})
    if database.get("file") not in manifest["files"]:
        raise _damaged(archive, _("it holds no database"))
    return manifest


def _database_is_empty(using: str) -> bool:
    connection = connections[using]
    if engine_of(using) == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        if not name.exists() or name.stat().st_size == 0:
            return True
        with sqlite3.connect(f"file:{quote(str(name.resolve()))}?mode=ro", uri=True) as db:
            tables = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        db.close()
        return tables == 0
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                "AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%'"
            )
            (relations,) = cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure to connect is reported as such
        raise BackupError(
            _(
                "Cannot connect to the database %(name)s (%(error)s). Create it empty first, "
                "e.g. createdb --owner=cms %(name)s."
            )
            % {"name": connection.settings_dict.get("NAME"), "error": error}
        ) from error
    finally:
        connection.close()
    return relations == 0


def _restore_sqlite(using: str, dump: Path, stamp: str, report: RestoreReport) -> None:
    target = Path(connections[using].settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    connections[using].close()
    staged = target.with_name(f"{target.name}.restoring")
    shutil.copyfile(dump, staged)
    with open(staged, "rb") as stream:
        os.fsync(stream.fileno())
    # The old file and its journals go aside together: a stale journal beside the restored file
    # would be replayed into it.
    for suffix in ("", "-journal", "-wal", "-shm"):
        old = target.with_name(target.name + suffix)
        if old.exists() and old.stat().st_size == 0:
            old.unlink()
        elif old.exists():
            aside = old.with_name(f"{old.name}.before-restore-{stamp}")
            os.replace(old, aside)
            if not suffix:
                report.set_aside.append(aside)
    os.replace(staged, target)


def _restore_postgresql(using: str, dump: Path, work: Path, force: bool) -> None:
    connection = connections[using]
    connection.close()
    environment = _pg_environment(connection.settings_dict)
    script = work / "restore.sql"
    # pg_restore writes the dump as SQL; psql applies it in ONE transaction, so a restore that
    # fails half-way leaves the database as it was.
    _run(
        [_pg_tool("pg_restore"), "--no-owner", "--no-acl", f"--file={script}", str(dump)],
        environment,
    )
    command = [_pg_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction"]
    command += ["--set=ON_ERROR_STOP=1", "--output=/dev/null"]
    if force:
        command += ["--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
    command += [f"--file={script}"]
    try:
        _run(command, environment)
    except BackupError as error:
        raise BackupError(
            _(
                "The database restore failed and was rolled back: the database and the media "
                "folder are as they were. %(error)s"
            )
            % {"error": error}
        ) from error


def _move_media(extracted: Path, root: Path, stamp: str, report: RestoreReport) -> None:
    extracted.mkdir(parents=True, exist_ok=True)
    if root.exists():
        if media_files(root):
            aside = root.with_name(f"{root.name}.before-restore-{stamp}")
            os.replace(root, aside)
            report.set_aside.append(aside)
        else:
            shutil.rmtree(root)
    os.replace(extracted, root)


def _empty_caches() -> None:
    """Forget what the caches hold about the old content: the page cache starts a new
    generation (cms/cache.py); other caches are cleared, on Redis only their own keys (a flush
    would drop Celery's queue, which may share the database)."""
    from cms.cache import bump_generation

    for alias in settings.CACHES:
        cache = caches[alias]
        client = getattr(cache, "_cache", None)
        try:
            if alias == "pages":
                bump_generation()
            elif hasattr(client, "get_client"):
                prefix = cache.key_prefix
                if prefix:
                    redis = client.get_client(None, write=True)
                    keys = list(redis.scan_iter(match=f"{prefix}:*"))
                    if keys:
                        redis.delete(*keys)
            else:
                cache.clear()
        except Exception:  # noqa: BLE001, S112 - a cache down is no reason to fail a restore
            continue


def restore_backup(archive: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS):
    """Restore ``archive`` into the database ``using`` and ``MEDIA_ROOT``, which must be empty
    unless ``force`` (then what was there is set aside, or on PostgreSQL dropped in the restoring
    transaction). Everything is checked before anything changes."""
    root = media_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    # Extracted beside MEDIA_ROOT, so that moving the media into place is a rename.
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".cms-restore-") as work_name:
        work = Path(work_name)
        manifest = verify_archive(archive, work)
        engine = manifest["database"]["engine"]
        if engine != engine_of(using):
            raise BackupError(
                _(
                    "This backup is of a %(backup)s database; DATABASE_URL names a %(target)s "
                    "one. Nothing was changed."
                )
                % {"backup": engine, "target": engine_of(using)}
            )
        backup_migrations = {tuple(key) for key in manifest["migrations"]}
        unknown = sorted(backup_migrations - code_migrations())
        if unknown:
            raise BackupError(
                _(
                    "This backup was made by newer code: these migrations are not in this code: "
                    "%(migrations)s. Deploy the code the backup was made with (or newer), then "
                    "restore. Nothing was changed."
                )
                % {"migrations": ", ".join(f"{app}.{name}" for app, name in unknown)}
            )
        if not force:
            if not _database_is_empty(using):
                raise BackupError(
                    _(
                        "The database %(name)s is not empty. Restore into a new, empty database, "
                        "or add --force to replace everything in it. Nothing was changed."
                    )
                    % {"name": connections[using].settings_dict["NAME"]}
                )
            if media_files(root):
                raise BackupError(
                    _(
                        "The media folder %(root)s is not empty. Restore into an empty folder, "
                        "or add --force to set the present one aside. Nothing was changed."
                    )
                    % {"root": root}
                )
        report = RestoreReport(manifest=manifest)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        dump = work / manifest["database"]["file"]
        if engine == "postgresql":
            _restore_postgresql(using, dump, work, force)
        else:
            _restore_sqlite(using, dump, stamp, report)
        _move_media(work / MEDIA_DIR, root, stamp, report)
    report.pending_migrations = pending_migrations(using)
    _empty_caches()
    return report
