"""`python -m citenorm` runs the `normalize` command."""

from .cli import run

run()
