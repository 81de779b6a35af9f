"""The model families, listed once: everything else that names them is derived from this list.

Dependency-free (it imports nothing), so ``import runapi`` and the command line read it for free.
Derived from it: ``runapi.__all__`` and the lazy submodules of ``runapi`` (``runapi.suno``, ...),
the operation registry (:func:`runapi._client.operations`: the command line, the batch runner and
callback typing look operations up there), and the family list in :class:`runapi.Client`'s
docstring. The typed client table (``runapi._client._Families``), which type checkers need
written out, is held against this list by ``tests/test_family_list.py``; so is the README's family
table. See ``docs/architecture.md``, "Adding a family".
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["FAMILIES", "Family", "by_name"]


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
)
"""Every family, in the order the README and the ``Client`` docstring list them."""


def by_name() -> dict[str, Family]:
    """The families by :attr:`Family.name`."""
    return {family.name: family for family in FAMILIES}
