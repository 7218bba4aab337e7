"""Demo content: the school's real 2026 plan, the year's campaigns and a few news items, loaded
by ``python manage.py load_demo``."""
