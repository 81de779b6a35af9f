"""A local emulator of RunAPI (runapi.ai) over real HTTP, for tests, demos and offline development.

It behaves like the documented API, so any client written from the docs can use it, the SDK
included, without spending credits::

    from runapi.emulator import Emulator

    with Emulator(api_key="test-key") as emu:
        ...  # point your client at emu.url, e.g. runapi.Client(base_url=emu.url); paths are /api/v1/...

or as a separate process: ``python -m runapi.emulator --port 8910`` (also ``runapi-emulator``;
``--help`` lists the flags). A user guide is ``docs/emulator.md``.

Emulated (docs sections in brackets): every Suno endpoint [Suno]: the tasks text_to_music,
extend_music (source ``audio_id`` or ``upload_url``, the docs' two readings), generate_lyrics,
add_vocals, add_instrumental, cover_audio, create_mashup, text_to_sound, replace_section,
separate_audio_stems, convert_audio, generate_midi, generate_artwork, visualize_music,
voice_to_validation_phrase, regenerate_validation_phrase, generate_voice, and the direct
endpoints check_voice, boost_style, get_timestamped_lyrics, generate_persona (``POST`` answers 200
with the result, no task); every ElevenLabs task [ElevenLabs]: text_to_speech, text_to_dialogue,
text_to_sound, speech_to_text, isolate_audio; Nano Banana text_to_image [Nano Banana] and
edit_image (``POST /api/v1/nano_banana/edit_image``, model ``nano-banana-edit``, required
``model``, ``prompt``, ``source_image_urls``; completed payload ``images: [{"url"}]``); Veo 3.1
text_to_video, extend_video, upscale_video [Veo 3.1]; every endpoint of the video families
(:mod:`._video`) and of the image families Seedream, Imagen 4, Flux Kontext, Flux 2, Qwen 2,
Recraft, Z-Image, Ideogram V3, GPT Image, GPT Image 2 and GPT-4o Image (:mod:`._image`); the
LLM endpoints [Claude, GPT, Gemini, DeepSeek] that the official ``anthropic`` and ``openai`` SDKs
call, streaming included (:mod:`._llm`); from_url, from_stream and from_base64 [File Upload],
stored on disk and served at their download URL for 24 hours (:mod:`._files`); Get Balance
[Common] and ``GET /api/v1/me``; API keys, guardrails and guardrail assignments on the management
key [Management Keys, Guardrails, Guardrail Assignments] (:mod:`._management`); error answers
[Errors]; signed callbacks with redelivery [Callbacks], also forwarded for tasks created without a
``callback_url`` (``forward_to``, what ``runapi listen`` runs). Output URLs point at the emulator's own ``/files/...``
(valid PNG, JPEG, WebP, MP3, MP4 and WAV, images in the requested ``output_format``, no auth), so
``Client.download`` and ``Client.download_outputs`` run against it too.

What runs against it in the SDK's own tests: ``runapi.Client`` and ``runapi.AsyncClient`` (the
asyncio driver of ``runapi/_core/async_client.py`` over ``runapi/_core/httpx_transport.py``) on
every operation; the management client's record operations (``runapi/_core/records.py``); the
callback adapters of ``runapi.contrib`` (flask, django, starlette; redis to share de-duplication)
receiving its callbacks over HTTP; ``runapi batch``; and the fixtures of ``runapi/pytest_plugin.py``,
which give users one per test.

Testing hooks: put ``emulator:fail`` in any string parameter to make a task fail; inject faults
(:meth:`Emulator.inject`: the next N matching requests, or a seeded share of them); read what
happened with :meth:`Emulator.faults`, :meth:`Emulator.tasks`, :meth:`Emulator.requests`,
:meth:`Emulator.uploads` and :meth:`Emulator.deliveries`, or over HTTP at ``/_emulator/faults`` (GET, POST, DELETE),
``/_emulator/tasks``, ``/_emulator/requests`` and ``/_emulator/deliveries``.
"""

from __future__ import annotations

try:
    import werkzeug  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("runapi.emulator needs Werkzeug: pip install 'runapi[emulator]'") from exc

from ._emulator import DEFAULT_REDELIVERY_DELAYS, Emulator
from ._faults import FAULT_KINDS
from ._store import FAILURE_TOKEN

__all__ = ["DEFAULT_REDELIVERY_DELAYS", "FAILURE_TOKEN", "FAULT_KINDS", "Emulator"]
