"""Runners that spread ``ingest`` over more than one machine (Ray). Optional: ``pip install communique[ray]``."""

from __future__ import annotations

__all__ = ["RAY_INSTALL_HINT"]

RAY_INSTALL_HINT = "pip install 'communique[ray]' (or: pip install -r requirements-ray.txt)"
