"""Fish Audio: speech from text, and reusable voices an account owns (official packages: Fish Audio).

Reached as ``client.fish_audio``::

    created = client.fish_audio.create_voice(name="Narrator", source_audio_url="https://example.com/voice.mp3")
    voice = client.fish_audio.get_voice(created.voice_id)
    if voice.state == "trained":
        speech = client.fish_audio.text_to_speech(
            model="s2.1-pro", text="Hello [excited]", voice_id=voice.voice_id, output_format="wav", sample_rate_hz=44100
        )
        print(speech.audios[0].url)
    print([v.name for v in client.fish_audio.list_voices(page_number=1, page_size=25)])

``text_to_speech`` and ``create_voice`` are called directly: they answer with the result, or RunAPI
accepts them for background processing (``202 Accepted`` + ``Location``) and the call follows
that task result to the same typed answer (the official package runs both through
``_run_hybrid``). ``get_voice`` (``GET /api/v1/fish_audio/voices/{voice_id}``) and ``list_voices``
(``GET /api/v1/fish_audio/voices?page_number=&page_size=``) read the account's voices (record
operations; each voice answer is wrapped as ``{"voice": {...}}``, a page as ``{"voices": [...],
"total", "page_number", "page_size"}``: ``list_voices`` returns the page's voices).

Where each fact comes from (RunAPI's docs snapshot has no Fish Audio section):

- the paths and kinds: the platform contract (``fish-audio/text-to-speech``, kind "direct";
  ``fish-audio/create-voice`` at ``/api/v1/fish_audio/voices``, official-python only) and the
  official package ``runapi-fish-audio`` 0.7.0 (its four resources' ``ENDPOINT`` and methods);
- the models: the platform contract lists ``s1`` and ``s2-pro``; the official CLI's newer
  ``contract_gen.go``, the official repository's ``contract_gen.py`` and the 0.7.0 README add
  ``s2.1-pro``. The newest sources win: all three are known;
- ``output_format`` (``mp3``, ``wav``), ``sample_rate_hz`` (8000, 16000, 24000, 32000, 44100) and
  ``bitrate_kbps`` (64, 128, 192) for every model: the CLI's newer contract and the repository's
  ``contract_gen.py``; its rules: ``bitrate_kbps`` is refused with ``wav`` (the README: "applies only
  to MP3"), and with ``mp3`` or no ``output_format`` (MP3 is the default) ``sample_rate_hz`` is 32000 or
  44100; ``model`` and ``text`` required;
- ``voice_id`` and ``references`` (at most one ``{audio, text}`` item, ``audio`` a publicly
  accessible HTTPS URL, ``text`` its verbatim non-empty transcript; not together with
  ``voice_id``): the 0.7.0 README. Older repository versions (``js/src/types.ts``) sent base64
  ``audio``; the newest source (the README's URL) wins;
- ``create_voice``'s ``name`` and ``source_audio_url`` (required), ``list_voices``'
  ``page_number`` (at least 1) and ``page_size`` (1-100): the repository's ``contract_gen.py``;
- the answers: the package's response models (``Voice``: ``voice_id``, ``name``, ``state``;
  ``Audio``: ``url``, ``format``, ``mime_type``, ``size_bytes``); only ``trained`` voices can be
  used for speech (README; ``"training"`` is the state of a new voice in the repository's specs).

Unknowns: no source limits ``text``, ``name`` or the source audio; no other voice states are
named; voices may stop working later and their retention is not promised (README). A
``references`` URL from ``client.files`` expires after an hour by default (README).
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import attrs

from ._core.models import Result, Task
from ._core.operations import ClientT, DirectOperation, Family
from ._core.options import DURATIONS
from ._core.params import HttpUrl, by, field, integer, one_of, params, rules
from ._core.records import GetOperation, ListOperation
from .errors import ValidationError

__all__ = [
    "BITRATES_KBPS",
    "MODELS",
    "SAMPLE_RATES_HZ",
    "VOICES_PATH",
    "Audio",
    "BitrateKbps",
    "CreateVoiceParams",
    "FishAudio",
    "ListVoicesParams",
    "Model",
    "OutputFormat",
    "Reference",
    "SampleRateHz",
    "SpeechResult",
    "TextToSpeechParams",
    "Voice",
]

Model = Literal["s1", "s2-pro", "s2.1-pro"]
"""``text_to_speech`` model ids (platform contract, and ``s2.1-pro`` from the newer official sources)."""

MODELS: tuple[Model, ...] = get_args(Model)

OutputFormat = Literal["mp3", "wav"]
"""The audio format; MP3 when left out (README)."""

SampleRateHz = Literal[8000, 16000, 24000, 32000, 44100]
"""Sample rates in Hz (official contract); with MP3 only 32000 and 44100."""

SAMPLE_RATES_HZ: tuple[SampleRateHz, ...] = get_args(SampleRateHz)

BitrateKbps = Literal[64, 128, 192]
"""MP3 bitrates in kbit/s (official contract); refused with WAV."""

BITRATES_KBPS: tuple[BitrateKbps, ...] = get_args(BitrateKbps)

VOICES_PATH = "/api/v1/fish_audio/voices"
"""The account's voices: ``POST`` creates one, ``GET`` lists them, ``GET .../{voice_id}`` reads one."""

_mp3 = rules(sample_rate_hz=one_of(32000, 44100))
FORMAT_RULES = by("output_format", {"wav": rules(refused=["bitrate_kbps"]), "mp3": _mp3, None: _mp3})


def _one_reference(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``references``: exactly one item when given (README: "at most one"; an empty list says nothing)."""
    if isinstance(value, list | tuple) and len(value) != 1:
        allowed = "a list of exactly 1 Reference (audio, text)"
        raise ValidationError(
            f"{attribute.name} must be {allowed}; got {len(value)} items", field=attribute.name, allowed=allowed
        )


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """One RunAPI-managed audio file (official response model ``Audio``).

    Attributes:
        url: where to download it.
        format: ``"mp3"`` or ``"wav"``.
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


@attrs.frozen(kw_only=True)
class Voice(Result):
    """A reusable voice the account owns (official response model ``Voice``).

    Attributes:
        voice_id: its id, ``text_to_speech``'s ``voice_id`` (a best-effort reference: it may stop
            working later).
        name: its name.
        state: ``"training"`` while it is made, ``"trained"`` once it can speak; other states are
            not documented.
    """

    voice_id: str
    state: str
    name: str | None = None

    @property
    def is_trained(self) -> bool:
        """Whether the voice can be used for speech (``state == "trained"``)."""
        return self.state == "trained"


# -- params ----------------------------------------------------------------------------------


@params
class Reference:
    """A reference sample for one request's voice matching (0.7.0 README, "Temporary voice matching").

    Attributes:
        audio: a publicly accessible HTTPS URL of the sample (or a local file, uploaded first).
        text: the sample's exact, verbatim transcript.
    """

    audio: HttpUrl
    text: str


@params
class TextToSpeechParams:
    """Params of ``POST /api/v1/fish_audio/text_to_speech`` (platform contract ``fish-audio/text-to-speech``).

    Attributes:
        model: ``"s1"``, ``"s2-pro"`` or ``"s2.1-pro"``.
        text: the text to speak.
        voice_id: a ``trained`` voice of the account (see ``create_voice``).
        references: one :class:`Reference` (or ``{"audio", "text"}`` mapping) to match a voice for
            this request instead; not with ``voice_id``.
        output_format: ``"mp3"`` (the default) or ``"wav"``.
        sample_rate_hz: 8000, 16000, 24000, 32000 or 44100 Hz; 32000 or 44100 for MP3.
        bitrate_kbps: 64, 128 or 192 kbit/s; MP3 only.

    Raises:
        ValidationError: a value outside the lists above, ``bitrate_kbps`` with WAV, another
            sample rate with MP3, ``voice_id`` with ``references``, or not exactly one reference.
    """

    model: Model | str
    text: str
    voice_id: str | None = None
    references: list[Reference] | None = field(_one_reference, default=None)
    output_format: OutputFormat | None = None
    sample_rate_hz: SampleRateHz | None = None
    bitrate_kbps: BitrateKbps | None = None

    __rules__ = FORMAT_RULES

    def __attrs_post_init__(self) -> None:
        if self.voice_id is not None and self.references is not None:
            allowed = "voice_id or references, not both"
            raise ValidationError(
                f"references must be left out with voice_id (README: remove voice_id with a reference); give {allowed}",
                field="references",
                allowed=allowed,
            )


@params
class CreateVoiceParams:
    """Params of ``POST /api/v1/fish_audio/voices`` (official contract ``fish-audio/create-voice``).

    Attributes:
        name: the voice's name.
        source_audio_url: the sample to make it from (an http(s) URL, or a local file, uploaded first).
    """

    name: str
    source_audio_url: HttpUrl


@params
class ListVoicesParams:
    """Query of ``GET /api/v1/fish_audio/voices`` (official contract ``fish-audio/list-voices``).

    Attributes:
        page_number: the page, from 1.
        page_size: voices per page, 1-100.
    """

    page_number: int | None = field(integer(1), default=None)
    page_size: int | None = field(integer(1, 100), default=None)


# -- operations ------------------------------------------------------------------------------


class FishAudio(Family[ClientT]):
    """``client.fish_audio``: Fish Audio speech and the account's voices (official package ``runapi-fish-audio``)."""

    text_to_speech = DirectOperation(
        "/api/v1/fish_audio/text_to_speech", TextToSpeechParams, SpeechResult, duration=DURATIONS["lyrics"]
    )
    """Speak a text, with a trained voice or a reference sample; answers the managed audio at once or
    after following a ``202`` + ``Location`` (``fish-audio/text-to-speech``)."""

    create_voice = DirectOperation(VOICES_PATH, CreateVoiceParams, Voice, envelope="voice")
    """Create a reusable voice from source audio; answers it (``state`` ``"training"`` at first),
    at once or after following a ``202`` + ``Location`` (``fish-audio/create-voice``)."""

    get_voice = GetOperation(VOICES_PATH, Voice, envelope="voice")
    """One voice by its ``voice_id`` (``GET /api/v1/fish_audio/voices/{voice_id}``; poll it until ``trained``)."""

    list_voices = ListOperation(VOICES_PATH, Voice, envelope="voices", query=ListVoicesParams)
    """The account's voices, one page (``page_number``, ``page_size``); the answer's ``total`` stays on
    the wire (``GET /api/v1/fish_audio/voices``)."""
