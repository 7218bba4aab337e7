import pytest

from .corpus import build_extra_pages


@pytest.fixture
def corpus(demo_site):
    """The demo site plus the extra pages of tests/search/corpus.py: every live plan, campaign
    and news item, by title (NFC)."""
    return build_extra_pages()
