"""The search's shortcuts give what the long way gives (issue 8: fast public pages).

* PostgreSQL ranks a search once, in SQL written from Wagtail's own rank expression
  (``search.backends.postgres.BoundedRankingMixin.ranking``), and reads the count, the counts by
  type and every page of results from that one list: the order, the count and the counts by type
  are those of Wagtail's own query, ranked through the pages' relation to their index entries.
* A snippet reads the beginning of a page's text first (``search.service.SNIPPET_HEAD``): the
  passage it shows is the one the whole text gives, wherever the query's words meet.
* The year filter's years and the promoted results come from queries written once.
"""

from collections import Counter

import pytest
from django.db import connection
from wagtail.models import Locale

from home.models import NewsIndexPage
from search import service
from tests.factories import block_id, make_news

from .helpers import search

# Queries of every shape the public search builds: loose words (and their phrase), a quoted
# phrase with loose words, a date, words without tone marks, a word found nowhere with one found
# (the any-word fallback), a single common word.
QUERIES = [
    "bình đẳng giới",
    "binh dang gioi",
    '"bạo lực" giới',
    "8/3",
    "học sinh",
    "phụ nữ xyzzyq",
    "giới",
]


def _wagtails_order(outcome):
    """The ids of ``outcome``'s results in the order of Wagtail's own rank expression, through
    the pages' relation to their index entries, over the same candidates."""
    compiler = outcome.results.query_compiler
    queryset = compiler.search(compiler.get_config(outcome.results.backend), None, None)
    return list(queryset.values_list("pk", "content_type_id"))


@pytest.mark.parametrize("query", QUERIES)
def test_postgres_ranks_once_as_wagtail_ranks(corpus, query):
    if connection.vendor != "postgresql":
        pytest.skip("the bounded ranking is PostgreSQL's (SQLite ranks with FTS5's bm25)")
    vi = Locale.objects.get(language_code="vi")
    outcome = service.search_pages(query, locale=vi)
    expected = _wagtails_order(outcome)
    assert expected, f"{query!r} finds pages"
    assert [page.pk for page in outcome.results[: len(expected) + 5]] == [pk for pk, _ in expected]
    assert outcome.total == outcome.results.count() == len(expected)
    assert outcome.counts == Counter(content_type for _, content_type in expected)
    # A later page of results reads the same order.
    assert [page.pk for page in outcome.results[2:5]] == [pk for pk, _ in expected[2:5]]
    # The shown results of one type keep that type's pages, in the same order.
    news = service.search_pages(query, locale=vi, page_type="news")
    news_order = _wagtails_order(news)
    assert [page.pk for page in news.results[: len(news_order) + 5]] == [pk for pk, _ in news_order]
    assert news.total == len(news_order)


def _news_saying(page, paragraphs):
    """``page`` (a news item) with ``paragraphs`` as its body, one rich-text block each, in
    memory: what a snippet reads."""
    page.summary = "Tin tức của nhà trường."
    page.body = [
        {"type": "paragraph", "id": block_id(), "value": f"<p>{p}</p>"} for p in paragraphs
    ]
    return page


FILLER = "Học sinh tham gia các hoạt động ngoại khóa của nhà trường trong tuần."
WORDS = FILLER.split()


def _snippet_both_ways(page, query, monkeypatch):
    """The snippet as the search makes it, and as the whole text alone gives it."""
    quick = service.snippet(page, service.ParsedQuery.parse(query))
    with monkeypatch.context() as patched:
        patched.setattr(service, "SNIPPET_HEAD", 10**9)
        whole = service.snippet(page, service.ParsedQuery.parse(query))
    return quick, whole


LAYOUTS = {
    "at the beginning": ["Tuyên truyền về bình đẳng giới cho học sinh.", *[FILLER] * 40],
    "past the beginning": [*[FILLER] * 30, "Tuyên truyền về bình đẳng giới.", FILLER],
    "apart at the beginning, together later": [
        "Bình minh trên sân trường.",
        *[FILLER] * 3,
        "Giới thiệu câu lạc bộ.",
        *[FILLER] * 20,
        "Hội thảo về bình đẳng giới.",
        *[FILLER] * 20,
    ],
    "near the end": [*[FILLER] * 40, "Kết thúc chuyên đề bình đẳng giới"],
    "never together": ["Bình minh.", *[FILLER] * 30, "Đẳng cấp.", *[FILLER] * 30, "Giới."],
}


def test_a_snippet_is_the_whole_texts_passage(demo_site, monkeypatch, subtests):
    page = make_news(NewsIndexPage.objects.get(locale__language_code="vi"), title="Tin dài")
    layouts = dict(LAYOUTS)
    # The words together at every place around the end of the beginning read first, and apart
    # across it: one word before the cut, the others after.
    for shift in range(0, 120, 7):
        lead = " ".join(WORDS * 40)[: service.SNIPPET_HEAD - 60 + shift]
        layouts[f"together, {shift}"] = [f"{lead} bình đẳng giới", *[FILLER] * 10]
        layouts[f"apart, {shift}"] = [f"{lead} bình", *[FILLER] * 2, "đẳng giới", FILLER]
    for where, paragraphs in layouts.items():
        _news_saying(page, paragraphs)
        for query in ("bình đẳng giới", "binh dang gioi", "Bình Đẳng", "giới"):
            with subtests.test(where=where, query=query):
                quick, whole = _snippet_both_ways(page, query, monkeypatch)
                assert quick == whole
    for where in ("at the beginning", "past the beginning", "near the end"):
        marked = service.snippet(
            _news_saying(page, LAYOUTS[where]), service.ParsedQuery.parse("binh dang gioi")
        )
        assert "<mark>bình</mark> <mark>đẳng</mark> <mark>giới</mark>" in marked, where
    never = _news_saying(page, LAYOUTS["never together"])
    assert "<mark>Bình</mark> minh" in service.snippet(
        never, service.ParsedQuery.parse("binh dang gioi")
    )


def test_the_year_filter_offers_the_years_as_numbers(client, corpus):
    page = search(client, "bình đẳng giới", year="2026")
    options = page.soup.select('select[name="year"] option')
    selected = [option.get("value") for option in options if option.has_attr("selected")]
    assert selected == ["2026"]
    years = [option.get("value") for option in options if option.get("value")]
    assert years == sorted(years, reverse=True) and "2026" in years
    vi = Locale.objects.get(language_code="vi")
    assert all(type(year) is int for year in service.available_years(vi))
