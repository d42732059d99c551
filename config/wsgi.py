"""WSGI entry point for production servers (gunicorn config.wsgi)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

from config.startup import exit_on_configuration_error

with exit_on_configuration_error():
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
