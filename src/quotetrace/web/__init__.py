"""Pages, templates and static files of the web UI; the routes live in ``pages``."""
