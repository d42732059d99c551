from kindred.content.tests.conftest import tree  # noqa: F401
