"""Producer: FUZZ music from exact lyrics or an instrumental brief (official packages: Producer).

Reached as ``client.producer``::

    task = client.producer.text_to_music.run(
        model="fuzz-2.0", vocal_mode="instrumental", prompt="Cinematic ambient score with warm analog synths"
    )
    print(task.audios[0].audio_url)

One task endpoint, ``text_to_music``: the create answers 202 ``{id, status}`` and
``GET /api/v1/producer/text_to_music/{id}`` reports the task.

Where each fact comes from (RunAPI's docs snapshot has no Producer section):

- the path and the task shape: the platform contract (``producer/text-to-music``, kind "task")
  and the official package ``runapi-producer`` 0.4.0 (``TextToMusic``: create, get, run polling);
- the eight model ids and ``vocal_mode`` (``exact_lyrics``, ``instrumental``, for every model):
  the platform contract, repeated by the official CLI's newer ``contract_gen.go``;
- ``prompt`` required, 1-200 characters; ``model`` and ``vocal_mode`` required; ``lyrics``
  required with ``exact_lyrics`` and refused with ``instrumental``: the official repository's
  generated contract (``runapi-ai/producer-sdk``, ``python/src/runapi/producer/contract_gen.py``,
  its ``rules``);
- ``title`` and ``callback_url`` (strings, optional): the same repository's ``js/src/types.ts``;
- the result (``audios[]``: ``id``, ``audio_url``, ``image_url``, ``model_name``, ``title``,
  ``duration_seconds``, ``lyrics``; ``generation_stage``; ``error``): the package's response
  models (``types.py``); ``generation_stage`` is ``"all_audios_ready"`` or ``"failed"`` (types.ts).

Unknowns: no source gives a limit for ``lyrics`` or ``title``, a task's typical duration (polled
as music, :data:`~runapi._core.options.DURATIONS` ``"music"``), or how many tracks a task makes.
Parameters no source names go through ``with_options(extra_body={...})``. Generated media URLs are
temporary (README): store the files.
"""

from __future__ import annotations

from typing import Literal, get_args

import attrs

from ._core.models import Task
from ._core.operations import ClientT, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import CallbackUrl, by, field, params, rules, text

__all__ = [
    "MODELS",
    "VOCAL_MODES",
    "VOCAL_MODE_RULES",
    "Audio",
    "Model",
    "MusicTask",
    "Producer",
    "TextToMusicParams",
    "VocalMode",
]

Model = Literal[
    "fuzz-2.0", "fuzz-2.0-pro", "fuzz-2.0-raw", "fuzz-1.1-pro", "fuzz-1.1", "fuzz-1.0-pro", "fuzz-1.0", "fuzz-0.8"
]
"""``text_to_music`` model ids (platform contract ``producer/text-to-music``)."""

MODELS: tuple[Model, ...] = get_args(Model)

VocalMode = Literal["exact_lyrics", "instrumental"]
"""``exact_lyrics`` sings ``lyrics``; ``instrumental`` has no vocals (every model, platform contract)."""

VOCAL_MODES: tuple[VocalMode, ...] = get_args(VocalMode)

VOCAL_MODE_RULES = by(
    "vocal_mode",
    {"exact_lyrics": rules(required=["lyrics"]), "instrumental": rules(refused=["lyrics"])},
)
"""``lyrics`` is required with ``exact_lyrics`` and refused with ``instrumental`` (official contract ``rules``)."""


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """One generated track (official response model ``Audio``).

    Attributes:
        id: the track id.
        audio_url: the audio file's URL (temporary: store the file).
        image_url: cover art URL.
        model_name: the model that made it.
        title: the song title.
        duration_seconds: length in seconds.
        lyrics: the sung lyrics.
    """

    id: str | None = None
    audio_url: str | None = None
    image_url: str | None = None
    model_name: str | None = None
    title: str | None = None
    duration_seconds: float | None = None
    lyrics: str | None = None


@attrs.frozen(kw_only=True)
class MusicTask(Task):
    """A ``text_to_music`` task (official response model ``TextToMusicResponse``).

    Attributes:
        generation_stage: ``"all_audios_ready"`` or ``"failed"`` where the answer says.
        audios: the generated tracks, once completed.
    """

    generation_stage: str | None = None
    audios: list[Audio] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each track's ``audio_url`` that is set, in order."""
        return [audio.audio_url for audio in self.audios if audio.audio_url]


# -- params ----------------------------------------------------------------------------------


@params
class TextToMusicParams:
    """Params of ``POST /api/v1/producer/text_to_music`` (platform contract ``producer/text-to-music``).

    Attributes:
        model: one of :data:`MODELS` (``"fuzz-2.0"``, ...).
        vocal_mode: ``"exact_lyrics"`` (sing ``lyrics``) or ``"instrumental"``.
        prompt: the music style and production brief, 1-200 characters.
        lyrics: the exact lyrics to sing; required with ``exact_lyrics``, refused with ``instrumental``.
        title: a title for the song.
        callback_url: where RunAPI POSTs the result when the task ends.

    Raises:
        ValidationError: a missing or refused ``lyrics``, a ``prompt`` over 200 characters, or a
            value outside the lists above.
    """

    model: Model | str
    vocal_mode: VocalMode
    prompt: str = field(text(max_length=200))
    lyrics: str | None = None
    title: str | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = VOCAL_MODE_RULES


# -- operations ------------------------------------------------------------------------------


class Producer(Family[ClientT]):
    """``client.producer``: Producer's FUZZ music endpoint (official package ``runapi-producer``).

    ``text_to_music`` has ``create``, ``get``, ``wait`` and ``run``; ``get`` reads ``GET <path>/{id}``.
    """

    text_to_music = TaskOperation(
        "/api/v1/producer/text_to_music", TextToMusicParams, MusicTask, duration=DURATIONS["music"]
    )
    """Make music from exact lyrics or an instrumental brief (``producer/text-to-music``)."""
