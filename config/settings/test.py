"""Settings for the test suite: the base settings with fast hashing and no HTTPS redirect."""

import os

os.environ.setdefault("SECRET_KEY", "kindred-test-secret-key-not-for-production-0123456789")
os.environ.setdefault("KINDRED_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWtpbmRyZWQta2V5LTMyLWJ5dGVzLi4=")

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
KINDRED_QUICK_EXIT_URL = "https://neutral.example/"

# A model used only by the tests of shared machinery (the encrypted field).
INSTALLED_APPS = [*INSTALLED_APPS, "kindred.testing"]  # noqa: F405
# Admin tests sign staff in directly; the two-factor rule has its own tests (override_settings).
KINDRED_STAFF_MFA_REQUIRED = False
# The page cache is tested on its own (kindred/core/tests/test_page_cache.py); elsewhere a
# test that changes data and reads a page must not depend on a purge.
KINDRED_PAGE_CACHE_SECONDS = 0
