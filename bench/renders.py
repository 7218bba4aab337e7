"""What does an uncached public page cost in Python? CPU per render and queries, in-process.

    .venv/bin/python bench/renders.py --build          # once: builds the database (~2 minutes)
    .venv/bin/python bench/renders.py [--rounds 40]    # CPU ms per render, queries, bytes
    .venv/bin/python bench/renders.py --profile "home page"   # pyinstrument
    .venv/bin/python bench/renders.py --cprofile "home page" [--sort tottime]
    .venv/bin/python bench/renders.py --dump /tmp/before   # every public page type's HTML
    .venv/bin/python bench/renders.py --dump /tmp/after --diff /tmp/before

``make bench`` (pages.py) measures whole requests through gunicorn under wrk, on cores that
PostgreSQL and wrk share; this measures the part the code controls, in one process: each public
page (home, the 2026 plan, the campaign list, the latest news item with a photo, the news list)
rendered through Django's test client — the whole middleware stack, production's settings
(``cms.settings.bench``: DEBUG off, cached template loader, hashed static files) — with the page
cache off (``PAGE_CACHE_ENABLED=false``). Pages are measured in turn, round after round, so a
neighbour's load on the shared cores touches them all alike; the medians of ``time.process_time``
(this process's CPU, PostgreSQL's not counted) and of the wall time are printed, with the queries
of one render (counted in a separate render: counting them costs time) and the body's size.

The database is pages.py's content (its ``build_site``: the demo plus 2,000 news, 200 campaigns,
10 plans) in ``cms_perf`` on DATABASE_URL's server (else postgres@127.0.0.1:5432), kept between
runs; Redis database 7 (``PERF_REDIS_URL``) is the cache. ``--dump`` writes every public page
type's HTML with the per-request values (CSP nonce, CSRF token) blanked, ``--diff`` compares
with an earlier dump: a change to the code must leave the pages byte-identical, or say why not.
"""

import argparse
import cProfile
import difflib
import os
import pstats
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlunsplit

import pages  # bench/pages.py, beside this script: the database and the measured paths

ROOT = pages.ROOT
DB_NAME = "cms_perf"
WORK_DIR = Path(os.environ.get("PERF_DIR") or Path(tempfile.gettempdir()) / "cms-perf")
REDIS_URL = os.environ.get("PERF_REDIS_URL", "redis://127.0.0.1:6379/7")
HOST = "127.0.0.1:8000"


def configure():
    """Production's settings (cms.settings.bench) on ``cms_perf``, the page cache off."""
    parts = pages.server_url()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(40),
            "DATABASE_URL": urlunsplit(parts._replace(path=f"/{DB_NAME}")),
            "REDIS_URL": REDIS_URL,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "EMAIL_URL": "consolemail://",
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "PUBLIC_URL": f"http://{HOST}",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": str(WORK_DIR / "static"),
            "MEDIA_ROOT": str(WORK_DIR / "media"),
            "PAGE_CACHE_ENABLED": os.environ.get("PAGE_CACHE_ENABLED", "false"),
        }
    )
    return parts


def build(parts):
    pages.recreate_database(parts, name=DB_NAME)
    options = SimpleNamespace(news=2000, campaigns=200, plans=10, images=0.6, seed=1)
    pages.build_site(options)


def measured():
    """The measured pages: pages.py's, without the search (another bench), with the news list."""
    from wagtail.models import Locale

    from home.models import NewsIndexPage

    paths = {name: path for name, path in pages.measured_paths().items() if name != "search"}
    vi = Locale.objects.get(language_code="vi")
    paths["news list"] = pages.path_of(NewsIndexPage.objects.get(locale=vi))
    return paths


def every_page_type():
    """One URL of each public page type, in both languages, for ``--dump``."""
    from wagtail.models import Locale, Page

    from campaigns.models import CampaignPage
    from home.models import NewsPage
    from plans.models import PlanIndexPage

    paths = dict(measured())
    vi = Locale.objects.get(language_code="vi")
    news_list = paths["news list"]
    paths["news list, page 2"] = f"{news_list}?page=2"
    campaign = CampaignPage.objects.live().filter(locale=vi, listing_image__isnull=False)
    paths["campaign item"] = pages.path_of(campaign.order_by("-start_date", "pk").first())
    paths["campaign, no image"] = pages.path_of(
        CampaignPage.objects.live().filter(locale=vi, listing_image__isnull=True).first()
    )
    paths["news, no photo"] = pages.path_of(
        NewsPage.objects.live().filter(locale=vi, image__isnull=True).order_by("-date").first()
    )
    paths["plan list"] = pages.path_of(PlanIndexPage.objects.get(locale=vi))
    for page in Page.objects.live().exclude(locale=vi).filter(depth__lte=3).specific():
        paths[f"{page.locale.language_code}: {page.title}"] = pages.path_of(page)
    return paths


def client():
    from django.test import Client

    return Client(HTTP_HOST=HOST)


def render(browser, path):
    response = browser.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: status {response.status_code}")
    return response.content


def count_queries(browser, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        render(browser, path)
    return len(captured.captured_queries)


def show_queries(paths):
    """Each page's queries, with the time PostgreSQL took (a second render: plans cached)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    browser = client()
    for name, path in paths.items():
        render(browser, path)
        with CaptureQueriesContext(connection) as captured:
            render(browser, path)
        total = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        print(f"{name} ({path}): {len(captured.captured_queries)} queries, {total:.1f} ms")
        for query in captured.captured_queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:220]}")


def measure(paths, rounds):
    """CPU and wall ms per render, median over ``rounds``, with what a process keeps between
    renders (the list cards, ``{% cardcache %}``; the site snapshot, cms/snapshot.py; the SQL
    of the page's querysets, cms/compiled.py: as after a publish, which empties the page cache,
    leaves the cards of the pages it did not change and costs one snapshot per process) and
    with nothing kept; the two alternate, render by render, so the machine's load touches both
    alike."""
    from django.conf import settings

    browser = client()
    for path in paths.values():  # renditions made, templates loaded, connections opened
        for _ in range(3):
            render(browser, path)
    queries = {name: count_queries(browser, path) for name, path in paths.items()}
    sizes = {name: len(render(browser, path)) for name, path in paths.items()}
    modes = {"kept": True, "no cache": False}
    cpu = {(mode, name): [] for mode in modes for name in paths}
    wall = {(mode, name): [] for mode in modes for name in paths}
    try:
        for _ in range(rounds):
            for name, path in paths.items():
                for mode, enabled in modes.items():
                    settings.CARD_CACHE_ENABLED = enabled
                    settings.SITE_SNAPSHOT_ENABLED = enabled
                    settings.COMPILED_QUERIES_ENABLED = enabled
                    started_cpu, started = time.process_time(), time.perf_counter()
                    render(browser, path)
                    cpu[mode, name].append((time.process_time() - started_cpu) * 1000)
                    wall[mode, name].append((time.perf_counter() - started) * 1000)
    finally:
        del settings.CARD_CACHE_ENABLED
        del settings.SITE_SNAPSHOT_ENABLED
        del settings.COMPILED_QUERIES_ENABLED
    print(
        f"{'page':<16} {'queries':>7} {'bytes':>7}"
        + "".join(f" | {mode + ': CPU ms (p25–p75)':<34} {'wall ms':>7}" for mode in modes)
    )
    for name in paths:
        line = f"{name:<16} {queries[name]:7d} {sizes[name]:7,d}"
        for mode in modes:
            q = statistics.quantiles(cpu[mode, name], n=4)
            spread = f"({q[0]:.1f}–{q[2]:.1f})"
            line += (
                f" | {statistics.median(cpu[mode, name]):6.1f} {spread:<27}"
                f" {statistics.median(wall[mode, name]):7.1f}"
            )
        print(line)
    line = f"{'sum of medians':<32}"
    for mode in modes:
        line += f" | {sum(statistics.median(cpu[mode, n]) for n in paths):6.1f}{'':35}"
    print(line.rstrip())


def profile(paths, name, rounds, flat=None):
    """pyinstrument's call tree of ``rounds`` renders of one page (wall time: waits for
    PostgreSQL show under psycopg's ``wait``)."""
    from pyinstrument import Profiler

    browser = client()
    path = paths[name]
    for _ in range(3):
        render(browser, path)
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(rounds):
        render(browser, path)
    profiler.stop()
    print(f"{name} ({path}), {rounds} renders")
    print(
        profiler.output_text(
            unicode=True, show_all=bool(flat), flat=bool(flat), flat_time=flat or "self"
        )
    )


def cprofile(paths, name, rounds, sort, limit):
    browser = client()
    path = paths[name]
    for _ in range(3):
        render(browser, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        render(browser, path)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"{name} ({path}), {rounds} renders; {stats.total_calls / rounds:,.0f} calls per render")
    stats.sort_stats(sort).print_stats(limit)


# Per-request values: the CSP nonce and the CSRF token differ on every response.
VOLATILE = [
    (re.compile(rb'nonce="[^"]*"'), b'nonce=""'),
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'), b'name="csrfmiddlewaretoken"'),
]


def dump(directory, diff_with):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    browser = client()
    different = 0
    for name, path in every_page_type().items():
        body, again = (render(browser, path) for _ in range(2))
        for pattern, blank in VOLATILE:
            body, again = pattern.sub(blank, body), pattern.sub(blank, again)
        if again != body:  # the second render takes its cards from {% cardcache %}
            different += 1
            print(f"DIFFERENT on the second render: {name} ({path})")
        file_name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"
        (directory / file_name).write_bytes(body)
        if diff_with:
            before = (Path(diff_with) / file_name).read_bytes()
            if before != body:
                different += 1
                print(f"DIFFERENT: {name} ({path})")
                sys.stdout.writelines(
                    difflib.unified_diff(
                        before.decode().splitlines(True),
                        body.decode().splitlines(True),
                        f"before/{file_name}",
                        f"after/{file_name}",
                        n=1,
                    )
                )
            else:
                print(f"identical: {name}")
        else:
            print(f"{name}: {path} ({len(body):,} bytes)")
    if diff_with:
        print(f"{different} page(s) differ")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="(re)build the database first")
    parser.add_argument("--rounds", type=int, default=40, help="renders of each page (40)")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page's renders instead")
    parser.add_argument(
        "--flat", choices=("self", "total"), help="with --profile: a flat list of functions"
    )
    parser.add_argument("--cprofile", metavar="PAGE", help="cProfile one page's renders instead")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order (cumulative)")
    parser.add_argument("--limit", type=int, default=45, help="profile lines (45)")
    parser.add_argument("--queries", action="store_true", help="list each page's queries")
    parser.add_argument("--dump", metavar="DIR", help="write every public page type's HTML")
    parser.add_argument("--diff", metavar="DIR", help="with --dump: compare with DIR's pages")
    options = parser.parse_args()

    parts = configure()
    if options.build:
        build(parts)
    else:
        import django

        django.setup()
    import logging

    from django.utils import translation

    logging.disable(logging.INFO)
    translation.activate("vi")
    paths = measured()
    if options.dump:
        dump(options.dump, options.diff)
    elif options.queries:
        show_queries(paths)
    elif options.profile:
        profile(paths, options.profile, options.rounds, options.flat)
    elif options.cprofile:
        cprofile(paths, options.cprofile, options.rounds, options.sort, options.limit)
    else:
        from django.conf import settings

        loaders = settings.TEMPLATES[0]["OPTIONS"].get("loaders") or "cached (DEBUG off)"
        print(
            f"cms_perf, {settings.SETTINGS_MODULE}, DEBUG={settings.DEBUG}, page cache "
            f"{'on' if settings.PAGE_CACHE_ENABLED else 'off'}, loaders {loaders}; "
            f"{options.rounds} rounds; load {os.getloadavg()[0]:.2f}"
        )
        measure(paths, options.rounds)


if __name__ == "__main__":
    main()
