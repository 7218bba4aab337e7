"""Logins: the client address behind the reverse proxy, django-axes' lockout of a user name tried
too often from one address, and the page a locked-out person sees (docs/security.md)."""

import ipaddress
import logging

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)


def _valid_ip(value):
    """``value`` as a normalised IP address, or None when it is not one."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address of the person at the keyboard (AXES_CLIENT_IP_CALLABLE).

    With ``TRUSTED_PROXY_COUNT`` = 0 (development, tests, gunicorn reached directly) it is
    REMOTE_ADDR. Behind N proxies it is the N-th address from the right of X-Forwarded-For: each
    proxy appends the address it received the request from (nginx's
    ``$proxy_add_x_forwarded_for``), so the right-hand entries are written by our proxies and
    whatever a client sends itself stays on the left, where it is never read. A header shorter
    than the proxy chain means the request did not come through it: REMOTE_ADDR then.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
        ]
        if len(forwarded) >= proxies:
            address = _valid_ip(forwarded[-proxies])
            if address:
                return address
    return _valid_ip(remote_addr) or remote_addr


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first of the authentication backends.

    Axes refuses ``authenticate()`` without a request, because it cannot tell who is trying.
    Calls without one come from server-side code (a shell, a management command, a test's
    ``Client.login``), never from a browser: there is no client to lock out, so the next
    backend decides. Every login form (Wagtail's, the password reset) passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's sign-in page saying, in Vietnamese, how long to wait and whom to ask; status 429
    (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    logger.warning(
        "Sign-in locked out: user name %r from %s",
        (credentials or {}).get("username"),
        client_ip(request),
    )
    # Rendered here: django-axes' middleware swaps it in after the view, past template rendering.
    return render(
        request,
        "cms/login_locked.html",
        {"cool_off_minutes": minutes, "show_password_reset": True},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
