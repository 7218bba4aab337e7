"""Servers of the fault tests' own, which they stop, restart and kill: a PostgreSQL cluster
(``initdb`` into a temporary directory, trust authentication, a free port, its socket in that
directory) and a ``redis-server`` (no persistence, a free port), never the shared ones; gunicorn
with gunicorn.conf.py and production's settings (tests/faults/settings.py) on them, serving the
demo content (``migrate`` + ``load_demo --without-users``, once per run); Celery workers and beats
through tests/integration/conftest.py's ``Processes``.

Every server runs in a process group of its own and is killed, and every temporary directory
removed, by the fixtures' finalizers whatever the outcome. Without PostgreSQL's binaries or
redis-server the suite skips, saying what is missing; on CI (``CI=true``) it fails.
"""

import contextlib
import glob
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from ..ci import unavailable

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SETTINGS = "tests.faults.settings"
DATABASE = "cms_faults"
SWEEP_SECONDS = 2
START_TIMEOUT = 60


def missing(what):
    """A tool the suite needs is absent: fail on CI, skip (saying what to install) elsewhere."""
    unavailable(what, "the fault tests", "install it to run the fault tests (tests/faults/)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, interval=0.1):
    """Poll ``predicate`` until it returns something true, for at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def kill_group(process, sig=signal.SIGTERM, timeout=30):
    """Stop ``process`` and everything in its process group (it was started in a session of its
    own), with SIGKILL if ``sig`` has not stopped it within ``timeout`` seconds."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# HTTP ----------------------------------------------------------------------------------------


def get(address, path, headers=None, timeout=30):
    """One GET to ``address`` (host:port): status, headers (lower-case names), body.

    Raises OSError (http.client's errors included) when the connection fails or drops."""
    host, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


# PostgreSQL ----------------------------------------------------------------------------------


def postgres_bindir():
    """The directory of PostgreSQL's server binaries (initdb, pg_ctl, postgres), or None."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(done.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for directory in filter(None, candidates):
        if all(os.access(Path(directory) / name, os.X_OK) for name in ("initdb", "pg_ctl")):
            return Path(directory)
    return None


class PostgresServer:
    """A PostgreSQL cluster of the test's own, in ``directory``, on ``port``.

    initdb and postgres refuse to run as root: as root they run as the ``postgres`` system user
    (runuser), who owns the directory. Durability is off (fsync, full page writes): a test
    cluster, and a faster migrate."""

    def __init__(self, bindir: Path, directory: Path, port: int):
        self.bindir, self.directory, self.port = bindir, directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"
        self.as_user = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                missing("runuser (to run PostgreSQL as the postgres user)")
            self.as_user = [runuser, "-u", "postgres", "--"]
            shutil.chown(directory, "postgres", "postgres")

    def _run(self, *command, timeout=START_TIMEOUT):
        done = subprocess.run(
            [*self.as_user, *command],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.directory,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}\n{log}")
        return done

    def pg_ctl(self, *args, timeout=START_TIMEOUT):
        return self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), *args, timeout=timeout)

    def init(self):
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self):
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.pg_ctl("-l", str(self.log), "-o", options, "-w", "-t", str(START_TIMEOUT), "start")

    def stop(self, mode="fast"):
        self.pg_ctl("-m", mode, "-w", "-t", str(START_TIMEOUT), "stop")

    def restart(self, mode="fast"):
        # With its log file: without -l the server would hold this command's output open.
        self.pg_ctl("-l", str(self.log), "-m", mode, "-w", "-t", str(START_TIMEOUT), "restart")

    def running(self) -> bool:
        done = subprocess.run(
            [*self.as_user, str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            cwd=self.directory,
        )
        return done.returncode == 0

    def url(self, database=DATABASE):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database=DATABASE):
        import psycopg

        return psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/{database}",
            autocommit=True,
            connect_timeout=5,
        )

    def close(self):
        with contextlib.suppress(Exception):
            self.stop("immediate")


@pytest.fixture(scope="session")
def postgres():
    """A running PostgreSQL cluster of the suite's own, with an empty ``cms_faults`` database."""
    bindir = postgres_bindir()
    if bindir is None:
        missing("PostgreSQL's server binaries (initdb, pg_ctl; Debian: postgresql)")
    # Under /tmp, not pytest's tmp_path: the postgres user must reach it.
    directory = Path(tempfile.mkdtemp(prefix="cms-faults-pg-"))
    server = PostgresServer(bindir, directory, free_port())
    try:
        server.init()
        server.start()
        with server.connect("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
        yield server
    finally:
        server.close()
        shutil.rmtree(directory, ignore_errors=True)


# Redis ---------------------------------------------------------------------------------------


class RedisServer:
    """A redis-server of the test's own on ``port``: no snapshots, no append-only file."""

    def __init__(self, binary, directory: Path, port: int):
        self.binary, self.directory, self.port = binary, directory, port
        self.process = None
        self.starts = 0

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.starts += 1
        log = (self.directory / f"redis-{self.starts}.log").open("wb")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        if not wait_until(self.ping, timeout=20):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self):
        """Kill it, as a crash or a stopped service would: clients see the port refused."""
        kill_group(self.process, signal.SIGKILL)
        self.process = None


@pytest.fixture(scope="session")
def redis_server():
    """A running redis-server of the suite's own (each test may stop it; see ``redis_up``)."""
    binary = shutil.which("redis-server")
    if binary is None:
        missing("redis-server (Debian: redis-server)")
    directory = Path(tempfile.mkdtemp(prefix="cms-faults-redis-"))
    server = RedisServer(binary, directory, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def redis_up(redis_server):
    """The suite's Redis, running and empty at the start of the test, and running after it."""
    if redis_server.process is None or redis_server.process.poll() is not None:
        redis_server.start()
    import redis

    redis.Redis(port=redis_server.port).flushall()
    yield redis_server
    if redis_server.process is None or redis_server.process.poll() is not None:
        redis_server.start()


# The site: production settings on those servers ------------------------------------------------


class Site:
    """The environment of every process serving the demo site on the suite's servers."""

    def __init__(self, postgres, redis_server, directory: Path):
        self.postgres, self.redis, self.directory = postgres, redis_server, directory
        self.address = f"127.0.0.1:{free_port()}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATABASE_URL": postgres.url(),
            "REDIS_URL": redis_server.url(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": "consolemail://",
            "WAGTAILADMIN_BASE_URL": f"http://{self.address}",
            "PUBLIC_URL": f"http://{self.address}",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(directory / "static"),
            "MEDIA_ROOT": str(directory / "media"),
            "SCHEDULE_SWEEP_SECONDS": str(SWEEP_SECONDS),
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        for name in ("PYTEST_ADDOPTS", "GUNICORN_BIND", "PORT", "CONN_MAX_AGE"):
            self.env.pop(name, None)

    def manage(self, *args, timeout=300):
        """``manage.py`` with the site's settings; its output, or a failure showing it."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args[:1])} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def shell(self, code, timeout=120):
        """Run ``code`` in ``manage.py shell`` on the site's database; its standard output."""
        return self.manage("shell", "--no-imports", "-c", code, timeout=timeout)


@pytest.fixture(scope="session")
def site(postgres, redis_server):
    """The demo site migrated and loaded into the suite's PostgreSQL, once per run."""
    directory = Path(tempfile.mkdtemp(prefix="cms-faults-site-"))
    try:
        built = Site(postgres, redis_server, directory)
        built.manage("migrate", "--noinput")
        built.manage("load_demo", "--without-users")
        yield built
    finally:
        shutil.rmtree(directory, ignore_errors=True)


class Gunicorn:
    """gunicorn with gunicorn.conf.py, as production starts it: 2 workers of 4 threads."""

    def __init__(self, site, log: Path, **extra):
        self.address = site.address
        self.log = log
        env = {
            **site.env,
            "GUNICORN_BIND": self.address,
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            **extra,
        }
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_until(self._up, timeout=START_TIMEOUT, interval=0.2):
            self.stop()
            pytest.fail(f"gunicorn did not start:\n{self.output()[-4000:]}")

    def _up(self):
        if self.process.poll() is not None:
            return True  # reported by the caller's check below
        try:
            return get(self.address, "/", timeout=10)[0] == 200
        except OSError:
            return False

    def get(self, path, **kwargs):
        return get(self.address, path, **kwargs)

    @property
    def pid(self):
        return self.process.pid

    def running(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self):
        # SIGINT: gunicorn's quick shutdown; the requests of a finished test need no grace.
        kill_group(self.process, signal.SIGINT, timeout=5)


@pytest.fixture
def gunicorn_factory(site, tmp_path):
    """Starts gunicorn on the site (``extra`` environment variables on top); stops it after."""
    started = []

    def start(**extra):
        server = Gunicorn(site, tmp_path / f"gunicorn-{len(started) + 1}.log", **extra)
        started.append(server)
        assert server.running(), server.output()[-4000:]
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def celery_processes(tmp_path):
    """Celery workers and beats (tests/integration/conftest.py's ``Processes``), killed after the
    test whatever its outcome."""
    from tests.integration.conftest import Processes

    running = Processes(tmp_path, f"cms-faults-{uuid.uuid4().hex[:12]}:")
    yield running
    running.stop_all()


PATHS_CODE = """
import json
from campaigns.models import CampaignIndexPage
from home.models import HomePage, NewsIndexPage, NewsPage
from plans.models import PlanPage
def path(page):
    return page.get_url_parts()[2]
vi = {"locale__language_code": "vi"}
news_index = NewsIndexPage.objects.live().get(**vi)
print(json.dumps({
    "home": path(HomePage.objects.live().get(**vi)),
    "news list": path(news_index),
    "news item": path(NewsPage.objects.live().filter(**vi).order_by("-date", "-pk").first()),
    "campaign list": path(CampaignIndexPage.objects.live().get(**vi)),
    "plan": path(PlanPage.objects.live().filter(**vi).order_by("path").first()),
    "news index id": news_index.pk,
}))
"""


@pytest.fixture(scope="session")
def public_paths(site):
    """The demo's public pages to request, by name (and the news list's page id)."""
    import json

    return json.loads(site.shell(PATHS_CODE).strip().splitlines()[-1])


@pytest.fixture
def postgres_up(postgres):
    """The suite's PostgreSQL, running after the test whatever the test stopped."""
    yield postgres
    if not postgres.running():
        postgres.start()
