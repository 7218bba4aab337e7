"""Whatever arrives in the query string, the search page answers 200 with a calm page: results or
the empty state, never an error, and nothing the reader sent is echoed unescaped."""

import datetime

import pytest
from wagtail.models import Page

from .corpus import C5, N2, N3, PLAN, add_news, indexes
from .helpers import assert_calm, search, search_raw

XSS = "<script>alert(1)</script>"


@pytest.fixture
def site(demo_site):
    return demo_site


def assert_not_echoed_raw(page, *fragments):
    for fragment in fragments:
        assert fragment not in page.html, f"{fragment!r} echoed unescaped"


def test_empty_query_shows_a_prompt_and_no_results(client, site):
    for page in (search(client), search(client, "")):
        assert_calm(page)
        assert page.results_list is None and page.hits == []
        assert page.prompt is not None
        assert page.prompt.get_text(strip=True), "the prompt says what to do"
        assert page.count is None


@pytest.mark.parametrize("query", [" ", "   \t  ", "\n", "\u3000", "\u00a0\u00a0"])
def test_whitespace_is_an_empty_query(client, site, query):
    page = search(client, query)
    assert_calm(page)
    assert page.hits == [] and page.prompt is not None


def test_ten_thousand_characters(client, site):
    page = search(client, "bình đẳng giới " * 666 + "x" * 10)
    assert_calm(page)
    assert len(page.html) < 200_000, "the query is not echoed at full length"
    long_word = search(client, "a" * 10_000)
    assert_calm(long_word)
    assert "a" * 1000 not in long_word.html


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        '"; DROP TABLE wagtailcore_page; --',
        "1; DELETE FROM wagtailsearch_indexentry",
        "bình' UNION SELECT password FROM auth_user --",
        "%' OR '%'='",
    ],
)
def test_sql_fragments(client, site, query):
    pages_before = Page.objects.count()
    page = search(client, query)
    assert_calm(page)
    assert Page.objects.count() == pages_before
    # The search still works afterwards.
    assert N3 in search(client, "binh dang gioi").titles


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"bình đẳng',
        "NEAR(",
        "NEAR(bình đẳng, 2)",
        "*",
        "bình*",
        "AND OR NOT",
        "NOT bình",
        "-giới",
        "title:x",
        "title:bình",
        "^",
        "^bình",
        "(",
        ")",
        "bình & đẳng | giới",
        "!bình",
        "bình:*",
        "{}[]",
        "\\",
        "%",
        "_",
    ],
)
def test_full_text_syntax_is_plain_text(client, site, query):
    page = search(client, query)
    assert_calm(page)


def test_operators_are_words_not_operators(client, site):
    # "NOT giới" would exclude pages if NOT reached FTS5 or tsquery; as words, nothing has "not".
    page = search(client, "bình NOT giới")
    assert_calm(page)
    assert page.relaxed and N3 in page.titles
    # A quote left open still finds the words.
    assert N3 in search(client, '"bình đẳng giới').titles


def test_html_and_script_come_back_escaped(client, site):
    page = search(client, XSS)
    assert_calm(page)
    assert_not_echoed_raw(page, XSS, "<script>alert")
    assert "&lt;script&gt;" in page.html, "the query is shown back, escaped"
    other = search(client, '"><img src=x onerror=alert(1)> bình đẳng')
    assert_calm(other)
    assert_not_echoed_raw(other, "<img src=x", '"><img')


def test_a_pages_own_markup_in_its_text_is_escaped_in_the_snippet(client, site):
    _plans, _campaigns, news = indexes()
    add_news(
        news,
        "Bài học về thẻ HTML",
        "Bài học về bình đẳng: <b>in đậm</b> & <script>alert('xss')</script> không chạy.",
        "Nội dung.",
        datetime.date(2026, 5, 1),
    )
    page = search(client, "bài học thẻ")
    assert_calm(page)
    hit = page.hit("Bài học về thẻ HTML")
    assert_not_echoed_raw(page, "<script>alert('xss')", "<b>in đậm</b>")
    assert {tag.name for tag in hit.snippet.find_all(True)} <= {"mark"}


@pytest.mark.parametrize(
    "query",
    ["\x00", "bình\x00đẳng", "\x1b[31mbình", "\u202ebình đẳng", "\x07\x08\x0c", "\ufeffbình"],
)
def test_control_characters(client, site, query):
    page = search(client, query)
    assert_calm(page)
    assert_not_echoed_raw(page, "\x00", "\x1b", "\u202e", "\x07", "\x08")


def test_control_characters_do_not_hide_words(client, site):
    assert N3 in search(client, "\u202ebình đẳng giới").titles
    assert N3 in search(client, "bình\x00đẳng\x1bgiới").titles


@pytest.mark.parametrize(
    "query_string",
    [
        "q=%ff%fe",
        "q=%c3%28",
        "q=b%ecnh",  # Latin-1 "bình", not UTF-8
        "q=%ed%a0%80",  # a lone surrogate, encoded
        "q=%",
        "q=%zz",
        "q=%00",
        "q=bình",  # not percent-encoded at all
        "q=bi%CC%80nh+%C4%91%C4%83%CC%89ng",  # NFD, encoded
        "q=%ff&type=%ff&year=%ff&page=%ff",
        "q&type&year&page",
        "=&=&q=",
    ],
)
def test_odd_bytes_in_the_query_string(client, site, query_string):
    page = search_raw(client, query_string)
    assert_calm(page)
    assert_not_echoed_raw(page, "\x00")


def test_emoji(client, site):
    alone = search(client, "🌸🌸")
    assert_calm(alone)
    with_words = search(client, "🌸 bình đẳng giới 👩‍🎓")
    assert_calm(with_words)
    assert {PLAN, C5, N2, N3} <= set(with_words.titles)


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "0"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "1.5"},
        {"page": "1e3"},
        {"page": ""},
        {"page": "9" * 40},
        {"year": "abcd"},
        {"year": "-2026"},
        {"year": "2026abc"},
        {"year": "٢٠٢٦"},  # Arabic-Indic digits
        {"year": "0000"},
        {"year": "9" * 40},
        {"type": XSS},
        {"type": "Page"},
        {"type": "wagtailcore.page"},
        {"type": "plan", "year": XSS},
    ],
)
def test_odd_filter_and_page_values(client, site, params):
    page = search(client, "bình đẳng giới", **params)
    assert_calm(page)
    assert_not_echoed_raw(page, XSS, "<script>alert")


def test_ignored_values_change_nothing(client, site):
    plain = search(client, "bình đẳng giới")
    for params in ({"type": XSS}, {"year": "abcd"}, {"page": "abc"}, {"page": "99999"}):
        assert search(client, "bình đẳng giới", **params).ids == plain.ids, params


def test_repeated_parameters(client, site):
    page = search_raw(client, "q=b%C3%ACnh&q=%C4%91%E1%BA%B3ng&type=plan&type=news&page=1&page=2")
    assert_calm(page)
    page = search_raw(client, "q=&q=b%C3%ACnh+%C4%91%E1%BA%B3ng+gi%E1%BB%9Bi")
    assert_calm(page)
