"""Gemini TTS: multi-speaker speech from ordered dialogue turns (official packages: Gemini TTS).

Reached as ``client.gemini_tts``::

    task = client.gemini_tts.text_to_speech.run(
        model="gemini-2.5-pro-tts",
        speakers=[{"speaker_id": "Speaker 1", "voice_name": "Fenrir", "accent": "British (RP)"}],
        dialogue_turns=[{"speaker_id": "Speaker 1", "text": "Welcome."}],
    )
    print(task.audios[0].url)

One task endpoint, ``text_to_speech``: the create answers 202 ``{id, status}`` and
``GET /api/v1/gemini_tts/text_to_speech/{id}`` reports the task.

Where each fact comes from (RunAPI's docs snapshot has no Gemini TTS section):

- the path and the task shape: the platform contract (``gemini-tts/text-to-speech``, kind "task")
  and the official package ``runapi-gemini-tts`` 0.3.0 (``TextToSpeech``: create, get, run polling);
- the two model ids and ``speakers`` / ``dialogue_turns`` holding at least one item each (every
  model): the platform contract, repeated by the official CLI's newer ``contract_gen.go``;
- ``model``, ``speakers`` and ``dialogue_turns`` required, ``temperature`` 0-2: the official
  repository's generated contract (``runapi-ai/gemini-tts-sdk``, ``contract_gen.py``);
- the parameter names and types, the 30 voice names, 8 accents, 6 styles and 4 paces, "up to
  10,000 characters" of a turn's text, and that a turn's ``speaker_id`` "must match a configured
  speaker's ``speaker_id``": the same repository's ``js/src/types.ts``;
- the result (``audios: [{url}]``, ``error``): the package's response models.

Readings and unknowns:

- ``speaker_id`` is documented as "a stable identifier in ``Speaker N`` format": the format is not
  checked (only the server knows how strict it is); that every turn names a configured speaker is
  (the sources state it as a rule).
- No source gives a maximum number of speakers or turns, a limit for ``scene``,
  ``sample_context`` or ``audio_profile``, or defaults (``temperature`` defaults to 1 per types.ts).
- A task's typical duration is not published: polled as audio from text (``DURATIONS["lyrics"]``,
  5-30 s, as ElevenLabs speech). Other parameters go through ``with_options(extra_body={...})``.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, field, number, params, text
from .errors import ValidationError

__all__ = [
    "ACCENTS",
    "MAX_TURN_TEXT_LENGTH",
    "MODELS",
    "PACES",
    "STYLES",
    "VOICE_NAMES",
    "Accent",
    "Audio",
    "AudioTask",
    "DialogueTurn",
    "GeminiTts",
    "Model",
    "Pace",
    "Speaker",
    "Style",
    "TextToSpeechParams",
    "VoiceName",
]

Model = Literal["gemini-2.5-pro-tts", "gemini-3.1-flash-tts"]
"""``text_to_speech`` model ids (platform contract ``gemini-tts/text-to-speech``)."""

MODELS: tuple[Model, ...] = get_args(Model)

VoiceName = Literal[
    "Achernar", "Achird", "Algenib", "Algieba", "Alnilam", "Aoede", "Autonoe", "Callirrhoe", "Charon",
    "Despina", "Enceladus", "Erinome", "Fenrir", "Gacrux", "Iapetus", "Kore", "Laomedeia", "Leda", "Orus",
    "Puck", "Pulcherrima", "Rasalgethi", "Sadachbia", "Sadaltager", "Schedar", "Sulafat", "Umbriel",
    "Vindemiatrix", "Zephyr", "Zubenelgenubi",
]  # fmt: skip
"""The 30 prebuilt voices (official ``js/src/types.ts``, ``GeminiTtsVoiceName``)."""

VOICE_NAMES: tuple[VoiceName, ...] = get_args(VoiceName)

Accent = Literal[
    "Neutral", "American (Gen)", "American (Valley)", "American (South)", "British (RP)", "British (Brixton)",
    "Transatlantic", "Australian",
]  # fmt: skip
"""A speaker's accent (official ``js/src/types.ts``, ``GeminiTtsAccent``)."""

ACCENTS: tuple[Accent, ...] = get_args(Accent)

Style = Literal["Vocal Smile", "Newscaster", "Whisper", "Empathetic", "Promo/Hype", "Deadpan"]
"""A speaker's delivery style (official ``js/src/types.ts``, ``GeminiTtsStyle``)."""

STYLES: tuple[Style, ...] = get_args(Style)

Pace = Literal["Natural", "Rapid Fire", "The Drift", "Staccato"]
"""A speaker's pace (official ``js/src/types.ts``, ``GeminiTtsPace``)."""

PACES: tuple[Pace, ...] = get_args(Pace)

MAX_TURN_TEXT_LENGTH = 10_000
"""Most characters of one dialogue turn's ``text`` (official ``js/src/types.ts``)."""


def _at_least_one(noun: str) -> Any:
    """A validator: a list of at least one ``noun`` (platform contract ``min_items`` 1).

    Runs after mappings became params objects; anything else is left to the field's type check.
    """

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, list | tuple) and not value:
            allowed = f"a list of at least 1 {noun}"
            raise ValidationError(f"{attribute.name} must be {allowed}; got []", field=attribute.name, allowed=allowed)

    return validate


# -- results ---------------------------------------------------------------------------------


Audio = media.Audio
"""One generated audio file: ``url`` to download it (official response model ``Audio``)."""


@attrs.frozen(kw_only=True)
class AudioTask(media.AudioTask):
    """A ``text_to_speech`` task (official response model ``AudioTaskResponse``).

    Attributes:
        audios: the generated audio files, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class Speaker:
    """One speaker of the dialogue (official ``js/src/types.ts``, ``Speaker``).

    ``text_to_speech`` also takes each speaker as a mapping with these keys.

    Attributes:
        speaker_id: the id turns name, documented as ``"Speaker N"`` (``"Speaker 1"``).
        voice_name: one of :data:`VOICE_NAMES`.
        audio_profile: a description of the desired voice character.
        accent: one of :data:`ACCENTS`.
        style: one of :data:`STYLES`.
        pace: one of :data:`PACES`.
    """

    speaker_id: str
    voice_name: VoiceName
    audio_profile: str | None = None
    accent: Accent | None = None
    style: Style | None = None
    pace: Pace | None = None


@params
class DialogueTurn:
    """One spoken turn, spoken in list order (official ``js/src/types.ts``, ``DialogueTurn``).

    Attributes:
        speaker_id: a configured speaker's ``speaker_id``.
        text: what is said, at most 10,000 characters.
    """

    speaker_id: str
    text: str = field(text(max_length=MAX_TURN_TEXT_LENGTH))


@params
class TextToSpeechParams:
    """Params of ``POST /api/v1/gemini_tts/text_to_speech`` (platform contract ``gemini-tts/text-to-speech``).

    Attributes:
        model: ``"gemini-2.5-pro-tts"`` or ``"gemini-3.1-flash-tts"``.
        speakers: the speakers, at least one: :class:`Speaker` objects or mappings.
        dialogue_turns: the turns in order, at least one: :class:`DialogueTurn` objects or mappings;
            each names a speaker of ``speakers``.
        temperature: sampling temperature, 0-2 (the server's default is 1).
        scene: a description of the scene.
        sample_context: context for the speech.
        callback_url: where RunAPI POSTs the result when the task ends.

    Raises:
        ValidationError: no speakers or turns, a turn naming no configured speaker (field
            ``dialogue_turns[i].speaker_id``), a turn over 10,000 characters, a ``temperature``
            outside 0-2, or a value outside the lists above (named by its path, e.g.
            ``speakers[0].voice_name``).
    """

    model: Model | str
    speakers: list[Speaker] = field(_at_least_one("Speaker (speaker_id, voice_name)"))
    dialogue_turns: list[DialogueTurn] = field(_at_least_one("DialogueTurn (speaker_id, text)"))
    temperature: float | None = field(number(0, 2), default=None)
    scene: str | None = None
    sample_context: str | None = None
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        speakers = self.speakers if isinstance(self.speakers, list | tuple) else ()
        turns = self.dialogue_turns if isinstance(self.dialogue_turns, list | tuple) else ()
        known = [s.speaker_id for s in speakers if isinstance(s, Speaker)]
        for index, turn in enumerate(turns):
            if isinstance(turn, DialogueTurn) and known and turn.speaker_id not in known:
                name = f"dialogue_turns[{index}].speaker_id"
                allowed = "the speaker_id of one of speakers: " + ", ".join(repr(k) for k in known)
                raise ValidationError(f"{name} must be {allowed}; got {turn.speaker_id!r}", field=name, allowed=allowed)


# -- operations ------------------------------------------------------------------------------


class GeminiTts(Family[ClientT]):
    """``client.gemini_tts``: Gemini TTS's speech endpoint (official package ``runapi-gemini-tts``).

    ``text_to_speech`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_speech = TaskOperation(
        "/api/v1/gemini_tts/text_to_speech", TextToSpeechParams, AudioTask, duration=DURATIONS["lyrics"]
    )
    """Speak ordered dialogue turns with one or more configured speakers (``gemini-tts/text-to-speech``)."""
