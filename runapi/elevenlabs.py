"""ElevenLabs: speech, dialogue, sound effects, transcription and audio isolation (docs: ElevenLabs).

Reached as ``client.elevenlabs``::

    speech = client.elevenlabs.text_to_speech.run(model="text-to-speech-turbo-v2.5", text="Hello from RunAPI")
    print(speech.audios[0].url)

    transcript = client.elevenlabs.speech_to_text.run(source_audio_url="https://example.com/voice.mp3")
    print(transcript.text)

Every operation is a task: the create answers 202 ``{id, status}`` and ``GET <path>/{id}`` reports
it. ``text_to_speech`` serves two models with one rule between them, checked before the request
(:data:`MODEL_RULES`, a table): ``voice`` is required for ``text-to-speech-multilingual-v2`` and
optional for ``text-to-speech-turbo-v2.5`` (the server then uses voice ``EkK5I93UQWFDigLMpZcX``).

Readings of the docs where they are silent:

- The endpoint table names a model for each of the other four endpoints (``text-to-dialogue-v3``,
  ``sound-effect-v2``, ``speech-to-text``, ``audio-isolation``), but none of their parameter tables
  or examples has a ``model`` parameter. Newer source: the platform contract (RunAPI's CLI contract)
  lists exactly these four model ids for the four actions, and the official ``runapi-elevenlabs``
  0.4.0 package sends whatever it is given and no model of its own (its JavaScript types have no
  ``model`` on these four). So each takes an optional ``model`` (:data:`DialogueModel`,
  :data:`SoundModel`, :data:`TranscriptionModel`, :data:`IsolationModel`), sent only when given.
- ``output_format`` of ``text_to_sound``: the docs show only ``"mp3_44100_128"``; newer source, the
  platform contract (``sound-effect-v2``) and the official package's types list 19 values
  (:data:`SOUND_OUTPUT_FORMATS`), which the field now knows (another value goes out with a warning).
- Only ``text_to_speech`` prints its status path and its 202 answer. The other four are read as the
  same kind of task (the docs call the family "a consistent async task interface"), polled at
  ``GET <create path>/{id}``, the pattern of every other family.
- No failed or callback example is printed: the platform's general ones apply (a failed task is
  ``{"id", "status": "failed", "error"}``; a callback body is the status answer).
- Undocumented formats stay free strings: ``voice`` (a name or an id; no list is published),
  ``language_code``.
- Ranges written "0-1", "0.7-1.2" and "0.5-22" are read as inclusive.
- Results: ``timestamps`` (speech) and ``diarize`` / ``tag_audio_events`` (transcription) promise
  data the documented answers do not show; whatever RunAPI sends stays on ``task.raw``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, HttpUrl, by, field, number, params, rules, text
from .errors import ValidationError

__all__ = [
    "DIALOGUE_STABILITIES",
    "MAX_TEXT_LENGTH",
    "MODELS",
    "MODEL_RULES",
    "SOUND_OUTPUT_FORMATS",
    "Audio",
    "AudioTask",
    "DialogueLine",
    "DialogueModel",
    "ElevenLabs",
    "IsolateAudioParams",
    "IsolationModel",
    "Model",
    "SoundModel",
    "SoundOutputFormat",
    "SpeechToTextParams",
    "TextToDialogueParams",
    "TextToSoundParams",
    "TextToSpeechParams",
    "TranscriptTask",
    "TranscriptionModel",
]

Model = Literal["text-to-speech-turbo-v2.5", "text-to-speech-multilingual-v2"]
"""``text_to_speech`` model ids (docs: ElevenLabs > ElevenLabs Endpoints); rules in :data:`MODEL_RULES`."""

MODELS: tuple[Model, ...] = get_args(Model)

DialogueModel = Literal["text-to-dialogue-v3"]
"""``text_to_dialogue``'s model id (the platform contract; the docs' endpoint table)."""

SoundModel = Literal["sound-effect-v2"]
"""``text_to_sound``'s model id (the platform contract; the docs' endpoint table)."""

TranscriptionModel = Literal["speech-to-text"]
"""``speech_to_text``'s model id (the platform contract; the docs' endpoint table)."""

IsolationModel = Literal["audio-isolation"]
"""``isolate_audio``'s model id (the platform contract; the docs' endpoint table)."""

SoundOutputFormat = Literal[
    "mp3_22050_32", "mp3_44100_32", "mp3_44100_64", "mp3_44100_96", "mp3_44100_128", "mp3_44100_192",
    "pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100", "pcm_48000",
    "ulaw_8000", "alaw_8000",
    "opus_48000_32", "opus_48000_64", "opus_48000_96", "opus_48000_128", "opus_48000_192",
]  # fmt: skip
"""``text_to_sound``'s ``output_format`` values, ``{codec}_{sample rate Hz}[_{bitrate kbps}]`` (the platform
contract, ``sound-effect-v2``; the official package's ``ElevenlabsSoundEffectOutputFormat``)."""

SOUND_OUTPUT_FORMATS: tuple[SoundOutputFormat, ...] = get_args(SoundOutputFormat)

MAX_TEXT_LENGTH = 5_000
"""Most characters of speech text, of a sound prompt, and of a dialogue's lines together."""

DIALOGUE_STABILITIES: tuple[float, ...] = (0, 0.5, 1)
"""The three ``stability`` values ``text_to_dialogue`` accepts (``text_to_speech`` takes any of 0-1)."""

MODEL_RULES = by(
    "model",
    {
        "text-to-speech-multilingual-v2": rules(required=["voice"]),
        "text-to-speech-turbo-v2.5": rules(),  # voice optional: the server uses EkK5I93UQWFDigLMpZcX
    },
)
"""What each ``text_to_speech`` model needs (docs: ElevenLabs > Create ElevenLabs Speech): ``voice``
is required for ``text-to-speech-multilingual-v2`` and optional for ``text-to-speech-turbo-v2.5``.
Every other parameter and limit is the same for both."""

_unit = number(0, 1)


def _dialogue_stability(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``stability`` of a dialogue: exactly 0, 0.5 or 1 (``1.0`` is 1; ``True`` is not a number)."""
    if value is None:
        return
    allowed = "one of 0, 0.5, 1"
    if isinstance(value, bool) or not isinstance(value, int | float) or value not in DIALOGUE_STABILITIES:
        raise ValidationError(
            f"{attribute.name} must be {allowed}; got {value!r}", field=attribute.name, allowed=allowed
        )


def _dialogue_lines(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """At least one line, and at most :data:`MAX_TEXT_LENGTH` characters of ``text`` over all lines.

    Runs after the lines were built (mappings become :class:`DialogueLine`); anything else is left
    to the field's type check, which names what is allowed.
    """
    if not isinstance(value, list | tuple) or not all(isinstance(line, DialogueLine) for line in value):
        return
    if not value:
        allowed = "a list of at least one DialogueLine (text and voice)"
        raise ValidationError(f"{attribute.name} must be {allowed}; got []", field=attribute.name, allowed=allowed)
    total = sum(len(line.text) for line in value)
    if total > MAX_TEXT_LENGTH:
        allowed = f"lines whose text totals at most {MAX_TEXT_LENGTH} characters"
        raise ValidationError(
            f"{attribute.name} must have {allowed}; got {total} characters over {len(value)} lines",
            field=attribute.name,
            allowed=allowed,
        )


# -- results ---------------------------------------------------------------------------------


Audio = media.Audio
"""One generated audio file: ``url`` to download it (MP3 in the docs' examples).

Download it soon: the docs state no retention, and some answers point at
``tempfile.runapi.ai``.
"""


@attrs.frozen(kw_only=True)
class AudioTask(media.AudioTask):
    """A ``text_to_speech``, ``text_to_dialogue``, ``text_to_sound`` or ``isolate_audio`` task.

    Attributes:
        audios: the generated (or isolated) audio files, once completed.
    """


@attrs.frozen(kw_only=True)
class TranscriptTask(Task):
    """A ``speech_to_text`` task.

    Attributes:
        text: the full transcript, once completed. Speaker labels (``diarize``) and audio event
            tags have no documented field; whatever RunAPI sends for them stays on ``raw``.
    """

    text: str | None = None

    @property
    def output_urls(self) -> list[str]:
        """Always empty: a transcript is text, with no file to download."""
        return []


# -- params ----------------------------------------------------------------------------------


@params
class TextToSpeechParams:
    """Params of ``POST /api/v1/elevenlabs/text_to_speech`` (docs: ElevenLabs > Create ElevenLabs Speech).

    Attributes:
        model: ``"text-to-speech-turbo-v2.5"`` or ``"text-to-speech-multilingual-v2"``.
        text: the speech text, at most 5,000 characters.
        voice: a voice name or voice id; required for ``text-to-speech-multilingual-v2``. Turbo
            uses ``EkK5I93UQWFDigLMpZcX`` when it is omitted.
        callback_url: where RunAPI POSTs the result (HTTPS).
        stability: 0-1.
        similarity_boost: 0-1.
        style: 0-1.
        speed: 0.7-1.2.
        timestamps: ask for word timestamps (their answer field is not documented: see ``raw``).
        previous_text: context text spoken before this request's text.
        next_text: context text spoken after this request's text.
        language_code: a language hint.

    Raises:
        ValidationError: ``voice`` missing for multilingual, ``text`` longer than 5,000
            characters, or a number out of its range.
    """

    model: Model | str
    text: str = field(text(max_length=MAX_TEXT_LENGTH))
    voice: str | None = None
    callback_url: CallbackUrl | None = None
    stability: float | None = field(_unit, default=None)
    similarity_boost: float | None = field(_unit, default=None)
    style: float | None = field(_unit, default=None)
    speed: float | None = field(number(0.7, 1.2), default=None)
    timestamps: bool | None = None
    previous_text: str | None = None
    next_text: str | None = None
    language_code: str | None = None

    __rules__ = MODEL_RULES


@params
class DialogueLine:
    """One line of a dialogue: its ``text`` and the ``voice`` that speaks it (a voice name, e.g. ``"Adam"``).

    ``text_to_dialogue`` also takes each line as a mapping ``{"text": ..., "voice": ...}``.
    """

    text: str
    voice: str


@params
class TextToDialogueParams:
    """Params of ``POST /api/v1/elevenlabs/text_to_dialogue`` (docs: ElevenLabs > Create ElevenLabs Dialogue).

    The endpoint's one model is ``text-to-dialogue-v3``; ``model`` is optional (see the module docstring).

    Attributes:
        dialogue: the lines, in order: :class:`DialogueLine` objects or ``{"text", "voice"}``
            mappings; at least one, with at most 5,000 characters of text over all lines.
        stability: 0, 0.5 or 1 (only these three values).
        language_code: a language hint.
        callback_url: where RunAPI POSTs the result (HTTPS).
        model: ``"text-to-dialogue-v3"``, sent only when given.

    Raises:
        ValidationError: a line without ``text`` or ``voice`` or with another key (the field is
            its path, e.g. ``dialogue[1].voice``), no lines, more than 5,000 characters in all,
            or another ``stability``.
    """

    dialogue: list[DialogueLine] = field(_dialogue_lines)
    stability: float | None = field(_dialogue_stability, default=None)
    language_code: str | None = None
    callback_url: CallbackUrl | None = None
    model: DialogueModel | str | None = None


@params
class TextToSoundParams:
    """Params of ``POST /api/v1/elevenlabs/text_to_sound`` (docs: ElevenLabs > Create ElevenLabs Text to Sound).

    The endpoint's one model is ``sound-effect-v2``; ``model`` is optional (see the module docstring).

    Attributes:
        text: the sound effect prompt, at most 5,000 characters.
        loop: make a sound that loops seamlessly.
        duration_seconds: length of the sound, 0.5-22 seconds (omitted: the model chooses).
        prompt_influence: how closely to follow the prompt, 0-1.
        output_format: codec, sample rate and bitrate, e.g. ``"mp3_44100_128"`` (MP3, 44,100 Hz,
            128 kbps): one of :data:`SOUND_OUTPUT_FORMATS` (the platform contract).
        callback_url: where RunAPI POSTs the result (HTTPS).
        model: ``"sound-effect-v2"``, sent only when given.

    Raises:
        ValidationError: ``text`` longer than 5,000 characters, or a number out of its range.
    """

    text: str = field(text(max_length=MAX_TEXT_LENGTH))
    loop: bool | None = None
    duration_seconds: float | None = field(number(0.5, 22), default=None)
    prompt_influence: float | None = field(_unit, default=None)
    output_format: SoundOutputFormat | None = None
    callback_url: CallbackUrl | None = None
    model: SoundModel | str | None = None


@params
class SpeechToTextParams:
    """Params of ``POST /api/v1/elevenlabs/speech_to_text`` (docs: ElevenLabs > Create ElevenLabs Speech to Text).

    The endpoint's one model is ``speech-to-text``; ``model`` is optional (see the module docstring).

    Attributes:
        source_audio_url: the audio to transcribe (an http(s) URL RunAPI can fetch).
        language_code: a language hint.
        tag_audio_events: tag events such as applause and laughter.
        diarize: label the speakers.
        callback_url: where RunAPI POSTs the result (HTTPS).
        model: ``"speech-to-text"``, sent only when given.
    """

    source_audio_url: HttpUrl
    language_code: str | None = None
    tag_audio_events: bool | None = None
    diarize: bool | None = None
    callback_url: CallbackUrl | None = None
    model: TranscriptionModel | str | None = None


@params
class IsolateAudioParams:
    """Params of ``POST /api/v1/elevenlabs/isolate_audio`` (docs: ElevenLabs > Create ElevenLabs Isolate Audio).

    The endpoint's one model is ``audio-isolation``; ``model`` is optional (see the module docstring).

    Attributes:
        source_audio_url: the audio to isolate the voice from (an http(s) URL RunAPI can fetch).
        callback_url: where RunAPI POSTs the result (HTTPS).
        model: ``"audio-isolation"``, sent only when given.
    """

    source_audio_url: HttpUrl
    callback_url: CallbackUrl | None = None
    model: IsolationModel | str | None = None


# -- operations ------------------------------------------------------------------------------

# The docs give no durations for ElevenLabs. Generated audio from a prompt of at most 5,000
# characters is short: polled like text (5-30 s). Transcription and isolation scale with the
# length of the source audio: the default window (5-60 s).
_GENERATED = DURATIONS["lyrics"]
_FROM_SOURCE = DURATIONS["default"]


class ElevenLabs(Family[ClientT]):
    """``client.elevenlabs``: ElevenLabs' audio endpoints (docs: ElevenLabs).

    Each operation has ``create``, ``get``, ``wait`` and ``run``; ``get`` polls
    ``GET <path>/{id}``.
    """

    text_to_speech = TaskOperation(
        "/api/v1/elevenlabs/text_to_speech", TextToSpeechParams, AudioTask, duration=_GENERATED
    )
    """Speak a text with ``text-to-speech-turbo-v2.5`` or ``text-to-speech-multilingual-v2``
    (docs: ElevenLabs > Create ElevenLabs Speech, Get ElevenLabs Speech)."""

    text_to_dialogue = TaskOperation(
        "/api/v1/elevenlabs/text_to_dialogue", TextToDialogueParams, AudioTask, duration=_GENERATED
    )
    """Speak a multi-voice dialogue with ``text-to-dialogue-v3`` (docs: ElevenLabs > Create
    ElevenLabs Dialogue). Status at ``GET /api/v1/elevenlabs/text_to_dialogue/{id}``: not printed
    by the docs, read from the pattern every family follows."""

    text_to_sound = TaskOperation("/api/v1/elevenlabs/text_to_sound", TextToSoundParams, AudioTask, duration=_GENERATED)
    """Make a sound effect from a prompt with ``sound-effect-v2`` (docs: ElevenLabs > Create
    ElevenLabs Text to Sound). Status at ``GET /api/v1/elevenlabs/text_to_sound/{id}``: not printed
    by the docs, read from the pattern every family follows."""

    speech_to_text = TaskOperation(
        "/api/v1/elevenlabs/speech_to_text", SpeechToTextParams, TranscriptTask, duration=_FROM_SOURCE
    )
    """Transcribe audio with ``speech-to-text`` (docs: ElevenLabs > Create ElevenLabs Speech to
    Text). Status at ``GET /api/v1/elevenlabs/speech_to_text/{id}``: not printed by the docs, read
    from the pattern every family follows."""

    isolate_audio = TaskOperation(
        "/api/v1/elevenlabs/isolate_audio", IsolateAudioParams, AudioTask, duration=_FROM_SOURCE
    )
    """Isolate the voice from background sound with ``audio-isolation`` (docs: ElevenLabs > Create
    ElevenLabs Isolate Audio). Status at ``GET /api/v1/elevenlabs/isolate_audio/{id}``: not printed
    by the docs, read from the pattern every family follows."""
