"""Callback and batch mistakes both type checkers must flag, one per marked line (see test_user_scripts.py)."""

from __future__ import annotations

from runapi import batch, webhooks


def main(body: bytes, headers: dict[str, str]) -> None:
    plain = webhooks.Receiver()
    print(plain.receive(body, headers).task.audios)  # error: an untyped receiver gives a plain Task
    webhooks.Receiver(secret=42)  # error: a secret is text
    webhooks.Receiver(lease="60")  # error: a lease is seconds, a number
    status: int = plain.respond(body, headers, print)  # error: respond gives an Answer; its .status is the int
    print(status)
    batch.run([batch.Job("suno.generate_lyrics", {"prompt": "x"})], concurrency="8")  # error: an int
    batch.Job(operation=None)  # error: an operation is "family.operation"
