"""OpenAI Transcription: an audio file to text, OpenAI-compatible (official packages: OpenAI Transcription).

Reached as ``client.openai_transcription``::

    from pathlib import Path

    transcript = client.openai_transcription.speech_to_text(file=Path("audio.mp3"))
    print(transcript.text)

    subtitles = client.openai_transcription.speech_to_text(file=Path("audio.mp3"), response_format="srt")
    print(subtitles.text)  # the SRT document itself

``speech_to_text`` is one ``POST /v1/audio/transcriptions`` with a streamed ``multipart/form-data``
body (the file part ``file``, the other parameters as text parts, a list as one ``name[]`` part per
item), as OpenAI's API takes it. It answers JSON (``json``, ``verbose_json``) or text (``text``,
``srt``, ``vtt``) by ``response_format``; both read as a :class:`Transcription` whose ``text`` is
the transcript (for ``srt``/``vtt`` the subtitle document), the JSON kept whole on ``raw``.

Where each fact comes from (RunAPI's docs snapshot has no OpenAI Transcription section):

- the path, the multipart form, ``model`` defaulting to ``whisper-1``, and the list parameters
  ``languages``, ``keywords`` and ``timestamp_granularities`` sent as ``name[]`` parts: the
  platform contract (``openai-transcription/speech-to-text``, official-python only) and the
  official package ``runapi-openai-transcription`` 0.3.0 (``SpeechToText.run``);
- "a dictionary for JSON response formats and a string for text or subtitle formats": its README;
- the models ``gpt-transcribe`` and ``whisper-1``, ``response_format`` per model (``gpt-transcribe``:
  ``json``, ``text``; ``whisper-1``: ``json``, ``text``, ``srt``, ``verbose_json``, ``vtt``) and
  ``timestamp_granularities`` at most 2 items with ``whisper-1``: the official CLI's newer
  ``contract_gen.go`` (the platform contract lists no models: the newer source wins).

Readings and unknowns:

- The official package runs the call through ``_run_hybrid`` (it may answer ``202 Accepted`` with a
  ``Location``); the SDK's upload kind does not follow such an answer yet (it raises
  :class:`runapi.APIResponseValidationError`).
- The values of ``timestamp_granularities``, ``languages`` and ``keywords`` are not listed: any
  non-blank strings are sent. Other OpenAI form fields (a prompt, a temperature) are not named by
  any RunAPI source: send them with ``with_options(extra_body={...})`` (as text parts).
- The file is held to the SDK's upload limit (:data:`runapi._core.params.MAX_UPLOAD_BYTES`, 10 MB,
  RunAPI's documented upload size); whether this endpoint takes larger files is not published.
- An upload is retried only where RunAPI cannot have received it (a transcription is billed).
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core.models import Result
from ._core.operations import ClientT, Family, UploadOperation
from ._core.params import FileInput, by, field, one_of, params, rules, text_list

__all__ = [
    "MODELS",
    "MODEL_RULES",
    "RESPONSE_FORMATS",
    "Model",
    "OpenaiTranscription",
    "ResponseFormat",
    "SpeechToTextParams",
    "Transcription",
]

Model = Literal["gpt-transcribe", "whisper-1"]
"""``speech_to_text`` model ids (official CLI contract ``openai-transcription/speech-to-text``)."""

MODELS: tuple[Model, ...] = get_args(Model)

ResponseFormat = Literal["json", "text", "srt", "verbose_json", "vtt"]
"""Answer formats (``whisper-1``: all five; ``gpt-transcribe``: ``json`` and ``text``)."""

RESPONSE_FORMATS: tuple[ResponseFormat, ...] = get_args(ResponseFormat)

MODEL_RULES = by(
    "model",
    {
        "gpt-transcribe": rules(response_format=one_of("json", "text")),
        "whisper-1": rules(timestamp_granularities=text_list(min_items=1, max_items=2)),
    },
)
"""Per model (official CLI contract): ``gpt-transcribe`` answers ``json`` or ``text`` only;
``whisper-1`` takes at most 2 ``timestamp_granularities``."""


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Transcription(Result):
    """The answer of ``speech_to_text``.

    Attributes:
        text: the transcript: the JSON answer's ``text``, or the whole text answer (for ``srt`` and
            ``vtt`` the subtitle document, for ``text`` the plain transcript).
        format: ``"json"`` for a JSON answer (every field of it on ``raw``: ``verbose_json``'s
            segments and words included), ``"text"`` for a text answer.
    """

    text: str | None = None
    format: str = "json"

    @classmethod
    def from_text(cls, text: str) -> Transcription:
        """The transcription a text answer (``text``, ``srt``, ``vtt``) carries: ``text`` is the answer itself."""
        return cls(text=text, format="text")


# -- params ----------------------------------------------------------------------------------


@params
class SpeechToTextParams:
    """Params of ``POST /v1/audio/transcriptions`` (multipart; official package ``runapi-openai-transcription``).

    Attributes:
        file: the audio: a path (``pathlib.Path`` or ``str``), ``bytes`` or a binary file object.
        model: ``"whisper-1"`` (the default, as in the official package) or ``"gpt-transcribe"``.
        response_format: ``"json"``, ``"text"``, ``"srt"``, ``"verbose_json"`` or ``"vtt"``
            (``gpt-transcribe``: ``json`` or ``text``).
        timestamp_granularities: the timestamps to return (at most 2 with ``whisper-1``).
        languages: language hints.
        keywords: words to expect.

    Raises:
        ValidationError: a missing or unreadable file, one over the upload limit, a value outside
            the lists above, or an empty list.
    """

    file: FileInput
    model: Model | str = "whisper-1"
    response_format: ResponseFormat | None = None
    timestamp_granularities: list[str] | None = field(text_list(min_items=1), default=None)
    languages: list[str] | None = field(text_list(min_items=1), default=None)
    keywords: list[str] | None = field(text_list(min_items=1), default=None)

    __rules__ = MODEL_RULES


# -- operations ------------------------------------------------------------------------------


class OpenaiTranscription(Family[ClientT]):
    """``client.openai_transcription``: OpenAI-compatible transcription (package ``runapi-openai-transcription``)."""

    speech_to_text = UploadOperation("/v1/audio/transcriptions", SpeechToTextParams, Transcription)
    """Transcribe an audio file (a multipart upload); answers JSON or text by ``response_format``."""
