"""``python -m quotetrace`` runs the command line."""

from quotetrace.cli import app

app()
