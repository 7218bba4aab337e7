"""The pages around the page being served, fetched in one query: what every public page needs
besides its own content (issue 8: a fixed, small number of queries per page).

Serving a page, Wagtail walks down from the home page two queries a level (the child by its
slug, then its specific row), then checks the view restrictions of the page and its ancestors
(two more). The templates then ask for the home page's sections (menu, feed links, the home
page's "all news" links), the breadcrumb trail and the page's translations (language switcher,
``hreflang``): one query or more each.

:class:`PageTree` fetches all of these at once — the ancestors of the routing root (the home
page), the pages on the requested path below it, the sections (children of the home page and of
its translations), and the translations of the home page and of the pages on the path — each
marked with whether it carries a view restriction — in one query, or from the rows the process
keeps for the generation in force (cms/snapshot.py) without any. ``BasePage.route`` builds it,
walks the path through it and keeps it on the pages it serves (``page._page_tree``);
``BasePage.get_view_restrictions``, ``BasePage.get_breadcrumbs`` and the template tags read it.
Whatever the tree does not hold, they ask the database for, as before.

:func:`public_q` is Wagtail's ``PageQuerySet.public()`` as a condition of the query itself:
Wagtail's reads every view restriction first (one more query each time a list is filtered).
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models import PageManager as WagtailPageManager
from wagtail.query import PageQuerySet

from cms import compiled
from cms import snapshot as site_snapshot

#: The deepest page an unpublished ancestor is looked for above. The page types' parent rules keep
#: the tree four levels deep (root, home page, list, page); ten leaves room for more.
MAX_DEPTH = 10


def _restricted():
    """True of a page with a view restriction on itself or an ancestor (a restricted page's path
    begins its descendants' paths)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def taken_down(page) -> bool:
    """Whether ``page`` was published once and is not live now (unpublished or expired): what
    hides the live pages under it. A page never published is a placeholder instead — the
    English list wagtail-localize makes as a draft when the first English news item is
    translated — and the reviewed, live pages under it stay public."""
    return not page.live and page.first_published_at is not None


def _under_unpublished():
    """True of a page under a page that was taken down (:func:`taken_down`: an unpublished or
    expired list). Each ancestor's path is a prefix of known length, so the ancestors are
    looked up by path in the page table's unique index — a few index probes per row, not a scan
    of the table (which a ``path = SUBSTR(outer path, 1, LENGTH(path))`` condition costs: 160 ms
    to count 2,000 news). Only such pages with sub-pages qualify; a page matching itself is one
    ``live()`` leaves out anyway."""
    prefixes = [
        Substr(OuterRef("path"), 1, depth * Page.steplen) for depth in range(2, MAX_DEPTH + 1)
    ]
    return Exists(
        Page.objects.filter(
            live=False, first_published_at__isnull=False, numchild__gt=0, path__in=prefixes
        )
    )


def public_q():
    """The pages a reader may reach when they are live: the condition of Wagtail's
    ``PageQuerySet.public()`` (no view restriction on the page or an ancestor) and more — no
    ancestor taken down (an unpublished or expired list hides the pages under it, which
    Wagtail's ``public()`` does not), evaluated by the database in the same query.

    Serving a request with the site snapshot (cms/snapshot.py), the restricted and taken-down
    pages are known: the condition is a few path prefixes, or none. Otherwise two ``NOT EXISTS``
    joined by AND, which PostgreSQL plans as anti-joins (as ``NOT (a OR b)`` it cannot: 15 ms
    instead of 2.4 ms on 2,000 news)."""
    snapshot = site_snapshot.current()
    if snapshot is not None:
        return snapshot.public_q()
    return ~_restricted() & ~_under_unpublished()


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset whose ``public()`` costs no query of its own."""

    def public(self):
        return self.filter(public_q())


#: The manager of every page type of the site (``BasePage.objects``).
PageManager = WagtailPageManager.from_queryset(PublicPageQuerySet)


def _ancestor_paths(path: str) -> list[str]:
    """The tree paths of a page's ancestors and of the page itself, root first."""
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def _language(code: str | None) -> str | None:
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return None


class PageTree:
    """The pages around a routing root (the home page), fetched in one query; see the module."""

    def __init__(self, root, url_paths, pages):
        self.root = root
        #: The URL paths asked for: a path missing from ``by_url_path`` has no page.
        self.url_paths = frozenset(url_paths)
        self.by_path = {page.path: page for page in pages}
        self.by_url_path = {
            page.url_path: page for page in pages if page.path.startswith(root.path)
        }
        self.by_pk = {page.pk: page for page in pages}
        self.translations = defaultdict(list)
        for page in pages:
            self.translations[page.translation_key].append(page)
        #: The translation keys whose every translation is in the tree.
        self.translation_keys = {root.translation_key} | {
            page.translation_key for page in self.by_url_path.values() if page.depth > root.depth
        }
        #: The pages whose every child is in the tree: the root and its translations.
        self.parents_with_children = {page.path for page in self.translations[root.translation_key]}

    @classmethod
    def fetch(cls, root, path_components=()):
        """The tree of ``root`` (a page) and of the path ``path_components`` below it."""
        url_paths = [
            root.url_path + "/".join(path_components[:end]) + "/"
            for end in range(1, len(path_components) + 1)
        ]
        snapshot = site_snapshot.current()
        pages = snapshot.tree_pages(root, url_paths) if snapshot is not None else None
        if pages is not None:  # the same pages, from the generation's rows in memory
            return cls(root, url_paths, pages)
        homes = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        condition = (
            Q(path__in=_ancestor_paths(root.path))
            | Q(translation_key=root.translation_key)
            | Q(depth=root.depth + 1, parent_path__in=homes.values("path"))
        )
        if url_paths:
            on_path = Q(url_path__in=url_paths, path__startswith=root.path, depth__gt=root.depth)
            keys = Page.objects.filter(on_path).order_by().values("translation_key")
            condition |= on_path | Q(translation_key__in=keys)
        pages = list(
            Page.objects.alias(parent_path=Substr("path", 1, root.depth * Page.steplen))
            .filter(condition)
            .annotate(restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
            .select_related("locale")
            .order_by("path")
        )
        return cls(root, url_paths, pages)

    # Routing ---------------------------------------------------------------------------------

    def knows_child(self, parent, slug) -> bool:
        return f"{parent.url_path}{slug}/" in self.url_paths

    def child(self, parent, slug):
        """The child of ``parent`` with this slug (a plain ``Page``), or None."""
        return self.by_url_path.get(f"{parent.url_path}{slug}/")

    def routable(self, page, remaining):
        """``page`` as its own page type, to route ``remaining`` through: in full (one query,
        with the related objects its template shows) when the route ends at it, else deferred
        (no query: only its routing is asked of it)."""
        model = page.specific_class
        if model is None:
            return page.specific
        ends_here = not remaining
        if not ends_here and issubclass(model, RoutablePageMixin) and page.live:
            try:
                model.get_resolver().resolve("/" + "/".join(remaining) + "/")
                ends_here = True
            except Resolver404:
                pass
        if not ends_here:
            specific = page.specific_deferred
            specific._page_tree = self
            return specific
        related = getattr(model, "select_related_on_serve", ())
        found = compiled.rows(
            ("page", model._meta.label, related, page.pk),
            lambda: (
                model._default_manager.select_related("locale", *related)
                .filter(pk=page.pk)
                .order_by()
            ),
        )
        if not found:  # deleted since the tree was read
            raise Http404
        specific = found[0]
        specific._page_tree = self
        return specific

    # What the page and its templates ask -----------------------------------------------------

    def ancestors(self, page):
        """The ancestors of ``page``, root first, or None when some are not in the tree."""
        ancestors = [self.by_path.get(path) for path in _ancestor_paths(page.path)[:-1]]
        return None if None in ancestors else ancestors

    def chain(self, page):
        """``page``'s ancestors and itself as the tree holds them, or None."""
        chain = [self.by_path.get(path) for path in _ancestor_paths(page.path)]
        return None if None in chain else chain

    def is_public(self, page) -> bool | None:
        """Whether readers may reach ``page`` if it is live: no view restriction on it or an
        ancestor, and no ancestor taken down (:func:`public_q`); None when the tree cannot
        tell."""
        chain = self.chain(page)
        if chain is None:
            return None
        return not any(p.restricted for p in chain) and not any(map(taken_down, chain[:-1]))

    def children(self, parent):
        """The live, public children of ``parent`` in tree order, or None when the tree does not
        hold them all."""
        if parent.path not in self.parents_with_children:
            return None
        public = self.is_public(parent)
        if public is None:
            return None
        if not public or taken_down(parent):
            return []  # the children of a private or taken-down page are hidden
        prefix, depth = parent.path, parent.depth + 1
        return [
            page
            for path, page in self.by_path.items()
            if page.depth == depth and path.startswith(prefix) and page.live and not page.restricted
        ]

    def children_of_type(self, parent, *models):
        children = self.children(parent)
        if children is None:
            return None
        return [
            page
            for page in children
            if page.specific_class is not None and issubclass(page.specific_class, models)
        ]

    def home_at(self, url_path):
        """The routing root or one of its translations, by its URL path, or None."""
        homes = self.translations[self.root.translation_key]
        return next((home for home in homes if home.url_path == url_path), None)

    def locale_for(self, language_code):
        """The ``Locale`` of ``language_code`` (as ``Locale.get_active()`` finds it) when the
        tree holds a page in it, else None."""
        language = _language(language_code)
        pages = self.translations[self.root.translation_key]
        return next((p.locale for p in pages if p.locale.language_code == language), None)

    def versions(self, page):
        """``{language code: page}``: every translation of ``page`` (itself included, drafts
        too), or None when the tree does not hold them."""
        if page.translation_key not in self.translation_keys:
            return None
        return {p.locale.language_code: p for p in self.translations[page.translation_key]}

    def localized(self, page, language_code):
        """``page.localized`` for ``language_code``: its live translation in that language, else
        the page; None when the tree does not hold its translations."""
        versions = self.versions(page)
        if versions is None:
            return None
        version = versions.get(_language(language_code))
        return version if version is not None and version.live else page


def page_tree_for(context):
    """The tree of the page a template shows, or of the current site's home page in the active
    language off the page tree (search, 404): one query, kept on the request."""
    page = context.get("page")
    tree = getattr(page, "_page_tree", None)
    if tree is not None:
        return tree
    request = context.get("request")
    if request is None:
        return None
    tree = getattr(request, "_page_tree", None)
    if tree is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        tree = PageTree.fetch(site.root_page)
        request._page_tree = tree
    return tree
