"""The archive's one settings module, driven by environment variables.

Development defaults are safe: SQLite under ``var/``, DEBUG on, a throw-away secret.
With ``DEBUG=false`` the settings become production settings and refuse to start
with a placeholder ``SECRET_KEY``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# Lower-case names: Django takes every upper-case name here for a setting.
Parsed = TypeVar("Parsed")
booleans = {"1": True, "true": True, "yes": True, "on": True}
booleans |= {"0": False, "false": False, "no": False, "off": False}


def env_value(name: str, default: Parsed, parse: Callable[[str], Parsed], expected: str) -> Parsed:
    """The variable read by ``parse``, or ``default`` when unset or empty. A value that does
    not parse stops the start: a typo must not quietly become a different setting."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return parse(value)
    except (KeyError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r}: expected {expected}.") from None


def env_bool(name: str, default: bool) -> bool:
    return env_value(name, default, lambda value: booleans[value.lower()], "true or false")


def env_int(name: str, default: int) -> int:
    return env_value(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return env_value(name, default, float, "a number")


def _json_object(value: str) -> dict[str, object]:
    parsed = json.loads(value)  # a JSONDecodeError is a ValueError
    if not isinstance(parsed, dict):
        raise ValueError(value)
    return parsed


def env_json_object(name: str) -> dict[str, object]:
    return env_value(name, {}, _json_object, 'a JSON object, e.g. {"name": 1}')


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

PLACEHOLDER_SECRET = "dev-only-insecure-secret-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", PLACEHOLDER_SECRET)
if not DEBUG and (SECRET_KEY == PLACEHOLDER_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of 50+ characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",  # /sitemap.xml's template
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "reversion",
    "axes",
    "csp",
    "corsheaders",
    "ninja",  # the read API's OpenAPI document and Swagger UI's assets
    "interviews",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "archive.outage.DatabaseOutageMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before CommonMiddleware, as it asks
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "interviews.context_processors.language_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

# modeltranslation: each reader-facing text has a _fr and an _en column. No fallback:
# a missing translation must show as missing, never as the other language's text.
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ()

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise (/favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "archive" / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for LOGIN_COOLOFF_MINUTES, right password or not.
# Per pair, so that nobody can lock an editor out from elsewhere; a success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: it refuses before a password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "archive.throttling.locked_out"
# How many proxies of one's own stand before the app (0: clients connect to it directly):
# logins and the API's budget are counted per address each client had at the outermost one.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "archive.clients.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "interviews:home"
LOGOUT_REDIRECT_URL = "interviews:home"

# The site's address (e.g. https://archive.example.org), for the permalinks written by
# commands, which have no request to take it from; empty, they are paths (/fr/…).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "search.backends.whoosh.WhooshBackend")
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "index"))
SEARCH_TIME_LIMIT = env_float("SEARCH_TIME_LIMIT", 2.0)  # seconds per query
# Keyword arguments for the backend's class besides its path, as a JSON object: e.g.
# {"rebuild_processes": 1} (WhooshBackend rebuilds with one process per usable processor).
SEARCH_BACKEND_OPTIONS = env_json_object("SEARCH_BACKEND_OPTIONS")

# The read API (/api/v1/): any site may read it from a browser (CORS, GET only, no
# cookies: an editor's drafts never leave through another site); each client (a user, or
# an address) has API_RATE_LIMIT requests ("<n>/<s|min|hour|day>", counted in the cache:
# per process unless CACHES names a shared one), and answers may be kept
# API_CACHE_SECONDS.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Language"]
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/min")
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)

# What one import may hold, the same on the web and in `import_interview`. A press
# interview is 20–150 KB of text and 10–100 exchanges; a saved page with its scripts and
# styles rarely passes 1.5 MB. Above these, parsing, previewing and reading get slow.
IMPORT_MAX_SOURCE_BYTES = env_int("IMPORT_MAX_SOURCE_BYTES", 2_000_000)  # per language
IMPORT_MAX_EXCHANGES = env_int("IMPORT_MAX_EXCHANGES", 500)
IMPORT_MAX_PARAGRAPHS = env_int("IMPORT_MAX_PARAGRAPHS", 3_000)  # per language
# A batch (a ZIP, on the web or to `import_batch`): its files, and their bytes once extracted
# (the uploaded ZIP may not be larger either). 200 interviews in two languages are 400 files.
IMPORT_MAX_BATCH_FILES = env_int("IMPORT_MAX_BATCH_FILES", 1_000)
IMPORT_MAX_BATCH_BYTES = env_int("IMPORT_MAX_BATCH_BYTES", 100_000_000)
# Requests sized from them, so that a text within the limits always gets through and a
# larger one reaches the import form, which names the limit. The preview form sends each
# text twice (compressed in base64, at most 4/3 of its size, then as paragraphs) and four
# fields a paragraph.
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_SOURCE_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = len(LANGUAGES) * 3 * IMPORT_MAX_SOURCE_BYTES + 100_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = len(LANGUAGES) * 4 * IMPORT_MAX_PARAGRAPHS + 100

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp): scripts, styles and everything else from this site
# only, none inline; JSON-LD is data, which browsers do not run, so the policy leaves it be.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
