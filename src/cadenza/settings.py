"""One settings module, driven by the environment (see docs/configuration.md)."""

from __future__ import annotations

import importlib.util
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

# Everything a Cadenza process creates (the SQLite database and its journal, the secret
# key, the caches, uploaded documents) is for its owner only: other local users may not
# read a database of fees and contracts (docs/security.md, "Files").
os.umask(0o077)

BASE_DIR = Path(__file__).resolve().parent
CADENZA_HOME = Path(os.environ.get("CADENZA_HOME", "var")).resolve()
CADENZA_HOME.mkdir(mode=0o700, parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _secret_key() -> str:
    """Use SECRET_KEY, or one generated on first run and kept under CADENZA_HOME."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = CADENZA_HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "js_lib_htmx",
    # The API: its docs page's template (api/docs.py says why ninja itself is not here).
    "cadenza.api",
    "cadenza.places",
    "cadenza.repertoire",
    "cadenza.people",
    "cadenza.events",
    "cadenza.press",
    "cadenza.accounts",
    "cadenza.ingest",
    "cadenza.engagements",
    "cadenza.seasons",
    "cadenza.web",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so stored pages carry the headers too.
    "csp.middleware.CSPMiddleware",
    "cadenza.web.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cadenza.web.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a lock held by another writer into 503 with Retry-After (docs/security.md).
    "cadenza.web.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the locked-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cadenza.urls"
WSGI_APPLICATION = "cadenza.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# How long a write waits for another writer (an import) before giving up: the page then
# answers 503 with Retry-After (web/middleware.py) instead of holding a worker for long.
DATABASE_LOCK_SECONDS = _env_int("DATABASE_LOCK_SECONDS", 5)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{CADENZA_HOME / 'cadenza.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while an import writes; IMMEDIATE takes the write lock at the
    # start of a transaction, so two writers queue instead of failing halfway.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": DATABASE_LOCK_SECONDS,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A write waits for a row or table lock (the record version's row, an import's tables)
    # at most this long, then fails with LockNotAvailable: 503 too, never a hung worker.
    DATABASES["default"]["OPTIONS"] = {"options": f"-c lock_timeout={DATABASE_LOCK_SECONDS}s"}
# Background work (the season planner's solves): queued in the database, run by
# `cadenza worker` (which `cadenza serve` and `cadenza demo` start beside the server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = CADENZA_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request when it is absent.
# The demo serves static files straight from the apps, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
# django-ninja's Swagger UI files, for the API's docs offline, found without importing
# ninja (cadenza/api/docs.py).
_NINJA = importlib.util.find_spec("ninja")
assert _NINJA is not None and _NINJA.submodule_search_locations, "django-ninja is installed"
STATICFILES_DIRS = [Path(_NINJA.submodule_search_locations[0]) / "static"]
WHITENOISE_AUTOREFRESH = DEBUG

# The page cache (cadenza.web.caching, docs/deployment.md): anonymous GET pages kept until
# the record changes. Off unless PAGE_CACHE=1; the record version is kept either way. The
# "pages" cache is shared by every server process, so it lives on disk under CADENZA_HOME.
PAGE_CACHE = _env_bool("PAGE_CACHE")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CADENZA_HOME / "cache" / "pages"),
        "TIMEOUT": int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600))),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "5000"))},
    },
}

# Sessions live in a signed cookie: reading one never touches the database, so pages
# answer while another process holds the write lock (docs/security.md, "Sessions").
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_AGE = _env_int("SESSION_DAYS", 14) * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# HTTPS and its headers, each answerable from the environment (docs/deployment.md): all
# off by default, since `cadenza serve` and the demo answer plain HTTP on one's machine.
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = _env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_bool("SECURE_COOKIES")
# The header a proxy that terminates HTTPS sets ("X-Forwarded-Proto"); trust it only when
# the proxy always sets it, overwriting whatever the client sent.
if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Features no page uses, refused to the page and to anything it might embed.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Content-Security-Policy (django-csp): scripts and styles only from our own static files,
# none inline, no eval (htmx's is off in base.html); images may be data: URIs (the admin's).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
# account, that account's logins are refused for LOGIN_COOLOFF_MINUTES, whatever the
# password, on every login form and every `authenticate(request=...)`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = _env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=_env_int("LOGIN_COOLOFF_MINUTES", 15))
# By account, not address: a guesser behind many addresses is still stopped, and other
# accounts (a whole office behind one address) log in as before.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address too, against guessers who rotate user agents or cookies;
# neither changes the username, which alone decides here.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cadenza.web.views.errors.locked_out"

# Request sizes: forms carry a few kB; the largest is a pasted biography (200 kB of
# text, web/views/bioreview.py). Uploads are files, limited by their own forms.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
