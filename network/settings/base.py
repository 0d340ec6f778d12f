"""Settings shared by every environment. All configuration comes from environment variables."""
import hashlib
import tempfile
import zoneinfo
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A 403 page that says why a form was refused (other site, blocked cookies, expired form).
CSRF_FAILURE_VIEW = "network.csrf.csrf_failure"

INSTALLED_APPS = [
    "network",
    "casestudies",
    "sessions",
    "intervisions",
    # Content translation (#15, docs/languages.md); .locales replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "network.apps.WagtailUsersConfig",  # wagtail.users with our user forms (identity, #14)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "axes",  # login throttling (#14): network/throttling.py
    "csp",
    # Background tasks (#17): the framework Wagtail uses and its database backend's queue table.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "network.csp.NetworkCSPMiddleware",  # Content-Security-Policy (#14): network/csp.py
    # Static files are served by whitenoise in every environment, as in production.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HEAD gets no body: unlike runserver, gunicorn does not drop it quietly.
    "network.middleware.HeadWithoutBodyMiddleware",
    "network.middleware.AdminBadInputMiddleware",  # 400, not 500, for Wagtail's choosers (#14)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "network.middleware.LocaleMiddleware",  # Django's, a view's 404 stays a 404 (#15)
    "network.middleware.RememberLanguageMiddleware",  # the switcher's choice sticks (#15)
    # Anonymous pages and public feeds from the shared cache (#17): network/pagecache.py.
    "network.pagecache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Keep last: turns a login that axes refused into the lockout page (#14).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "network.urls"

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
                "network.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "network.wsgi.application"

# Embedded default: a SQLite file in the project folder. Production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the gunicorn workers read while one writes; the timeout waits out short locks.
    # IMMEDIATE transactions take the write lock when they begin, so two workers never both
    # read "one place left" and then write (SQLite's stand-in for SELECT … FOR UPDATE).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer gives a 503 page after this many seconds, not a hang
    # (network/faults.py).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env_str("DATABASE_CONNECT_TIMEOUT", "3")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Logs and degrades to "no cache" while Redis is down (#14): network/cache.py.
            "BACKEND": "network.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "network"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page and feed cache (#17, network/pagecache.py, docs/performance.md). Its entries and the
# site's generation must be shared by every process that serves or writes (all gunicorn workers,
# the task worker, management commands): Redis when there is one, else a folder on this host.
# Keys carry the database's identity, so two sites (the demo, a test run) never share pages.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
# No page is kept longer than this, whatever happens (seconds).
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600"))
# What code renders the pages (e.g. the deployed commit); unset, a digest of the source files.
PAGE_CACHE_RELEASE = env_str("PAGE_CACHE_RELEASE")
_DATABASE_IDENTITY = hashlib.sha256("|".join(
    str(DATABASES["default"].get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME")
).encode()).hexdigest()[:12]
if REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {
        **CACHES["default"],
        "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}:pages:{_DATABASE_IDENTITY}",
        "TIMEOUT": PAGE_CACHE_SECONDS,
    }
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("PAGE_CACHE_DIR", str(
            Path(tempfile.gettempdir()) / f"centre-network-pages-{_DATABASE_IDENTITY}")),
        "TIMEOUT": PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }

# Above this many member areas in the directory, a field that picks one (the library's filter,
# the sign-up form, the people filter) is a text field with suggestions, not a select
# (network/area_picker.py).
AREA_SELECT_LIMIT = int(env_str("AREA_SELECT_LIMIT", "100"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: English UI, with Dutch and Danish translations.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("da", _("Danish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as this network writes them ("3 December 2026", 24-hour clock): network/formats.
FORMAT_MODULE_PATH = ["network.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True  # one page tree per language (#15, docs/languages.md)
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Let Django serve uploaded media (single-host demo); in production the proxy or storage does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Folder for Django's filebased backend (one file per e-mail), e.g. for browser tests to read.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or None
if EMAIL_BACKEND.endswith(".filebased.EmailBackend") and not EMAIL_FILE_PATH:
    raise ImproperlyConfigured("EMAIL_FILE_PATH must be set for the filebased e-mail backend.")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "network@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (#17): e-mails (network/mail.py), search- and reference-index updates are
# tasks. "immediate" runs each as it is enqueued (development, tests, the local trial);
# "database" queues it in the database for `manage.py db_worker` (production's default).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_setting(default):
    """TASKS for the backend named by ``TASKS_BACKEND`` (``default`` when unset)."""
    name = env_str("TASKS_BACKEND", default)
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {name!r}.")
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_setting("immediate")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Centre Network")
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Host used in calendar UIDs (session-<id>@<host>): fixed per installation so UIDs never change.
CALENDAR_UID_DOMAIN = env_str("CALENDAR_UID_DOMAIN", "centre-network.example")
# Wagtail's database backend; on PostgreSQL each text is stemmed in its own language (#15).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "network.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every image needs a description: it is the alt text (network/images.py, docs/images.md).
WAGTAILIMAGES_IMAGE_FORM_BASE = "network.images.AltTextImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's "current time zone" choice: Wagtail offers every name zoneinfo finds, and on
# Debian that includes the system's "localtime" link, which browsers refuse (a script error on
# the account page). Region/City names and UTC only.
WAGTAIL_USER_TIME_ZONES = sorted(zone for zone in zoneinfo.available_timezones()
                                 if zone == "UTC" or ("/" in zone and zone != "localtime"))
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com: no browser calls to other hosts
# Autosave off: on "add page" it posts half-typed forms in the background, so a contributor
# sees errors while still typing a title, and a click on "Save draft" racing the background
# save creates the page twice (duplicate slug: an error page). Drafts are saved by the
# buttons, and the admin still warns before leaving unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILADMIN_COMMENTS_ENABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Members log in with their email address; the username keeps working (admin, demo accounts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked accounts (#14)
    "network.backends.EmailOrUsernameBackend",
]
# Password-reset links stay valid for three days (Django's default), long enough for a weekend.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# --- Content-Security-Policy (#14) ---
# network/csp.py sends CONTENT_SECURITY_POLICY on the site and ADMIN_CONTENT_SECURITY_POLICY under
# /admin/, and adds upgrade-insecure-requests to requests that came in over HTTPS. The site runs
# no inline script or style at all: scripts and styles live in static/ (a template that truly
# needs inline JSON gives its tag nonce="{{ request.csp_nonce }}" and adds csp.constants.NONCE
# to script-src). To allow another host, add it to the one directive that needs it.
_CSP_SELF, _CSP_NONE = "'self'", "'none'"
# The video block embeds players from these hosts (Wagtail's oEmbed finders).
EMBED_FRAME_HOSTS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Uploaded images come from MEDIA_URL: another host when media are on a storage service or CDN.
_CSP_MEDIA = ["{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL))] if urlsplit(MEDIA_URL).netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:", *_CSP_MEDIA],
        "media-src": [_CSP_SELF, *_CSP_MEDIA],
        "font-src": [_CSP_SELF],
        "frame-src": [_CSP_SELF, *EMBED_FRAME_HOSTS],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
        "report-uri": ["/csp-report/"],
    },
}
# Wagtail's admin renders inline <script> (date pickers, inline panels, listings) and its scripts
# insert <style> elements, so it needs 'unsafe-inline' for both (checked in a browser over the
# page editor, choosers, rich text, snippets, uploads and previews); no 'unsafe-eval', no other
# host. blob: shows images chosen for upload; 'self' lets the admin frame its page previews.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_CSP_SELF, "'unsafe-inline'"],
        "style-src": [_CSP_SELF, "'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:", "blob:", *_CSP_MEDIA],
        "frame-ancestors": [_CSP_SELF],
    },
}

# --- Login throttling (#14) ---
# django-axes counts failed logins in the database (every login form: the site's, the Wagtail
# admin's). An account is locked after AXES_FAILURE_LIMIT failures within AXES_COOLOFF_TIME,
# whichever spelling (username or e-mail) was typed; a client address, much more loosely, after
# LOGIN_ADDRESS_FAILURE_LIMIT failures over all accounts, so that an office behind one address is
# not locked out by one person. Organisers unlock in the admin (Settings → Locked accounts).
AXES_FAILURE_LIMIT = int(env_str("LOGIN_ACCOUNT_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env_str("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("LOGIN_LOCKOUT_MINUTES", "15")))
# Per account and per address, each with its own limit (network.throttling.AccountAndAddressHandler).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "network.throttling.AccountAndAddressHandler"
AXES_USERNAME_CALLABLE = "network.throttling.account_username"
AXES_CLIENT_IP_CALLABLE = "network.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "network.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# No access log of successful logins (personal data we do not need); axes' Django-admin pages are
# not the UI (the Django admin is not routed).
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# Proxies in front of the application that append the client's address to X-Forwarded-For
# (1 behind the README's nginx). 0: the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# Password-reset requests per e-mail address and per client address in one window (seconds):
# past the first the page says the usual "if an account exists…" and sends nothing; past the
# second it answers 429 (network/throttling.py).
PASSWORD_RESET_EMAIL_LIMIT = int(env_str("PASSWORD_RESET_EMAIL_LIMIT", "3"))
PASSWORD_RESET_CLIENT_LIMIT = int(env_str("PASSWORD_RESET_CLIENT_LIMIT", "20"))
PASSWORD_RESET_THROTTLE_WINDOW = 60 * 60

# --- verified e-mail identities (#14) ---
# The admin's account page shows the e-mail address in a panel of our own, which refuses an
# address another account uses and confirms a new one by e-mail (network/identity.py).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# --- Sign-up holds and rate limits (#14) ---
# A sign-up whose address is not yet verified holds its place (or waiting-list turn) this long
# until it is confirmed from the e-mail; then the place goes to the waiting list
# (sessions/registration/places.py). Such sign-ups are limited per client address
# (TRUSTED_PROXY_COUNT says which one) and per e-mail address, each in a fixed window (seconds).
SESSION_SIGNUP_HOLD_MINUTES = int(env_str("SESSION_SIGNUP_HOLD_MINUTES", "30"))
SIGNUP_RATE_CLIENT_LIMIT = int(env_str("SIGNUP_RATE_CLIENT_LIMIT", "10"))
SIGNUP_RATE_CLIENT_SECONDS = 10 * 60
SIGNUP_RATE_EMAIL_LIMIT = int(env_str("SIGNUP_RATE_EMAIL_LIMIT", "3"))
SIGNUP_RATE_EMAIL_SECONDS = 60 * 60
