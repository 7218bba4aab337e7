"""Template tags for the site's two languages: where the current page or view lives in each
language, for the language switcher and the ``hreflang`` alternates of ``base.html``."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.models.tree import page_tree_for

register = template.Library()

# The switcher carries a view's query string (a search stays the same search) up to this length;
# beyond it, whatever was pasted into the address is not echoed back into the page.
MAX_KEPT_QUERY = 1000


@dataclass(frozen=True)
class LanguageLink:
    """One language of the current page or view.

    ``url`` is for links (relative), ``full_url`` for ``hreflang`` alternates. ``translated`` is
    False when the page has no live version in that language and ``url`` leads to that
    language's home page instead.
    """

    code: str
    name: str
    url: str
    full_url: str | None = None
    translated: bool = True


@dataclass(frozen=True)
class LanguageVersions:
    """What ``{% language_versions %}`` gives a template.

    - ``current``: the language of what is shown (a page's content language, else the active
      interface language), for ``<html lang>``;
    - ``links``: the other languages, for the switcher;
    - ``alternates``: every language the page or view really exists in, with full URLs, and
      ``x_default`` (the default language's full URL), for ``<link rel="alternate">``; empty
      when it exists in one language only.
    """

    current: str
    links: tuple = ()
    alternates: tuple = ()
    x_default: str | None = None

    @classmethod
    def build(cls, current, links, alternates):
        """Versions from the links of the other languages and the alternates of all of them.

        Alternates are kept only where there are at least two: a page in one language has none.
        """
        if len(alternates) < 2:
            return cls(current, tuple(links))
        x_default = next(
            (link.full_url for link in alternates if link.code == settings.LANGUAGE_CODE), None
        )
        return cls(current, tuple(links), tuple(alternates), x_default)


def _language_names():
    # Each language is named in itself ("English", "Tiếng Việt"): a reader looks for their own.
    return dict(settings.LANGUAGES)


def _active_language():
    try:
        return translation.get_supported_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _home_url(code):
    """The home page's address in a language: ``/`` or ``/en/`` (Wagtail serves the home page
    in that language there, or the default one while it has no translation)."""
    with translation.override(code):
        return reverse("wagtail_serve", args=("",))


def _languages_with_a_home(request, tree=None):
    """The languages whose home page is live on the current site: the others have nothing of
    their own to offer (Wagtail would serve the default language's pages under their prefix),
    so the switcher does not lead there. None when there is no site to ask."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    homes = tree.versions(site.root_page) if tree is not None else None
    if homes is not None:
        return {code for code, home in homes.items() if home.live}
    return set(
        Page.objects.filter(translation_key=site.root_page.translation_key, live=True).values_list(
            "locale__language_code", flat=True
        )
    )


def _site_root_url(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def _versions(page, tree):
    """``(current language, {language code: the page in that language, drafts included})``:
    read from the page tree when it holds the page's translations (no query), else asked of
    the database."""
    versions = tree.versions(page) if tree is not None else None
    if versions is not None:
        own = next((p for p in versions.values() if p.pk == page.pk), None)
        if own is not None:
            versions[own.locale.language_code] = page
            return own.locale.language_code, versions
    current = page.locale.language_code if page.locale_id else _active_language()
    versions = {}
    for locale in Locale.objects.all():
        if locale.pk == page.locale_id:
            versions[locale.language_code] = page
        else:
            versions[locale.language_code] = page.get_translation_or_none(locale)
    return current, versions


def _page_versions(page, request, tree=None):
    names = _language_names()
    current, versions = _versions(page, tree)
    homes = _languages_with_a_home(request, tree)
    links, alternates = [], []
    for code, name in names.items():
        version = versions.get(code)
        # A draft translation is not a version readers can have: it is neither linked nor
        # announced to search engines.
        url = version.get_url(request) if version is not None and version.live else None
        if url:
            full_url = version.get_full_url(request)
            if full_url:
                alternates.append(LanguageLink(code, name, url, full_url))
            link = LanguageLink(code, name, url, full_url)
        elif homes is None or code in homes:
            link = LanguageLink(code, name, _home_url(code), translated=False)
        else:
            continue  # nothing live in that language yet
        if code != current:
            links.append(link)
    return LanguageVersions.build(current, links, alternates)


def _view_versions(request, tree=None):
    names = _language_names()
    current = _active_language()
    if request is None:
        return LanguageVersions(current=current)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    # Without a page, Wagtail's catch-all view has not found one (a 404), nor has Django when
    # nothing resolves: the other languages' home pages are the useful links.
    if match is None or match.url_name == "wagtail_serve":
        homes = _languages_with_a_home(request, tree)
        links = [
            LanguageLink(code, name, _home_url(code), translated=False)
            for code, name in names.items()
            if code != current and (homes is None or code in homes)
        ]
        return LanguageVersions(current=current, links=tuple(links))
    root_url = _site_root_url(request)
    links, alternates = [], []
    for code, name in names.items():
        # The same view in another language; the link keeps the query (a search stays the same
        # search), the alternate names the view itself.
        path = translate_url(request.path, code)
        full_url = root_url + path
        alternates.append(LanguageLink(code, name, path, full_url))
        if code != current:
            query = request.META.get("QUERY_STRING", "")
            url = path + (f"?{query}" if query and len(query) <= MAX_KEPT_QUERY else "")
            links.append(LanguageLink(code, name, url, full_url))
    return LanguageVersions.build(current, links, alternates)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """``{% language_versions as languages %}``: the current page or view in each language (see
    :class:`LanguageVersions`). Copes without a request (the 500 page) or a page (search, 404)."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        return _page_versions(page, request, page_tree_for(context))
    if request is None:
        return _view_versions(request)
    return _view_versions(request, page_tree_for(context))
