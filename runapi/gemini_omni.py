"""Gemini Omni: reusable voices and characters, and multimodal text-to-video (docs: Gemini Omni).

Reached as ``client.gemini_omni``::

    voice = client.gemini_omni.create_audio(audio_id="achernar", name="Acher Narrator")  # direct: no task
    hero = client.gemini_omni.create_character(
        descriptions="A calm cyberpunk heroine", reference_image_url="https://example.com/jenny.jpg"
    )
    video = client.gemini_omni.text_to_video.run(
        prompt="She walks out of a neon-lit street", duration_seconds=8, audio_ids=[voice.id], character_ids=[hero.id]
    )
    print(video.videos[0].url)

``create_audio`` and ``create_character`` answer 200 with the new resource itself: they are called
directly and have no status path. ``text_to_video`` is a task: the create answers 202 ``{id,
status}`` and ``GET /api/v1/gemini_omni/text_to_video/{id}`` reports it. The ids the two direct
calls return are ``text_to_video``'s ``audio_ids`` and ``character_ids`` (and an audio id is also
``create_character``'s ``audio_ids``).

Readings of the docs where they are silent or disagree:

- The endpoint table names a model per endpoint (:data:`MODELS`), but no parameter table or example
  has a ``model`` parameter (see the newer sources below).
- ``text_to_video``'s ``duration_seconds`` is "Required" yet "ignored when video_list is provided":
  it stays required (the table's word; the server may refuse a body without it), so with a
  ``video_list`` pass any of the four values. It is typed "number" and lists whole values: it takes
  the integers 4, 6, 8 and 10.
- A ``video_list`` clip "has url, start, and ends" with no types: all three are required, ``start``
  and ``ends`` read as seconds into the clip (numbers, at least 0) and ``ends`` must be greater than
  ``start``.
- The shared 7-unit reference limit (each reference image 1, each video clip 2, each character id
  1) is checked before the request; ``audio_ids`` do not count. Sizes (20 MB per image) are the
  server's check.
- ``audio_id`` of ``create_audio`` is a preset voice id "such as achernar, achird, charon, puck, or
  zephyr": the list is not exhaustive, so any non-blank id is sent.
- Lists (``reference_image_urls``, ``audio_ids``, ``character_ids``, ``video_list``) hold at least one
  item when given; an empty list would say nothing (leave the parameter out instead).
- The docs print no failed example: a failed task is the platform's ``{"id", "status": "failed",
  "error"}`` (docs: Errors > Task-Specific Errors). A direct answer shaped that way raises
  :class:`runapi.TaskFailedError` like any direct operation's.
- "HTTPS callback URL": any absolute http(s) URL, as everywhere in the SDK.

Newer sources win over the docs: the platform contract (``runapi-ai/cli`` ``contract_gen.go``), the
official ``runapi-gemini-omni`` 0.4.0 package and its repository's ``contract_gen.py``:

- each action lists its model ids (``create_audio``: ``gemini-omni-audio``; ``create_character``:
  ``gemini-omni-character``; ``text_to_video``: ``gemini-omni-text-to-video`` and
  ``gemini-omni-flash-preview``), so each takes an optional ``model``. The official package sends none
  unless given (its ``text_to_video`` default, ``gemini-omni-text-to-video``, is the server's), so
  none is sent unless given.
- ``gemini-omni-flash-preview`` takes ``output_resolution="720p"`` only and refuses
  ``reference_image_urls``, ``audio_ids``, ``video_list``, ``character_ids``, ``duration_seconds`` and
  ``seed`` (:data:`TEXT_TO_VIDEO_RULES`). ``duration_seconds`` is therefore required only for
  ``gemini-omni-text-to-video`` or when no ``model`` is given (the server's default model).
- The official package also names ``gemini-omni-flash-1-1`` (with ``first_frame_image_url`` and
  ``last_frame_image_url``), which the platform contract does not list yet: it is not offered (sent
  with an ``UnknownValueWarning`` if given, with none of the rules above).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, get_args

import attrs

from ._core import media
from ._core.models import Result
from ._core.operations import ClientT, DirectOperation, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    MB,
    CallbackUrl,
    HttpUrl,
    by,
    field,
    integer,
    max_bytes,
    number,
    one_of,
    params,
    require,
    rules,
    text,
    text_list,
    url_list,
)
from .errors import ValidationError

__all__ = [
    "MAX_REFERENCE_UNITS",
    "MODELS",
    "TEXT_TO_VIDEO_RULES",
    "Audio",
    "AudioResult",
    "Character",
    "CharacterResult",
    "CreateAudioModel",
    "CreateAudioParams",
    "CreateCharacterModel",
    "CreateCharacterParams",
    "GeminiOmni",
    "Image",
    "Model",
    "TextToVideoModel",
    "TextToVideoParams",
    "Video",
    "VideoClip",
    "VideoTask",
]

CreateAudioModel = Literal["gemini-omni-audio"]
"""``create_audio``'s model (docs: Gemini Omni > Gemini Omni Endpoints; a parameter: newer source, the contract)."""

CreateCharacterModel = Literal["gemini-omni-character"]
"""``create_character``'s model (a parameter: newer source, the platform contract)."""

TextToVideoModel = Literal["gemini-omni-text-to-video", "gemini-omni-flash-preview"]
"""``text_to_video``'s models (``gemini-omni-flash-preview``: newer source, the platform contract)."""

Model = Literal["gemini-omni-audio", "gemini-omni-character", "gemini-omni-text-to-video", "gemini-omni-flash-preview"]
"""Every Gemini Omni model id, endpoint by endpoint."""

MODELS: tuple[Model, ...] = get_args(Model)

_DEFAULT_VIDEO_MODEL = "gemini-omni-text-to-video"
"""The model the server uses when none is given (the official package's ``DEFAULT_MODEL``)."""

TEXT_TO_VIDEO_RULES = by(
    "model",
    {
        "gemini-omni-text-to-video": rules(required=["duration_seconds"]),
        "gemini-omni-flash-preview": rules(
            output_resolution=one_of("720p"),
            refused=["reference_image_urls", "audio_ids", "video_list", "character_ids", "duration_seconds", "seed"],
        ),
    },
)
"""What each ``text_to_video`` model requires and refuses (newer source: the platform contract and the
official repository's ``contract_gen.py``)."""

MAX_REFERENCE_UNITS = 7
"""The reference inputs' shared limit: each reference image counts 1, each video clip 2, each character id 1."""

_names = text(max_length=210)
_reference_images = url_list(min_items=1, max_items=MAX_REFERENCE_UNITS)


def _one_clip(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """``video_list``: exactly one clip (docs: "max 1 clip").

    Runs after mappings became :class:`VideoClip`; anything else is left to the field's type check,
    which names what is allowed.
    """
    if not isinstance(value, list | tuple) or not all(isinstance(clip, VideoClip) for clip in value):
        return
    if len(value) != 1:
        allowed = "a list of exactly 1 VideoClip (url, start, ends)"
        raise ValidationError(
            f"{attribute.name} must be {allowed}; got {len(value)} clips", field=attribute.name, allowed=allowed
        )


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """A reusable voice: its ``id`` (an ``audio_ids`` entry elsewhere) and ``name``."""

    id: str | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class AudioResult(Result):
    """What ``create_audio`` answers (docs: Gemini Omni > Create Gemini Omni Audio).

    Attributes:
        id: the new voice's id (the same as ``audio.id``).
        audio: the new voice.
    """

    id: str | None = None
    audio: Audio | None = None


Image = media.Image
"""One image of a character: ``url`` to download it."""


@attrs.frozen(kw_only=True)
class Character:
    """A reusable character: its ``id`` (a ``character_ids`` entry of ``text_to_video``), ``name`` and ``images``."""

    id: str | None = None
    name: str | None = None
    images: list[Image] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class CharacterResult(Result):
    """What ``create_character`` answers (docs: Gemini Omni > Create Gemini Omni Character).

    Attributes:
        id: the new character's id (the same as ``character.id``).
        character: the new character.
    """

    id: str | None = None
    character: Character | None = None


Video = media.Video
"""One generated video: ``url`` to download it (MP4 in the docs' example)."""


@attrs.frozen(kw_only=True)
class VideoTask(media.VideoTask):
    """A ``text_to_video`` task.

    Attributes:
        videos: the generated videos, once completed.
    """


# -- params ----------------------------------------------------------------------------------


@params
class CreateAudioParams:
    """Params of ``POST /api/v1/gemini_omni/create_audio`` (docs: Gemini Omni > Create Gemini Omni Audio).

    Attributes:
        audio_id: the preset voice to start from, such as ``"achernar"``, ``"achird"``,
            ``"charon"``, ``"puck"`` or ``"zephyr"``.
        name: the voice's name, at most 210 characters.
        voice_description: timbre, style, pace and emotion, at most 20,000 characters.
        example_dialogue: an example line spoken by the voice, at most 120 characters.
        model: ``"gemini-omni-audio"`` (optional; left off the wire unless given).
    """

    audio_id: str
    name: str = field(_names)
    voice_description: str | None = field(text(max_length=20_000), default=None)
    example_dialogue: str | None = field(text(max_length=120), default=None)
    model: CreateAudioModel | str | None = None


@params
class CreateCharacterParams:
    """Params of ``POST /api/v1/gemini_omni/create_character`` (docs: Gemini Omni > Create Gemini Omni Character).

    Attributes:
        descriptions: the character's appearance, identity, style, clothing or personality.
        reference_image_url: a reference image of the character (at most 20 MB).
        audio_ids: voice ids from ``create_audio`` (``AudioResult.id``), as voice or persona guidance.
        character_name: the character's name, at most 210 characters.
        model: ``"gemini-omni-character"`` (optional; left off the wire unless given).
    """

    descriptions: str
    reference_image_url: HttpUrl = field(max_bytes(20 * MB))
    audio_ids: list[str] | None = field(text_list(min_items=1), default=None)
    character_name: str | None = field(_names, default=None)
    model: CreateCharacterModel | str | None = None


@params
class VideoClip:
    """One source clip of ``text_to_video``'s ``video_list`` (counts 2 reference units).

    ``text_to_video`` also takes it as a mapping ``{"url": ..., "start": ..., "ends": ...}``.

    Attributes:
        url: the clip's URL.
        start: where the used part starts, seconds (at least 0).
        ends: where it ends, seconds; greater than ``start``.
    """

    url: HttpUrl
    start: float = field(number(0))
    ends: float = field(number(0))

    def __attrs_post_init__(self) -> None:
        if self.ends <= self.start:
            raise ValidationError(
                f"ends must be greater than start ({self.start:g}); got {self.ends:g}",
                field="ends",
                allowed=f"a number of seconds greater than {self.start:g}",
            )


@params
class TextToVideoParams:
    """Params of ``POST /api/v1/gemini_omni/text_to_video`` (docs: Gemini Omni > Gemini Omni Text-to-Video).

    Reference inputs share a limit of 7 units (:data:`MAX_REFERENCE_UNITS`): each reference image
    counts 1, each video clip 2, each character id 1.

    Attributes:
        prompt: what the video shows, at most 20,000 characters.
        model: ``"gemini-omni-text-to-video"`` (the server's default) or ``"gemini-omni-flash-preview"``;
            optional, left off the wire unless given.
        duration_seconds: 4, 6, 8 or 10 seconds; required for ``gemini-omni-text-to-video`` (and with no
            ``model``), though ignored with ``video_list``; refused for ``gemini-omni-flash-preview``.
        reference_image_urls: 1-7 reference image URLs (20 MB each at most).
        audio_ids: 1-3 voice ids from ``create_audio``.
        character_ids: 1-3 character ids from ``create_character``.
        video_list: one source clip: a :class:`VideoClip` or a ``{"url", "start", "ends"}`` mapping.
        aspect_ratio: ``"16:9"`` or ``"9:16"``.
        output_resolution: ``"720p"`` (server default), ``"1080p"`` or ``"4k"``; ``"720p"`` only for
            ``gemini-omni-flash-preview``, which also refuses every reference input and ``seed``.
        seed: random seed, 0-2147483647.
        callback_url: where RunAPI POSTs the result.

    Raises:
        ValidationError: a value out of its range, a list too long, a bad clip (the field is its
            path, e.g. ``video_list[0].ends``), or more than 7 reference units in all; a field the
            model does not take (:data:`TEXT_TO_VIDEO_RULES`).
    """

    prompt: str = field(text(max_length=20_000))
    model: TextToVideoModel | str | None = None
    duration_seconds: Literal[4, 6, 8, 10] | None = None
    reference_image_urls: Sequence[HttpUrl] | None = field(
        url_list(min_items=1, max_items=MAX_REFERENCE_UNITS), max_bytes(20 * MB), default=None
    )
    audio_ids: list[str] | None = field(text_list(min_items=1, max_items=3), default=None)
    character_ids: list[str] | None = field(text_list(min_items=1, max_items=3), default=None)
    video_list: list[VideoClip] | None = field(_one_clip, default=None)
    aspect_ratio: Literal["16:9", "9:16"] | None = None
    output_resolution: Literal["720p", "1080p", "4k"] | None = None
    seed: int | None = field(integer(0, 2_147_483_647), default=None)
    callback_url: CallbackUrl | None = None

    __rules__ = TEXT_TO_VIDEO_RULES

    def __attrs_post_init__(self) -> None:
        if self.model is None:
            require(self, ["duration_seconds"], when=f"with no model (the server's default, {_DEFAULT_VIDEO_MODEL!r})")
        images = len(self.reference_image_urls or ())
        clips = len(self.video_list or ())
        characters = len(self.character_ids or ())
        units = images + 2 * clips + characters
        if units > MAX_REFERENCE_UNITS:
            allowed = (
                f"at most {MAX_REFERENCE_UNITS} reference units: each of reference_image_urls 1, "
                "each video_list clip 2, each of character_ids 1"
            )
            raise ValidationError(
                f"reference inputs must use {allowed}; got {units} "
                f"(reference images: {images}, video clips: {clips}, character ids: {characters})",
                allowed=allowed,
            )


# -- operations ------------------------------------------------------------------------------

_GEMINI = "/api/v1/gemini_omni"


class GeminiOmni(Family[ClientT]):
    """``client.gemini_omni``: Gemini Omni's voice, character and video endpoints (docs: Gemini Omni)."""

    create_audio = DirectOperation(f"{_GEMINI}/create_audio", CreateAudioParams, AudioResult)
    """Create a reusable voice from a preset; answers at once (docs: Gemini Omni > Create Gemini Omni Audio)."""

    create_character = DirectOperation(f"{_GEMINI}/create_character", CreateCharacterParams, CharacterResult)
    """Create a reusable character from a description and an image; answers at once (docs: Gemini Omni >
    Create Gemini Omni Character)."""

    text_to_video = TaskOperation(f"{_GEMINI}/text_to_video", TextToVideoParams, VideoTask, duration=DURATIONS["video"])
    """Generate a video from a prompt with reference images, voices, characters or a clip (docs: Gemini
    Omni > Gemini Omni Text-to-Video, Get Gemini Omni Text-to-Video Status)."""
