"""Suno: music and lyrics generation (docs: Suno).

Reached as ``client.suno``::

    task = client.suno.text_to_music.run(vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5")
    for audio in task.audios:
        print(audio.title, audio.duration, audio.audio_url)

Music tasks report progress in ``generation_stage`` (``text_generated`` → ``first_audio_ready`` →
``all_audios_ready``), and send one callback per stage when ``callback_url`` is set.

Readings of the docs where they are silent or disagree:

- ``suno-v5.5`` is listed under "Model Versions" but not in the endpoints' ``model`` lists; it is
  accepted (the server has the last word).
- ``vocal_mode`` "Request Shapes" are not spelled out: ``auto_lyrics`` needs ``prompt`` (the song
  brief) and ``exact_lyrics`` needs ``lyrics``; ``lyrics`` is refused in the other modes, where it
  would be ignored.
- ``persona_type`` is "ignored without persona_id", and ``voice`` is "suno-v5 only": both are
  refused up front instead of being silently dropped.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core.models import Task
from ._core.operations import Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import HttpUrl, check, field, forbid, number, one_of, params, require, text

__all__ = [
    "MODELS",
    "Audio",
    "ExtendMusicParams",
    "GenerateLyricsParams",
    "Lyrics",
    "LyricsTask",
    "Model",
    "MusicTask",
    "Suno",
    "TextToMusicParams",
]

Model = Literal["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4"]
"""Model ids (docs: Suno > Model Versions). suno-v4 makes tracks up to 4 minutes, the others up to 8."""

MODELS: tuple[Model, ...] = get_args(Model)
"""The values of :data:`Model`, newest first."""

_weight = number(0, 1)


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """One generated track (docs: Suno > Generate Music > Callback Format).

    Attributes:
        id: the audio id (what ``extend_music`` takes as ``audio_id``).
        audio_url: MP3 download URL.
        stream_audio_url: streaming URL (available earlier than ``audio_url``).
        image_url: cover art URL.
        lyrics: the sung lyrics, with section tags such as ``[Verse]``.
        model_name: the upstream model name (e.g. ``"chirp-v3-5"``).
        title: track title.
        tags: style tags.
        duration: length in seconds.
    """

    id: str | None = None
    audio_url: str | None = None
    stream_audio_url: str | None = None
    image_url: str | None = None
    lyrics: str | None = None
    model_name: str | None = None
    title: str | None = None
    tags: list[str] = attrs.Factory(list)
    duration: float | None = None


@attrs.frozen(kw_only=True)
class MusicTask(Task):
    """A ``text_to_music`` or ``extend_music`` task.

    Attributes:
        generation_stage: ``"text_generated"``, ``"first_audio_ready"``, ``"all_audios_ready"`` or
            ``"failed"``; ``None`` when the answer has none.
        audios: the generated tracks (filled once completed; may hold the first one earlier).
    """

    generation_stage: str | None = None
    audios: list[Audio] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each track's MP3 ``audio_url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [audio.audio_url for audio in self.audios if audio.audio_url]


@attrs.frozen(kw_only=True)
class Lyrics:
    """One generated lyric sheet: a ``title`` and its ``text`` with ``[Verse]``/``[Chorus]`` tags."""

    title: str | None = None
    text: str | None = None


@attrs.frozen(kw_only=True)
class LyricsTask(Task):
    """A ``generate_lyrics`` task; ``lyrics`` holds one or more lyric sheets once completed."""

    lyrics: list[Lyrics] = attrs.Factory(list)


# -- params ----------------------------------------------------------------------------------


@params
class _MusicControls:
    """The optional controls text_to_music and extend_music share (docs: Suno > Common Parameters)."""

    persona_id: str | None = None
    persona_type: Literal["style", "voice"] | None = None
    negative_tags: str | None = None
    vocal_gender: Literal["male", "female"] | None = None
    style_weight: float | None = field(_weight, default=None)
    weirdness_constraint: float | None = field(_weight, default=None)
    audio_weight: float | None = field(_weight, default=None)

    def _check_persona(self, model: str) -> None:
        if self.persona_id is None:
            forbid(self, ["persona_type"], unless="with persona_id")
        if model != "suno-v5":
            check(self, "persona_type", one_of("style"), when="(voice personas need model 'suno-v5')")


@params
class TextToMusicParams(_MusicControls):
    """Params of ``POST /api/v1/suno/text_to_music`` (docs: Suno > Generate Music).

    Attributes:
        vocal_mode: ``"auto_lyrics"`` (lyrics written from ``prompt``), ``"exact_lyrics"`` (sing
            ``lyrics`` as given) or ``"instrumental"``.
        model: one of :data:`MODELS`.
        prompt: song brief; required for ``auto_lyrics``.
        lyrics: the exact lyrics; required for ``exact_lyrics``, refused otherwise.
        style: music style. title: music title.
        callback_url: absolute http(s) URL where RunAPI POSTs each generation stage.
        persona_id: persona to apply. persona_type: ``"style"`` or ``"voice"`` (``suno-v5`` only).
        negative_tags: styles to exclude.
        vocal_gender: ``"male"`` or ``"female"`` (raises the probability only).
        style_weight, weirdness_constraint, audio_weight: 0-1 (the docs ask for two decimals).
    """

    vocal_mode: Literal["auto_lyrics", "exact_lyrics", "instrumental"]
    model: Model
    prompt: str | None = None
    lyrics: str | None = None
    style: str | None = None
    title: str | None = None
    callback_url: HttpUrl | None = None

    def __attrs_post_init__(self) -> None:
        if self.vocal_mode == "auto_lyrics":
            require(self, ["prompt"], when="when vocal_mode is 'auto_lyrics'")
        elif self.vocal_mode == "exact_lyrics":
            require(self, ["lyrics"], when="when vocal_mode is 'exact_lyrics'")
        if self.vocal_mode != "exact_lyrics":
            forbid(self, ["lyrics"], unless="when vocal_mode is 'exact_lyrics'")
        self._check_persona(self.model)


@params
class ExtendMusicParams(_MusicControls):
    """Params of ``POST /api/v1/suno/extend_music`` (docs: Suno > Extend Music).

    Attributes:
        parameter_mode: ``"source"`` (inherit the source track's parameters) or ``"custom"``.
        audio_id: the id of the track to extend (``MusicTask.audios[i].id``).
        model: one of :data:`MODELS`.
        prompt, style, title: required when ``parameter_mode == "custom"``.
        continue_at: where the extension starts, seconds into the track; required for ``custom``.
        persona_id, persona_type, vocal_gender: ``custom`` mode only.
        negative_tags, style_weight, weirdness_constraint, audio_weight, callback_url: as in
            :class:`TextToMusicParams`.
    """

    parameter_mode: Literal["source", "custom"]
    audio_id: str
    model: Model
    callback_url: HttpUrl | None = None
    prompt: str | None = None
    style: str | None = None
    title: str | None = None
    continue_at: float | None = field(number(0), default=None)

    def __attrs_post_init__(self) -> None:
        if self.parameter_mode == "custom":
            require(self, ["prompt", "style", "title", "continue_at"], when="when parameter_mode is 'custom'")
        else:
            forbid(self, ["persona_id", "vocal_gender"], unless="when parameter_mode is 'custom'")
        self._check_persona(self.model)


@params
class GenerateLyricsParams:
    """Params of ``POST /api/v1/suno/generate_lyrics`` (docs: Suno > Generate Lyrics).

    Attributes:
        prompt: theme, style or subject of the lyrics, at most 200 characters.
        callback_url: where RunAPI POSTs the result.
    """

    prompt: str = field(text(max_length=200))
    callback_url: HttpUrl | None = None


# -- operations ------------------------------------------------------------------------------


class Suno(Family):
    """``client.suno``: Suno's music and lyrics endpoints (docs: Suno)."""

    text_to_music = TaskOperation(
        "/api/v1/suno/text_to_music", TextToMusicParams, MusicTask, duration=DURATIONS["music"]
    )
    """Generate music from a brief or exact lyrics (docs: Suno > Generate Music)."""

    extend_music = TaskOperation("/api/v1/suno/extend_music", ExtendMusicParams, MusicTask, duration=DURATIONS["music"])
    """Extend an existing track (docs: Suno > Extend Music)."""

    generate_lyrics = TaskOperation(
        "/api/v1/suno/generate_lyrics", GenerateLyricsParams, LyricsTask, duration=DURATIONS["lyrics"]
    )
    """Write lyrics from a theme (docs: Suno > Generate Lyrics)."""
