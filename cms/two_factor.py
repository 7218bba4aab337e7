"""Two-step verification for the admin (docs/security.md): a time-based code (TOTP, RFC 6238)
from an authenticator app, with single-use backup codes, through django-otp.

Any staff member may turn it on from the account page; members of OTP_REQUIRED_GROUPS (and
superusers when OTP_REQUIRED_FOR_SUPERUSERS) must. Once a person has a confirmed device, no admin
view answers a session that signed in with the password alone until the code is entered
(TwoFactorMiddleware). Wrong codes are throttled by django-otp: each one doubles the wait before
the next try (1, 2, 4, 8 … seconds). IT removes a lost phone with ``manage.py otp_reset``.
"""

import base64
import math
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages

BACKUP_CODE_COUNT = 10
VERIFY_URL_NAME = "cms_two_factor_verify"
SETUP_URL_NAME = "cms_two_factor_setup"
# Admin views a session that has not entered its code may still reach: signing in and out, and
# the password reset (for people who are not signed in at all).
ALWAYS_ALLOWED = {"wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_javascript_catalog"}


def is_required(user):
    """Whether ``user`` must use two-step verification (OTP_REQUIRED_GROUPS, superusers)."""
    if user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS:
        return True
    groups = settings.OTP_REQUIRED_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def has_device(user):
    """Whether ``user`` has turned two-step verification on (a confirmed device)."""
    return user_has_device(user, confirmed=True)


def _safe_next(request, default):
    """The ``next`` address of the request when it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _redirect_with_next(request, url_name):
    """To ``url_name``, coming back afterwards to the page asked for (a GET: a form posted
    without the code is not replayed)."""
    url = reverse(url_name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)


def owes_code(user):
    """Whether ``user`` signed in with the password but has not passed the second step it has
    (a confirmed device) or must have (a required group without one)."""
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    return has_device(user) or is_required(user)


class TwoFactorMiddleware:
    """Keeps every view from a session that still owes its code (after OTPMiddleware).

    In the admin, a person with a confirmed device is sent to the code page; one who must enrol
    and has not is sent to the enrolment page. Outside the admin, such a session counts as an
    anonymous reader: a page or a document behind a login ("signed-in people only") opens only
    after the code, as the admin does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            if owes_code(user):
                request.user = AnonymousUser()
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in ALWAYS_ALLOWED or name.startswith("wagtailadmin_password_reset"):
            return None
        if has_device(user):
            return (
                None if name == VERIFY_URL_NAME else _redirect_with_next(request, VERIFY_URL_NAME)
            )
        if is_required(user):
            return None if name == SETUP_URL_NAME else _redirect_with_next(request, SETUP_URL_NAME)
        return None


class CodeInput(forms.TextInput):
    """A text box for a code that starts empty again after a wrong one: a refused code is not
    written back into the page (nor into the browser's form history)."""

    def format_value(self, value):
        return None


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or a backup code."""

    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=CodeInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_token(self):
        # People copy codes with spaces ("123 456") and backup codes in capitals.
        return "".join(self.cleaned_data["token"].split()).lower()


def _wait_seconds(user):
    """Seconds until django-otp's throttle lets this person try a code again (0: now)."""
    now = timezone.now()
    wait = 0.0
    for device in devices_for_user(user, confirmed=None):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            wait = max(wait, (data["locked_until"] - now).total_seconds())
    return math.ceil(wait)


def _check(user, token, devices):
    """Try ``token`` on ``devices``, where django-otp's throttle lets this person try now
    (it counts each failure). Returns (the device that accepted it, None) or (None, why not)."""
    wait = _wait_seconds(user)
    if wait:
        return None, _("Too many wrong codes. Wait %(seconds)s seconds, then try again.") % {
            "seconds": wait
        }
    with transaction.atomic():
        for device in devices:
            if device.verify_token(token):
                return device, None
    return None, _(
        "This code is not right. Enter the six digits your authenticator app shows now, "
        "or one of your backup codes."
    )


def _new_backup_codes(user):
    """Replace the person's backup codes with BACKUP_CODE_COUNT new ones; return them."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _qr_svg(url):
    """The enrolment address as a QR code, inline SVG drawn here: no image is fetched."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - our own drawing


def _secret(device):
    """The key as the base32 text people type into an authenticator app, in groups of four."""
    text = base64.b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def verify(request):
    """The code page after signing in with the password."""
    user = request.user
    next_url = _safe_next(request, reverse("wagtailadmin_home"))
    if user.is_verified() or not has_device(user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, error = _check(
            user, form.cleaned_data["token"], devices_for_user(user, for_verify=True)
        )
        if device is not None:
            # A new session key for the verified session, as at the password step.
            request.session.cycle_key()
            django_otp.login(request, device)
            return redirect(next_url)
        form.add_error("token", error)
    return TemplateResponse(request, "cms/two_factor/verify.html", {"form": form, "next": next_url})


def setup(request):
    """Turn two-step verification on (QR code, secret, first code), or manage it once on."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        return _manage(request, device)

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        accepted, error = _check(user, form.cleaned_data["token"], [device])
        if accepted:
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_backup_codes(user)
            # The code just entered proves the phone: this session counts as verified.
            django_otp.login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return TemplateResponse(request, "cms/two_factor/backup_codes.html", {"codes": codes})
        form.add_error("token", error)
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _secret(device),
        "required": is_required(user),
    }
    return TemplateResponse(request, "cms/two_factor/setup.html", context)


def _manage(request, device):
    """Two-step verification is on: new backup codes, or (when not required) turn it off. Both
    need a current code, so a session left open cannot be used to take it over."""
    user = request.user
    required = is_required(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        action = request.POST.get("action")
        if action == "disable" and required:
            form.add_error(None, _("Two-step verification is required for your account."))
        elif error := _check(
            user, form.cleaned_data["token"], devices_for_user(user, for_verify=True)
        )[1]:
            form.add_error("token", error)
        elif action == "disable":
            for each in devices_for_user(user, confirmed=None):
                each.delete()
            messages.success(request, _("Two-step verification is off."))
            return redirect("wagtailadmin_account")
        else:
            codes = _new_backup_codes(user)
            return TemplateResponse(request, "cms/two_factor/backup_codes.html", {"codes": codes})
    backup = StaticDevice.objects.filter(user=user, name="backup").first()
    context = {
        "form": form,
        "device": device,
        "required": required,
        "backup_codes_left": backup.token_set.count() if backup else 0,
    }
    return TemplateResponse(request, "cms/two_factor/manage.html", context)


def account_menu_item(request):
    """The account page's link to this page (register_account_menu_item)."""
    on = has_device(request.user)
    return {
        "url": reverse(SETUP_URL_NAME),
        "label": _("Two-step verification"),
        "help_text": _("On: a code from your phone is asked after your password.")
        if on
        else _("Off: turn it on to ask for a code from your phone after your password."),
    }
