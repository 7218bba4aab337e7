"""Local benchmarks (README.md). A package so that ``bench.urls`` can be the URLconf of
``cms.settings.bench``; the scripts themselves run as files (``python bench/pages.py``)."""
