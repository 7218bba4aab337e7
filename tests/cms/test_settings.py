"""Settings: production refuses to start without what it needs, passes Django's deployment
checks once given it, and every environment speaks Vietnamese on Vietnam's clock."""

import pytest
from django.conf import settings

from tests.production import production_env as shared_production_env
from tests.production import run_python as run

# What cms/settings/production.py demands from the environment.
REQUIRED_ENV = (
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "WAGTAILADMIN_BASE_URL",
)


def production_env(tmp_path):
    """A complete production environment, on a SQLite file of the test's own."""
    return shared_production_env(f"sqlite:///{tmp_path / 'production.sqlite3'}")


def setup_production(env):
    return run(
        ["-c", "import django; django.setup()"],
        {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )


def test_production_without_environment_refuses_to_start_naming_every_missing_variable():
    result = setup_production({})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED_ENV:
        assert name in result.stderr


def test_production_without_secret_key_and_database_url_names_both(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"], env["DATABASE_URL"]

    result = setup_production(env)

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert "SECRET_KEY" in message
    assert "DATABASE_URL" in message
    for name in set(REQUIRED_ENV) - {"SECRET_KEY", "DATABASE_URL"}:
        assert name not in message


@pytest.mark.parametrize("missing", REQUIRED_ENV)
def test_production_names_the_one_missing_variable(tmp_path, missing):
    env = production_env(tmp_path)
    del env[missing]

    result = setup_production(env)

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()[-1]
    assert missing in message
    assert [name for name in REQUIRED_ENV if name in message] == [missing]


def test_production_treats_an_empty_variable_as_missing(tmp_path):
    env = {**production_env(tmp_path), "SECRET_KEY": ""}

    result = setup_production(env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_with_full_environment_starts(tmp_path):
    result = setup_production(production_env(tmp_path))

    assert result.returncode == 0, result.stderr


def test_production_passes_the_deployment_checks_without_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy", "--settings=cms.settings.production"],
        production_env(tmp_path),
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "?: (" not in output
    assert "System check identified no issues" in output


def test_production_is_not_in_debug_and_serves_only_its_host(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DEMO_USERS_ALLOWED, s.SESSION_COOKIE_SECURE, "
        "s.DATABASES['default']['ENGINE'])"
    )
    result = run(
        ["-c", code],
        {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['binhdanggioi.thptsoctrang.edu.vn']",
        "False",
        "True",
        "django.db.backends.sqlite3",
    ]


def test_test_settings_speak_vietnamese_on_vietnam_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.USE_I18N is True


def test_admin_offers_vietnamese_and_dates_are_day_first():
    assert "vi" in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert settings.WAGTAIL_DATE_FORMAT == "%d/%m/%Y"
