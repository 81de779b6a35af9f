"""A signed callback the webhook tests share, and Django configured once for the tests that need it."""

from __future__ import annotations

import base64
import json

import pytest

from runapi.webhooks import sign

SECRET = base64.b64encode(b"callback-secret-0123456789abcdef").decode()
OLD_SECRET = base64.b64encode(b"previous-secret-fedcba9876543210").decode()
KEY_TEXT = base64.b64decode(SECRET).decode()  # the decoded key must not leak either
NOW = 1_760_000_000
CALLBACK_ID = "cb_1"
PAYLOAD = {
    "id": "281e5b0f39b9",
    "status": "completed",
    "model": "suno-v5",
    "generation_stage": "all_audios_ready",
    "audios": [{"id": "a1", "audio_url": "https://file.runapi.ai/generated/a1.mp3", "duration": 184.5}],
}
BODY = json.dumps(PAYLOAD, separators=(",", ":")).encode()
HEADERS = sign(BODY, SECRET, callback_id=CALLBACK_ID, timestamp=NOW)
REASONS = {
    "invalid_secret",
    "invalid_body",
    "invalid_header",
    "missing_header",
    "invalid_timestamp",
    "timestamp_outside_tolerance",
    "no_matching_signature",
}


def signed(body: bytes = BODY, secret: str = SECRET, timestamp: int = NOW) -> dict[str, str]:
    return sign(body, secret, callback_id=CALLBACK_ID, timestamp=timestamp)


@pytest.fixture(scope="session")
def django_settings() -> None:
    """Configure a minimal Django once per process (guarded: another test may have done it)."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="django-test-only-not-the-callback-secret",
            ALLOWED_HOSTS=["testserver"],
            INSTALLED_APPS=[],
            USE_TZ=True,
        )
    import django

    django.setup()
