"""OpenAI TTS: speech from text with ``tts-1`` / ``tts-1-hd`` (official packages: OpenAI TTS).

Reached as ``client.openai_tts``::

    speech = client.openai_tts.text_to_speech(model="tts-1", text="Hello from RunAPI")
    print(speech.audios[0].url, speech.audios[0].size_bytes)

``text_to_speech`` is called directly: it answers with the finished speech (no task to poll).
RunAPI may instead accept it for background processing (``202 Accepted`` with a ``Location``):
the call then follows that task result to the same typed answer, as the official package's
``_run_hybrid`` does.

Where each fact comes from (RunAPI's docs snapshot has no OpenAI TTS section):

- the path and the kind: the platform contract (``openai-tts/text-to-speech``, kind "direct") and
  the official package ``runapi-openai-tts`` 0.4.0 (``TextToSpeech.run`` through ``_run_hybrid``);
- the model ids ``tts-1`` and ``tts-1-hd``: the platform contract, repeated by the official CLI's
  newer ``contract_gen.go``;
- ``model`` and ``text`` (required; ``text`` at most 4,096 characters): the official repository's
  generated contract (``runapi-ai/openai-tts-sdk``, ``contract_gen.py``) and ``js/src/types.ts``;
- the answer (``id``, ``status``, ``audios[]``: ``url``, ``format``, ``mime_type``,
  ``size_bytes``; ``error``): the package's response model ``TextToSpeechResponse``; the audio is a
  "RunAPI-managed MP3" (its docstrings).

Unknowns: no source names other parameters (a voice, a speed, a format): they go through
``with_options(extra_body={...})``; nor how long a managed file's URL stays valid.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core.models import Task
from ._core.operations import ClientT, DirectOperation, Family
from ._core.options import DURATIONS
from ._core.params import field, params, text

__all__ = ["MAX_TEXT_LENGTH", "MODELS", "Audio", "Model", "OpenaiTts", "SpeechResult", "TextToSpeechParams"]

Model = Literal["tts-1", "tts-1-hd"]
"""``text_to_speech`` model ids (platform contract ``openai-tts/text-to-speech``)."""

MODELS: tuple[Model, ...] = get_args(Model)

MAX_TEXT_LENGTH = 4_096
"""Most characters of ``text`` (official contract: ``max`` 4096, a length)."""


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """One RunAPI-managed audio file (official response model ``Audio``).

    Attributes:
        url: where to download it.
        format: its format (``"mp3"``).
        mime_type: its content type (``"audio/mpeg"``).
        size_bytes: its size in bytes.
    """

    url: str | None = None
    format: str | None = None
    mime_type: str | None = None
    size_bytes: int | None = None


@attrs.frozen(kw_only=True)
class SpeechResult(Task):
    """The answer of ``text_to_speech`` (official response model ``TextToSpeechResponse``): a completed task.

    Attributes:
        audios: the generated audio files.
    """

    audios: list[Audio] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each audio file's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [audio.url for audio in self.audios if audio.url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToSpeechParams:
    """Params of ``POST /api/v1/openai_tts/text_to_speech`` (platform contract ``openai-tts/text-to-speech``).

    Attributes:
        model: ``"tts-1"`` or ``"tts-1-hd"``.
        text: the text to speak, at most 4,096 characters.

    Raises:
        ValidationError: ``text`` blank or longer than 4,096 characters, or another model (strict).
    """

    model: Model | str
    text: str = field(text(max_length=MAX_TEXT_LENGTH))


# -- operations ------------------------------------------------------------------------------


class OpenaiTts(Family[ClientT]):
    """``client.openai_tts``: OpenAI's speech models through RunAPI (official package ``runapi-openai-tts``)."""

    text_to_speech = DirectOperation(
        "/api/v1/openai_tts/text_to_speech", TextToSpeechParams, SpeechResult, duration=DURATIONS["lyrics"]
    )
    """Speak a text; answers the managed MP3 at once, or after following a ``202`` + ``Location``
    (``openai-tts/text-to-speech``; polled as audio from text, 5-30 s, when accepted)."""
