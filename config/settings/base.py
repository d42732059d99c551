"""Kindred's settings. Everything that differs between machines comes from the environment.

Safe by default: DEBUG is off unless the run command turns it on, and with DEBUG off the
HTTPS, HSTS and secure-cookie settings are on. See docs/configuration.md for every variable.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("KINDRED_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string (DEBUG=1 allows a dev key)."
        )
    SECRET_KEY = "django-insecure-kindred-local-development-only"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "kindred.core",
    "kindred.accounts",
    "kindred.memberships",
    "kindred.content",
    "kindred.coach",
    "kindred.search",
    "kindred.learning",
    "kindred.questions",
    "kindred.toolkit",
    "kindred.groups",
    "kindred.resources",
    "kindred.api",  # the top floor: the JSON API and commands that span apps (seed_scale)
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.sites",
    # wagtail.users, with Kindred's user forms (pseudonyms; staff roles granted by org admins)
    "kindred.accounts.wagtail_apps.KindredWagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
    "django.contrib.humanize",  # allauth's signed-in devices page
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "kindred.core.logs.RequestIdMiddleware",  # every log line carries the request id
    "django.middleware.security.SecurityMiddleware",
    "kindred.core.middleware.ContentSecurityPolicyMiddleware",
    "kindred.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole public pages for anonymous visitors, before sessions (kindred/core/page_cache.py).
    "kindred.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kindred.core.middleware.RefuseNulCharactersMiddleware",  # before any view reads a field
    "allauth.account.middleware.AccountMiddleware",
    "kindred.accounts.usersessions.UserSessionsMiddleware",  # allauth's, once a minute
    "kindred.accounts.middleware.SessionTimeoutMiddleware",
    "kindred.accounts.middleware.MemberTimeZoneMiddleware",
    "kindred.accounts.middleware.StaffTwoFactorMiddleware",
    "kindred.accounts.middleware.MemberPagesNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kindred.core.context_processors.site",
                "kindred.questions.context_processors.notifications",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kindred.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields and GIN indexes, whose system
    # checks (run by migrate) require this app.
    INSTALLED_APPS.append("django.contrib.postgres")

# --- Cache: Redis in production; without it, the database, so that every process shares it ---
# (rate limits and the invalidation of cached settings must hold across gunicorn workers).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or CI runs) may share one Redis: each its own prefix.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kindred"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kindred_cache",
        }
    }

# The page cache for visitors (kindred/core/page_cache.py, docs/performance.md): how long a
# public page is kept whole in the cache above (0: not at all), and the s-maxage a proxy or
# CDN may keep it (purged on publish by wagtail.contrib.frontend_cache when configured).
KINDRED_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
KINDRED_PAGE_CACHE_PROXY_SECONDS = env_int("PAGE_CACHE_PROXY_SECONDS", 60)
# Each worker keeps its last hits in memory and asks the cache for the generation at most this
# often: a hit costs no round trip, and a purge made by another worker reaches it this late.
KINDRED_PAGE_CACHE_LOCAL_SECONDS = env_int("PAGE_CACHE_LOCAL_SECONDS", 1)

# --- Background work: Django's task framework (the django_tasks backport Wagtail uses) ------
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
# A task left Running this long is taken as lost (its worker died) by `requeue_lost_tasks`,
# which the scheduler runs every minute: it is queued again, up to this many runs in all
# (kindred/core/task_recovery.py). The lease must be longer than the slowest task.
KINDRED_TASK_LEASE_SECONDS = env_int("KINDRED_TASK_LEASE_SECONDS", 900)
KINDRED_TASK_MAX_ATTEMPTS = env_int("KINDRED_TASK_MAX_ATTEMPTS", 2)

# --- Passwords ------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded files in S3-compatible object storage (AWS S3, MinIO, Backblaze, Scaleway, ...):
# opt in with AWS_STORAGE_BUCKET_NAME (docs/deployment.md). Files stay private (signed URLs)
# unless AWS_QUERYSTRING_AUTH=0 and the bucket is public.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
# With files on this server's disk and DEBUG off, /media/ is best served by the reverse proxy
# (deploy/nginx.conf); Kindred also serves it itself so a bare gunicorn works (SERVE_MEDIA=0
# turns that off once the proxy does it).
SERVE_MEDIA = env_bool("SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)

# --- Email (discreet subjects: see docs/privacy.md) -----------------------------------------
# Django 6.1 configures sending through MAILERS (the EMAIL_* settings are deprecated).
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kindred <no-reply@kindred.invalid>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = env_list("ADMINS")
EMAIL_SUBJECT_PREFIX = "[Kindred] "

# --- Security -------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies we run in front of Kindred: allauth's per-IP sign-in limits take the
# client's address from X-Forwarded-For that many hops from the right (0: REMOTE_ADDR only).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("KINDRED_TRUSTED_PROXY_COUNT", 0)

# Member pages and the public site: no inline code, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The Wagtail and Django admins still rely on inline scripts and styles: they get a looser
# policy of their own, applied by path in kindred.core.middleware (docs/security.md).
KINDRED_ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
KINDRED_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# What a member typed never reaches an error report or a log.
DEFAULT_EXCEPTION_REPORTER_FILTER = "kindred.core.errors.MemberTextRedactingFilter"

# LOG_FORMAT=json (the default with DEBUG off): one JSON object a line (kindred/core/logs.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "kindred.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "kindred.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "include_html": False,
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        # Task start/finish lines are noise on a laptop; failures are still logged.
        "django_tasks": {"level": "WARNING"},
    },
}

# Optional error tracking (Sentry-compatible), off unless SENTRY_DSN is set: no local
# variables, request bodies, cookies or personal data are ever sent
# (kindred/core/error_tracking.py).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from kindred.core import error_tracking

    error_tracking.init(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("KINDRED_SITE_NAME", "Kindred")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "wagtail.search.backends.database"}
}
# Large sites: SEARCH_URL=https://user:pass@host:9200 moves search to OpenSearch (or, with
# SEARCH_ENGINE=elasticsearch8, Elasticsearch); install its client (docs/content.md).
SEARCH_URL = env_str("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{env_str('SEARCH_ENGINE', 'opensearch2')}",
            "URLS": [SEARCH_URL],
            "INDEX": env_str("SEARCH_INDEX", "kindred"),
        }
    }
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "vtt", "mp4", "webm"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the admin never asks gravatar.com about staff emails
WAGTAILADMIN_COMMENTS_ENABLED = True

# --- Encryption of what members write (kindred/core/encryption.py) --------------------------
# Comma-separated, newest first. Never derived from SECRET_KEY.
KINDRED_ENCRYPTION_KEYS = env_list("KINDRED_ENCRYPTION_KEYS")
if not KINDRED_ENCRYPTION_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "KINDRED_ENCRYPTION_KEYS is not set. Make a key with "
            "`python manage.py rotate_encryption_keys --new-key` (run it with DEBUG=1)."
        )
    # A fixed key for laptops only (DEBUG): demo data is not secret.
    KINDRED_ENCRYPTION_KEYS = ["ZGVtby1vbmx5LWtpbmRyZWQta2V5LW5vdC1zZWNyZXQ="]

# --- Kindred --------------------------------------------------------------------------------
# The communication coach API: (requests, seconds) per member.
KINDRED_COACH_RATE_LIMIT = (env_int("KINDRED_COACH_RATE_LIMIT", 120), 60)
# Sending questions to a coach, and each autosave endpoint (question drafts, reflections,
# toolkit forms): (requests, seconds) per member (docs/security.md, "Rate limits").
KINDRED_QUESTION_SEND_LIMIT = (env_int("KINDRED_QUESTION_SEND_LIMIT", 10), 3600)
KINDRED_AUTOSAVE_RATE_LIMIT = (env_int("KINDRED_AUTOSAVE_RATE_LIMIT", 120), 60)

# Where the quick-exit button sends someone who needs to hide the page at once.
KINDRED_QUICK_EXIT_URL = env_str("KINDRED_QUICK_EXIT_URL", "https://www.weather.gov/")

# Resource directory (docs/resources.md): entries not verified for this many days are flagged
# to editors; a visitor may send this many problem reports per hour.
KINDRED_RESOURCE_STALE_DAYS = env_int("KINDRED_RESOURCE_STALE_DAYS", 180)
KINDRED_RESOURCE_REPORT_LIMIT = (env_int("KINDRED_RESOURCE_REPORT_LIMIT", 5), 3600)

# --- Accounts, sign-in and sessions (docs/membership.md) ------------------------------------
# Sessions live in the cache and the database: fast to read, and signing out deletes both.
SESSION_ENGINE = "kindred.core.sessions"  # cached_db that outlives a cache outage
# A session ends after this long without activity, and in any case this long after sign-in
# (kindred.accounts.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/my/"
# Every sign-in goes through allauth: the admins' own login and password views only send
# people there (kindred.accounts.staff_auth; /admin/login/ answers a signed-in member 403).
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "kindred.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "kindred.memberships.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = "/my/welcome/"
ACCOUNT_SIGNUP_REDIRECT_URL = "/my/welcome/"  # also where confirming the email leads
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = False  # a shared computer must not keep someone signed in
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # subjects are written in full in our templates
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Five wrong passwords lock password sign-in for an account for five minutes (allauth's
# login_failed limit); a code sent by email still lets the real member in (docs/membership.md).
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
USERSESSIONS_TRACK_ACTIVITY = True
# Every staff role needs two-factor authentication before the admin opens; relaxed only on a
# laptop demo (DEBUG) unless set explicitly.
KINDRED_STAFF_MFA_REQUIRED = env_bool("KINDRED_STAFF_MFA_REQUIRED", not DEBUG)
