"""Pagination moved to kindred.core.pagination (search uses it too, and may not import content).

This name stays for kindred.resources.views until it imports ``kindred.core.pagination``.
"""

from kindred.core.pagination import PER_PAGE, paginate

__all__ = ["PER_PAGE", "paginate"]
