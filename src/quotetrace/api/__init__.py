"""The REST API and web UI over a corpus store (``pip install 'quotetrace[web]'``).

``create_app(open_store("quotetrace.db"), ServerSettings())`` gives an ASGI app;
``quotetrace serve`` runs one with uvicorn.
"""

from quotetrace.api.app import create_app
from quotetrace.api.settings import ServerSettings, is_loopback

__all__ = ["ServerSettings", "create_app", "is_loopback"]
