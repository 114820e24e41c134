"""One settings module, driven by environment variables (12-factor).

SOSIALSAK_DEBUG      "1" turns on Django's debug pages (never in production: they show data)
SOSIALSAK_SECRET_KEY required when debug is off and SOSIALSAK_ENV=production
DATABASE_URL         e.g. postgres://user@127.0.0.1:5432/sosialsak; default: SQLite in var/
SOSIALSAK_ALLOWED_HOSTS comma-separated host names
SOSIALSAK_VAR_DIR    where the SQLite file, the Digisos inbox/outbox and letters live
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SOSIALSAK_VAR_DIR", REPO_DIR / "var")).resolve()

ENV = os.environ.get("SOSIALSAK_ENV", "development")
DEBUG = os.environ.get("SOSIALSAK_DEBUG", "0") == "1"
_secret = os.environ.get("SOSIALSAK_SECRET_KEY")
if not _secret and ENV == "production":
    raise RuntimeError("SOSIALSAK_SECRET_KEY must be set when SOSIALSAK_ENV=production")
SECRET_KEY = _secret or "dev-only-insecure-key-change-me-for-production-0123456789abcdef"
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
    "sosialsak.contexts.accounts",
    "sosialsak.contexts.audit",
    "sosialsak.contexts.people",
    "sosialsak.contexts.rates",
    "sosialsak.contexts.offices",
    "sosialsak.contexts.intake",
    "sosialsak.contexts.cases",
    "sosialsak.contexts.decisions",
    "sosialsak.contexts.payments",
    "sosialsak.contexts.digisos",
    "sosialsak.interfaces.caseworker",
    "sosialsak.interfaces.citizen",
    "sosialsak.interfaces.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The API answers every error in its one shape {code, message, extra} (issue 10).
    "sosialsak.interfaces.api.errors.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sosialsak.interfaces.caseworker.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = ENV == "production"
CSRF_COOKIE_SECURE = ENV == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
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
DIGISOS_INBOX = VAR_DIR / "digisos" / "inbox"
DIGISOS_OUTBOX = VAR_DIR / "digisos" / "outbox"
DIGISOS_QUARANTINE = VAR_DIR / "digisos" / "quarantine"

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
