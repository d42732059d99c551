"""Writes for the toolkit, one module per tool; ``records`` holds what every tool shares."""
