"""Logins (docs/security.md): django-axes locks a user name out after five failed sign-ins from
one address, through the real Wagtail sign-in view; the address is the one nginx saw; the wait
ends after the cool-off; password validators answer in Vietnamese; staff sessions are short,
HTTP-only, renewed at sign-in and ended on the server at sign-out."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from ..conftest import PASSWORD

LOGIN_URL = reverse("wagtailadmin_login")
ADMIN_HOME = reverse("wagtailadmin_home")
LOCKED_MESSAGE = (
    "Too many failed sign-ins with this user name from this computer. "
    "Wait %(minutes)s minutes, then try again."
)
HOME = "203.0.113.10"  # the Youth Union's computer
ELSEWHERE = "198.51.100.20"
NGINX = "127.0.0.1"  # gunicorn's only peer behind the reverse proxy


def vietnamese(msgid, **values):
    """``msgid`` as the Vietnamese interface shows it (the project's catalogue)."""
    with translation.override("vi"):
        text = gettext(msgid)
    return text % values if values else text


def too_short(min_length=10):
    """Django's message for a short password, as the Vietnamese interface shows it."""
    with translation.override("vi"):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                min_length,
            )
            % min_length
        )


def sign_in(client, username, password, **extra):
    """The Wagtail sign-in form as a browser posts it."""
    return client.post(
        LOGIN_URL, {"username": username, "password": password, "next": ADMIN_HOME}, **extra
    )


def is_signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, username, times, **extra):
    return [sign_in(client, username, "sai-mat-khau", **extra).status_code for _ in range(times)]


@pytest.fixture
def browser():
    return Client(REMOTE_ADDR=HOME)


# Lockout ------------------------------------------------------------------------------------------


def test_four_failures_only_show_the_form_again(browser, youth_union_user):
    assert fail(browser, "doantruong", 4) == [200, 200, 200, 200]
    assert sign_in(browser, "doantruong", PASSWORD).status_code == 302
    assert is_signed_in(browser)


def test_the_fifth_failure_locks_the_user_name_from_that_address(browser, youth_union_user):
    assert fail(browser, "doantruong", 5) == [200, 200, 200, 200, 429]
    response = sign_in(browser, "doantruong", PASSWORD)
    assert response.status_code == 429
    assert not is_signed_in(browser)


def test_the_lockout_is_wagtails_sign_in_page_in_vietnamese(browser, youth_union_user):
    fail(browser, "doantruong", 5)
    response = sign_in(browser, "doantruong", PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    names = [template.name for template in response.templates]
    assert "cms/login_locked.html" in names
    assert "wagtailadmin/login.html" in names
    text = response.content.decode()
    assert vietnamese(LOCKED_MESSAGE, minutes=15) in text
    assert vietnamese("Sign-in temporarily locked") in text
    assert reverse("wagtailadmin_password_reset") in text


def test_the_lockout_names_the_configured_cool_off(settings, browser, youth_union_user):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
    fail(browser, "doantruong", 5)
    text = sign_in(browser, "doantruong", PASSWORD).content.decode()
    assert vietnamese(LOCKED_MESSAGE, minutes=30) in text


def test_the_same_user_from_another_address_still_signs_in(browser, youth_union_user):
    fail(browser, "doantruong", 5)
    elsewhere = Client(REMOTE_ADDR=ELSEWHERE)
    assert sign_in(elsewhere, "doantruong", PASSWORD).status_code == 302
    assert is_signed_in(elsewhere)


def test_another_user_at_the_locked_address_still_signs_in(
    browser, youth_union_user, committee_user
):
    fail(browser, "doantruong", 5)
    colleague = Client(REMOTE_ADDR=HOME)
    assert sign_in(colleague, "banvstbpn", PASSWORD).status_code == 302


def test_failures_are_recorded_in_the_database_for_it(browser, youth_union_user):
    fail(browser, "doantruong", 5)
    attempt = AccessAttempt.objects.get(username="doantruong")
    assert attempt.ip_address == HOME
    assert attempt.failures_since_start == 5


def test_the_lockout_ends_after_the_cool_off(browser, youth_union_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        fail(browser, "doantruong", 5)
        traveller.shift(datetime.timedelta(minutes=14))
        assert sign_in(browser, "doantruong", PASSWORD).status_code == 429
        traveller.shift(datetime.timedelta(minutes=1, seconds=1))
        assert sign_in(browser, "doantruong", PASSWORD).status_code == 302
    assert is_signed_in(browser)


def test_tries_during_the_lockout_do_not_extend_it(browser, youth_union_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        fail(browser, "doantruong", 5)
        traveller.shift(datetime.timedelta(minutes=10))
        assert fail(browser, "doantruong", 2) == [429, 429]
        traveller.shift(datetime.timedelta(minutes=5, seconds=1))
        assert sign_in(browser, "doantruong", PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_failures(browser, youth_union_user):
    fail(browser, "doantruong", 4)
    assert sign_in(browser, "doantruong", PASSWORD).status_code == 302
    browser.post(reverse("wagtailadmin_logout"))
    assert fail(browser, "doantruong", 4) == [200, 200, 200, 200]
    assert sign_in(browser, "doantruong", PASSWORD).status_code == 302


def test_it_unlocks_a_user_with_axes_reset_username(browser, youth_union_user):
    fail(browser, "doantruong", 5)
    call_command("axes_reset_username", "doantruong", stdout=None)
    assert sign_in(browser, "doantruong", PASSWORD).status_code == 302


# The client's address behind the reverse proxy ----------------------------------------------------


def through_nginx(client_address, sent_by_client=""):
    """What gunicorn receives from nginx: its own peer address, and X-Forwarded-For as
    $proxy_add_x_forwarded_for makes it (the client's header, then the address nginx saw)."""
    forwarded = f"{sent_by_client}, {client_address}" if sent_by_client else client_address
    return {
        "REMOTE_ADDR": NGINX,
        "HTTP_X_FORWARDED_FOR": forwarded,
        "HTTP_X_REAL_IP": client_address,
    }


def test_behind_the_proxy_a_spoofed_x_forwarded_for_does_not_escape_the_lockout(
    settings, youth_union_user
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for i in range(5):
        sign_in(attacker, "doantruong", "sai-mat-khau", **through_nginx(HOME, f"10.0.0.{i}"))
    response = sign_in(attacker, "doantruong", PASSWORD, **through_nginx(HOME, "10.0.0.99"))
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username="doantruong").ip_address == HOME


def test_behind_the_proxy_the_address_nginx_saw_is_the_key(settings, youth_union_user):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = Client()
    for _ in range(5):
        sign_in(attacker, "doantruong", "sai-mat-khau", **through_nginx(ELSEWHERE))
    # The Youth Union at school comes through the same nginx: not locked out by the attacker.
    owner = Client()
    assert sign_in(owner, "doantruong", PASSWORD, **through_nginx(HOME)).status_code == 302


def test_without_a_proxy_x_forwarded_for_is_ignored(youth_union_user):
    assert django_settings.TRUSTED_PROXY_COUNT == 0
    attacker = Client(REMOTE_ADDR=ELSEWHERE)
    for i in range(5):
        sign_in(attacker, "doantruong", "sai-mat-khau", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    response = sign_in(attacker, "doantruong", PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username="doantruong").ip_address == ELSEWHERE


# The password reset still works -------------------------------------------------------------------


def test_the_password_reset_signs_in_with_the_new_password(browser, youth_union_user):
    response = browser.post(
        reverse("wagtailadmin_password_reset"), {"email": youth_union_user.email}
    )
    assert response.status_code == 302
    link = re.search(r"https?://\S+/password_reset/confirm/\S+/", mail.outbox[-1].body).group(0)
    form_url = browser.get(link).url  # Django swaps the token for a session-kept one
    new_password = "Binh-dang-gioi-moi-2026"
    response = browser.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert sign_in(browser, "doantruong", new_password).status_code == 302


# Password validators ------------------------------------------------------------------------------


def form_data(html, form_selector):
    """The fields of a form as a browser would post them, its current values kept."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            selected = field.select("option[selected]")
            data[name] = [option.get("value", "") for option in selected] if selected else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def change_password(client, new_password):
    """The account page's password panel, posted with the rest of the page as it stands."""
    url = reverse("wagtailadmin_account")
    data = form_data(client.get(url).content.decode(), "form[method=post]")
    data.update(
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
        }
    )
    return client.post(url, data)


def test_the_account_page_refuses_a_short_password_in_vietnamese(youth_union_client):
    response = change_password(youth_union_client, "Ab-12345")
    assert response.status_code == 200
    text = response.content.decode()
    assert too_short() in text


def test_the_account_page_refuses_a_common_password_in_vietnamese(youth_union_client):
    response = change_password(youth_union_client, "password123")
    assert vietnamese("This password is too common.") in response.content.decode()


def test_the_account_page_refuses_a_numeric_password_in_vietnamese(youth_union_client):
    response = change_password(youth_union_client, "4815162342108")
    assert vietnamese("This password is entirely numeric.") in response.content.decode()


def test_the_account_page_accepts_a_long_uncommon_password(youth_union_client, youth_union_user):
    response = change_password(youth_union_client, "Bao-ve-quyen-tre-em-2026")
    assert response.status_code == 302
    youth_union_user.refresh_from_db()
    assert youth_union_user.check_password("Bao-ve-quyen-tre-em-2026")


def create_user(client, password):
    url = reverse("wagtailusers_users:add")
    data = form_data(client.get(url).content.decode(), "form[method=post]")
    data.update(
        {
            "username": "giaovien",
            "email": "giaovien@thptsoctrang.edu.vn",
            "first_name": "Giáo",
            "last_name": "Viên",
            "password1": password,
            "password2": password,
        }
    )
    return client.post(url, data)


def test_the_new_user_form_refuses_a_password_like_the_user_name_in_vietnamese(client, superuser):
    client.force_login(superuser)
    response = create_user(client, "giaovien2026")
    assert response.status_code == 200
    text = response.content.decode()
    assert vietnamese("The password is too similar to the %(verbose_name)s.").split("%(")[0] in text
    assert not get_user_model().objects.filter(username="giaovien").exists()


def test_the_new_user_form_refuses_a_short_password_in_vietnamese(client, superuser):
    client.force_login(superuser)
    response = create_user(client, "Xy-7wq!4")
    assert too_short() in response.content.decode()
    assert not get_user_model().objects.filter(username="giaovien").exists()


def test_the_new_user_form_accepts_a_good_password(client, superuser):
    client.force_login(superuser)
    response = create_user(client, "Hoc-sinh-binh-dang-2026")
    assert response.status_code == 302
    assert (
        get_user_model().objects.get(username="giaovien").check_password("Hoc-sinh-binh-dang-2026")
    )


# Sessions -----------------------------------------------------------------------------------------


def test_a_remembered_session_cookie_lasts_eight_hours(browser, youth_union_user):
    response = browser.post(
        LOGIN_URL,
        {"username": "doantruong", "password": PASSWORD, "remember": "on", "next": ADMIN_HOME},
    )
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 8 * 3600


def test_the_session_cookie_is_http_only_and_same_site_lax(browser, youth_union_user):
    response = sign_in(browser, "doantruong", PASSWORD)
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_ends_on_the_server_after_eight_hours(browser, youth_union_user):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        sign_in(browser, "doantruong", PASSWORD)  # not remembered: the cookie dies with the browser
        traveller.shift(datetime.timedelta(hours=7, minutes=59))
        assert browser.get(ADMIN_HOME).status_code == 200
        traveller.shift(datetime.timedelta(minutes=2))
        response = browser.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_signing_in_gives_a_new_session_key(browser, youth_union_user):
    session = browser.session
    session["seen_before_sign_in"] = True
    session.save()
    browser.cookies[django_settings.SESSION_COOKIE_NAME] = session.session_key
    old_key = session.session_key

    sign_in(browser, "doantruong", PASSWORD)

    new_key = browser.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_signing_out_ends_the_session_on_the_server(browser, youth_union_user):
    sign_in(browser, "doantruong", PASSWORD)
    key = browser.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert browser.post(reverse("wagtailadmin_logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()

    # The old cookie, replayed by anyone who copied it, opens nothing.
    replay = Client(REMOTE_ADDR=HOME)
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = key
    response = replay.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
