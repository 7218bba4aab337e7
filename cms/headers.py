"""The Content-Security-Policy header: a strict policy for the public site, a looser one for the
Wagtail admin (docs/security.md says what each allows and why).

django-csp writes the header; this middleware only chooses which policy a response gets, by its
path. It sits right after Django's security middleware (and WhiteNoise), *before* the page cache
(``cms.cache.PageCacheMiddleware``), so that pages answered from the cache, and their 304s, get
the header as well; the cache then never stores it, and a change of policy applies at once to
every stored page.

The public policy has no nonce on purpose: public pages are stored whole in the page cache with
an ETag computed from the body, so a per-response nonce would be served again from the cache
(useless) and would change the ETag of every rendering (no 304 ever). The public templates have
no inline script or style at all (everything is in cms/static/), so 'self' is enough.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings

# Where cms/urls.py mounts the Wagtail admin.
ADMIN_URL_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy (``CMS_ADMIN_CONTENT_SECURITY_POLICY``)
    for every URL under the admin, and ``CONTENT_SECURITY_POLICY`` everywhere else.

    Wagtail renders a preview by passing a dummy request for the page's public URL through the
    middleware: that inner response gets no header, so that the admin's preview view, whose URL
    is under the admin, gives it the admin's (which lets the admin frame it).

    A view that sets its own header (Wagtail's document downloads send ``default-src 'none'``)
    keeps it: django-csp never replaces a header already there."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_URL_PREFIX)
        ):
            parts.config = settings.CMS_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
