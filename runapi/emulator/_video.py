"""Emulated endpoints of the video families (Kling, Seedance, Runway, Wan, ...): their rows and payloads.

Gathered into the catalogue by :mod:`._catalog`; each row is an :class:`._endpoint.Endpoint`.
"""

from __future__ import annotations

from ._endpoint import Endpoint

__all__ = ["ENDPOINTS"]

ENDPOINTS: tuple[Endpoint, ...] = ()
"""The video families' endpoints."""
