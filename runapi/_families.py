"""The model families, listed once: everything else that names them is derived from this list.

Dependency-free (it imports nothing), so ``import runapi`` and the command line read it for free.
Derived from it: ``runapi.__all__`` and the lazy submodules of ``runapi`` (``runapi.suno``, ...),
the operation registry (:func:`operations`: the command line, the batch runner and
callback typing look operations up there), and the family list in :class:`runapi.Client`'s
docstring. The typed client table (``runapi._family_table._Families``), which type checkers need
written out, is held against this list by ``tests/test_family_list.py``; so is the README's family
table. See ``docs/architecture.md``, "Adding a family".
"""

from __future__ import annotations

import functools
import importlib
from typing import Any, NamedTuple

__all__ = ["FAMILIES", "Family", "by_name", "family_operations", "operation"]


class Family(NamedTuple):
    """One model family.

    Attributes:
        name: the module under ``runapi`` and the client attribute (``"veo_3_1"``).
        cls: the :class:`runapi._core.operations.Family` subclass the module defines (``"Veo31"``).
        title: its name as RunAPI's docs write it (``"Veo 3.1"``).
        summary: what it does, one line (the ``Client`` docstring's entry).
    """

    name: str
    cls: str
    title: str
    summary: str


FAMILIES: tuple[Family, ...] = (
    Family("suno", "Suno", "Suno", "music and lyrics"),
    Family("elevenlabs", "ElevenLabs", "ElevenLabs", "speech, dialogue, sound effects and transcription"),
    Family("nano_banana", "NanoBanana", "Nano Banana", "images"),
    Family("veo_3_1", "Veo31", "Veo 3.1", "video"),
    Family("runway", "Runway", "Runway", "text/image-to-video and video extension"),
    Family("runway_aleph", "RunwayAleph", "Runway Aleph", "video editing"),
    Family("luma", "Luma", "Luma", "video modification"),
    Family("seedance", "Seedance", "Seedance", "text/image-to-video, six models"),
    Family("hailuo", "Hailuo", "Hailuo", "text-to-video and image-to-video"),
    Family("kling", "Kling", "Kling", "text/image-to-video (multi-shot, elements), AI avatars, motion control"),
    Family("wan", "Wan", "Wan", "text/image/speech-to-video, animation, images and video edits"),
    Family("happyhorse", "HappyHorse", "HappyHorse", "text/character/image-to-video and video edits"),
    Family(
        "grok_imagine",
        "GrokImagine",
        "Grok Imagine",
        "text/image-to-video, images, image edits, video extension and upscaling",
    ),
    Family("topaz", "Topaz", "Topaz", "image and video upscaling"),
    Family("infinitetalk", "InfiniteTalk", "InfiniteTalk", "lip-sync video from an image and audio"),
    Family("gemini_omni", "GeminiOmni", "Gemini Omni", "voices and characters (direct) and text-to-video"),
    Family("flux_kontext", "FluxKontext", "Flux Kontext", "image generation and source-image editing"),
    Family("flux_2", "Flux2", "Flux 2", "text-to-image and remix-image"),
    Family("seedream", "Seedream", "Seedream", "text-to-image and image edits, 4.5 / 5-Lite / v4"),
    Family("imagen_4", "Imagen4", "Imagen 4", "text-to-image and pro remix image"),
    Family("z_image", "ZImage", "Z-Image", "text-to-image"),
    Family("gpt_image", "GptImage", "GPT Image", "text-to-image and image edits, gpt-image-1.5"),
    Family("gpt_image_2", "GptImage2", "GPT Image 2", "text-to-image and image edits, gpt-image-2"),
    Family("gpt_4o_image", "Gpt4oImage", "GPT-4o Image", "prompt-only, image-guided and variant images"),
    Family("qwen_2", "Qwen2", "Qwen 2", "text-to-image, image remixes and image edits"),
    Family("recraft", "Recraft", "Recraft", "image upscaling and background removal"),
    Family(
        "ideogram_v3",
        "IdeogramV3",
        "Ideogram V3",
        "text-to-image, inpainting edits, remixes and reframing, plain or character-guided",
    ),
    Family("qwen_2_1", "Qwen21", "Qwen 2.1", "text-to-image and image edits"),
    Family("qwen_3", "Qwen3", "Qwen 3", "text-to-image and image edits, standard and Pro"),
    Family("qwen_image", "QwenImage", "Qwen Image", "text-to-image, image remixes and image edits"),
    Family("flux", "Flux", "Flux", "text-to-image and one-image remix, Flux Dev / Pro / 2 Klein"),
    Family("gpt_image_2_5", "GptImage25", "GPT Image 2.5", "text-to-image and image edits, Flare and Sunburst"),
    Family("pixverse", "PixVerse", "PixVerse", "text/image-to-video, reference edits, transitions and extensions, V6"),
    Family("vidu", "Vidu", "Vidu", "image-to-video and reference-to-video, Q4"),
    Family("heygen_video", "HeyGenVideo", "HeyGen Video", "text-to-video and image-to-video"),
    Family("minimax_h3", "MiniMaxH3", "MiniMax H3", "text-to-video with reference media and first/last-frame video"),
    Family("omnihuman", "Omnihuman", "OmniHuman", "audio-driven talking video, human identification and subject masks"),
    Family("volcengine_lip_sync", "VolcengineLipSync", "Volcengine Lip Sync", "lip-sync a video to an audio track"),
    Family(
        "midjourney",
        "Midjourney",
        "Midjourney",
        "images, edits, image-to-video and its extension, seed lookup and prompt helpers",
    ),
    Family("producer", "Producer", "Producer", "FUZZ music from exact lyrics or an instrumental brief"),
    Family("gemini_tts", "GeminiTts", "Gemini TTS", "multi-speaker speech from dialogue turns"),
    Family("openai_tts", "OpenaiTts", "OpenAI TTS", "speech from text, tts-1 / tts-1-hd (direct)"),
    Family("fish_audio", "FishAudio", "Fish Audio", "speech (direct) and the account's reusable voices"),
    Family(
        "openai_transcription",
        "OpenaiTranscription",
        "OpenAI Transcription",
        "audio file to text, JSON or SRT/VTT (multipart)",
    ),
)
"""Every family, in the order the README and the ``Client`` docstring list them."""


def by_name() -> dict[str, Family]:
    """The families by :attr:`Family.name`."""
    return {family.name: family for family in FAMILIES}


@functools.cache
def family_operations(family: str) -> dict[str, tuple[str, str, Any]]:
    """One family's task and direct operations by ``"family.operation"``: (attribute, operation name, operation).

    Imports that family's module only (once), so ``runapi run kling.text_to_video`` loads Kling
    and none of the other families; ``{}`` for a name not in :data:`FAMILIES`. Upload and record
    operations are not listed (as in :func:`operations`, which joins every family's).
    """
    listed = by_name().get(family)
    if listed is None:
        return {}
    from ._core.operations import DirectOperation, TaskOperation

    cls = getattr(importlib.import_module(f"runapi.{listed.name}"), listed.cls)
    return {
        f"{listed.name}.{name}": (listed.name, name, found)
        for name, found in vars(cls).items()
        if isinstance(found, TaskOperation | DirectOperation)
    }


@functools.cache
def operations() -> dict[str, tuple[str, str, Any]]:
    """Every operation of every family, by ``"family.operation"``: (family attribute, operation name, operation).

    Imports every family module (once): for the places that need them all (callback typing,
    ``runapi run --help``'s list). One name is looked up with :func:`operation`, which imports only
    its family. Loads no client or transport.
    """
    found: dict[str, tuple[str, str, Any]] = {}
    for listed in FAMILIES:
        found.update(family_operations(listed.name))
    return found


def operation(name: str) -> tuple[str, str, Any] | None:
    """The operation named ``"family.operation"`` (as :func:`family_operations` gives it), or ``None``.

    Imports only the named family's module.
    """
    family, dot, _ = name.partition(".")
    return family_operations(family).get(name) if dot else None
