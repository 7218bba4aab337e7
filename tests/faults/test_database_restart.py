"""PostgreSQL restarted and stopped under traffic, with real servers: gunicorn (gunicorn.conf.py,
production's settings, CONN_MAX_AGE 60 with health checks) on a PostgreSQL cluster of the
test's own. Readers get pages or a clean Vietnamese 503 with Retry-After — never a 500, never a
dropped connection — and pages again as soon as the database is back, without restarting
gunicorn. Pages in the page cache keep being served while the database is down."""

import threading
import time

import pytest
from django.utils import translation
from django.utils.translation import gettext

from cms.faults import RETRY_AFTER_SECONDS

from .conftest import wait_until

pytestmark = pytest.mark.faults

READERS = 4
RECOVERY_TIMEOUT = 15  # a bound for the wait, not a measured claim


def unavailable_text():
    with translation.override("vi"):
        return gettext("Temporarily unavailable")


class Readers:
    """``READERS`` threads reading ``paths`` in turn from ``server`` until stopped, each answer
    recorded as (moment, path, status, headers, body) and each failed connection as an error."""

    def __init__(self, server, paths):
        self.server, self.paths = server, list(paths)
        self.answers, self.errors = [], []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(i,)) for i in range(READERS)]

    def _read(self, offset):
        turn = offset
        while not self.stopping.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            try:
                status, headers, body = self.server.get(path, timeout=40)
            except OSError as error:  # refused, reset, timed out: a dropped request
                with self.lock:
                    self.errors.append((time.monotonic(), path, repr(error)))
                continue
            with self.lock:
                self.answers.append((time.monotonic(), path, status, headers, body))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def statuses(self, since=0.0):
        with self.lock:
            return [answer[2] for answer in self.answers if answer[0] >= since]


def assert_clean_503(headers, body):
    assert headers.get("retry-after") == str(RETRY_AFTER_SECONDS)
    assert "no-store" in headers.get("cache-control", "")
    assert headers.get("content-type", "").startswith("text/html")
    text = body.decode()
    assert '<html lang="vi">' in text
    assert unavailable_text() in text


def all_answer(server, paths, status):
    def check():
        try:
            return all(server.get(path)[0] == status for path in paths)
        except OSError:
            return False

    return check


def test_a_restart_and_a_stop_give_clean_503s_and_the_site_recovers_without_a_restart(
    postgres_up, gunicorn_factory, public_paths
):
    postgres = postgres_up
    paths = [path for name, path in public_paths.items() if name != "news index id"]
    server = gunicorn_factory(PAGE_CACHE_ENABLED="false")  # every request renders
    for path in paths:
        assert server.get(path)[0] == 200, path

    with Readers(server, paths) as readers:
        wait_until(lambda: len(readers.statuses()) >= 2 * len(paths), timeout=30)
        postgres.restart("fast")
        after_restart = time.monotonic()
        assert wait_until(all_answer(server, paths, 200), timeout=RECOVERY_TIMEOUT)
        postgres.stop("fast")
        stopped = time.monotonic()
        # Readers meet the stopped database for a few seconds.
        wait_until(lambda: readers.statuses(stopped).count(503) >= 3 * READERS, timeout=30)
        outage = readers.statuses(stopped)
        postgres.start()
        assert wait_until(all_answer(server, paths, 200), timeout=RECOVERY_TIMEOUT)
        back = time.monotonic()
        wait_until(lambda: len(readers.statuses(back)) >= 2 * len(paths), timeout=30)

    assert not readers.errors, readers.errors[:5]
    statuses = [answer[2] for answer in readers.answers]
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert 503 in outage, "no reader met the stopped database"
    for _moment, _path, status, headers, body in readers.answers:
        if status == 503:
            assert_clean_503(headers, body)
    # After the restart and after the stop, the same gunicorn serves again: every answer since
    # the database came back is a page.
    assert set(readers.statuses(back)) == {200}
    assert readers.statuses(after_restart).count(200) > 0
    assert server.running()
    log = server.output()
    assert "WORKER TIMEOUT" not in log
    assert log.count("Booting worker with pid") == 2, "a gunicorn worker was replaced"
    print(
        f"\n{len(statuses)} answers: {statuses.count(200)} × 200, {statuses.count(503)} × 503, "
        f"0 errors"
    )


def test_cached_pages_are_served_while_the_database_is_down(
    postgres_up, gunicorn_factory, public_paths
):
    postgres = postgres_up
    cached = [public_paths["home"], public_paths["news list"], public_paths["news item"]]
    server = gunicorn_factory(PAGE_CACHE_ENABLED="true")
    for path in cached:
        server.get(path)  # rendered and stored
        status, headers, _ = server.get(path)
        assert (status, headers.get("x-page-cache")) == (200, "hit"), path

    postgres.stop("fast")
    try:
        for path in cached:
            status, headers, body = server.get(path)
            assert (status, headers.get("x-page-cache")) == (200, "hit"), path
            assert unavailable_text() not in body.decode()
        # A page not in the cache needs the database: the clean 503.
        status, headers, body = server.get(public_paths["campaign list"] + "?tuan=1")
        assert status == 503
        assert_clean_503(headers, body)
    finally:
        postgres.start()
    assert wait_until(all_answer(server, [public_paths["campaign list"]], 200), timeout=15)
