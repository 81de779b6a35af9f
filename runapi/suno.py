"""Suno: music, sound, lyrics, stems, voices and artwork (docs: Suno).

Reached as ``client.suno``::

    task = client.suno.text_to_music.run(vocal_mode="auto_lyrics", prompt="A chill lo-fi beat", model="suno-v5")
    for audio in task.audios:
        print(audio.title, audio.duration, audio.audio_url)

    stems = client.suno.separate_audio_stems.run(task_id=task.id, audio_id=task.audios[0].id)
    print(stems.output_urls)  # the instrumental and vocal MP3s

    print(client.suno.boost_style(description="Pop, Mysterious").style)  # direct: no task, no polling

Most endpoints create a task (``create``/``get``/``wait``/``run``, status at ``GET path/{id}``).
Some answer at once with their result and have no status path: ``check_voice``, ``boost_style``,
``get_timestamped_lyrics``, ``generate_persona``, ``style_expansions``, ``timestamped_lyrics``,
``create_persona`` and ``create_voice`` are called directly. ``create_persona`` may instead be
accepted (``202`` + ``Location``): the call then follows the stored result to the same answer (the
official package runs it through ``_run_hybrid``). Personas and voices RunAPI keeps are read back
with ``get_persona(id)`` and ``get_voice(id)`` (``GET /api/v1/personas/{id}``, ``/api/v1/voices/{id}``).

The operations RunAPI added after the docs snapshot (runapi-suno 0.6.0, the platform contract)::

    blended = client.suno.blend_lyrics.run(lyrics_a="[Verse]\nCity lights", lyrics_b="[Chorus]\nWe rise")
    sample = client.suno.music_from_sample.run(
        model="suno-v5", audio_url="https://example.com/take.mp3", start_seconds=5, end_seconds=20
    )
    wav = client.suno.audio_exports.run(source_audio_id=sample.audios[0].id, source_task_id=sample.id)
    persona = client.suno.create_persona(
        source_task_id=sample.id, source_audio_id=sample.audios[0].id, name="Warm", description="A warm lead"
    ).persona
    print(client.suno.get_persona(persona.id).status)  # "available"

Their facts, and where each comes from (RunAPI's docs snapshot has none of them):

- paths and kinds: the platform contract (``suno/blend-lyrics``, ``add-samples``, ``remaster-audio``,
  ``stitch-audio`` from the official CLI's contract; ``inspire-music``, ``audio-exports``,
  ``music-from-sample``, ``music-visualizations``, ``personas``, ``voices``, ``style-expansions``,
  ``timestamped-lyrics`` from the official Python package only) and runapi-suno 0.6.0's resources
  (task resources create + poll ``GET path/{id}``; ``StyleExpansions``, ``TimestampedLyrics`` and
  ``Voices.run`` post once; ``Personas.run`` is hybrid; ``Personas.get``/``Voices.get`` read
  ``GET path/{id}``);
- models: ``add_samples``, ``remaster_audio`` and ``stitch_audio`` take :data:`AUDIO_ACTION_MODELS`
  (the contract: every music model but ``suno-v4.5-all``); ``music_from_sample`` and
  ``inspire_music`` publish no list (:data:`Model` is used, the server has the last word);
- parameters: the package's ``PersonaParams``, ``VoiceParams``, ``StyleExpansionParams``,
  ``TimestampedLyricsParams``, ``AudioExportParams``, ``MusicVisualizationParams``,
  ``MusicFromSampleParams`` (typed dicts: required and optional names); the official repository
  ``runapi-ai/suno-sdk`` for the rest: ``js/src/resources/*.ts`` (``add_samples``'s fields,
  ``inspire_music``'s ``model`` and ``audio_urls``, ``remaster_audio``'s and ``stitch_audio``'s
  ``model``, ``source_task_id``, ``audio_id``, and ``variation_category`` ``subtle``/``normal``/``high``),
  ``js/src/types/operations.ts`` (``blend_lyrics``'s ``lyrics_a``, ``lyrics_b``, ``callback_url``;
  "``end_seconds`` must exceed ``start_seconds``") and the newest ``ruby/lib/runapi/suno/contract_gen.rb``
  (required fields; ``start_seconds`` and ``end_seconds`` at least 0);
- ``add_samples`` is deprecated for ``music_from_sample`` (the package's docstring, the JS
  ``@deprecated``): it is kept, and reaching it warns with a ``DeprecationWarning``;
- answers: the package's response models (``BlendLyricsResponse``: ``lyrics``;
  ``AudioExportResponse``: ``wav_url``, ``original_task_id``; ``MusicVisualizationResponse``:
  ``video_url``, ``original_task_id``; ``MusicFromSampleResponse`` and the JS ``TextToMusicResponse``
  of the audio actions: ``audios``; ``PersonaCreationResponse``/``VoiceCreationResponse``:
  ``persona``/``voice``; ``PersonaResourceResponse``/``VoiceResourceResponse``: the same plus
  ``status``, ``"available"`` or ``"failed"``). Every task answer may carry ``generation_stage``
  (``AsyncTaskResponse``): it is on :class:`SunoTask`, the base of every task class here.

Unknowns: no source limits the lyric texts, ``prompt``, ``name`` or ``description``, the number of
``audio_urls``, or ``author``/``domain_name`` on ``music_visualizations``; none says what
``stitch_audio`` does beyond its name, nor how long a voice takes to become available. The package
lists ``suno-v6``, ``suno-v6-wild`` and ``suno-v6-mini`` among its ``MODELS`` without saying which
endpoints take them: they are not in :data:`Model` (pass them as any other string).

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
  than ``infill_start_time`` (both seconds, at least 0), which is what a window means. Newer
  source: the platform contract lists ``model`` for it (every :data:`MODELS` id), which the
  official repository ``runapi-ai/suno-sdk`` sends with ``upload_url`` (your own file) as the
  other source besides ``task_id``/``audio_id``: one pair, whole, not both.
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
  the docs do not name stays on ``task.raw``. Newer source: the platform contract adds the type
  ``split_stem_advanced`` and its ``stem_name`` (:data:`STEM_NAMES`, required with that type per
  ``runapi-ai/suno-sdk``); its answer is ``separated_audios.pairs`` (runapi-suno 0.6.0).
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
from ._core.records import GetOperation
from .errors import ValidationError

__all__ = [
    "AUDIO_ACTION_MODELS",
    "LANGUAGES",
    "MODELS",
    "PERSONAS_PATH",
    "SOUND_KEYS",
    "STEM_NAMES",
    "VOCAL_MODE_RULES",
    "VOICES_PATH",
    "AddInstrumentalParams",
    "AddSamplesParams",
    "AddVocalsParams",
    "AdvancedStemAudio",
    "AdvancedStemPair",
    "AlignedWord",
    "ArtworkTask",
    "Audio",
    "AudioActionModel",
    "AudioExportsParams",
    "BlendLyricsParams",
    "BoostStyleParams",
    "BoostedStyle",
    "CheckVoiceParams",
    "ConvertAudioParams",
    "Cover",
    "CoverAudioParams",
    "CreateMashupParams",
    "CreatePersonaParams",
    "CreateVoiceParams",
    "CreatedPersona",
    "CreatedVoice",
    "ExtendMusicParams",
    "GenerateArtworkParams",
    "GenerateLyricsParams",
    "GenerateMidiParams",
    "GeneratePersonaParams",
    "GenerateVoiceParams",
    "GetTimestampedLyricsParams",
    "InspireMusicParams",
    "Instrument",
    "Language",
    "Lyrics",
    "LyricsTask",
    "MidiNote",
    "MidiTask",
    "Model",
    "MusicFromSampleParams",
    "MusicTask",
    "MusicVideoTask",
    "MusicVisualizationsParams",
    "Persona",
    "PersonaRecord",
    "PersonaResource",
    "PersonaResult",
    "RegenerateValidationPhraseParams",
    "RemasterAudioParams",
    "ReplaceSectionParams",
    "ResourceStatus",
    "SectionTask",
    "SeparateAudioStemsParams",
    "SeparatedAudios",
    "SoundKey",
    "SoundModel",
    "StemName",
    "StemType",
    "StemsTask",
    "StitchAudioParams",
    "StyleExpansionsParams",
    "Suno",
    "SunoTask",
    "TextToMusicParams",
    "TextToSoundParams",
    "TimestampedLyrics",
    "TimestampedLyricsParams",
    "ValidationPhraseTask",
    "VariationCategory",
    "VisualizeMusicParams",
    "VoiceAvailability",
    "VoiceRecord",
    "VoiceResource",
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

StemType = Literal["separate_vocal", "split_stem", "split_stem_advanced"]
"""``separate_audio_stems``'s ``type`` (docs: Suno > Vocal & Instrument Separation; newer source:
the platform contract adds ``split_stem_advanced``)."""

StemName = Literal[
    "Lead Vocal", "Drum Kit", "Kick", "Snare", "Risers", "Bass", "Backing Vocals", "Piano", "Electric Guitar",
    "Percussion", "String Section", "Synth", "Acoustic Guitar", "Sound Effects", "Synth Pad", "Synth Bass",
    "Guitar", "Brass Section", "Organ", "Electronic Drum Kit", "Lead Electric Guitar", "Synth Keys",
    "Rhythm Electric Guitar", "Electric Piano", "Upright Bass", "Keyboards", "Distorted Electric Guitar",
    "Synth Strings", "Synth Lead", "Woodwinds", "Rhythm Acoustic Guitar", "Flute", "Harp", "Tambourine",
    "Trumpet", "Arpeggiator", "Accordion", "Fiddle", "Pedal Steel Guitar", "Synth Voice", "Violin",
    "Digital Piano", "Synth Brass", "Mandolin", "Choir", "Banjo", "Bells", "Clarinet", "Tenor Saxophone",
    "Trombone", "Shaker", "French Horn", "Glockenspiel", "Electric Bass", "Cello", "Timpani", "Harmonica",
    "Marimba", "Vibraphone", "Lap Steel Guitar", "Saxophone", "Orchestra", "Horns", "Cymbals", "Hand Clap",
    "Oboe", "Celesta", "Congas", "Drone", "Alto Saxophone", "Double Bass", "Ukulele", "Harpsichord",
    "Baritone Saxophone", "Xylophone", "Tuba", "Bass Guitar", "Whistle", "Lead Guitar", "Rhodes", "808",
    "Bongos", "Bassoon", "Cowbell", "Viola", "Sitar", "Steel Drums", "Piccolo", "Theremin", "Bagpipes",
    "Hi-Hat", "Music Box", "Melodica", "Tabla", "Koto", "Djembe", "Taiko", "Didgeridoo",
]  # fmt: skip
"""The 98 stems a ``split_stem_advanced`` separation extracts, one per task (the platform contract's
``suno/separate-audio-stems`` ``stem_name`` list, in its order; the docs snapshot predates it)."""

STEM_NAMES: tuple[StemName, ...] = get_args(StemName)

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
class SunoTask(Task):
    """What every Suno task answer may carry besides ``id``, ``status`` and ``error`` (runapi-suno
    0.6.0 ``AsyncTaskResponse``, the base of every task response model).

    Attributes:
        generation_stage: the progress of a music task: ``"text_generated"``,
            ``"first_audio_ready"``, ``"all_audios_ready"`` or ``"failed"``; ``None`` when the
            answer has none (most non-music tasks).
    """

    generation_stage: str | None = None


@attrs.frozen(kw_only=True)
class MusicTask(SunoTask):
    """A task that makes tracks: ``text_to_music``, ``extend_music``, ``add_vocals``,
    ``add_instrumental``, ``cover_audio``, ``create_mashup``, ``text_to_sound``,
    ``music_from_sample`` (and the deprecated ``add_samples``), ``inspire_music``,
    ``remaster_audio`` or ``stitch_audio``.

    Attributes:
        generation_stage: as :class:`SunoTask`.
        audios: the generated tracks (filled once completed; may hold the first one earlier).
        original_task_id: the task the tracks continue (``extend_music``: runapi-suno 0.6.0
            ``ExtendMusicResponse``); ``None`` elsewhere.
    """

    audios: list[Audio] = attrs.Factory(list)
    original_task_id: str | None = None

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
class LyricsTask(SunoTask):
    """A ``generate_lyrics`` or ``blend_lyrics`` task; ``lyrics`` holds one or more lyric sheets once
    completed (no files)."""

    lyrics: list[Lyrics] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class AdvancedStemAudio:
    """One audio of a ``split_stem_advanced`` pair (runapi-suno 0.6.0 ``AdvancedStemAudio``).

    Attributes:
        id: the audio's id. duration_seconds: its length in seconds. audio_url: MP3 URL.
    """

    id: str | None = None
    duration_seconds: float | None = None
    audio_url: str | None = None


@attrs.frozen(kw_only=True)
class AdvancedStemPair:
    """What a ``split_stem_advanced`` separation makes of one stem (runapi-suno 0.6.0
    ``AdvancedStemPair``: "extracted target stem and the remaining audio after removing it").

    Attributes:
        stem_name: the stem asked for (one of :data:`STEM_NAMES`, e.g. ``"Bass"``).
        extracted_audio: the stem alone. remaining_audio: the track without it.
    """

    stem_name: str | None = None
    extracted_audio: AdvancedStemAudio | None = None
    remaining_audio: AdvancedStemAudio | None = None


@attrs.frozen(kw_only=True)
class SeparatedAudios:
    """The stems of a separation (docs: Suno > Vocal & Instrument Separation), each an MP3 URL.

    ``separate_vocal`` fills ``instrumental_url`` and ``vocal_url``; ``split_stem`` fills the
    instrument stems present in the track (and ``vocal_url``); ``split_stem_advanced`` fills
    ``pairs`` instead, one :class:`AdvancedStemPair` for the ``stem_name`` asked for (newer source:
    runapi-suno 0.6.0 ``SeparatedAudio.pairs``).
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
    pairs: list[AdvancedStemPair] = attrs.Factory(list)

    @property
    def urls(self) -> dict[str, str]:
        """The ``<stem>_url`` fields that are set, by field name (``{"vocal_url": "https://..."}``),
        in field order (``pairs`` are not among them)."""
        return {
            name: value
            for name, value in attrs.asdict(self, recurse=False).items()
            if name.endswith("_url") and isinstance(value, str) and value
        }


@attrs.frozen(kw_only=True)
class StemsTask(SunoTask):
    """A ``separate_audio_stems`` task; ``separated_audios`` is set once completed."""

    separated_audios: SeparatedAudios | None = None

    @property
    def output_urls(self) -> list[str]:
        """Every stem URL that is set, in :class:`SeparatedAudios` field order, then each pair's
        ``extracted_audio`` and ``remaining_audio`` URL (``split_stem_advanced``)."""
        if self.separated_audios is None:
            return []
        urls = list(self.separated_audios.urls.values())
        for pair in self.separated_audios.pairs:
            urls += [
                audio.audio_url for audio in (pair.extracted_audio, pair.remaining_audio) if audio and audio.audio_url
            ]
        return urls


@attrs.frozen(kw_only=True)
class WavTask(SunoTask):
    """A ``convert_audio`` or ``audio_exports`` task; ``wav_url`` is the WAV file once completed;
    ``original_task_id`` the music task the track came from, where answered (runapi-suno 0.6.0
    ``ConvertAudioResponse``, ``AudioExportResponse``)."""

    wav_url: str | None = None
    original_task_id: str | None = None

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
class MidiTask(SunoTask):
    """A ``generate_midi`` task; ``instruments`` holds the note data once completed (no files)."""

    instruments: list[Instrument] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class ValidationPhraseTask(SunoTask):
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
class VoiceTask(SunoTask):
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
class ArtworkTask(SunoTask):
    """A ``generate_artwork`` task; ``covers`` holds the images (usually 2) once completed."""

    covers: list[Cover] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each cover's ``url`` that is set, in order."""
        return [cover.url for cover in self.covers if cover.url]


@attrs.frozen(kw_only=True)
class MusicVideoTask(SunoTask):
    """A ``visualize_music`` or ``music_visualizations`` task; ``video_url`` is the MP4 once
    completed; ``original_task_id`` the music task the track came from, where answered
    (runapi-suno 0.6.0 ``VisualizeMusicResponse``, ``MusicVisualizationResponse``)."""

    video_url: str | None = None
    original_task_id: str | None = None

    @property
    def output_urls(self) -> list[str]:
        """``[video_url]`` once set."""
        return [self.video_url] if self.video_url else []


@attrs.frozen(kw_only=True)
class SectionTask(SunoTask):
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
    """What ``boost_style`` and ``style_expansions`` answer: ``style``, the expanded comma-separated
    style description."""

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
    """What ``get_timestamped_lyrics`` and ``timestamped_lyrics`` answer.

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


ResourceStatus = Literal["available", "failed"]
"""Whether a persona or voice RunAPI keeps can be used (runapi-suno 0.6.0 ``ResourceStatus``)."""


@attrs.frozen(kw_only=True)
class PersonaResource:
    """A persona RunAPI keeps: ``id`` (a ``persona_id`` for the music endpoints), ``name``, ``description``."""

    id: str | None = None
    name: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True)
class CreatedPersona(Result):
    """What ``create_persona`` answers (at once, or as the stored result of its accepted task):
    the new ``persona`` (runapi-suno 0.6.0 ``PersonaCreationResponse``)."""

    persona: PersonaResource | None = None


@attrs.frozen(kw_only=True)
class PersonaRecord(Result):
    """What ``get_persona`` answers: the ``persona`` and its ``status`` (``"available"`` or
    ``"failed"``; runapi-suno 0.6.0 ``PersonaResourceResponse``)."""

    persona: PersonaResource | None = None
    status: str | None = None


@attrs.frozen(kw_only=True)
class VoiceResource:
    """A voice RunAPI keeps: ``id`` (usable wherever a voice persona is) and ``name``."""

    id: str | None = None
    name: str | None = None


@attrs.frozen(kw_only=True)
class CreatedVoice(Result):
    """What ``create_voice`` answers: the new ``voice`` (runapi-suno 0.6.0 ``VoiceCreationResponse``)."""

    voice: VoiceResource | None = None


@attrs.frozen(kw_only=True)
class VoiceRecord(Result):
    """What ``get_voice`` answers: the ``voice`` and its ``status``, ``"available"`` once it can be
    used, or ``"failed"`` (runapi-suno 0.6.0 ``VoiceResourceResponse``)."""

    voice: VoiceResource | None = None
    status: str | None = None


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
        if model != "suno-v5" and model in MODELS:  # a model newer than the SDK: the server decides
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
    model: Model | str
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
    model: Model | str
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
    model: Model | str
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
    model: Model | str
    callback_url: CallbackUrl | None = None


@params
class SeparateAudioStemsParams:
    """Params of ``POST /api/v1/suno/separate_audio_stems`` (docs: Suno > Vocal & Instrument Separation).

    Attributes:
        task_id: the music task's id. audio_id: the track's id (``audios[i].id``).
        type: ``"separate_vocal"`` (server default: vocals and accompaniment, 2 stems),
            ``"split_stem"`` (one stem per instrument, 12 or more) or ``"split_stem_advanced"``
            (one named stem, and the track without it: ``separated_audios.pairs``); priced
            differently.
        stem_name: the stem ``split_stem_advanced`` extracts, one of :data:`STEM_NAMES`;
            required with that type.
        callback_url: where RunAPI POSTs the result.

    Newer source: the platform contract adds ``split_stem_advanced`` and ``stem_name`` (98 values);
    the official repository ``runapi-ai/suno-sdk`` (its contract's ``rules`` and every language's
    tests) requires ``stem_name`` when ``type`` is ``split_stem_advanced``. No source says what
    ``stem_name`` does with another type: it is sent as given.
    """

    task_id: str
    audio_id: str
    type: StemType | None = None
    stem_name: StemName | None = None
    callback_url: CallbackUrl | None = None

    __rules__ = by("type", {"split_stem_advanced": rules(required=["stem_name"])})


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

    Give one source: ``task_id`` and ``audio_id`` (a generated track), or ``upload_url`` and
    ``model`` (your own audio file).

    Attributes:
        lyrics: the lyrics of the replacement section.
        tags: music style tags (a string). title: track title.
        infill_start_time, infill_end_time: the section, seconds into the track (two decimals);
            the end must be greater than the start.
        task_id: the music task's id. audio_id: the track's id.
        upload_url: URL of your audio file whose section to replace (or a local file, uploaded
            first). model: one of :data:`MODELS`, required with ``upload_url`` (and only with it).
        callback_url: where RunAPI POSTs the result.
        negative_tags: styles to exclude.
        full_lyrics: the whole track's lyrics after the change.

    Newer source: the platform contract lists ``model`` (every :data:`MODELS` id) for
    ``suno/replace-section``; the official repository ``runapi-ai/suno-sdk`` sends it with
    ``upload_url`` ("model slug for replace section operations using uploaded audio", Java
    ``ReplaceSectionModel``) and refuses a call that mixes ``task_id``/``audio_id`` with
    ``upload_url``/``model`` or gives neither pair whole (Ruby ``validate_replace_section_source!``).
    The docs snapshot knows the ``task_id``/``audio_id`` source only.
    """

    lyrics: str
    tags: str
    title: str
    infill_start_time: float = field(_seconds)
    infill_end_time: float = field(_seconds)
    task_id: str | None = None
    audio_id: str | None = None
    upload_url: HttpUrl | None = None
    model: Model | str | None = None
    callback_url: CallbackUrl | None = None
    negative_tags: str | None = None
    full_lyrics: str | None = None

    def __attrs_post_init__(self) -> None:
        track = [name for name in ("task_id", "audio_id") if getattr(self, name) is not None]
        upload = [name for name in ("upload_url", "model") if getattr(self, name) is not None]
        if track and upload:
            raise ValidationError(
                f"{upload[0]} cannot be given with {track[0]}: give task_id and audio_id (a generated track) "
                "or upload_url and model (your own audio file), not both",
                field=upload[0],
                allowed="task_id and audio_id, or upload_url and model",
            )
        if upload:
            require(self, ["upload_url", "model"], when="with an uploaded source (upload_url and model)")
        elif track:
            require(self, ["task_id", "audio_id"], when="with a generated track (task_id and audio_id)")
        else:
            raise ValidationError(
                "missing required parameter: task_id and audio_id (a generated track), "
                "or upload_url and model (your own audio file)",
                field="task_id",
                allowed="task_id and audio_id, or upload_url and model",
            )
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
    model: Model | str
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
    model: Model | str
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
    model: SoundModel | str
    sound_loop: bool | None = None
    sound_tempo: int | None = field(integer(1, 300), default=None)
    sound_key: SoundKey | None = None
    grab_lyrics: bool | None = None
    callback_url: CallbackUrl | None = None


@params
class BlendLyricsParams:
    """Params of ``POST /api/v1/suno/blend_lyrics`` (runapi-suno 0.6.0 ``BlendLyrics``).

    Attributes:
        lyrics_a, lyrics_b: the two lyric texts to blend (your own, with ``[Verse]``-style tags).
        callback_url: where RunAPI POSTs the result.
    """

    lyrics_a: str
    lyrics_b: str
    callback_url: CallbackUrl | None = None


@params
class _SampleParams:
    """A sample of your own audio to make music from (``music_from_sample``, ``add_samples``)."""

    model: Model | str
    audio_url: HttpUrl
    start_seconds: float = field(_seconds)
    end_seconds: float = field(_seconds)
    prompt: str | None = None
    callback_url: CallbackUrl | None = None

    def __attrs_post_init__(self) -> None:
        if self.end_seconds <= self.start_seconds:
            raise ValidationError(
                f"end_seconds must be greater than start_seconds ({self.start_seconds:g}); got {self.end_seconds:g}",
                field="end_seconds",
                allowed=f"a number of seconds greater than {self.start_seconds:g}",
            )


@params
class MusicFromSampleParams(_SampleParams):
    """Params of ``POST /api/v1/music_from_sample`` (runapi-suno 0.6.0 ``MusicFromSampleParams``).

    Attributes:
        model: one of :data:`MODELS` (no source lists this endpoint's models).
        audio_url: URL of your audio file (or a local file, uploaded first).
        start_seconds, end_seconds: the sample's range, seconds into the file, at least 0; the
            end must be greater than the start.
        prompt: what to make of the sample (``"Add a crisp handclap sample to the chorus"``).
        callback_url: where RunAPI POSTs each generation stage.
    """


AudioActionModel = Literal["suno-v5.5", "suno-v5", "suno-v4.5-plus", "suno-v4.5", "suno-v4"]
"""The models ``add_samples``, ``remaster_audio`` and ``stitch_audio`` take (platform contract; not
``suno-v4.5-all``)."""

AUDIO_ACTION_MODELS: tuple[AudioActionModel, ...] = get_args(AudioActionModel)


@params
class AddSamplesParams(_SampleParams):
    """Params of ``POST /api/v1/suno/add_samples`` (deprecated: use ``music_from_sample``).

    Attributes:
        model: one of :data:`AUDIO_ACTION_MODELS`.
        audio_url, start_seconds, end_seconds, prompt, callback_url: as in :class:`MusicFromSampleParams`.
    """

    model: AudioActionModel | str


@params
class InspireMusicParams:
    """Params of ``POST /api/v1/suno/inspire_music`` (runapi-suno 0.6.0 ``InspireMusic``).

    Attributes:
        model: one of :data:`MODELS` (no source lists this endpoint's models).
        audio_urls: the tracks to take inspiration from, at least one (no source gives a maximum).
        callback_url: where RunAPI POSTs each generation stage.
    """

    model: Model | str
    audio_urls: Sequence[HttpUrl] = field(url_list(min_items=1))
    callback_url: CallbackUrl | None = None


@params
class StitchAudioParams:
    """Params of ``POST /api/v1/suno/stitch_audio`` (runapi-suno 0.6.0 ``StitchAudio``).

    Attributes:
        model: one of :data:`AUDIO_ACTION_MODELS`.
        source_task_id: the music task's id. audio_id: the track's id.
        callback_url: where RunAPI POSTs each generation stage.
    """

    model: AudioActionModel | str
    source_task_id: str
    audio_id: str
    callback_url: CallbackUrl | None = None


VariationCategory = Literal["subtle", "normal", "high"]
"""How far a remaster may stray from the track (runapi-suno ``RemasterAudioParams``, js/src)."""


@params
class RemasterAudioParams(StitchAudioParams):
    """Params of ``POST /api/v1/suno/remaster_audio`` (runapi-suno 0.6.0 ``RemasterAudio``).

    Attributes:
        model, source_task_id, audio_id, callback_url: as in :class:`StitchAudioParams`.
        variation_category: ``"subtle"``, ``"normal"`` or ``"high"``.
    """

    variation_category: VariationCategory | None = None


@params
class _AudioReference:
    """A track named by its audio id (and the task that made it, where the id alone does not say)."""

    source_audio_id: str
    source_task_id: str | None = None


@params
class AudioExportsParams(_AudioReference):
    """Params of ``POST /api/v1/audio_exports`` (runapi-suno 0.6.0 ``AudioExportParams``).

    Attributes:
        source_audio_id: the track's id (``audios[i].id``) or a RunAPI-owned audio id.
        source_task_id: the music task that made it, where the audio id alone does not say.
        callback_url: where RunAPI POSTs the result.
    """

    callback_url: CallbackUrl | None = None


@params
class MusicVisualizationsParams(_AudioReference):
    """Params of ``POST /api/v1/music_visualizations`` (runapi-suno 0.6.0 ``MusicVisualizationParams``).

    Attributes:
        source_audio_id, source_task_id, callback_url: as in :class:`AudioExportParams`.
        author: artist name shown on the video. domain_name: watermark (no source limits these
            here; ``visualize_music``'s docs say 50 characters).
    """

    callback_url: CallbackUrl | None = None
    author: str | None = None
    domain_name: str | None = None


@params
class TimestampedLyricsParams(_AudioReference):
    """Params of ``POST /api/v1/timestamped_lyrics`` (runapi-suno 0.6.0 ``TimestampedLyricsParams``).

    Attributes:
        source_audio_id, source_task_id: as in :class:`AudioExportParams`.
    """


@params
class StyleExpansionsParams:
    """Params of ``POST /api/v1/style_expansions`` (runapi-suno 0.6.0 ``StyleExpansionParams``).

    Attributes:
        description: the style to expand into genre tags (``"upbeat summer pop"``).
    """

    description: str


@params
class CreatePersonaParams:
    """Params of ``POST /api/v1/personas`` (runapi-suno 0.6.0 ``PersonaParams``).

    Attributes:
        source_task_id: the music task that made the track.
        source_audio_id: the track's id, or a RunAPI-owned audio id.
        name: a recognisable name. description: the persona's musical characteristics.
    """

    source_task_id: str
    source_audio_id: str
    name: str
    description: str


@params
class CreateVoiceParams:
    """Params of ``POST /api/v1/voices`` (runapi-suno 0.6.0 ``VoiceParams``).

    Attributes:
        source_audio_url: URL of the voice recording to clone (or a local file, uploaded first).
        name: the voice's name.
    """

    source_audio_url: HttpUrl
    name: str | None = None


# -- operations ------------------------------------------------------------------------------

_SUNO = "/api/v1/suno"
PERSONAS_PATH = "/api/v1/personas"
"""Personas RunAPI keeps: ``POST`` creates one (``create_persona``), ``GET {path}/{id}`` reads it."""
VOICES_PATH = "/api/v1/voices"
"""Voices RunAPI keeps: ``POST`` creates one (``create_voice``), ``GET {path}/{id}`` reads it."""


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

    blend_lyrics = TaskOperation(f"{_SUNO}/blend_lyrics", BlendLyricsParams, LyricsTask, duration=DURATIONS["lyrics"])
    """Blend two lyric texts of your own into lyric sheets (runapi-suno 0.6.0 ``BlendLyrics``)."""

    music_from_sample = TaskOperation(
        "/api/v1/music_from_sample", MusicFromSampleParams, MusicTask, duration=DURATIONS["music"]
    )
    """Make music from a time range of your own audio file (runapi-suno 0.6.0 ``MusicFromSample``)."""

    add_samples = TaskOperation(
        f"{_SUNO}/add_samples",
        AddSamplesParams,
        MusicTask,
        duration=DURATIONS["music"],
        deprecated="music_from_sample",
    )
    """Deprecated: use ``music_from_sample``; reaching it warns (``DeprecationWarning``). The same
    request on ``/api/v1/suno/add_samples`` (runapi-suno 0.6.0 ``AddSamples``)."""

    inspire_music = TaskOperation(f"{_SUNO}/inspire_music", InspireMusicParams, MusicTask, duration=DURATIONS["music"])
    """Make music inspired by one or more tracks (runapi-suno 0.6.0 ``InspireMusic``)."""

    remaster_audio = TaskOperation(
        f"{_SUNO}/remaster_audio", RemasterAudioParams, MusicTask, duration=DURATIONS["music"]
    )
    """Remaster a generated track (runapi-suno 0.6.0 ``RemasterAudio``)."""

    stitch_audio = TaskOperation(f"{_SUNO}/stitch_audio", StitchAudioParams, MusicTask, duration=DURATIONS["music"])
    """Stitch a generated track (runapi-suno 0.6.0 ``StitchAudio``; the package says no more)."""

    audio_exports = TaskOperation("/api/v1/audio_exports", AudioExportsParams, WavTask, duration=DURATIONS["default"])
    """Export a track to a downloadable WAV file (runapi-suno 0.6.0 ``AudioExports``; what
    ``convert_audio`` does, by audio id)."""

    music_visualizations = TaskOperation(
        "/api/v1/music_visualizations", MusicVisualizationsParams, MusicVideoTask, duration=DURATIONS["default"]
    )
    """Render an MP4 visualisation of a track (runapi-suno 0.6.0 ``MusicVisualizations``; what
    ``visualize_music`` does, by audio id)."""

    style_expansions = DirectOperation("/api/v1/style_expansions", StyleExpansionsParams, BoostedStyle)
    """Expand a style description into genre tags; answers at once (runapi-suno 0.6.0
    ``StyleExpansions``; what ``boost_style`` does)."""

    timestamped_lyrics = DirectOperation("/api/v1/timestamped_lyrics", TimestampedLyricsParams, TimestampedLyrics)
    """A track's lyrics with word timings, by audio id; answers at once (runapi-suno 0.6.0
    ``TimestampedLyrics``)."""

    create_persona = DirectOperation(PERSONAS_PATH, CreatePersonaParams, CreatedPersona)
    """Make a persona RunAPI keeps from a track; answers it at once, or accepts the work (``202`` +
    ``Location``) and the call follows it to the same answer (runapi-suno 0.6.0 ``Personas.run``,
    ``_run_hybrid``)."""

    get_persona = GetOperation(PERSONAS_PATH, PersonaRecord)
    """One persona by its id, with its ``status`` (``GET /api/v1/personas/{id}``; ``Personas.get``)."""

    create_voice = DirectOperation(VOICES_PATH, CreateVoiceParams, CreatedVoice)
    """Make a voice RunAPI keeps from a recording; answers it at once (runapi-suno 0.6.0 ``Voices.run``)."""

    get_voice = GetOperation(VOICES_PATH, VoiceRecord)
    """One voice by its id, with its ``status``: ``"available"`` once it can be used (``GET
    /api/v1/voices/{id}``; ``Voices.get``)."""
