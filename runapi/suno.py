"""Suno: music, sound, lyrics, stems, voices and artwork (docs: Suno).

Reached as ``client.suno``::

    task = client.suno.text_to_music.run(vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5")
    for audio in task.audios:
        print(audio.title, audio.duration, audio.audio_url)

    stems = client.suno.separate_audio_stems.run(task_id=task.id, audio_id=task.audios[0].id)
    print(stems.output_urls)  # the instrumental and vocal MP3s

    print(client.suno.boost_style(description="Pop, Mysterious").style)  # direct: no task, no polling

Most endpoints create a task (``create``/``get``/``wait``/``run``, status at ``GET path/{id}``).
Four answer at once with their result and have no status path: ``check_voice``, ``boost_style``,
``get_timestamped_lyrics`` and ``generate_persona`` are called directly.

Music tasks report progress in ``generation_stage`` (``text_generated`` → ``first_audio_ready`` →
``all_audios_ready``), and send one callback per stage when ``callback_url`` is set.

How ids flow between endpoints: a music task's ``id`` and one of its ``audios[i].id`` are the
``task_id`` and ``audio_id`` of ``separate_audio_stems``, ``convert_audio``, ``visualize_music``,
``get_timestamped_lyrics``, ``generate_persona`` and ``replace_section``; a ``split_stem``
separation task's ``id`` is ``generate_midi``'s ``task_id``; a custom voice is made with
``voice_to_validation_phrase`` → (``regenerate_validation_phrase``) → ``generate_voice`` →
``check_voice``, and its ``voice_id`` (or a ``generate_persona`` persona's ``id``) is a
``persona_id``.

Readings of the docs where they are silent or disagree:

- ``extend_music`` is documented twice on one path: "Extend Music" (extend a generated track,
  ``audio_id``) and "Upload and Extensions" (extend your own file, ``upload_url``, with an
  ``instrumental`` flag). It is one operation taking the union of both tables; exactly one of
  ``audio_id`` and ``upload_url`` is required. In ``custom`` mode ``style``, ``title`` and
  ``continue_at`` are required, and ``prompt`` too unless ``instrumental=True`` (the uploads
  table's rule; the tracks table requires it always, but has no ``instrumental``). ``instrumental``
  itself is optional: the uploads table marks it required in custom mode, but its own example
  omits it. In ``source`` mode ``prompt`` is required with ``upload_url`` (an uploaded file has no
  generation parameters to inherit) and optional with ``audio_id``.
- ``suno-v5.5`` is listed under "Model Versions" but in no music endpoint's ``model`` list (only
  in ``text_to_sound``'s); it is accepted everywhere :data:`Model` is (the server has the last
  word). ``text_to_sound`` takes ``suno-v5`` and ``suno-v5.5`` only, as its table says.
- ``vocal_mode`` "Request Shapes" are not spelled out (``text_to_music``, ``cover_audio``,
  ``create_mashup``): ``auto_lyrics`` needs ``prompt`` (the brief) and ``exact_lyrics`` needs
  ``lyrics``; ``lyrics`` is refused in the other modes, where it would be ignored
  (:data:`VOCAL_MODE_RULES`).
- ``persona_type`` is "ignored without persona_id", and ``voice`` is "suno-v5 only": both are
  refused up front instead of being silently dropped.
- ``replace_section``: the docs give no rule for the window; ``infill_end_time`` must be greater
  than ``infill_start_time`` (both seconds, at least 0), which is what a window means.
- ``voice_to_validation_phrase``: ``vocal_start_seconds`` and ``vocal_end_seconds`` are whole
  seconds, at least 0, end greater than start (as the docs say); no window length is enforced.
- The voice endpoints ask for an "HTTPS callback URL"; like everywhere else any absolute http(s)
  URL is accepted here (the server has the last word).
- ``create_mashup`` takes exactly two ``upload_url_list`` items and has no ``negative_tags`` (its
  table lists none, unlike ``cover_audio``'s); ``add_instrumental`` requires ``negative_tags`` and
  takes its style as a comma-separated ``tags`` string (results carry ``tags`` as a list).
- ``text_to_sound``'s ``sound_key`` lists 24 keys and says "Default Any": ``"Any"`` is accepted
  too (the same as leaving it out), since the server's own default must be a value it takes.
- ``separate_audio_stems``: the prose lists 12 ``split_stem`` stems, the example 13 (with
  ``piano_url``); :class:`SeparatedAudios` has a field for every key either shows, and a stem
  the docs do not name stays on ``task.raw``.
- ``get_timestamped_lyrics`` "does not return a processing status" but documents a failed answer
  (``{"id", "status": "failed", "error"}``): that answer raises :class:`runapi.TaskFailedError`.
- ``generate_midi``'s ``task_id`` is the id of a ``separate_audio_stems`` task (``split_stem``, per
  its description), not of a music task; the SDK cannot check which kind of task an id names.
- Status answers show ``generation_stage`` inconsistently (e.g. failed ``extend_music`` status
  bodies lack it, their callbacks have it): it is optional everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from ._core.models import Result, Task
from ._core.operations import ClientT, DirectOperation, Family, TaskOperation
from ._core.options import DURATIONS
from ._core.params import (
    CallbackUrl,
    HttpUrl,
    by,
    check,
    field,
    forbid,
    integer,
    number,
    one_of,
    params,
    require,
    rules,
    text,
    url_list,
)
from .errors import ValidationError

__all__ = [
    "LANGUAGES",
    "MODELS",
    "SOUND_KEYS",
    "VOCAL_MODE_RULES",
    "AddInstrumentalParams",
    "AddVocalsParams",
    "AlignedWord",
    "ArtworkTask",
    "Audio",
    "BoostStyleParams",
    "BoostedStyle",
    "CheckVoiceParams",
    "ConvertAudioParams",
    "Cover",
    "CoverAudioParams",
    "CreateMashupParams",
    "ExtendMusicParams",
    "GenerateArtworkParams",
    "GenerateLyricsParams",
    "GenerateMidiParams",
    "GeneratePersonaParams",
    "GenerateVoiceParams",
    "GetTimestampedLyricsParams",
    "Instrument",
    "Language",
    "Lyrics",
    "LyricsTask",
    "MidiNote",
    "MidiTask",
    "Model",
    "MusicTask",
    "MusicVideoTask",
    "Persona",
    "PersonaResult",
    "RegenerateValidationPhraseParams",
    "ReplaceSectionParams",
    "SectionTask",
    "SeparateAudioStemsParams",
    "SeparatedAudios",
    "SoundKey",
    "SoundModel",
    "StemsTask",
    "Suno",
    "TextToMusicParams",
    "TextToSoundParams",
    "TimestampedLyrics",
    "ValidationPhraseTask",
    "VisualizeMusicParams",
    "VoiceAvailability",
    "VoiceTask",
    "VoiceToValidationPhraseParams",
    "WavTask",
]

Model = Literal["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5-all", "suno-v4.5", "suno-v4"]
"""Model ids (docs: Suno > Model Versions). suno-v4 makes tracks up to 4 minutes, the others up to 8."""

MODELS: tuple[Model, ...] = get_args(Model)
"""The values of :data:`Model`, newest first."""

SoundModel = Literal["suno-v5", "suno-v5.5"]
"""The models ``text_to_sound`` takes (docs: Suno > Generate Sound)."""

SoundKey = Literal[
    "Cm", "C#m", "Dm", "D#m", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "A#m", "Bm",
    "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B", "Any",
]  # fmt: skip
"""``text_to_sound``'s musical keys: 12 minor, 12 major, and ``"Any"`` (the server's default)."""

SOUND_KEYS: tuple[SoundKey, ...] = get_args(SoundKey)

Language = Literal["en", "zh", "es", "fr", "pt", "de", "ja", "ko", "hi", "ru"]
"""Languages of a voice validation phrase (docs: Suno > Voice Validation Phrase)."""

LANGUAGES: tuple[Language, ...] = get_args(Language)

_weight = number(0, 1)
_seconds = number(0)


# -- results ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Audio:
    """One generated track (docs: Suno > Generate Music > Callback Format).

    Attributes:
        id: the audio id (what ``extend_music``, ``separate_audio_stems`` and others take as
            ``audio_id``).
        audio_url: MP3 download URL.
        stream_audio_url: streaming URL (available earlier than ``audio_url``).
        image_url: cover art URL.
        lyrics: the sung lyrics, with section tags such as ``[Verse]``.
        prompt: the sound's description (``text_to_sound`` tracks carry it instead of ``lyrics``).
        model_name: the upstream model name (e.g. ``"chirp-v3-5"``), not the requested ``model``.
        title: track title.
        tags: style tags.
        duration: length in seconds.
    """

    id: str | None = None
    audio_url: str | None = None
    stream_audio_url: str | None = None
    image_url: str | None = None
    lyrics: str | None = None
    prompt: str | None = None
    model_name: str | None = None
    title: str | None = None
    tags: list[str] = attrs.Factory(list)
    duration: float | None = None


@attrs.frozen(kw_only=True)
class MusicTask(Task):
    """A task that makes tracks: ``text_to_music``, ``extend_music``, ``add_vocals``,
    ``add_instrumental``, ``cover_audio``, ``create_mashup`` or ``text_to_sound``.

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
    """A ``generate_lyrics`` task; ``lyrics`` holds one or more lyric sheets once completed (no files)."""

    lyrics: list[Lyrics] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class SeparatedAudios:
    """The stems of a separation (docs: Suno > Vocal & Instrument Separation), each an MP3 URL.

    ``separate_vocal`` fills ``instrumental_url`` and ``vocal_url``; ``split_stem`` fills the
    instrument stems present in the track (and ``vocal_url``).
    """

    instrumental_url: str | None = None
    vocal_url: str | None = None
    backing_vocals_url: str | None = None
    bass_url: str | None = None
    brass_url: str | None = None
    drums_url: str | None = None
    fx_url: str | None = None
    guitar_url: str | None = None
    keyboard_url: str | None = None
    piano_url: str | None = None
    percussion_url: str | None = None
    strings_url: str | None = None
    synth_url: str | None = None
    woodwinds_url: str | None = None

    @property
    def urls(self) -> dict[str, str]:
        """The stems that are set, by field name (``{"vocal_url": "https://..."}``), in field order."""
        return {name: value for name, value in attrs.asdict(self).items() if value}


@attrs.frozen(kw_only=True)
class StemsTask(Task):
    """A ``separate_audio_stems`` task; ``separated_audios`` is set once completed."""

    separated_audios: SeparatedAudios | None = None

    @property
    def output_urls(self) -> list[str]:
        """Every stem URL that is set, in :class:`SeparatedAudios` field order."""
        return list(self.separated_audios.urls.values()) if self.separated_audios else []


@attrs.frozen(kw_only=True)
class WavTask(Task):
    """A ``convert_audio`` task; ``wav_url`` is the WAV file once completed."""

    wav_url: str | None = None

    @property
    def output_urls(self) -> list[str]:
        """``[wav_url]`` once set."""
        return [self.wav_url] if self.wav_url else []


@attrs.frozen(kw_only=True)
class MidiNote:
    """One note: ``pitch`` (MIDI 0-127), ``start_time`` and ``end_time`` in seconds, ``velocity``."""

    pitch: int | None = None
    start_time: float | None = None
    end_time: float | None = None
    velocity: float | None = None


@attrs.frozen(kw_only=True)
class Instrument:
    """One detected instrument: its General MIDI-like ``name`` (``"Drums"``) and its ``notes``."""

    name: str | None = None
    notes: list[MidiNote] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class MidiTask(Task):
    """A ``generate_midi`` task; ``instruments`` holds the note data once completed (no files)."""

    instruments: list[Instrument] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class ValidationPhraseTask(Task):
    """A ``voice_to_validation_phrase`` or ``regenerate_validation_phrase`` task (no files).

    Attributes:
        provider_status: the voice provider's state, e.g. ``"wait_validating"`` (phrase ready,
            waiting for the recording) or ``"processing_validate_fail"``.
        validation_phrase: the sentence the user reads aloud; the recording is
            ``generate_voice``'s ``verify_url``.
    """

    provider_status: str | None = None
    validation_phrase: str | None = None


@attrs.frozen(kw_only=True)
class VoiceTask(Task):
    """A ``generate_voice`` task (no files).

    Attributes:
        provider_status: the voice provider's state, e.g. ``"success"`` or ``"fail"``.
        voice_id: the custom voice, once completed: a ``persona_id`` with ``persona_type="voice"``
            on ``suno-v5``.
    """

    provider_status: str | None = None
    voice_id: str | None = None


@attrs.frozen(kw_only=True)
class Cover:
    """One cover image: ``url`` of a PNG, kept 14 days."""

    url: str | None = None


@attrs.frozen(kw_only=True)
class ArtworkTask(Task):
    """A ``generate_artwork`` task; ``covers`` holds the images (usually 2) once completed."""

    covers: list[Cover] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each cover's ``url`` that is set, in order."""
        return [cover.url for cover in self.covers if cover.url]


@attrs.frozen(kw_only=True)
class MusicVideoTask(Task):
    """A ``visualize_music`` task; ``video_url`` is the MP4 once completed."""

    video_url: str | None = None

    @property
    def output_urls(self) -> list[str]:
        """``[video_url]`` once set."""
        return [self.video_url] if self.video_url else []


@attrs.frozen(kw_only=True)
class SectionTask(Task):
    """A ``replace_section`` task; ``track`` is the track with its section replaced (one track)."""

    track: Audio | None = None

    @property
    def output_urls(self) -> list[str]:
        """``[track.audio_url]`` once set."""
        return [self.track.audio_url] if self.track and self.track.audio_url else []


@attrs.frozen(kw_only=True)
class VoiceAvailability(Result):
    """What ``check_voice`` answers: ``is_available`` is ``True`` once the voice can be used."""

    is_available: bool | None = None


@attrs.frozen(kw_only=True)
class BoostedStyle(Result):
    """What ``boost_style`` answers: ``style``, the expanded comma-separated style description."""

    style: str | None = None


@attrs.frozen(kw_only=True)
class AlignedWord:
    """One sung word (or section tag and word, e.g. ``"[Verse]\\nWaggin'"``) with its timing.

    Attributes:
        word: the text.
        success: whether it was aligned.
        start_time, end_time: seconds into the track.
        palign: the alignment value as answered (undocumented).
    """

    word: str | None = None
    success: bool | None = None
    start_time: float | None = None
    end_time: float | None = None
    palign: float | None = None


@attrs.frozen(kw_only=True)
class TimestampedLyrics(Result):
    """What ``get_timestamped_lyrics`` answers.

    Attributes:
        aligned_words: the words in order, with start and end times in seconds.
        waveform_data: the waveform for display, values 0-1.
        hoot_cer: the alignment's error rate as answered (undocumented).
        is_streamed: as answered (undocumented).
    """

    aligned_words: list[AlignedWord] = attrs.Factory(list)
    waveform_data: list[float] = attrs.Factory(list)
    hoot_cer: float | None = None
    is_streamed: bool | None = None


@attrs.frozen(kw_only=True)
class Persona:
    """A persona: ``id`` (a ``persona_id`` for the music endpoints), ``name`` and ``description``."""

    id: str | None = None
    name: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class PersonaResult(Result):
    """What ``generate_persona`` answers: the new ``persona``."""

    persona: Persona | None = None


# -- params ----------------------------------------------------------------------------------

VOCAL_MODE_RULES = by(
    "vocal_mode",
    {
        "auto_lyrics": rules(required=["prompt"], refused=["lyrics"]),
        "exact_lyrics": rules(required=["lyrics"]),
        "instrumental": rules(refused=["lyrics"]),
    },
)
"""What each ``vocal_mode`` needs (``text_to_music``, ``cover_audio``, ``create_mashup``):
``auto_lyrics`` writes lyrics from ``prompt``; ``exact_lyrics`` sings ``lyrics`` as given;
``lyrics`` is refused in the other modes, where it would be ignored."""


@params
class _Controls:
    """The optional knobs of the audio-making endpoints (docs: Suno > Common Parameters)."""

    vocal_gender: Literal["male", "female"] | None = None
    style_weight: float | None = field(_weight, default=None)
    weirdness_constraint: float | None = field(_weight, default=None)
    audio_weight: float | None = field(_weight, default=None)


@params
class _MusicControls(_Controls):
    """The controls text_to_music, extend_music, cover_audio and create_mashup share: a persona too."""

    persona_id: str | None = None
    persona_type: Literal["style", "voice"] | None = None

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
    callback_url: CallbackUrl | None = None
    negative_tags: str | None = None

    __rules__ = VOCAL_MODE_RULES

    def __attrs_post_init__(self) -> None:
        self._check_persona(self.model)


@params
class ExtendMusicParams(_MusicControls):
    """Params of ``POST /api/v1/suno/extend_music`` (docs: Suno > Extend Music, and Suno > Upload
    and Extensions).

    Give exactly one source: ``audio_id`` (a generated track) or ``upload_url`` (your own file).

    Attributes:
        parameter_mode: ``"source"`` (inherit the source's parameters) or ``"custom"``.
        model: one of :data:`MODELS`.
        audio_id: the id of a generated track to extend (``MusicTask.audios[i].id``).
        upload_url: URL of your audio file to extend, at most 8 minutes long (e.g. the
            ``download_url`` of ``POST /files/from_url``, valid 24 hours).
        prompt: how to extend; required in ``custom`` mode unless ``instrumental`` is true, and in
            ``source`` mode with ``upload_url``.
        style, title: required in ``custom`` mode.
        continue_at: where the extension starts, seconds into the track; required in ``custom``.
        instrumental: whether the extension is instrumental (documented with ``upload_url``).
        persona_id, persona_type, vocal_gender: ``custom`` mode only.
        negative_tags, style_weight, weirdness_constraint, audio_weight, callback_url: as in
            :class:`TextToMusicParams`.
    """

    parameter_mode: Literal["source", "custom"]
    model: Model
    audio_id: str | None = None
    upload_url: HttpUrl | None = None
    callback_url: CallbackUrl | None = None
    prompt: str | None = None
    style: str | None = None
    title: str | None = None
    continue_at: float | None = field(_seconds, default=None)
    instrumental: bool | None = None
    negative_tags: str | None = None

    __rules__ = by(
        "parameter_mode",
        {
            "custom": rules(required=["style", "title", "continue_at"]),
            "source": rules(refused=["persona_id", "vocal_gender"]),
        },
    )

    def __attrs_post_init__(self) -> None:
        if self.audio_id is None and self.upload_url is None:
            raise ValidationError(
                "missing required parameter: audio_id (a generated track) or upload_url (your own audio file)",
                field="audio_id",
                allowed="exactly one of audio_id and upload_url",
            )
        if self.audio_id is not None and self.upload_url is not None:
            raise ValidationError(
                "upload_url cannot be given with audio_id: give exactly one source to extend",
                field="upload_url",
                allowed="exactly one of audio_id and upload_url",
            )
        if self.parameter_mode == "custom" and self.instrumental is not True:
            require(self, ["prompt"], when="when parameter_mode is 'custom' (unless instrumental is true)")
        if self.parameter_mode == "source" and self.upload_url is not None:
            require(self, ["prompt"], when="when parameter_mode is 'source' with upload_url")
        self._check_persona(self.model)


@params
class GenerateLyricsParams:
    """Params of ``POST /api/v1/suno/generate_lyrics`` (docs: Suno > Generate Lyrics).

    Attributes:
        prompt: theme, style or subject of the lyrics, at most 200 characters.
        callback_url: where RunAPI POSTs the result.
    """

    prompt: str = field(text(max_length=200))
    callback_url: CallbackUrl | None = None


@params
class AddVocalsParams(_Controls):
    """Params of ``POST /api/v1/suno/add_vocals`` (docs: Suno > Add Vocals).

    Attributes:
        upload_url: URL of the instrumental track to sing over (e.g. the ``download_url`` of
            ``POST /files/from_url``, valid 24 hours).
        lyrics: the exact lyrics to sing.
        title: track title. style: music style or genre.
        model: one of :data:`MODELS`.
        callback_url: where RunAPI POSTs each generation stage.
        negative_tags: styles to exclude.
        vocal_gender, style_weight, weirdness_constraint, audio_weight: as in :class:`TextToMusicParams`.
    """

    upload_url: HttpUrl
    lyrics: str
    title: str
    style: str
    model: Model
    callback_url: CallbackUrl | None = None
    negative_tags: str | None = None


@params
class AddInstrumentalParams(_Controls):
    """Params of ``POST /api/v1/suno/add_instrumental`` (docs: Suno > Add Instrumental).

    Attributes:
        upload_url: URL of the vocal track to accompany.
        title: track title.
        tags: the accompaniment's style, comma-separated (``"Relaxing Piano, Ambient"``).
        negative_tags: styles to exclude (required here).
        model: one of :data:`MODELS`.
        callback_url: where RunAPI POSTs each generation stage.
        vocal_gender, style_weight, weirdness_constraint, audio_weight: as in :class:`TextToMusicParams`.
    """

    upload_url: HttpUrl
    title: str
    tags: str
    negative_tags: str
    model: Model
    callback_url: CallbackUrl | None = None


@params
class SeparateAudioStemsParams:
    """Params of ``POST /api/v1/suno/separate_audio_stems`` (docs: Suno > Vocal & Instrument Separation).

    Attributes:
        task_id: the music task's id. audio_id: the track's id (``audios[i].id``).
        type: ``"separate_vocal"`` (server default: vocals and accompaniment, 2 stems) or
            ``"split_stem"`` (one stem per instrument, 12 or more); priced differently.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    audio_id: str
    type: Literal["separate_vocal", "split_stem"] | None = None
    callback_url: CallbackUrl | None = None


@params
class ConvertAudioParams:
    """Params of ``POST /api/v1/suno/convert_audio`` (docs: Suno > Convert to WAV Format).

    Attributes:
        task_id: the music task's id. audio_id: the track's id.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    audio_id: str
    callback_url: CallbackUrl | None = None


@params
class GenerateMidiParams:
    """Params of ``POST /api/v1/suno/generate_midi`` (docs: Suno > Generate MIDI from Audio).

    Attributes:
        task_id: the id of a completed ``separate_audio_stems`` task of type ``split_stem``.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    callback_url: CallbackUrl | None = None


@params
class VoiceToValidationPhraseParams:
    """Params of ``POST /api/v1/suno/voice_to_validation_phrase`` (docs: Suno > Voice Validation Phrase).

    Attributes:
        voice_url: public URL of the recording of the voice.
        vocal_start_seconds, vocal_end_seconds: the window of the recording to use, whole
            seconds; the end must be greater than the start.
        language: the phrase's language, one of :data:`LANGUAGES`.
        callback_url: where RunAPI POSTs the result.
    """

    voice_url: HttpUrl
    vocal_start_seconds: int = field(integer(0))
    vocal_end_seconds: int = field(integer(0))
    language: Language | None = None
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        check(
            self,
            "vocal_end_seconds",
            integer(self.vocal_start_seconds + 1),
            when="(it must be greater than vocal_start_seconds)",
        )


@params
class RegenerateValidationPhraseParams:
    """Params of ``POST /api/v1/suno/regenerate_validation_phrase`` (docs: Suno > Regenerate Validation Phrase).

    Attributes:
        task_id: a ``voice_to_validation_phrase`` or earlier regeneration task of this account.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    callback_url: CallbackUrl | None = None


@params
class GenerateVoiceParams:
    """Params of ``POST /api/v1/suno/generate_voice`` (docs: Suno > Generate Voice).

    Attributes:
        task_id: the validation phrase task (``voice_to_validation_phrase`` or a regeneration).
        verify_url: public URL of the user's recording of that phrase.
        voice_name: display name. description: voice description. style: voice style tags.
        singer_skill_level: ``"beginner"``, ``"intermediate"``, ``"advanced"`` or ``"professional"``.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    verify_url: HttpUrl
    voice_name: str | None = None
    description: str | None = None
    style: str | None = None
    singer_skill_level: Literal["beginner", "intermediate", "advanced", "professional"] | None = None
    callback_url: CallbackUrl | None = None


@params
class CheckVoiceParams:
    """Params of ``POST /api/v1/suno/check_voice`` (docs: Suno > Check Voice).

    Attributes:
        task_id: the ``generate_voice`` task.
    """

    task_id: str


@params
class GenerateArtworkParams:
    """Params of ``POST /api/v1/suno/generate_artwork`` (docs: Suno > Generate Music Cover).

    Attributes:
        task_id: the music task whose cover images to make.
        callback_url: where RunAPI POSTs the result.
    """

    task_id: str
    callback_url: CallbackUrl | None = None


@params
class VisualizeMusicParams:
    """Params of ``POST /api/v1/suno/visualize_music`` (docs: Suno > Create Music Video).

    Attributes:
        task_id: the music task's id. audio_id: the track's id.
        callback_url: where RunAPI POSTs the result.
        author: artist name shown on the video, at most 50 characters.
        domain_name: website or brand shown as a watermark, at most 50 characters.
    """

    task_id: str
    audio_id: str
    callback_url: CallbackUrl | None = None
    author: str | None = field(text(max_length=50), default=None)
    domain_name: str | None = field(text(max_length=50), default=None)


@params
class BoostStyleParams:
    """Params of ``POST /api/v1/suno/boost_style`` (docs: Suno > Boost Music Style).

    Attributes:
        description: concise style keywords or a brief description (``"Pop, Mysterious"``).
    """

    description: str


@params
class GetTimestampedLyricsParams:
    """Params of ``POST /api/v1/suno/get_timestamped_lyrics`` (docs: Suno > Get Timestamped Lyrics).

    Attributes:
        task_id: the music task's id. audio_id: the track's id.
    """

    task_id: str
    audio_id: str


@params
class GeneratePersonaParams:
    """Params of ``POST /api/v1/suno/generate_persona`` (docs: Suno > Generate Persona).

    Attributes:
        task_id: the music task's id. audio_id: the track the persona is made from.
        name: a recognisable name. description: the persona's musical characteristics.
    """

    task_id: str
    audio_id: str
    name: str
    description: str


@params
class ReplaceSectionParams:
    """Params of ``POST /api/v1/suno/replace_section`` (docs: Suno > Replace Music Section).

    Attributes:
        task_id: the music task's id. audio_id: the track's id.
        lyrics: the lyrics of the replacement section.
        tags: music style tags (a string). title: track title.
        infill_start_time, infill_end_time: the section, seconds into the track (two decimals);
            the end must be greater than the start.
        callback_url: where RunAPI POSTs the result.
        negative_tags: styles to exclude.
        full_lyrics: the whole track's lyrics after the change.
    """

    task_id: str
    audio_id: str
    lyrics: str
    tags: str
    title: str
    infill_start_time: float = field(_seconds)
    infill_end_time: float = field(_seconds)
    callback_url: CallbackUrl | None = None
    negative_tags: str | None = None
    full_lyrics: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.infill_end_time <= self.infill_start_time:
            raise ValidationError(
                f"infill_end_time must be greater than infill_start_time ({self.infill_start_time:g}); "
                f"got {self.infill_end_time:g}",
                field="infill_end_time",
                allowed=f"a number of seconds greater than {self.infill_start_time:g}",
            )


@params
class CoverAudioParams(_MusicControls):
    """Params of ``POST /api/v1/suno/cover_audio`` (docs: Suno > Upload and Covers).

    Attributes:
        upload_url: URL of the audio to cover, at most 8 minutes long.
        vocal_mode: as in :class:`TextToMusicParams` (:data:`VOCAL_MODE_RULES`).
        model: one of :data:`MODELS`.
        prompt: cover brief; required for ``auto_lyrics``.
        lyrics: the exact lyrics; required for ``exact_lyrics``, refused otherwise.
        style, title, callback_url, negative_tags, persona_id, persona_type, vocal_gender,
            style_weight, weirdness_constraint, audio_weight: as in :class:`TextToMusicParams`.
    """

    upload_url: HttpUrl
    vocal_mode: Literal["auto_lyrics", "exact_lyrics", "instrumental"]
    model: Model
    prompt: str | None = None
    lyrics: str | None = None
    style: str | None = None
    title: str | None = None
    callback_url: CallbackUrl | None = None
    negative_tags: str | None = None

    __rules__ = VOCAL_MODE_RULES

    def __attrs_post_init__(self) -> None:
        self._check_persona(self.model)


@params
class CreateMashupParams(_MusicControls):
    """Params of ``POST /api/v1/suno/create_mashup`` (docs: Suno > Mashup).

    Attributes:
        upload_url_list: exactly two public audio URLs to combine.
        vocal_mode: as in :class:`TextToMusicParams` (:data:`VOCAL_MODE_RULES`).
        model: one of :data:`MODELS`.
        prompt: mashup brief; required for ``auto_lyrics``.
        lyrics: the exact lyrics; required for ``exact_lyrics``, refused otherwise.
        style, title, callback_url, persona_id, persona_type, vocal_gender, style_weight,
            weirdness_constraint, audio_weight: as in :class:`TextToMusicParams`.
    """

    upload_url_list: Sequence[HttpUrl] = field(url_list(min_items=2, max_items=2))
    vocal_mode: Literal["auto_lyrics", "exact_lyrics", "instrumental"]
    model: Model
    prompt: str | None = None
    lyrics: str | None = None
    style: str | None = None
    title: str | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = VOCAL_MODE_RULES

    def __attrs_post_init__(self) -> None:
        self._check_persona(self.model)


@params
class TextToSoundParams:
    """Params of ``POST /api/v1/suno/text_to_sound`` (docs: Suno > Generate Sound).

    Attributes:
        prompt: the sound (ambience, effect, loop), at most 500 characters.
        model: ``"suno-v5"`` or ``"suno-v5.5"``.
        sound_loop: make it loop seamlessly (server default false).
        sound_tempo: beats per minute, 1-300.
        sound_key: one of :data:`SOUND_KEYS`; ``"Any"`` (or leaving it out) for any key.
        grab_lyrics: capture lyric subtitles (server default false).
        callback_url: where RunAPI POSTs each generation stage.
    """

    prompt: str = field(text(max_length=500))
    model: SoundModel
    sound_loop: bool | None = None
    sound_tempo: int | None = field(integer(1, 300), default=None)
    sound_key: SoundKey | None = None
    grab_lyrics: bool | None = None
    callback_url: CallbackUrl | None = None


# -- operations ------------------------------------------------------------------------------

_SUNO = "/api/v1/suno"


class Suno(Family[ClientT]):
    """``client.suno``: Suno's music, sound, lyrics, stems, voice and artwork endpoints (docs: Suno)."""

    text_to_music = TaskOperation(f"{_SUNO}/text_to_music", TextToMusicParams, MusicTask, duration=DURATIONS["music"])
    """Generate music from a brief or exact lyrics (docs: Suno > Generate Music)."""

    extend_music = TaskOperation(f"{_SUNO}/extend_music", ExtendMusicParams, MusicTask, duration=DURATIONS["music"])
    """Extend a generated track (``audio_id``) or your own file (``upload_url``) (docs: Suno > Extend
    Music; Suno > Upload and Extensions)."""

    generate_lyrics = TaskOperation(
        f"{_SUNO}/generate_lyrics", GenerateLyricsParams, LyricsTask, duration=DURATIONS["lyrics"]
    )
    """Write lyrics from a theme (docs: Suno > Generate Lyrics)."""

    add_vocals = TaskOperation(f"{_SUNO}/add_vocals", AddVocalsParams, MusicTask, duration=DURATIONS["music"])
    """Sing given lyrics over an uploaded instrumental (docs: Suno > Add Vocals)."""

    add_instrumental = TaskOperation(
        f"{_SUNO}/add_instrumental", AddInstrumentalParams, MusicTask, duration=DURATIONS["music"]
    )
    """Generate an accompaniment for an uploaded track (docs: Suno > Add Instrumental)."""

    separate_audio_stems = TaskOperation(
        f"{_SUNO}/separate_audio_stems", SeparateAudioStemsParams, StemsTask, duration=DURATIONS["default"]
    )
    """Split a track into vocals and accompaniment, or into instrument stems (docs: Suno > Vocal &
    Instrument Separation)."""

    convert_audio = TaskOperation(f"{_SUNO}/convert_audio", ConvertAudioParams, WavTask, duration=DURATIONS["default"])
    """Convert a track to WAV (docs: Suno > Convert to WAV Format)."""

    generate_midi = TaskOperation(f"{_SUNO}/generate_midi", GenerateMidiParams, MidiTask, duration=DURATIONS["default"])
    """Transcribe a ``split_stem`` separation into MIDI notes (docs: Suno > Generate MIDI from Audio)."""

    voice_to_validation_phrase = TaskOperation(
        f"{_SUNO}/voice_to_validation_phrase",
        VoiceToValidationPhraseParams,
        ValidationPhraseTask,
        duration=DURATIONS["default"],
    )
    """Get a phrase for the user to read, from a voice recording (docs: Suno > Voice Validation Phrase)."""

    regenerate_validation_phrase = TaskOperation(
        f"{_SUNO}/regenerate_validation_phrase",
        RegenerateValidationPhraseParams,
        ValidationPhraseTask,
        duration=DURATIONS["default"],
    )
    """Replace an expired or hard-to-read phrase (docs: Suno > Regenerate Validation Phrase)."""

    generate_voice = TaskOperation(
        f"{_SUNO}/generate_voice", GenerateVoiceParams, VoiceTask, duration=DURATIONS["default"]
    )
    """Create a custom voice from the phrase recording (docs: Suno > Generate Voice)."""

    check_voice = DirectOperation(f"{_SUNO}/check_voice", CheckVoiceParams, VoiceAvailability)
    """Whether a custom voice can be used yet; answers at once (docs: Suno > Check Voice)."""

    generate_artwork = TaskOperation(
        f"{_SUNO}/generate_artwork", GenerateArtworkParams, ArtworkTask, duration=DURATIONS["image"]
    )
    """Make cover images for a music task (docs: Suno > Generate Music Cover)."""

    visualize_music = TaskOperation(
        f"{_SUNO}/visualize_music", VisualizeMusicParams, MusicVideoTask, duration=DURATIONS["default"]
    )
    """Render an MP4 visualisation of a track (docs: Suno > Create Music Video)."""

    boost_style = DirectOperation(f"{_SUNO}/boost_style", BoostStyleParams, BoostedStyle)
    """Expand style keywords into a detailed style; answers at once (docs: Suno > Boost Music Style)."""

    get_timestamped_lyrics = DirectOperation(
        f"{_SUNO}/get_timestamped_lyrics", GetTimestampedLyricsParams, TimestampedLyrics
    )
    """A track's lyrics with word timings; answers at once (docs: Suno > Get Timestamped Lyrics)."""

    generate_persona = DirectOperation(f"{_SUNO}/generate_persona", GeneratePersonaParams, PersonaResult)
    """Make a persona from a track; answers at once (docs: Suno > Generate Persona)."""

    replace_section = TaskOperation(
        f"{_SUNO}/replace_section", ReplaceSectionParams, SectionTask, duration=DURATIONS["music"]
    )
    """Regenerate a time window of a track (docs: Suno > Replace Music Section)."""

    cover_audio = TaskOperation(f"{_SUNO}/cover_audio", CoverAudioParams, MusicTask, duration=DURATIONS["music"])
    """Re-make an uploaded track in a new style (docs: Suno > Upload and Covers)."""

    create_mashup = TaskOperation(f"{_SUNO}/create_mashup", CreateMashupParams, MusicTask, duration=DURATIONS["music"])
    """Combine two uploaded tracks into one (docs: Suno > Mashup)."""

    text_to_sound = TaskOperation(f"{_SUNO}/text_to_sound", TextToSoundParams, MusicTask, duration=DURATIONS["music"])
    """Generate ambience, sound effects or loops from a prompt (docs: Suno > Generate Sound)."""
