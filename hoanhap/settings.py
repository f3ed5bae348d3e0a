"""HoaNhap settings: one file, everything that differs between machines read from the environment.

HOANHAP_ENV=development (default) allows fixed development secrets and plain-HTTP cookies so that
one command runs the demo on a laptop; HOANHAP_ENV=production requires every secret to be set.
"""

import base64
import hashlib
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hoanhap.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

HOANHAP_ENV = env_str("HOANHAP_ENV", "development")
PRODUCTION = HOANHAP_ENV == "production"
DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("HOANHAP_DEMO", not PRODUCTION)
if PRODUCTION and DEMO_MODE:
    # Demo accounts' password is published (accounts/demo.py) and they skip the second factor.
    raise ImproperlyConfigured("HOANHAP_DEMO must be off in production")

_DEV_SECRET = "development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105 - refused in production
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else _DEV_SECRET)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")


def _dev_key(label: str) -> str:
    digest = hashlib.sha256(f"{SECRET_KEY}:{label}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


# Personal identifiers: comma-separated Fernet keys, newest first (see hoanhap/lib/crypto.py).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", "" if PRODUCTION else _dev_key("fields"))
BLIND_INDEX_KEY = env_str("BLIND_INDEX_KEY", None if PRODUCTION else _dev_key("blind-index"))
# Backups: a Fernet key of their own, so that a stolen backup and a stolen field key are two thefts.
BACKUP_KEY = env_str("BACKUP_KEY", "" if PRODUCTION else _dev_key("backup"))
# The audit log's chain is keyed (HMAC-SHA256): comma-separated secrets, newest first. The first
# signs new entries and checkpoints; the others still verify what they signed (hoanhap/audit/keys.py).
AUDIT_KEYS = env_list("AUDIT_KEYS", "" if PRODUCTION else _dev_key("audit"))
# Parallel chains on PostgreSQL: an append takes any chain head that is free, so writers do not
# queue on one row. SQLite serialises every write anyway: it keeps one chain.
AUDIT_CHAINS = env_int("AUDIT_CHAINS", 16)
# Signed checkpoints (each chain's last sequence number and hash) are appended to this file and
# written to the log every AUDIT_CHECKPOINT_MINUTES by run_scheduler; ship the file elsewhere.
AUDIT_CHECKPOINT_FILE = env_str("AUDIT_CHECKPOINT_FILE", str(BASE_DIR / "var" / "audit-checkpoints.jsonl"))
AUDIT_CHECKPOINT_MINUTES = env_int("AUDIT_CHECKPOINT_MINUTES", 10)
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is required in production")
if not AUDIT_KEYS:
    raise ImproperlyConfigured("AUDIT_KEYS is required in production")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "csp",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "hoanhap.geo",
    "hoanhap.law",
    "hoanhap.accounts",
    "hoanhap.audit",
    "hoanhap.people",
    "hoanhap.inbox",
    "hoanhap.cases",
    "hoanhap.documents",
    "hoanhap.prevention",
    "hoanhap.support",
    "hoanhap.hotline",
    "hoanhap.portal",
    "hoanhap.api",
    "hoanhap.imports",
    "hoanhap.backup",
    "hoanhap.reports",
    "hoanhap.programs",
    "hoanhap.privacy",
    "hoanhap.web",
    "hoanhap.bench",
]

MIDDLEWARE = [
    "hoanhap.lib.tracing.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hoanhap.audit.context.AuditContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hoanhap.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hoanhap.accounts.middleware.SessionLimitsMiddleware",
    "hoanhap.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hoanhap.law.middleware.RuleReadingMiddleware",
    "hoanhap.web.middleware.PrivateCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "hoanhap.urls"
WSGI_APPLICATION = "hoanhap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hoanhap" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "hoanhap.web.context_processors.shell",
            ],
        },
    },
]

# SQLite by default (WAL, IMMEDIATE transactions so that read-modify-write blocks serialise);
# PostgreSQL when DATABASE_URL points at one. Connections are kept between requests on both (opening
# one per request cost ~8 ms of a 10 ms request on SQLite: benchmark, docs/performance.md).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'hoanhap.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The test database in a file (pytest --reuse-db keeps it between runs: mutation testing runs
    # pytest once per mutant); by default in memory.
    if test_file := env_str("SQLITE_TEST_DATABASE", ""):
        DATABASES["default"]["TEST"] = {"NAME": test_file}
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
else:
    # A statement running longer than this is cancelled (the request gets "try again", 503), so
    # that one runaway query cannot hold a connection and its locks; 0 turns it off.
    DATABASES["default"]["OPTIONS"] = {
        "options": f"-c statement_timeout={env_int('DB_STATEMENT_TIMEOUT_MS', 60_000)}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["hoanhap.accounts.backends.AccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Log-in throttling (accounts/throttle.py): no account is locked. A user name tried from one
# address waits, after LOGIN_FREE_FAILURES failures, LOGIN_BACKOFF_SECONDS doubling with each
# further failure up to LOGIN_BACKOFF_MAX_MINUTES; the other addresses (the owner's) are not slowed.
# An address failing with LOGIN_SPRAY_NAMES different user names within LOGIN_SPRAY_MINUTES
# (password spraying) is refused for LOGIN_SPRAY_MINUTES, and an alert is logged and audited.
# Behind one shared address (a commune office), raise LOGIN_SPRAY_NAMES if many staff share it.
LOGIN_FREE_FAILURES = env_int("LOGIN_FREE_FAILURES", 5)
LOGIN_BACKOFF_SECONDS = env_int("LOGIN_BACKOFF_SECONDS", 30)
LOGIN_BACKOFF_MAX_MINUTES = env_int("LOGIN_BACKOFF_MAX_MINUTES", 15)
LOGIN_SPRAY_NAMES = env_int("LOGIN_SPRAY_NAMES", 10)
LOGIN_SPRAY_MINUTES = env_int("LOGIN_SPRAY_MINUTES", 15)
SILENCED_SYSTEM_CHECKS: list[str] = []

# Sessions: idle timeout (the cookie age, renewed by activity: at most once a minute, so that a
# burst of requests does not write the session table each time) and absolute timeout (middleware).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_RENEW_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 10) * 3600
SECURE_COOKIES = env_bool("SECURE_COOKIES", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
# The service has a host name of its own: its subdomains are HTTPS too. Preloading commits the
# domain to the browsers' list for good, so it is the operator's choice (HSTS_PRELOAD).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # An operator who has not chosen to preload has chosen not to: the deploy check need not say so.
    SILENCED_SYSTEM_CHECKS.append("security.W021")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "hoanhap.web.views.csrf_failure"

# Two-factor log-in: required for staff; demo users may be exempted in demo mode only.
OTP_TOTP_ISSUER = "HoaNhap"
# A new or reset account enrols its second factor with the password and a one-time code the
# administrator hands over, valid this long.
ENROLMENT_CODE_HOURS = env_int("ENROLMENT_CODE_HOURS", 72)
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
if PRODUCTION and not TWO_FACTOR_REQUIRED:
    raise ImproperlyConfigured("TWO_FACTOR_REQUIRED cannot be turned off in production")

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "hoanhap" / "locale"]
FORMAT_MODULE_PATH = ["hoanhap.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "hoanhap" / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Development serves static files straight from the apps; production serves collectstatic output.
WHITENOISE_USE_FINDERS = not PRODUCTION

# Sections of a person's page that later apps contribute, loaded by htmx (URL names taking the
# person's UUID). The registry app itself knows none of them.
PERSON_PANELS = ["cases:panel", "support:panel", "prevention:panel", "imports:panel"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A job "running" for longer than this is taken to be abandoned by a dead worker and queued again
# (hoanhap.lib.jobs); longer than the longest job (a 50,000-row import takes about two minutes).
TASK_ABANDONED_MINUTES = env_int("TASK_ABANDONED_MINUTES", 30)
# Observability: /metrics needs this bearer token (without one it is not served in production);
# gunicorn's workers share their counters through this directory (emptied at each start).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR", "")
# /health/ready/ fails below this much free disk (MiB) where the database and backups are kept.
READY_MIN_FREE_MB = env_int("READY_MIN_FREE_MB", 500)
# Days personal data no law asks to keep is held before the retention job erases or anonymises it
# (hoanhap.privacy.retention): list files never written to the registry, refused online
# registrations, the reporter of a tip handled to the end.
RETENTION_IMPORT_DAYS = env_int("RETENTION_IMPORT_DAYS", 30)
RETENTION_REGISTRATION_DAYS = env_int("RETENTION_REGISTRATION_DAYS", 365)
RETENTION_REPORTER_DAYS = env_int("RETENTION_REPORTER_DAYS", 5 * 365)

# Daily digest of due items: e-mail through Django's backend, text messages through a gateway class.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "HoaNhap <khong-tra-loi@hoanhap.local>")
SMS_GATEWAY = env_str("SMS_GATEWAY", "hoanhap.lib.sms.ConsoleSmsGateway")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Reintegration support: how many people one helper supports at most, and how often a helper should
# be in touch (programme settings, not law: Luật 120/2025 Điều 42–43 leave them to the commune).
HELPER_MAX_PEOPLE = env_int("HELPER_MAX_PEOPLE", 2)
HELPER_CONTACT_DAYS = env_int("HELPER_CONTACT_DAYS", 14)
# Records that match outside the officer's unit go to the province for review; an officer may send
# this many in 24 hours (the same question asked many times is how a registry is enumerated).
DUPLICATE_REVIEWS_PER_DAY = env_int("DUPLICATE_REVIEWS_PER_DAY", 10)
# Days a provider has to accept or decline a referral before it shows as overdue.
REFERRAL_RESPONSE_DAYS = env_int("REFERRAL_RESPONSE_DAYS", 5)
# Default days a commune gives itself to screen or test someone a tip is about (no legal deadline).
TIP_REQUEST_DAYS = env_int("TIP_REQUEST_DAYS", 7)
# Public portal: anonymous submissions per client address and hour. The header a reverse proxy sets
# with the client's address (empty: REMOTE_ADDR), read by hoanhap.lib.client for the portal, the
# log-in throttle and the audit log alike.
PORTAL_SUBMISSIONS_PER_HOUR = env_int("PORTAL_SUBMISSIONS_PER_HOUR", 5)
PORTAL_CLIENT_IP_HEADER = env_str("PORTAL_CLIENT_IP_HEADER", "")
# Local time at which the scheduler enqueues the daily digest.
DIGEST_HOUR = env_int("DIGEST_HOUR", 7)

# The cache every web worker shares: it holds the API's rate-limit counters (one small read and
# write per API request), which a cache in each process's memory would count per worker. Django's
# database cache by default, in a table the migrations create (hoanhap/api/migrations): no other
# service. With memcached or Redis at hand, point CACHE_BACKEND and CACHE_LOCATION at it.
CACHE_BACKEND = env_str("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache")
CACHES = {
    "default": {
        "BACKEND": CACHE_BACKEND,
        "LOCATION": env_str("CACHE_LOCATION", "hoanhap_cache"),
        # Past MAX_ENTRIES rows the database cache deletes a third of them, live counters too:
        # far more than the accounts that use the API in two windows of the rate.
        "OPTIONS": {"MAX_ENTRIES": 20_000} if CACHE_BACKEND.endswith(".DatabaseCache") else {},
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hoanhap.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "hoanhap.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "hoanhap.api.schema.HoaNhapSchema",
    "EXCEPTION_HANDLER": "hoanhap.api.errors.handle",
    "DEFAULT_THROTTLE_CLASSES": ["hoanhap.api.throttling.AccountRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("API_RATE", "6000/hour")},
}
# The API's schema and docs without log-in: in development only by default.
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", not PRODUCTION)
SPECTACULAR_SETTINGS = {
    "TITLE": "HoaNhap API",
    "DESCRIPTION": (
        "API của HoaNhap cho các hệ thống khác. Xác thực bằng khóa truy cập (Authorization: Bearer hn_…) "
        "do quản trị hệ thống cấp cho một tài khoản của đơn vị, giới hạn theo quyền và thời hạn. "
        "Phạm vi dữ liệu và nhật ký truy cập như trên giao diện. Lỗi có dạng "
        '{"error": {"code", "message", "fields"}}. Tham số truy vấn không được khai báo, để trống '
        "hoặc gửi hai lần bị từ chối (400, code invalid, nêu tên tham số), không bị bỏ qua: lọc sai "
        "tên không bao giờ trả về cả danh sách."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "hoanhap.api.schema.add_links",
    ],
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = False

# Logs carry no personal data: the scrubbing filter removes request bodies and query strings.
# Each line carries the request's id (also in the X-Request-ID header); JSON lines in production
# for the log collector (LOG_FORMAT=json|text).
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "scrub": {"()": "hoanhap.lib.logscrub.ScrubPersonalData"},
        "request_id": {"()": "hoanhap.lib.tracing.RequestIdFilter"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["scrub", "request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # runserver's access log (development): through the scrubbing handler too, query strings
        # and all (Django's own handler for it writes the request line as it came).
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
