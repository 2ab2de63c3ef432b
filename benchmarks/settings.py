"""Settings for ``python -m benchmarks`` only: the archive's settings, run as in production
(DEBUG off), on a database and an index of their own, with the peers it is compared to.

Nothing here reaches the archive itself: ``archive.settings`` never loads haystack.
"""

from __future__ import annotations

import importlib.util
import os
import warnings

from archive.settings import *  # noqa: F403
from archive.settings import DATABASES, INSTALLED_APPS, TEMPLATES, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
SECRET_KEY = "benchmarks-only-" + "x" * 50
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Pages reference static files; the benchmarks measure Django, not collectstatic's manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES[0]["OPTIONS"]["debug"] = False
# The API's budget per client is not what is measured: wrk is one client.
API_RATE_LIMIT = "1000000/min"
# WhiteNoise looks for collectstatic's output, which the benchmarks never request.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

HAYSTACK_AVAILABLE = importlib.util.find_spec("haystack") is not None
if HAYSTACK_AVAILABLE:
    # As haystack's documentation sets up Whoosh. Listed after `search`, so that
    # `rebuild_index` stays the archive's command; haystack's is called by its class.
    INSTALLED_APPS.append("haystack")
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
            "PATH": os.environ.get("BENCH_HAYSTACK_DIR", str(VAR_DIR / "bench-haystack")),
        }
    }
