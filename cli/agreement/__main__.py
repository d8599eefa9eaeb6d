"""`python -m agreement`."""

from .app import run

run()
