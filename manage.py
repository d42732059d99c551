#!/usr/bin/env python
"""Django's command-line utility for Kindred."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from config.startup import exit_on_configuration_error

    with exit_on_configuration_error():
        import django

        django.setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
