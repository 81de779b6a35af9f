"""The Django app ``runapi.contrib.django`` (label ``runapi``): ``INSTALLED_APPS = [..., "runapi.contrib.django"]``."""

from __future__ import annotations

from django.apps import AppConfig


class RunAPIConfig(AppConfig):  # type: ignore[misc]  # Django ships no types
    """The app that keeps RunAPI tasks (:class:`~runapi.contrib.django.models.RunAPITask`); its label is ``runapi``."""

    name = "runapi.contrib.django"
    label = "runapi"
    verbose_name = "RunAPI"
    default_auto_field = "django.db.models.BigAutoField"
