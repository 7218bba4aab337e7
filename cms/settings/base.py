"""Settings every environment shares.

Safe by default: DEBUG is off and there is no secret key here. The embedded defaults need no
server (SQLite, a filesystem Celery broker, local-memory cache, console email); setting
``DATABASE_URL``, ``REDIS_URL`` or ``EMAIL_URL`` switches each part to a real service. Every value
from the environment is read through django-environ, so booleans and lists are parsed, not
compared as strings.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Run-time files of the embedded default (SQLite database aside): Celery's filesystem broker,
# beat's schedule file, uploaded media in development.
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Application definition

INSTALLED_APPS = [
    "cms",
    "home",
    "campaigns",
    "plans",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",  # the campaign calendar and its .ics, the news feeds
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",  # django-csp: the Content-Security-Policy header (cms/headers.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Logins (cms/logins.py, cms/two_factor.py): lockout after failures, two-step verification.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so that pages answered from it get these headers too (cms/headers.py).
    "cms.headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Anonymous readers' pages from the page cache, before anything else runs (cms/cache.py).
    "cms.cache.PageCacheMiddleware",
    # The site, home page, settings and page rows of the cache's generation (cms/snapshot.py).
    "cms.snapshot.SiteSnapshotMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the language from the URL prefix (/en/) or Vietnamese.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: whether the session entered its two-step code, then the
    # admin kept from sessions that still owe it (cms/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "cms.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page (cms/logins.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: SQLite beside the code unless DATABASE_URL names another (PostgreSQL in production/CI).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process, the worker and beat's sweeps share the file: a writer waits up to 20 s
    # for another's transaction instead of failing with "database is locked", and transactions
    # take the write lock when they begin, so two of them never deadlock upgrading a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as Celery broker and cache when REDIS_URL is set; otherwise nothing needs a server.
REDIS_URL = env("REDIS_URL", default="")

# The "pages" cache holds the public pages (cms/cache.py). It must be shared by the web server's
# processes and the Celery worker, which publishes scheduled pages and so empties it: Redis, or
# without a server a folder on disk (local memory would be each process's own).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# How long an unchanged page stays in it; any change that the public sees empties it at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
# Each process keeps the list cards (campaigns, news, plans) it rendered, keyed on everything a
# card shows, so a render after a publish redoes only the cards that changed
# (cms/templatetags/card_tags.py); false renders every card every time.
CARD_CACHE_ENABLED = env.bool("CARD_CACHE_ENABLED", default=True)
# Each process keeps the sites, languages, school settings and page rows of the page cache's
# generation in memory (cms/snapshot.py), rebuilt at every change the public sees and after this
# many seconds at most; false reads them from the database on every request.
SITE_SNAPSHOT_ENABLED = env.bool("SITE_SNAPSHOT_ENABLED", default=True)
SITE_SNAPSHOT_SECONDS = env.int("SITE_SNAPSHOT_SECONDS", default=300)
# The SQL of the querysets public pages run (a page's row, the lists, the home page's) is built
# once per process and reused with the same values (cms/compiled.py); false builds it each time.
COMPILED_QUERIES_ENABLED = env.bool("COMPILED_QUERIES_ENABLED", default=True)
# How long a search's page stays in the page cache (search/caching.py); a publication empties
# it at once, so this only bounds how many searches the cache holds.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=600)

# A Redis that is down or hung costs a cache call or a task send seconds at most, never a hung
# request (docs/operations.md): connecting and every reply are bounded.
REDIS_SOCKET_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 3}

if REDIS_URL:
    CACHES = {
        # Fails open (cms/faults.py): Wagtail keeps site root paths and renditions here, and
        # every page would fail with Redis down otherwise.
        "default": {
            "BACKEND": "cms.faults.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cms",
            "OPTIONS": REDIS_SOCKET_OPTIONS,
        },
        # The page cache's middleware fails open by itself (cms/cache.py).
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cms-pages",
            "OPTIONS": REDIS_SOCKET_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# The nginx micro-cache in front of the site (docs/deploy.md): purged through Wagtail's frontend
# cache when a change is published. FRONTEND_CACHE_PURGE_URL is nginx's loopback purge address.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Email: console by default; EMAIL_URL (smtp+tls://user:password@host:587) for a real server.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="binhdanggioi@thptsoctrang.edu.vn")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts publish on the school's name: longer than Django's default of 8.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins (docs/security.md). django-axes' check comes first: a user name tried too often from
# one address is refused before the password is even checked (cms/logins.py).
AUTHENTICATION_BACKENDS = [
    "cms.logins.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Locked out: this many failures of one user name from one address, for the cool-off. Keyed on
# the pair, so a colleague on the school's network (one public address) is not locked out too,
# and someone guessing one account from elsewhere does not lock its owner out at school.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The wait runs from the failure that locked, so the page can say how long it is; tries during
# the lockout are refused and recorded but do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Wagtail's sign-in page in Vietnamese, status 429, instead of django-axes' English text.
AXES_LOCKOUT_CALLABLE = "cms.logins.lockout_response"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "cms.logins.client_ip"
# How many reverse proxies (nginx) stand in front of the site and append X-Forwarded-For. 0: the
# client is REMOTE_ADDR and X-Forwarded-For is ignored (anyone can send one). Production: 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Staff sessions end after a working day, whatever the browser keeps; "Remember me" on the sign-in
# page only keeps the cookie across browser restarts within it.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-step verification (cms/two_factor.py). Who must use it: members of these groups and, when
# set, superusers; everyone else may turn it on from their account page.
OTP_REQUIRED_GROUPS = env.list("OTP_REQUIRED_GROUPS", default=[])
OTP_REQUIRED_FOR_SUPERUSERS = env.bool("OTP_REQUIRED_FOR_SUPERUSERS", default=False)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "THPT Sóc Trăng - Bình đẳng giới"
# Each wrong code doubles the wait before the next try: 1, 2, 4, 8 … seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Internationalisation: Vietnamese first, English as a translation under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Project strings first; locale/wagtail/ = Vietnamese Wagtail admin, never touched by make messages.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
# Dates as dd/mm/yyyy in both languages (cms/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["cms.formats"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin is offered in Vietnamese (Wagtail leaves it out unless named) and English.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Translating a page makes a draft, never a live page: it goes live through the review like any
# other page (cms/translation.py, docs/workflow.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The final review approval publishes through the rule that only reviewed revisions go live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflow.publish_approved"
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's own workflow emails are replaced by the project's (cms/notifications.py).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# No machine translation: the site never calls out to the internet.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models (a whole plan) exceed Django's default of 1000 form fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Bình đẳng giới - Trường THPT Sóc Trăng"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The public site's address, which every full URL (sitemap, canonical, hreflang, link previews)
# is built from: `manage.py set_public_url` (and `load_demo`) give it to the default Wagtail Site.
PUBLIC_URL = env("PUBLIC_URL", default=WAGTAILADMIN_BASE_URL)
# Full-text search that folds Vietnamese (search/backends/, docs/search.md): PostgreSQL through
# the cms_vietnamese text search configuration, SQLite through folded FTS5 triggers.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "cms_vietnamese"},
}
# Popular searches (search promotions' daily counts) are kept this many days, then removed by a
# daily Celery task (search/tasks.py).
WAGTAILSEARCH_HITS_MAX_AGE = env.int("WAGTAILSEARCH_HITS_MAX_AGE", default=90)
# Keep Vietnamese letters while the editor types; the page form and model then fold the slug to
# ASCII (cms.text.slugify_vi), which Wagtail's own script cannot do for đ and NFD input.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# The admin's time zone choice: the school's only. Wagtail's default list is the server's zone
# files, which on Debian include "localtime", a name browsers reject (a script error on the
# account page).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Uploads (docs/security.md, Bad input). Documents: what a school publishes, never a type a
# browser runs (html, svg, js) or a program; served by Django (never straight from /media/) as a
# download, PDF alone shown inline, with nosniff. 10 MB each, under nginx's 12 MB body limit:
# a scanned, signed plan of a few pages at 200 dpi is 2–5 MB, a phone photo 3–8 MB.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# No SVG: it can carry scripts. At most 60 million pixels (a 50-megapixel phone photo passes),
# read from the file's header before decoding (cms/images.py): decoding one takes ~180 MB.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# Every image needs its alternative text (the description) before it is saved (cms/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.ImageForm"
WAGTAIL_PASSWORD_RESET_ENABLED = True
# The login form's labels in Vietnamese (cms/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.LoginForm"
# The admin must not call out either: no update check, no Gravatar pictures.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_FINDERS = []  # oEmbed providers are on the internet; the site must work without it.

# Celery: the filesystem transport needs no server; REDIS_URL switches to Redis.
# Chosen for reliability, from Celery's documentation (docs/deploy.md explains each).
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        # Redis hands an unacknowledged message to another worker after this long. Scheduled
        # tasks are sent at most SCHEDULE_HORIZON_SECONDS ahead and run in seconds, so ten
        # minutes never redelivers a message a live worker still holds; a message lost with a
        # killed worker comes back then, long after the sweep has published its page.
        "visibility_timeout": 600,
        **REDIS_SOCKET_OPTIONS,
    }
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
)
CELERY_TASK_IGNORE_RESULT = True
# Times travel and are stored in UTC; schedules are read in the school's time zone.
CELERY_ENABLE_UTC = True
CELERY_TIMEZONE = TIME_ZONE
# Acknowledge a task when it has finished, and give it back if its worker dies: nothing is lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker reserves one task beyond those it runs, so a busy or dying worker hoards nothing.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a task while Redis is down gives up after ~2 s instead of retrying for ever: the task
# class logs and drops it (cms/faults.py), and the sweep redoes what was scheduled.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}

# Scheduled publishing (cms/scheduling.py): the sweep's period, and how far ahead ETA tasks are
# sent. A page overdue for any reason is published within one sweep period.
SCHEDULE_SWEEP_SECONDS = env.int("SCHEDULE_SWEEP_SECONDS", default=10)
SCHEDULE_HORIZON_SECONDS = env.int("SCHEDULE_HORIZON_SECONDS", default=120)
CELERY_BEAT_SCHEDULE = {
    "sweep-schedule": {
        "task": "cms.sweep_schedule",
        "schedule": float(SCHEDULE_SWEEP_SECONDS),
        # A sweep not started within its period is replaced by the next one.
        "options": {"expires": float(SCHEDULE_SWEEP_SECONDS)},
    },
    # Reviewers hear about a step waiting too long; the database keeps it to one a day per step.
    "send-review-reminders": {"task": "cms.send_review_reminders", "schedule": 3600.0},
    "forget-old-query-hits": {"task": "search.forget_old_query_hits", "schedule": 86400.0},
    # Searches counted in Redis (search/hits.py) reach Popular searches within a minute; a
    # flush not started within its period is replaced by the next one, which moves it all.
    "flush-search-hits": {
        "task": "search.flush_query_hits",
        "schedule": 60.0,
        "options": {"expires": 60.0},
    },
}
# A review step waiting longer than this many days reminds its reviewers (cms/notifications.py).
REVIEW_REMINDER_DAYS = env.int("REVIEW_REMINDER_DAYS", default=3)

# Security headers (docs/security.md), the same in every environment so that the tests and the
# browser suite see what production sends; HTTPS-only ones (HSTS, secure cookies) are in
# production.py. The public pages have no inline script or style (cms/static/cms/), and no nonce:
# they are stored whole in the page cache with an ETag of the body (cms/headers.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (every URL under /admin/, previews included) runs inline scripts and style
# attributes of Wagtail's and wagtail-localize's own templates (date pickers, inline panels, the
# translation editor's React props), loads blob: and data: images (upload previews, the focal
# point), and shows the page preview in an iframe of its own: it gets a looser policy, still
# limited to this site (no other origin can be loaded from, framed or posted to).
CMS_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the site never uses, turned off for it and for anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Django's SecurityMiddleware: no MIME sniffing, no other site's window kept as opener, no
# framing (Wagtail's preview allows its own origin), no full address sent to other sites.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Demo accounts are created by `load_demo`; production settings refuse to create them.
DEMO_USERS_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cms": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
# The password `load_demo` gives the demo accounts; where unset it generates one and prints it once.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="")
