"""``path("runapi/", include("runapi.contrib.django.urls"))``: ``POST runapi/callback`` (name ``runapi-callback``)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "runapi"
urlpatterns = [path("callback", views.callback, name="callback")]
