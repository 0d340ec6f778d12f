"""Development: DEBUG on by default, console email, a throwaway key when DEBUG is on."""
from .base import *  # noqa: F401,F403
from .base import SECRET_KEY as _SECRET_KEY
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
if not _SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Without collectstatic, whitenoise can still find files in static/ while DEBUG is on.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Templates change under runserver without a restart: no page cache unless asked for (#17).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)
