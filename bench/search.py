"""How fast, and how well, does the public search answer? ``search.service.search_pages`` on
PostgreSQL, against Wagtail's default database search on the same pages and the same queries.

    .venv/bin/python bench/search.py [--pages 10000] [--repeat 1] [--seed 1] [--verbose]
                                     [--explain] [--keep]

Builds a throwaway PostgreSQL database (``<DATABASE_URL's name>_bench_search`` on DATABASE_URL's
server, else ``cms_bench_search`` on postgres@127.0.0.1:5432), loads the demo site
(``load_demo --without-users``) and generates ``--pages`` live pages under its index pages: 20
plans, news (85 % of the rest) and campaigns, titles of 6–14 words and bodies of a few
paragraphs mixed by a seeded RNG from the demo's and the 2026 plan's own sentences and a
vocabulary of school life. The pages are inserted in bulk (tree paths computed as treebeard
does, no revisions, no per-save signals), then indexed once with ``update_index``.

100 queries as readers type them on phones: 50 with tone marks (a few in NFD or capitals) and
their 50 unaccented twins (``binh dang gioi``, ``d`` for ``đ``, some capitalised), from words
found on nearly every page to words found on a handful.

Each query is timed as a reader waits for it: the search, its first 10 results (specific pages)
and the total count. Ours is ``search_pages(query)``; the baseline is
``Page.objects.live().public().filter(locale=vi, depth__gt=2).specific().search(query,
backend="wagtail.search.backends.database")`` (PostgreSQL's default text search configuration,
no unaccent). Both backends share Wagtail's index table, so the index is built with Wagtail's
default, measured, rebuilt with ours and measured again, in the same process on the same data
and schema; after each build the stored lexemes are checked (``bình`` for the default, ``binh``
for ours), so the two columns cannot measure the same index twice. Every query runs once to
warm up, then ``--repeat`` times (a query's latency is the median of its runs); p50, p95 and max
are over the 100 queries, and again over the 50 accented ones, where both do the same work
(Wagtail's default answers an unaccented query at once: it finds nothing).

Hit rate on the unaccented queries: the share of the unaccented queries whose first 10 results
include at least one page that the accented twin (NFC, lower case) finds with Wagtail's default
search, which matches the words exactly as typed. Counts: how many accented queries get from
ours the true number of pages holding all their words (counted in SQL on the folded index), so
that a faster search cannot under-count unseen. ``--explain`` prints EXPLAIN ANALYZE of the
statements ours runs for its three slowest queries; ``--keep`` keeps the database, indexed by
ours. Otherwise the database is dropped at the end. The benchmark prints; it asserts nothing.
"""

import argparse
import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from content import generate  # bench/content.py, beside this script: the generated pages
from measure import percentile  # bench/measure.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/cms"
WAGTAIL_DEFAULT = "wagtail.search.backends.database"
TARGET_P95_MS = 50

# Queries -------------------------------------------------------------------------------------
# (accented query as canonical NFC lower case, how the reader types it, how the twin is typed):
# "" as typed, "nfd" decomposed, "upper" capitals, "cap" first letter capital (phone keyboards).

QUERIES = [
    # very common: thousands of pages
    ("bình đẳng giới", "", ""),
    ("phụ nữ", "", "cap"),
    ("học sinh", "nfd", ""),
    ("bạo lực", "", ""),
    ("giáo viên", "", "cap"),
    ("tuyên truyền", "", ""),
    ("nữ sinh", "upper", ""),
    ("tiến bộ phụ nữ", "", ""),
    ("trường học", "", "cap"),
    ("sinh hoạt dưới cờ", "nfd", ""),
    # medium
    ("tháng hành động", "", ""),
    ("bạo lực học đường", "", "cap"),
    ("chia sẻ việc nhà", "", ""),
    ("vẽ tranh", "nfd", ""),
    ("hạnh phúc", "", ""),
    ("gia đình", "cap", ""),
    ("tọa đàm", "", "cap"),
    ("đoàn trường", "", ""),
    ("cô giáo", "", ""),
    ("thư cảm ơn", "", ""),
    ("trao giải", "nfd", "cap"),
    ("phụ huynh", "", ""),
    ("sóc trăng", "cap", "upper"),
    ("cần thơ", "cap", ""),
    ("mạng xã hội", "", ""),
    ("định kiến giới", "", ""),
    ("xâm hại trẻ em", "nfd", ""),
    ("sức khỏe sinh sản", "", "cap"),
    ("kỹ năng sống", "", ""),
    ("tư vấn tâm lý", "", ""),
    ("trẻ em gái", "", ""),
    ("hướng nghiệp", "upper", ""),
    ("luật bình đẳng giới", "cap", ""),
    ("ngày phụ nữ việt nam", "", "cap"),
    ("đường dây nóng", "", ""),
    # rare: a handful to a few hundred pages
    ("ruy băng", "", ""),
    ("sắc cam", "", ""),
    ("mỹ xuyên", "cap", ""),
    ("đua ghe ngo", "", ""),
    ("bánh pía", "nfd", ""),
    ("chôl chnăm thmây", "", ""),
    ("hội liên hiệp phụ nữ", "", "upper"),
    ("lòng ghép", "", ""),
    ("khoảnh khắc hạnh phúc", "", ""),
    ("nhà đa năng", "", ""),
    ("kinh phí", "", "cap"),
    ("lớp 11a3", "", ""),
    ("tỷ lệ nữ", "", ""),
    ("chùa khmer", "", ""),
    ("văn hóa ấp", "upper", ""),
]

WORD_RE = re.compile(r"\w+")


def typed(text, how):
    if how == "nfd":
        return unicodedata.normalize("NFD", text)
    if how == "upper":
        return text.upper()
    if how == "cap":
        return text[:1].upper() + text[1:]
    return text


def build_queries():
    """The 100 queries: (accented as typed, canonical accented, unaccented as typed)."""
    from cms.text import fold

    return [(typed(q, a), q, typed(fold(q), u)) for q, a, u in QUERIES]


def code_version():
    """The commit measured, and whether search/ had uncommitted changes."""
    git = shutil.which("git")
    if not git:
        return "unknown (no git)"
    run = functools.partial(subprocess.run, cwd=ROOT, capture_output=True, text=True)
    commit = run([git, "rev-parse", "--short", "HEAD"]).stdout.strip() or "unknown"
    dirty = run([git, "status", "--porcelain", "search"]).stdout.strip()
    return f"commit {commit}" + (" + uncommitted changes in search/" if dirty else "")


def bench_database_url():
    """DATABASE_URL's server with ``<name>_bench_search`` as the database."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    parts = urlsplit(url)
    if not parts.scheme.startswith(("postgres", "pgsql")):
        raise SystemExit(f"The search benchmark needs PostgreSQL: DATABASE_URL is {url}")
    name = f"{parts.path.lstrip('/') or 'cms'}_bench_search"
    return urlunsplit(parts._replace(path=f"/{name}")), name


# Measuring ---------------------------------------------------------------------------------


def index_with(backend_name):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", backend_name=backend_name, verbosity=0)
    seconds = time.perf_counter() - started
    analyze()
    return seconds


def analyze():
    """Fresh planner statistics and no dead rows, as autovacuum leaves a live site."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def stored_lexemes():
    """How many index entries hold the lexeme ``binh`` and how many ``bình``: which backend
    built the index, read from the stored vectors themselves."""
    from django.db import connection
    from wagtail.search.models import IndexEntry

    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    counts = {}
    with connection.cursor() as cursor:
        for lexeme in ("binh", "bình"):
            cursor.execute(
                f"SELECT count(*) FROM {table} WHERE (title || body) @@ %s::tsquery",  # noqa: S608
                [lexeme],
            )
            counts[lexeme] = cursor.fetchone()[0]
    return counts


def true_counts(locale, queries):
    """How many live pages of the searched types hold every word of each query, folded: what
    ``search_pages`` should report as its count (counted in SQL on the index ours built)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.search.models import IndexEntry

    from search.service import PAGE_TYPES

    types = [ContentType.objects.get_for_model(model).pk for model in PAGE_TYPES.values()]
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    sql = (
        f"SELECT count(*) FROM {table} e JOIN wagtailcore_page p "  # noqa: S608
        "ON e.content_type_id = p.content_type_id AND e.object_id = p.id::text "
        "WHERE p.live AND p.locale_id = %s AND p.content_type_id = ANY(%s) "
        "AND (e.title || e.body) @@ plainto_tsquery('cms_vietnamese', %s)"
    )
    counts = {}
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(sql, [locale.pk, types, query])
            counts[query] = cursor.fetchone()[0]
    return counts


def run_ours(query):
    from search.service import search_pages

    outcome = search_pages(query)
    first = list(outcome.results[:10])
    return first, outcome.results.count()


def make_baseline(locale):
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(locale=locale, depth__gt=2).specific()

    def run(query):
        results = pages.search(query, backend=WAGTAIL_DEFAULT)
        return list(results[:10]), results.count()

    return run


def measure(run, queries, repeat):
    """Warm up once, then time every query ``repeat`` times; per query: the median latency in
    ms, the ids of its first page and its count."""
    for query in queries:
        run(query)
    timings = {query: [] for query in queries}
    answers = {}
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            first, count = run(query)
            timings[query].append((time.perf_counter() - started) * 1000)
            answers[query] = ([page.pk for page in first], count)
    return {query: (statistics.median(timings[query]), *answers[query]) for query in queries}


def explain(query):
    """EXPLAIN ANALYZE every SQL statement ``search_pages`` runs for ``query``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run_ours(query)
    print(f"\n--- EXPLAIN ANALYZE, ours, {query!r}: {len(captured)} statements")
    for number, item in enumerate(captured.captured_queries, start=1):
        sql = item["sql"]
        print(f"\n[{number}] {item['time']} s  {sql[:300]}{'…' if len(sql) > 300 else ''}")
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            for (line,) in cursor.fetchall():
                print(f"    {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages (10000)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per query (1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="print every query's figures")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE ours on its slowest queries"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database, indexed by ours, for profiling"
    )
    options = parser.parse_args()

    url, bench_name = bench_database_url()
    os.environ["DATABASE_URL"] = url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation
    from wagtail.models import Locale, Page

    translation.activate("vi")
    connection.settings_dict["TEST"]["NAME"] = bench_name
    print(f"Creating the benchmark database {bench_name} (migrations: a few seconds)…")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_demo", without_users=True, verbosity=0, stdout=io.StringIO())
        started = time.perf_counter()
        made = generate(options.pages, options.seed)
        generated_in = time.perf_counter() - started
        analyze()
        vi = Locale.objects.get(language_code="vi")
        searchable = Page.objects.live().public().filter(locale=vi, depth__gt=2).count()
        print(
            f"Generated {sum(made.values())} pages ({made['news']} news, {made['campaigns']} "
            f"campaigns, {made['plans']} plans) in {generated_in:.1f} s; {searchable} live "
            "pages below the home page."
        )

        queries = build_queries()
        accented = [a for a, _, _ in queries]
        unaccented = [u for _, _, u in queries]
        all_queries = accented + unaccented
        baseline = make_baseline(vi)

        # Wagtail's default first, ours last: --keep leaves the database indexed by ours.
        seconds = index_with(WAGTAIL_DEFAULT)
        lexemes = stored_lexemes()
        default_accented = baseline("bình đẳng giới")[1]
        default_unaccented = baseline("binh dang gioi")[1]
        print(
            f"Indexed with Wagtail's default in {seconds:.1f} s: entries with lexeme binh "
            f"{lexemes['binh']}, bình {lexemes['bình']}; 'bình đẳng giới' finds "
            f"{default_accented}, 'binh dang gioi' {default_unaccented} (default)"
        )
        if not (lexemes["bình"] and not lexemes["binh"] and default_accented):
            raise SystemExit("The index is not Wagtail's default one: stopping.")
        started = time.perf_counter()
        default = measure(baseline, all_queries, options.repeat)
        print(f"Measured Wagtail's default in {time.perf_counter() - started:.1f} s")
        # What each accented query finds with its exact words: the reference for the hit rate.
        reference_pages = Page.objects.live().public().filter(locale=vi, depth__gt=2)
        reference = {}
        for _, canonical, _ in queries:
            results = reference_pages.search(canonical, backend=WAGTAIL_DEFAULT)
            reference[canonical] = set(results.get_queryset().values_list("pk", flat=True))
        print(f"Reference sets in {time.perf_counter() - started:.1f} s")

        seconds = index_with("default")
        lexemes = stored_lexemes()
        ours_unaccented = run_ours("binh dang gioi")[1]
        default_unaccented = baseline("binh dang gioi")[1]
        print(
            f"Indexed with ours in {seconds:.1f} s: entries with lexeme binh {lexemes['binh']}, "
            f"bình {lexemes['bình']}; 'binh dang gioi' finds {ours_unaccented} (ours)"
        )
        if not (lexemes["binh"] and not lexemes["bình"] and ours_unaccented):
            raise SystemExit("The index is not the folded one ours needs: stopping.")
        started = time.perf_counter()
        ours = measure(run_ours, all_queries, options.repeat)
        print(f"Measured ours in {time.perf_counter() - started:.1f} s")
        slowest = sorted(all_queries, key=lambda q: ours[q][0], reverse=True)[:3]
        expected = true_counts(vi, [canonical for _, canonical, _ in queries])
        if options.explain:
            for query in slowest:
                explain(query)
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
            cursor.execute("SHOW default_text_search_config")
            default_config = cursor.fetchone()[0]
    finally:
        if options.keep:
            print(f"Kept the database {bench_name} (drop it with: dropdb {bench_name})")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    if options.verbose:
        print(f"\n{'query':28}{'ours ms':>9}{'count':>7}{'default ms':>12}{'count':>7}  hit o/d")
        for accented_query, canonical, unaccented_query in queries:
            for query in (accented_query, unaccented_query):
                hit = ""
                if query is unaccented_query:
                    found = reference[canonical]
                    hit = f"{int(bool(found & set(ours[query][1])))}/"
                    hit += f"{int(bool(found & set(default[query][1])))}"
                print(
                    f"{unicodedata.normalize('NFC', query)[:27]:28}{ours[query][0]:>9.1f}"
                    f"{ours[query][2]:>7}{default[query][0]:>12.1f}{default[query][2]:>7}  {hit}"
                )

    def figures(results, subset=all_queries):
        latencies = [results[q][0] for q in subset]
        return percentile(latencies, 50), percentile(latencies, 95), max(latencies)

    def hit_rate(results):
        pairs = [(c, u) for _, c, u in queries if reference[c]]
        hits = sum(bool(reference[c] & set(results[u][1])) for c, u in pairs)
        return hits, len(pairs)

    def empty(results, subset):
        return sum(not results[q][2] for q in subset)

    print()
    print(
        f"Machine: {os.cpu_count()} cores; PostgreSQL {pg_version} (default_text_search_config "
        f"{default_config}); {searchable} live pages searched, 100 queries "
        f"(50 accented + 50 unaccented twins), median of {options.repeat} runs after a warm-up."
    )
    print(f"Search code: {code_version()}.")
    print("Latency per query: search + first 10 results (specific pages) + count.")
    print()
    print(f"{'':34}{'p50':>9}{'p95':>9}{'max':>9}{'hit rate':>11}{'no result':>14}")
    rows = (
        ("search_pages (this project)", ours),
        ("Wagtail default database search", default),
    )
    for label, results in rows:
        p50, p95, top = figures(results)
        hits, pairs = hit_rate(results)
        print(
            f"{label:34}{p50:>7.1f}ms{p95:>7.1f}ms{top:>7.1f}ms{hits:>6}/{pairs:<4}"
            f"{empty(results, accented):>6} + {empty(results, unaccented):<3}"
        )
    ours_p50, ours_p95, _ = figures(ours)
    default_p50, default_p95, _ = figures(default)
    print(
        f"Ratio ours / default: p50 ×{ours_p50 / default_p50:.2f}, "
        f"p95 ×{ours_p95 / default_p95:.2f}"
    )
    # Wagtail's default answers an unaccented query from its index at once: it finds nothing.
    # The accented queries alone compare the two on the same work.
    ours_a50, ours_a95, _ = figures(ours, accented)
    default_a50, default_a95, _ = figures(default, accented)
    print(
        f"Accented queries only: ours p50 {ours_a50:.1f} ms, p95 {ours_a95:.1f} ms; default "
        f"p50 {default_a50:.1f} ms, p95 {default_a95:.1f} ms; ratio p50 "
        f"×{ours_a50 / default_a50:.2f}, p95 ×{ours_a95 / default_a95:.2f}"
    )
    verdict = "met" if ours_p95 <= TARGET_P95_MS else "NOT met"
    print(f"Target p95 ≤ {TARGET_P95_MS} ms: {verdict} ({ours_p95:.1f} ms)")
    wrong = [(typed_q, ours[typed_q][2], expected[c]) for typed_q, c, _ in queries]
    wrong = [item for item in wrong if item[1] != item[2]]
    print(
        f"Counts: ours reports the number of pages holding all the words for "
        f"{len(queries) - len(wrong)}/{len(queries)} accented queries"
        + (
            "; e.g. "
            + ", ".join(
                f"{unicodedata.normalize('NFC', q)!r} {got} of {true}"
                for q, got, true in sorted(wrong, key=lambda w: w[1] - w[2])[:3]
            )
            if wrong
            else ""
        )
    )
    print(
        "Slowest (ours): "
        + ", ".join(f"{unicodedata.normalize('NFC', q)!r} {ours[q][0]:.1f} ms" for q in slowest)
    )
    print(
        "Hit rate: unaccented queries whose first 10 results include a page that the accented "
        "twin (NFC, lower case) finds with Wagtail's default search (exact words); "
        "no result: accented + unaccented queries that found nothing."
    )


if __name__ == "__main__":
    main()
