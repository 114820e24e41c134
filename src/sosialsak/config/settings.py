"""One settings module, driven by environment variables (12-factor).

SOSIALSAK_DEBUG      "1" turns on Django's debug pages (refused in production: they show data)
SOSIALSAK_SECRET_KEY required (≥ 50 random characters) when SOSIALSAK_ENV=production
DATABASE_URL         e.g. postgres://user@127.0.0.1:5432/sosialsak; default: SQLite in var/
SOSIALSAK_ALLOWED_HOSTS comma-separated host names
SOSIALSAK_VAR_DIR    where the SQLite file, the Digisos inbox/outbox and letters live
SOSIALSAK_DIGISOS_INBOX_STILL_SECONDS  an inbox folder without the ".ferdig" marker is read
                     when unchanged this long (default 300)
SOSIALSAK_PERSON_REGISTER  none (default) | fake (synthetic people) | folkeregister
SOSIALSAK_FOLKEREGISTER_URL, SOSIALSAK_FOLKEREGISTER_TOKEN  the register's base URL and token
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

SRC_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SOSIALSAK_VAR_DIR", REPO_DIR / "var")).resolve()

ENV = os.environ.get("SOSIALSAK_ENV", "development")
PRODUCTION = ENV == "production"
DEBUG = os.environ.get("SOSIALSAK_DEBUG", "0") == "1"
_DEV_SECRET = "dev-only-insecure-key-change-me-for-production-0123456789abcdef"  # noqa: S105
_secret = os.environ.get("SOSIALSAK_SECRET_KEY", "")


def _refuse_unsafe_production() -> None:
    """Production refuses what would show or forge personal data (issue 10, item 7): Django's
    debug page (traceback, settings, locals) and a secret key anyone can guess."""
    if DEBUG:
        raise ImproperlyConfigured(
            "SOSIALSAK_DEBUG=1 is refused when SOSIALSAK_ENV=production: Django's debug pages "
            "show tracebacks, settings and personal data. Unset SOSIALSAK_DEBUG.")
    if not _secret:
        raise ImproperlyConfigured(
            "SOSIALSAK_SECRET_KEY must be set when SOSIALSAK_ENV=production.")
    weak = (len(_secret) < 50 or len(set(_secret)) < 10 or _secret == _DEV_SECRET
            or _secret.startswith(("django-insecure", "dev-only", "changeme", "change-me")))
    if weak:
        raise ImproperlyConfigured(
            "SOSIALSAK_SECRET_KEY is too weak for SOSIALSAK_ENV=production: use at least 50 "
            "random characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe("
            "50))'), never the development key.")


if PRODUCTION:
    _refuse_unsafe_production()
SECRET_KEY = _secret or _DEV_SECRET
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("SOSIALSAK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "sosialsak.contexts.accounts",
    "sosialsak.contexts.audit",
    "sosialsak.contexts.people",
    "sosialsak.contexts.rates",
    "sosialsak.contexts.offices",
    "sosialsak.contexts.intake",
    "sosialsak.contexts.cases",
    "sosialsak.contexts.decisions",
    "sosialsak.contexts.followup",
    "sosialsak.contexts.payments",
    "sosialsak.contexts.services",
    "sosialsak.contexts.tiltak",
    "sosialsak.contexts.kvp",
    "sosialsak.contexts.digisos",
    "sosialsak.contexts.archive",
    "sosialsak.interfaces.caseworker",
    "sosialsak.interfaces.citizen",
    "sosialsak.interfaces.cli",
    # django-ninja as an app: /api/docs then loads Swagger UI from ninja's own static files
    # (its documented offline mode) instead of a CDN; the page is our api/swagger.html.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The API answers every error in its one shape {code, message, extra} (issue 10).
    "sosialsak.interfaces.api.errors.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Everything after WhiteNoise (all but static files) may hold personal data: no-store.
    "sosialsak.interfaces.caseworker.security.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sosialsak.interfaces.caseworker.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sosialsak.interfaces.caseworker.security.ActingUserMiddleware",
    "sosialsak.interfaces.caseworker.readonly.ReadOnlyRoleMiddleware",  # issue 12: 403
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp; issue 10, item 13): scripts, styles, images, fonts and
# requests only from this site, no inline script or style, no plugins, no framing. htmx is set
# (base.html's htmx-config) to inject no <style> and evaluate no code. The Swagger UI at
# /api/docs is served from ninja's static files with its start-up code in a static file, so it
# too runs under the policy (issue 12, item 7; before, it was exempt for its CDN scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

ROOT_URLCONF = "sosialsak.config.urls"
WSGI_APPLICATION = "sosialsak.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sosialsak.sqlite3'}"),
        conn_max_age=int(os.environ.get("SOSIALSAK_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Issue 13: the planner's default random_page_cost (4.0) prices an index look-up as a read
    # from a spinning disk, so at 150,000 applications it scanned every sak and decision rather
    # than look up the few in a worklist's window. The pages' tables are in memory or on SSD,
    # where PostgreSQL's documentation suggests a value near 1. Set per connection; a server
    # setting in the URL's ``options`` wins.
    _opts = DATABASES["default"].setdefault("OPTIONS", {})
    if "random_page_cost" not in str(_opts.get("options", "")):
        _cost = os.environ.get("SOSIALSAK_PG_RANDOM_PAGE_COST", "1.1")
        _opts["options"] = f"{_opts.get('options', '')} -c random_page_cost={_cost}".strip()
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while a batch import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Login throttling with django-axes (issue 10, item 8): after SOSIALSAK_LOGIN_FAILURE_LIMIT
# wrong passwords for one username, or from one address, further attempts are refused for
# SOSIALSAK_LOGIN_LOCKOUT_MINUTES, even with the right password. Failures and lock-outs are
# audited (contexts/audit/access_log.py). Axes keeps only the attempts it needs for the lock
# (no log of successful logins) and logs no username or address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SOSIALSAK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SOSIALSAK_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [
    p.strip() for p in os.environ.get("SOSIALSAK_LOGIN_LOCKOUT_BY", "username,ip_address")
    .split(",") if p.strip()
]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "sosialsak.interfaces.caseworker.security.client_str"
AXES_LOCKOUT_CALLABLE = "sosialsak.interfaces.caseworker.security.login_locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "username"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS only in production: HSTS and a redirect from http. Behind a TLS-terminating proxy,
# SOSIALSAK_PROXY_SSL_HEADER names the header it sets, e.g. "X-Forwarded-Proto=https" (only
# if the proxy always sets or strips it; otherwise a client could claim https).
SECURE_HSTS_SECONDS = int(os.environ.get("SOSIALSAK_HSTS_SECONDS", "31536000")) if PRODUCTION \
    else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_SSL_REDIRECT = os.environ.get("SOSIALSAK_SSL_REDIRECT", "1" if PRODUCTION else "0") == "1"
_proxy_header = os.environ.get("SOSIALSAK_PROXY_SSL_HEADER", "")
if _proxy_header:
    _name, _, _value = _proxy_header.partition("=")
    if not _name.strip() or not _value.strip():
        raise ImproperlyConfigured(
            "SOSIALSAK_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto=https'.")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip())
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# The largest document a caseworker may upload to a case (bytes; PDF, JPEG or PNG).
SOSIALSAK_UPLOAD_MAX_BYTES = int(os.environ.get("SOSIALSAK_UPLOAD_MAX_BYTES",
                                                str(10 * 1024 * 1024)))
DIGISOS_INBOX = VAR_DIR / "digisos" / "inbox"
DIGISOS_OUTBOX = VAR_DIR / "digisos" / "outbox"
DIGISOS_QUARANTINE = VAR_DIR / "digisos" / "quarantine"
# An inbox folder is read once it holds the marker file ".ferdig", or when nothing in it has
# changed for this many seconds (a sender that cannot set a marker); see digisos.importer.
DIGISOS_INBOX_STILL_SECONDS = int(os.environ.get("SOSIALSAK_DIGISOS_INBOX_STILL_SECONDS", "300"))
# The population register (issue 18 item 7; docs/adr/0011): none looks nothing up.
PERSON_REGISTER = {
    "adapter": os.environ.get("SOSIALSAK_PERSON_REGISTER", "none"),
    "base_url": os.environ.get("SOSIALSAK_FOLKEREGISTER_URL", ""),
    "token": os.environ.get("SOSIALSAK_FOLKEREGISTER_TOKEN", ""),
}
# Noark 5 archive packages (issue 18 item 6) are written below this folder by default.
ARCHIVE_EXPORT_DIR = VAR_DIR / "arkiv"

# Logs carry ids and codes, never personal data: no request bodies, no query parameters.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "sosialsak": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Synthetic test identity numbers (Skatteetaten: month + 80) are accepted outside production,
# so demo and test data never hold a real person's number.
SOSIALSAK_ALLOW_SYNTHETIC_IDS = os.environ.get(
    "SOSIALSAK_ALLOW_SYNTHETIC_IDS", "0" if ENV == "production" else "1"
) == "1"
