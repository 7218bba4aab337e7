"""How late do scheduled pages go live? A real Celery worker and beat on Redis, against what
Wagtail's ``publish_scheduled`` run by a once-a-minute cron gives on the same schedule.

    .venv/bin/python bench/scheduling.py [--n 50] [--spread 40] [--seed 1]

Builds a throwaway database (``<DATABASE_URL's name>_bench`` on PostgreSQL when DATABASE_URL is
set, else a temporary SQLite file), starts ``celery worker`` and ``celery beat`` as the
deployment does (``cms.settings.integration``: Redis from REDIS_URL, else
redis://127.0.0.1:6379/15), schedules N pages as the final approval does, at random times spread
over ``--spread`` seconds, polls until each is live and prints the delay from each go-live time
to the page's ``last_published_at``: p50, p99 and max.

The cron column is a simulation from the same go-live times, not a run: ``publish_scheduled``
publishes what is due whenever it runs, so a page waits until the next run after its time. With
cron at second 0 of every minute that is the next minute boundary; the figures are pooled over
1000 cron phases (a cron minute does not start when the benchmark does), and leave out the
seconds the command itself takes to start Django. Running the real command every 60 s would
give the same numbers and take N minutes. The benchmark prints; it asserts nothing.
"""

import argparse
import datetime
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from measure import percentile  # bench/measure.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
SWEEP_SECONDS = 10  # the production default: the bench measures the ETA path, not the sweep


def cron_delays(go_live_times, phases=1000, seed=0):
    """Delays a once-a-minute ``publish_scheduled`` gives: to the next run after each time."""
    rng = random.Random(seed)
    delays = []
    for _ in range(phases):
        phase = rng.uniform(0, 60)
        for moment in go_live_times:
            delays.append((phase - moment.timestamp()) % 60)
    return delays


def database_url(settings_dict):
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    credentials = settings_dict["USER"] + (
        f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    )
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    return f"postgres://{credentials}@{host}{port}/{settings_dict['NAME']}"


def start(kind, args, env, log, ready_text):
    out = open(log, "wb")  # noqa: SIM115 - kept open for the process's life
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cms", kind, "--loglevel=INFO", *args],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while ready_text not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{kind} did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)
    return process


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="scheduled pages (default 50)")
    parser.add_argument("--spread", type=float, default=40, help="seconds (default 40)")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    import django
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise SystemExit(f"Redis is unreachable at {REDIS_URL}: {error}") from error

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from cms.celery import app as celery_app
    from home.models import HomePage, NewsIndexPage, NewsPage

    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        bench_name = str(Path(tempfile.gettempdir()) / f"cms-bench-{os.getpid()}.sqlite3")
    else:
        bench_name = f"{settings_dict['NAME']}_bench"
    settings_dict["TEST"]["NAME"] = bench_name
    print(f"Creating the benchmark database {bench_name} (migrations: a few seconds)…")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

    prefix = f"cms-bench-{uuid.uuid4().hex[:10]}:"
    celery_app.conf.broker_url = REDIS_URL
    celery_app.conf.broker_transport_options = {"global_keyprefix": prefix}
    workdir = Path(tempfile.mkdtemp(prefix="cms-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.integration",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_KEYPREFIX": prefix,
        "EMAIL_FILE_PATH": str(workdir / "mail"),
        "SCHEDULE_SWEEP_SECONDS": str(SWEEP_SECONDS),
        "PYTHONUNBUFFERED": "1",
    }
    processes = []
    try:
        processes.append(
            start(
                "worker",
                ["--concurrency=4", "-n", f"bench-{prefix[10:20]}@%h", "--without-gossip"],
                env,
                workdir / "worker.log",
                " ready.",
            )
        )
        processes.append(
            start(
                "beat",
                ["--schedule", str(workdir / "beat"), "--pidfile", str(workdir / "beat.pid")],
                env,
                workdir / "beat.log",
                "beat: Starting",
            )
        )
        home = HomePage.objects.get(depth=2)
        index = home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc"))
        pages = []
        for i in range(options.n):
            page = NewsPage(
                title=f"Tin hẹn giờ {i}",
                slug=f"tin-hen-gio-{i}",
                date=datetime.date(2026, 11, 25),
                summary="Bài hẹn giờ của phép đo.",
                live=False,
            )
            index.add_child(instance=page)
            pages.append(page)
        rng = random.Random(options.seed)
        lead = 2 + 0.08 * options.n  # time to schedule them all before the first is due
        first = timezone.now() + datetime.timedelta(seconds=lead)
        offsets = sorted(rng.uniform(0, options.spread) for _ in pages)
        due = {}
        for page, offset in zip(pages, offsets, strict=True):
            page.go_live_at = first + datetime.timedelta(seconds=offset)
            page.save_revision().publish()  # as the final approval does
            due[page.pk] = page.go_live_at
        late_scheduling = sum(when < timezone.now() for when in due.values())
        print(
            f"Scheduled {options.n} pages over {options.spread:.0f} s; worker + beat on "
            f"{REDIS_URL}, {connection.vendor} database; waiting…"
        )
        deadline = max(due.values()) + datetime.timedelta(seconds=2 * SWEEP_SECONDS + 10)
        early = 0
        live_seen = set()
        while timezone.now() < deadline and len(live_seen) < len(due):
            moment = timezone.now()
            for page_id in NewsPage.objects.filter(pk__in=list(due), live=True).values_list(
                "pk", flat=True
            ):
                if page_id not in live_seen:
                    live_seen.add(page_id)
                    early += moment < due[page_id]
            time.sleep(0.02)
        published = dict(
            NewsPage.objects.filter(pk__in=list(due), live=True).values_list(
                "pk", "last_published_at"
            )
        )
        delays = [(published[pk] - due[pk]).total_seconds() for pk in published]
        early += sum(delay < 0 for delay in delays)
        cron = cron_delays(list(due.values()))
    finally:
        for process in reversed(processes):
            stop(process)
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if len(delays) == len(due):
        shutil.rmtree(workdir)
    else:
        print(f"The worker's and beat's logs are in {workdir}")

    print()
    print(f"{'':34}{'p50':>10}{'p99':>10}{'max':>10}")
    if delays:
        print(
            f"{'Celery ETA tasks (this project)':34}{percentile(delays, 50):>9.3f}s"
            f"{percentile(delays, 99):>9.3f}s{max(delays):>9.3f}s"
            f"   {len(delays)}/{len(due)} live, {early} early"
        )
    print(
        f"{'cron publish_scheduled, 1/min *':34}{percentile(cron, 50):>9.1f}s"
        f"{percentile(cron, 99):>9.1f}s{max(cron):>9.1f}s"
    )
    if delays:
        p50_ratio = percentile(cron, 50) / max(percentile(delays, 50), 1e-3)
        p99_ratio = percentile(cron, 99) / max(percentile(delays, 99), 1e-3)
        print(f"Ratio cron / Celery: p50 ×{p50_ratio:,.0f}, p99 ×{p99_ratio:,.0f}")
        verdict = "met" if len(delays) == len(due) and percentile(delays, 99) <= 2 else "NOT met"
        print(f"Target p99 ≤ 2 s: {verdict}")
    print("* simulated from the same go-live times, pooled over 1000 cron phases (bench/README.md)")
    if late_scheduling:
        print(f"Note: {late_scheduling} pages were due before the benchmark had scheduled them.")


if __name__ == "__main__":
    main()
