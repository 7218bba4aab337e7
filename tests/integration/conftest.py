"""Real processes for the integration suite: Redis, a Celery worker and beat on the test database.

The test process writes pages in committed transactions (``transactional_db``); the worker and
beat are ``python -m celery -A cms ...`` subprocesses with ``cms.settings.integration``, reaching
the same database through ``DATABASE_URL`` (the file test database on SQLite, ``test_cms`` on
PostgreSQL) and the same Redis as the test process, whose Celery app is pointed at it for the
duration of a test. A key prefix of its own keeps one run's messages apart from another's on a
shared Redis. Every subprocess is killed in the fixtures' teardown, whatever the outcome.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.utils import timezone

from cms.celery import app as celery_app
from home.models import HomePage, NewsIndexPage

from ..ci import unavailable

ROOT = Path(__file__).resolve().parents[2]
SWEEP_SECONDS = 2
READY_TIMEOUT = 40


def redis_url():
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture(scope="session")
def redis_client():
    """Redis, reachable: the suite fails without it on CI and skips, saying why, elsewhere."""
    client = redis.Redis.from_url(redis_url(), socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(
            f"Redis is unreachable at {redis_url()} ({error})",
            "the integration suite",
            "start redis-server or set REDIS_URL to run the integration suite",
        )
    yield client
    client.close()


def _reset_producer_pools():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def broker(redis_client):
    """The test process's Celery app sends to the Redis the subprocesses read, under a key prefix
    of this test's own; the in-memory broker of the test settings comes back afterwards."""
    prefix = f"cms-it-{uuid.uuid4().hex[:12]}:"
    keys = ("broker_url", "broker_transport_options", "task_always_eager")
    changes = celery_app.conf.changes
    previous = {key: changes[key] for key in keys if key in changes}
    _reset_producer_pools()
    celery_app.conf.broker_url = redis_url()
    celery_app.conf.broker_transport_options = {
        "visibility_timeout": 600,
        "global_keyprefix": prefix,
    }
    celery_app.conf.task_always_eager = False  # the messages must reach the worker
    yield prefix
    _reset_producer_pools()
    # Taken out, not set back: Celery's conf then reads Django's (test) settings again.
    for key in keys:
        changes.pop(key, None)
    changes.update(previous)


@pytest.fixture
def shared_page_cache(broker, settings):
    """The test process's public page cache on the Redis the worker uses, under the same key
    prefix as cms.settings.integration gives it, so that the worker's publications empty it."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": "cms-pages-" + broker,
        },
    }


def database_url():
    """A URL naming the test database the test process is connected to."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        assert not connection.is_in_memory_db(), "the test database must be a file (test.py)"
        return f"sqlite:///{name}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}{port}/{db['NAME']}"


class Processes:
    """The worker and beats of one test, each in its own process group, logging to files."""

    def __init__(self, directory: Path, prefix: str):
        self.directory = directory
        self.prefix = prefix
        self.mail_dir = directory / "mail"
        self.mail_dir.mkdir()
        self.running: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        self.count = 0

    def env(self, **extra):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.integration",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url(),
            "CELERY_BROKER_KEYPREFIX": self.prefix,
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "SCHEDULE_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("PYTEST_ADDOPTS", None)
        env.update({key: str(value) for key, value in extra.items()})
        return env

    def _start(self, name, args, ready_text, env):
        self.count += 1
        log = self.directory / f"{name}-{self.count}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "cms", *args],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a group of its own: the pool's children die with it
            )
        self.running[name] = process
        self.logs[name] = log
        deadline = time.monotonic() + READY_TIMEOUT
        while ready_text not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                self.kill(name)
                pytest.fail(f"{name} did not start:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.1)
        return process

    def start_worker(self, name="worker", concurrency=4, **env):
        node = f"{name}-{uuid.uuid4().hex[:8]}@%h"
        args = ["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "-n", node]
        args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        return self._start(name, args, " ready.", self.env(**env))

    def start_beat(self, name="beat", **env):
        args = ["beat", "--loglevel=INFO", "--schedule", str(self.directory / f"{name}-schedule")]
        args += ["--pidfile", str(self.directory / f"{name}.pid")]
        return self._start(name, args, "beat: Starting", self.env(**env))

    def kill(self, name, sig=signal.SIGKILL):
        process = self.running.pop(name, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def log(self, name) -> str:
        return self.logs[name].read_text(errors="replace")

    def stop_all(self):
        for name in list(self.running):
            self.kill(name, signal.SIGTERM if name.startswith("beat") else signal.SIGKILL)

    def assert_no_errors(self):
        """No task failed and no database was locked in any subprocess."""
        for name, path in self.logs.items():
            text = path.read_text(errors="replace")
            for marker in ("Traceback", "ERROR/", "database is locked"):
                assert marker not in text, f"{marker} in {name}'s log:\n{text[-4000:]}"

    def emails(self):
        """The emails the worker wrote, as (to, subject) pairs."""
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            to = subject = None
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("To: "):
                    to = line[4:].strip()
                elif line.startswith("Subject: "):
                    subject = line[9:].strip()
                elif line.startswith("-" * 79):
                    found.append((to, subject))
                    to = subject = None
        return found


@pytest.fixture
def processes(broker, transactional_db, tmp_path):
    """Starts worker and beat on demand; kills all of them when the test ends (even on failure),
    before the test database is flushed. A failing test shows their logs."""
    running = Processes(tmp_path, broker)
    yield running
    running.stop_all()
    from django.db import close_old_connections

    close_old_connections()


@pytest.fixture
def news_index(transactional_db):
    home = HomePage.objects.get(depth=2)
    index = NewsIndexPage(title="Tin tức", slug=f"tin-tuc-{uuid.uuid4().hex[:6]}")
    home.add_child(instance=index)
    return index


def wait_until(predicate, timeout, interval=0.05):
    """Poll ``predicate`` until it returns something true, for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def now():
    return timezone.now()
