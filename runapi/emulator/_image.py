"""Emulated endpoints of the image families (Seedream, Imagen 4, Flux, GPT Image, ...): their rows and payloads.

Gathered into the catalogue by :mod:`._catalog`; each row is an :class:`._endpoint.Endpoint`.
"""

from __future__ import annotations

from ._endpoint import Endpoint

__all__ = ["ENDPOINTS"]

ENDPOINTS: tuple[Endpoint, ...] = ()
"""The image families' endpoints."""
