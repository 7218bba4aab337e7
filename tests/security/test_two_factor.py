"""Two-step verification (cms/two_factor.py, docs/security.md): enrolment from the account page
with a code computed by django-otp's own TOTP algorithm from the secret the page shows, the code
asked after the password before any admin view, throttled wrong codes, single-use backup codes,
mandatory enrolment for the required groups and IT's ``otp_reset``."""

import base64
import datetime
import io
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..conftest import PASSWORD, VICE_PRINCIPAL

LOGIN_URL = reverse("wagtailadmin_login")
ADMIN_HOME = reverse("wagtailadmin_home")
SETUP_URL = reverse("cms_two_factor_setup")
VERIFY_URL = reverse("cms_two_factor_verify")
WRONG_CODE = (
    "This code is not right. Enter the six digits your authenticator app shows now, "
    "or one of your backup codes."
)
# Thirty seconds: one TOTP time step. A code is accepted once; the next sign-in needs the next.
STEP = datetime.timedelta(seconds=30)


def vietnamese(msgid, **values):
    with translation.override("vi"):
        text = gettext(msgid)
    return text % values if values else text


def code_for(key, device=None):
    """The code an authenticator app shows now for ``key`` (bytes): django-otp's RFC 6238."""
    totp = TOTP(key, device.step if device else 30, 0, 6, device.drift if device else 0)
    return f"{totp.token():06d}"


def wrong_code(key):
    """A six-digit code that none of the accepted time windows (now ±1 step) produces."""
    accepted = set()
    for drift in (-1, 0, 1):
        totp = TOTP(key, 30, 0, 6, drift)
        accepted.add(totp.token())
    return next(f"{n:06d}" for n in range(1, 10) if n not in accepted)


def sign_in(client, username):
    response = client.post(
        LOGIN_URL, {"username": username, "password": PASSWORD, "next": ADMIN_HOME}
    )
    assert response.status_code == 302, "the password step failed"
    return response


def enter_code(client, code, next_url=ADMIN_HOME):
    return client.post(VERIFY_URL, {"token": code, "next": next_url})


def enrol(client, from_account_page=True):
    """Turn two-step verification on from the account page, as the person does: open the page,
    type the secret it shows into an app, enter the app's code. Returns (key, backup codes).
    Someone who must enrol is sent straight to the page instead."""
    if from_account_page:
        account = client.get(reverse("wagtailadmin_account")).content.decode()
        assert SETUP_URL in account
    page = client.get(SETUP_URL)
    assert page.status_code == 200
    secret = BeautifulSoup(page.content, "html.parser").select_one("figcaption code").text
    key = base64.b32decode(secret.replace(" ", ""))
    response = client.post(SETUP_URL, {"token": code_for(key)})
    assert response.status_code == 200
    codes = [
        li.text
        for li in BeautifulSoup(response.content, "html.parser").select(".cms-backup-codes code")
    ]
    return key, codes


def give_device(user):
    """A confirmed authenticator and backup codes, as enrolment leaves them (set-up only)."""
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    backup.token_set.create(token="abcd2345")
    return device


@pytest.fixture
def browser():
    return Client()


@pytest.fixture
def enrolled_youth(youth_union_user):
    return give_device(youth_union_user)


# Enrolment ----------------------------------------------------------------------------------------


def test_the_account_page_links_to_two_step_verification(youth_union_client):
    response = youth_union_client.get(reverse("wagtailadmin_account"))
    text = response.content.decode()
    assert SETUP_URL in text
    assert vietnamese("Two-step verification") in text


def test_the_enrolment_page_shows_a_qr_code_and_the_secret(youth_union_client, youth_union_user):
    response = youth_union_client.get(SETUP_URL)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".cms-two-factor-qr svg path") is not None
    device = TOTPDevice.objects.get(user=youth_union_user, confirmed=False)
    secret = soup.select_one("figcaption code").text.replace(" ", "")
    assert base64.b32decode(secret) == device.bin_key
    # Nothing is fetched: the QR code is drawn in the page, no image or script from elsewhere.
    assert "otpauth://" not in str(soup.select("img, script[src]"))


def test_enrolment_with_the_app_code_turns_it_on(youth_union_client, youth_union_user):
    key, codes = enrol(youth_union_client)
    device = TOTPDevice.objects.get(user=youth_union_user)
    assert device.confirmed
    assert device.bin_key == key


def test_enrolment_shows_ten_backup_codes_once(youth_union_client, youth_union_user):
    _key, codes = enrol(youth_union_client)
    stored = set(
        StaticToken.objects.filter(device__user=youth_union_user).values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert set(codes) == stored
    again = youth_union_client.get(SETUP_URL).content.decode()
    assert not any(code in again for code in codes)


def test_enrolment_with_a_wrong_code_is_refused(youth_union_client, youth_union_user):
    youth_union_client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=youth_union_user)
    response = youth_union_client.post(SETUP_URL, {"token": wrong_code(device.bin_key)})
    assert response.status_code == 200
    assert vietnamese(WRONG_CODE) in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=youth_union_user).exists()


def test_the_enrolling_session_counts_as_verified(youth_union_client):
    enrol(youth_union_client)
    assert youth_union_client.get(ADMIN_HOME).status_code == 200


# The code after the password ----------------------------------------------------------------------


def test_after_the_password_every_admin_view_asks_for_the_code(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    for url in (
        ADMIN_HOME,
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_account"),
        SETUP_URL,
    ):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(VERIFY_URL), url


def test_the_right_code_opens_the_admin(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    target = reverse("wagtailadmin_explore_root")
    assert browser.get(target).url == f"{VERIFY_URL}?next={target.replace('/', '%2F')}"
    response = enter_code(browser, code_for(enrolled_youth.bin_key, enrolled_youth), target)
    assert response.status_code == 302
    assert response.url == target
    assert browser.get(ADMIN_HOME).status_code == 200


def test_the_code_page_never_sends_elsewhere(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    response = enter_code(
        browser, code_for(enrolled_youth.bin_key, enrolled_youth), "https://evil.example/"
    )
    assert response.url == ADMIN_HOME


def test_a_wrong_code_is_refused(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    code = wrong_code(enrolled_youth.bin_key)
    response = enter_code(browser, code)
    assert response.status_code == 200
    assert vietnamese(WRONG_CODE) in response.content.decode()
    # The box starts empty again: the refused code is not written back into the page.
    box = BeautifulSoup(response.content, "html.parser").select_one("input[name=token]")
    assert box is not None and box.get("value") in (None, "")
    assert browser.get(ADMIN_HOME).url.startswith(VERIFY_URL)


@pytest.mark.parametrize("restriction", ["page", "document"])
def test_what_needs_a_login_needs_the_code_too(
    browser, enrolled_youth, news_index, disk_storage, restriction
):
    """A page or a document for signed-in people only opens after the code, not after the
    password alone; before it the session is an anonymous reader there."""
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from tests.factories import make_news

    if restriction == "page":
        news = make_news(news_index, title="Biên bản họp nội bộ")
        news.save_revision().publish()
        PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
        url, secret = news.url, "Biên bản họp nội bộ"
    else:
        collection = Collection.get_first_root_node().add_child(name="Nội bộ")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = Document(title="Danh sách nội bộ", collection=collection)
        document.file.save("danh-sach-noi-bo.txt", io.BytesIO(b"noi dung noi bo"))
        url, secret = document.url, "noi dung noi bo"

    def opens():
        response = browser.get(url)
        body = b"".join(response) if response.streaming else response.content
        return response.status_code == 200 and secret in body.decode()

    assert not opens(), "anonymous readers are sent to sign in"
    sign_in(browser, "doantruong")
    assert not opens(), "the password alone does not open it"
    enter_code(browser, code_for(enrolled_youth.bin_key, enrolled_youth))
    assert opens(), "the code does"


def test_wrong_codes_are_throttled(browser, enrolled_youth):
    key = enrolled_youth.bin_key
    right = "Too many wrong codes. Wait %(seconds)s seconds, then try again."
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(browser, "doantruong")
        enter_code(browser, wrong_code(key))
        # One failure: the next try waits a second, even with the right code.
        response = enter_code(browser, code_for(key, enrolled_youth))
        assert vietnamese(right, seconds=1) in response.content.decode()
        traveller.shift(datetime.timedelta(seconds=1))
        enter_code(browser, wrong_code(key))
        # Two failures: two seconds.
        response = enter_code(browser, code_for(key, enrolled_youth))
        assert vietnamese(right, seconds=2) in response.content.decode()
        assert browser.get(ADMIN_HOME).url.startswith(VERIFY_URL)
        traveller.shift(datetime.timedelta(seconds=2))
        response = enter_code(browser, code_for(key, enrolled_youth))
    assert response.status_code == 302
    assert response.url == ADMIN_HOME


def test_a_code_is_accepted_only_once(browser, enrolled_youth):
    key = enrolled_youth.bin_key
    with time_machine.travel(timezone.now(), tick=False):
        sign_in(browser, "doantruong")
        code = code_for(key, enrolled_youth)
        assert enter_code(browser, code).status_code == 302
        browser.post(reverse("wagtailadmin_logout"))
        sign_in(browser, "doantruong")
        response = enter_code(browser, code)
    assert response.status_code == 200
    assert browser.get(ADMIN_HOME).url.startswith(VERIFY_URL)


def test_a_backup_code_works_once(browser, youth_union_client, youth_union_user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        _key, codes = enrol(youth_union_client)
        traveller.shift(STEP)
        sign_in(browser, "doantruong")
        assert enter_code(browser, codes[0].upper()).url == ADMIN_HOME
        assert browser.get(ADMIN_HOME).status_code == 200
        browser.post(reverse("wagtailadmin_logout"))

        traveller.shift(STEP)
        sign_in(browser, "doantruong")
        response = enter_code(browser, codes[0])
    assert vietnamese(WRONG_CODE) in response.content.decode()
    assert StaticToken.objects.filter(device__user=youth_union_user).count() == 9


def test_a_new_session_key_after_the_code(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    before = browser.session.session_key
    enter_code(browser, code_for(enrolled_youth.bin_key, enrolled_youth))
    assert browser.session.session_key != before


def test_signing_out_works_before_the_code(browser, enrolled_youth):
    sign_in(browser, "doantruong")
    response = browser.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in browser.session


def test_a_session_without_the_code_cannot_turn_it_off(browser, enrolled_youth, youth_union_user):
    sign_in(browser, "doantruong")
    response = browser.post(SETUP_URL, {"token": "abcd2345", "action": "disable"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=youth_union_user, confirmed=True).exists()


def test_turning_it_off_needs_a_current_code(youth_union_client, youth_union_user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        key, _codes = enrol(youth_union_client)
        traveller.shift(STEP)
        refused = youth_union_client.post(
            SETUP_URL, {"token": wrong_code(key), "action": "disable"}
        )
        assert refused.status_code == 200
        assert TOTPDevice.objects.filter(user=youth_union_user).exists()
        traveller.shift(STEP)
        device = TOTPDevice.objects.get(user=youth_union_user)
        response = youth_union_client.post(
            SETUP_URL, {"token": code_for(key, device), "action": "disable"}
        )
    assert response.status_code == 302
    assert list(devices_for_user(youth_union_user, confirmed=None)) == []
    assert youth_union_client.get(ADMIN_HOME).status_code == 200


def test_new_backup_codes_replace_the_old_ones(youth_union_client, youth_union_user):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        key, old = enrol(youth_union_client)
        traveller.shift(STEP)
        device = TOTPDevice.objects.get(user=youth_union_user)
        response = youth_union_client.post(
            SETUP_URL, {"token": code_for(key, device), "action": "backup_codes"}
        )
    new = [
        li.text
        for li in BeautifulSoup(response.content, "html.parser").select(".cms-backup-codes code")
    ]
    assert len(new) == 10
    stored = set(
        StaticToken.objects.filter(device__user=youth_union_user).values_list("token", flat=True)
    )
    assert stored == set(new)
    assert not stored & set(old)


# Required for some roles --------------------------------------------------------------------------


def test_without_required_groups_it_is_optional(browser, settings, vice_principal_user):
    settings.OTP_REQUIRED_GROUPS = []
    settings.OTP_REQUIRED_FOR_SUPERUSERS = False
    sign_in(browser, "phohieutruong")
    assert browser.get(ADMIN_HOME).status_code == 200


def test_a_required_group_is_sent_to_enrolment_until_it_enrols(
    browser, settings, vice_principal_user
):
    settings.OTP_REQUIRED_GROUPS = [VICE_PRINCIPAL]
    sign_in(browser, "phohieutruong")
    response = browser.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response.url.startswith(SETUP_URL)
    page = browser.get(SETUP_URL)
    assert (
        vietnamese(
            "Your role requires two-step verification. Turn it on to continue using the admin."
        )
        in page.content.decode()
    )
    enrol(browser, from_account_page=False)
    assert browser.get(ADMIN_HOME).status_code == 200


def test_other_groups_are_not_required_to_enrol(browser, settings, youth_union_user):
    settings.OTP_REQUIRED_GROUPS = [VICE_PRINCIPAL]
    sign_in(browser, "doantruong")
    assert browser.get(ADMIN_HOME).status_code == 200


def test_superusers_are_sent_to_enrolment_when_required(browser, settings, superuser):
    settings.OTP_REQUIRED_FOR_SUPERUSERS = True
    sign_in(browser, "quantri")
    assert browser.get(reverse("wagtailusers_users:index")).url.startswith(SETUP_URL)


def test_a_required_user_cannot_turn_it_off(browser, settings, vice_principal_user):
    settings.OTP_REQUIRED_GROUPS = [VICE_PRINCIPAL]
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(browser, "phohieutruong")
        key, _codes = enrol(browser, from_account_page=False)
        traveller.shift(STEP)
        device = TOTPDevice.objects.get(user=vice_principal_user)
        response = browser.post(SETUP_URL, {"token": code_for(key, device), "action": "disable"})
    assert response.status_code == 200
    assert (
        vietnamese("Two-step verification is required for your account.")
        in response.content.decode()
    )
    assert TOTPDevice.objects.filter(user=vice_principal_user, confirmed=True).exists()


# IT's reset ---------------------------------------------------------------------------------------


def test_otp_reset_removes_a_lost_phone(browser, enrolled_youth, youth_union_user):
    out = io.StringIO()
    call_command("otp_reset", "doantruong", stdout=out)
    assert re.search(r"\b2\b", out.getvalue())
    assert list(devices_for_user(youth_union_user, confirmed=None)) == []
    sign_in(browser, "doantruong")
    assert browser.get(ADMIN_HOME).status_code == 200


def test_otp_reset_sends_a_required_user_back_to_enrolment(browser, settings, vice_principal_user):
    settings.OTP_REQUIRED_GROUPS = [VICE_PRINCIPAL]
    give_device(vice_principal_user)
    call_command("otp_reset", "phohieutruong", stdout=io.StringIO())
    sign_in(browser, "phohieutruong")
    assert browser.get(ADMIN_HOME).url.startswith(SETUP_URL)


def test_otp_reset_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="khongco"):
        call_command("otp_reset", "khongco", stdout=io.StringIO())
