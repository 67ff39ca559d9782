"""``communique serve``: the REST API (:mod:`communique.api`) and the web UI (:mod:`communique.web`) in one
application. The API never imports the web UI; this module composes them (the pages are added as an extension of
the API application, before its middleware wraps both)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from .api import app as api
from .web.browse_routes import add_browse
from .web.routes import add_pages

__all__ = ["create_app", "serve"]


def create_app(db: str, token: str | None = None, **options: Any) -> FastAPI:
    """The API and the web UI over the store ``db`` (options as :func:`communique.api.app.create_app`)."""
    return api.create_app(db, token, extend=(add_browse, add_pages), **options)


def serve(db: str, **options: Any) -> None:
    """Run the API and the web UI until interrupted (options as :func:`communique.api.app.serve`)."""
    api.serve(db, app_factory=create_app, **options)
