"""A bounded load on loopback while Celery publishes scheduled pages, with real servers: gunicorn
(gunicorn.conf.py, production's settings, the page cache on), a Celery worker and beat, on the
suite's own PostgreSQL and Redis.

For ``DURATION`` seconds, ``CONNECTIONS`` keep-alive connections read the home page, the news
list, a news item, the campaign list, a plan and the news feed — the home page, the list and the
feed change with every publication, which empties the page cache. Meanwhile ten news items are
scheduled to go live one after the other. Every answer must be a 2xx or 3xx, no connection may
fail, every scheduled page must go live during the run, once, and be on the news list after it.
"""

import http.client
import json
import threading
import time
from collections import Counter
from datetime import datetime

import pytest

pytestmark = pytest.mark.faults

DURATION = 60
CONNECTIONS = 8
SCHEDULED = 10

SCHEDULE_CODE = """
import datetime, json, uuid
from django.utils import timezone
from home.models import NewsIndexPage
from tests.factories import make_news
index = NewsIndexPage.objects.get(pk={index_id})
token = uuid.uuid4().hex[:6]
start = timezone.now() + datetime.timedelta(seconds=6)
scheduled = {{}}
for i in range({count}):
    page = make_news(
        index,
        title=f"Tin hẹn giờ giữa giờ cao điểm {{i + 1}} ({{token}})",
        slug=f"tin-hen-gio-cao-diem-{{i + 1}}-{{token}}",
        live=False,
        date=datetime.date(2099, 1, 1),  # first on the news list
    )
    # What the final approval with a go-live time does (cms/scheduling.py).
    page.go_live_at = start + datetime.timedelta(seconds=4 * i)
    page.save_revision().publish()
    scheduled[page.pk] = {{"title": page.title, "due": page.go_live_at.isoformat()}}
print(json.dumps(scheduled))
"""


class Load:
    """``CONNECTIONS`` threads, each on one keep-alive connection, reading ``paths`` in turn
    until ``deadline``; statuses counted, failed connections recorded (then reopened)."""

    def __init__(self, address, paths, deadline):
        self.host, port = address.rsplit(":", 1)
        self.port = int(port)
        self.paths, self.deadline = paths, deadline
        self.statuses = Counter()
        self.by_path = Counter()
        self.errors = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(CONNECTIONS)]

    def _run(self, offset):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        turn = offset
        while time.monotonic() < self.deadline:
            path = self.paths[turn % len(self.paths)]
            turn += 1
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                with self.lock:
                    self.errors.append((path, repr(error)))
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                continue
            with self.lock:
                self.statuses[status] += 1
                self.by_path[path, status] += 1
        conn.close()

    def start(self):
        for thread in self.threads:
            thread.start()

    def join(self):
        for thread in self.threads:
            thread.join(timeout=DURATION + 60)


def test_sixty_seconds_of_readers_while_ten_pages_go_live(
    site, redis_up, postgres_up, gunicorn_factory, public_paths, celery_processes
):
    server = gunicorn_factory(PAGE_CACHE_ENABLED="true")
    env = {key: value for key, value in site.env.items() if key != "PYTHONUNBUFFERED"}
    celery_processes.start_worker(concurrency=2, **env)
    celery_processes.start_beat(**env)
    news_list = public_paths["news list"]
    paths = [
        public_paths["home"],
        news_list,
        public_paths["news item"],
        public_paths["campaign list"],
        public_paths["plan"],
        news_list + "rss/",
    ]
    for path in paths:
        assert server.get(path)[0] == 200, path

    started = time.monotonic()
    load = Load(server.address, paths, started + DURATION)
    load.start()
    try:
        output = site.shell(
            SCHEDULE_CODE.format(index_id=public_paths["news index id"], count=SCHEDULED)
        )
    finally:
        load.join()
    ended = datetime.now().astimezone()
    scheduled = {int(pk): item for pk, item in json.loads(output.strip().splitlines()[-1]).items()}
    assert len(scheduled) == SCHEDULED

    total = sum(load.statuses.values())
    print(f"\n{total} requests in {DURATION} s: {dict(load.statuses)}, {len(load.errors)} errors")
    assert not load.errors, load.errors[:5]
    assert all(200 <= status < 400 for status in load.statuses), dict(load.by_path)
    assert all(load.by_path[path, 200] for path in paths)

    # Every scheduled page went live during the run, once, not before its time.
    with site.postgres.connect() as conn:
        rows = conn.execute(
            "SELECT p.id, p.live, p.last_published_at, count(a.id) FROM wagtailcore_page p "
            "LEFT JOIN cms_scheduledaction a ON a.page_id = p.id AND a.action = 'publish' "
            "WHERE p.id = ANY(%s) GROUP BY p.id",
            [list(scheduled)],
        ).fetchall()
    assert len(rows) == SCHEDULED
    for page_id, live, published_at, actions in rows:
        due = datetime.fromisoformat(scheduled[page_id]["due"])
        assert live, (page_id, celery_processes.log("worker")[-3000:])
        assert actions == 1
        assert due <= published_at <= ended, (page_id, due, published_at, ended)

    # And the news list shows them (the publications emptied the page cache).
    status, _, body = server.get(news_list)
    assert status == 200
    text = body.decode()
    for item in scheduled.values():
        assert item["title"] in text, item["title"]
    celery_processes.assert_no_errors()
