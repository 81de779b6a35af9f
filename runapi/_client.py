"""``runapi.Client``: the client core plus one lazily imported attribute per model family.

This table (``_Families``) is the one place that lists the families; ``runapi.AsyncClient``
(``runapi/_async_client.py``) inherits it too. Each family's module is imported the first
time its attribute is read, so ``import runapi`` and a client stay cheap however many families
there are. Adding a family is one line here (and its module name in ``runapi.__init__``).
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any, Generic

from ._core.client import BaseClient
from ._core.operations import ClientT, FamilyAttribute

if TYPE_CHECKING:
    from .elevenlabs import ElevenLabs
    from .flux_2 import Flux2
    from .flux_kontext import FluxKontext
    from .gemini_omni import GeminiOmni
    from .gpt_4o_image import Gpt4oImage
    from .gpt_image import GptImage
    from .gpt_image_2 import GptImage2
    from .grok_imagine import GrokImagine
    from .hailuo import Hailuo
    from .happyhorse import HappyHorse
    from .ideogram_v3 import IdeogramV3
    from .imagen_4 import Imagen4
    from .infinitetalk import InfiniteTalk
    from .kling import Kling
    from .luma import Luma
    from .nano_banana import NanoBanana
    from .qwen_2 import Qwen2
    from .recraft import Recraft
    from .runway import Runway
    from .runway_aleph import RunwayAleph
    from .seedance import Seedance
    from .seedream import Seedream
    from .suno import Suno
    from .topaz import Topaz
    from .veo_3_1 import Veo31
    from .wan import Wan
    from .z_image import ZImage

__all__ = ["Client", "operations"]


class _Families(Generic[ClientT]):
    """The one table of families, shared by :class:`Client` and :class:`AsyncClient`.

    Generic in the client, so each family's operations are typed for the client they are reached
    through: called on a ``Client``, awaited on an ``AsyncClient``.
    """

    suno: FamilyAttribute[Suno[ClientT]] = FamilyAttribute("runapi.suno", "Suno")
    nano_banana: FamilyAttribute[NanoBanana[ClientT]] = FamilyAttribute("runapi.nano_banana", "NanoBanana")
    veo_3_1: FamilyAttribute[Veo31[ClientT]] = FamilyAttribute("runapi.veo_3_1", "Veo31")
    elevenlabs: FamilyAttribute[ElevenLabs[ClientT]] = FamilyAttribute("runapi.elevenlabs", "ElevenLabs")
    runway: FamilyAttribute[Runway[ClientT]] = FamilyAttribute("runapi.runway", "Runway")
    runway_aleph: FamilyAttribute[RunwayAleph[ClientT]] = FamilyAttribute("runapi.runway_aleph", "RunwayAleph")
    luma: FamilyAttribute[Luma[ClientT]] = FamilyAttribute("runapi.luma", "Luma")
    seedance: FamilyAttribute[Seedance[ClientT]] = FamilyAttribute("runapi.seedance", "Seedance")
    hailuo: FamilyAttribute[Hailuo[ClientT]] = FamilyAttribute("runapi.hailuo", "Hailuo")
    kling: FamilyAttribute[Kling[ClientT]] = FamilyAttribute("runapi.kling", "Kling")
    wan: FamilyAttribute[Wan[ClientT]] = FamilyAttribute("runapi.wan", "Wan")
    happyhorse: FamilyAttribute[HappyHorse[ClientT]] = FamilyAttribute("runapi.happyhorse", "HappyHorse")
    grok_imagine: FamilyAttribute[GrokImagine[ClientT]] = FamilyAttribute("runapi.grok_imagine", "GrokImagine")
    topaz: FamilyAttribute[Topaz[ClientT]] = FamilyAttribute("runapi.topaz", "Topaz")
    infinitetalk: FamilyAttribute[InfiniteTalk[ClientT]] = FamilyAttribute("runapi.infinitetalk", "InfiniteTalk")
    gemini_omni: FamilyAttribute[GeminiOmni[ClientT]] = FamilyAttribute("runapi.gemini_omni", "GeminiOmni")
    flux_kontext: FamilyAttribute[FluxKontext[ClientT]] = FamilyAttribute("runapi.flux_kontext", "FluxKontext")
    flux_2: FamilyAttribute[Flux2[ClientT]] = FamilyAttribute("runapi.flux_2", "Flux2")
    seedream: FamilyAttribute[Seedream[ClientT]] = FamilyAttribute("runapi.seedream", "Seedream")
    imagen_4: FamilyAttribute[Imagen4[ClientT]] = FamilyAttribute("runapi.imagen_4", "Imagen4")
    z_image: FamilyAttribute[ZImage[ClientT]] = FamilyAttribute("runapi.z_image", "ZImage")
    gpt_image: FamilyAttribute[GptImage[ClientT]] = FamilyAttribute("runapi.gpt_image", "GptImage")
    gpt_image_2: FamilyAttribute[GptImage2[ClientT]] = FamilyAttribute("runapi.gpt_image_2", "GptImage2")
    gpt_4o_image: FamilyAttribute[Gpt4oImage[ClientT]] = FamilyAttribute("runapi.gpt_4o_image", "Gpt4oImage")
    qwen_2: FamilyAttribute[Qwen2[ClientT]] = FamilyAttribute("runapi.qwen_2", "Qwen2")
    recraft: FamilyAttribute[Recraft[ClientT]] = FamilyAttribute("runapi.recraft", "Recraft")
    ideogram_v3: FamilyAttribute[IdeogramV3[ClientT]] = FamilyAttribute("runapi.ideogram_v3", "IdeogramV3")


class Client(_Families["Client"], BaseClient):
    """A RunAPI client: auth, retries, task polling, and every model family as an attribute.

    One client holds one connection pool; share it across threads and requests (e.g. one per
    Django process). Use it as a context manager, or call :meth:`close`, to release connections.
    The constructor's options are described on :class:`runapi._core.client.BaseClient`; every
    family attribute below is imported on first use.

    Families:
        suno: Suno music and lyrics (``runapi.suno``).
        nano_banana: Nano Banana images (``runapi.nano_banana``).
        veo_3_1: Veo 3.1 video (``runapi.veo_3_1``).
        elevenlabs: ElevenLabs speech, dialogue, sound effects and transcription (``runapi.elevenlabs``).
        runway: Runway text/image-to-video and video extension (``runapi.runway``).
        runway_aleph: Runway Aleph video editing (``runapi.runway_aleph``).
        luma: Luma video modification (``runapi.luma``).
        seedance: Seedance text/image-to-video, six models (``runapi.seedance``).
        hailuo: Hailuo text-to-video and image-to-video (``runapi.hailuo``).
        kling: Kling text/image-to-video (multi-shot, elements), AI avatars, motion control (``runapi.kling``).
        wan: Wan text/image/speech-to-video, animation, images and video edits (``runapi.wan``).
        happyhorse: HappyHorse text/character/image-to-video and video edits (``runapi.happyhorse``).
        grok_imagine: Grok Imagine text/image-to-video, images, image edits, video extension and upscaling
            (``runapi.grok_imagine``).
        topaz: Topaz image and video upscaling (``runapi.topaz``).
        infinitetalk: InfiniteTalk lip-sync video from an image and audio (``runapi.infinitetalk``).
        gemini_omni: Gemini Omni voices and characters (direct) and text-to-video (``runapi.gemini_omni``).
        flux_kontext: Flux Kontext image generation and source-image editing (``runapi.flux_kontext``).
        flux_2: Flux 2 text-to-image and remix-image (``runapi.flux_2``).
        seedream: Seedream text-to-image and image edits, 4.5 / 5-Lite / v4 (``runapi.seedream``).
        imagen_4: Imagen 4 text-to-image and pro remix image (``runapi.imagen_4``).
        z_image: Z-Image text-to-image (``runapi.z_image``).
        gpt_image: GPT Image text-to-image and image edits, ``gpt-image-1.5`` (``runapi.gpt_image``).
        gpt_image_2: GPT Image 2 text-to-image and image edits, ``gpt-image-2`` (``runapi.gpt_image_2``).
        gpt_4o_image: GPT-4o Image prompt-only, image-guided and variant images (``runapi.gpt_4o_image``).
        qwen_2: Qwen 2 text-to-image, image remixes and image edits (``runapi.qwen_2``).
        recraft: Recraft image upscaling and background removal (``runapi.recraft``).
        ideogram_v3: Ideogram V3 text-to-image, inpainting edits, remixes and reframing, plain or
            character-guided (``runapi.ideogram_v3``).
    """


@functools.cache
def operations() -> dict[str, tuple[str, str, Any]]:
    """Every operation of every family, by ``"family.operation"``: (family attribute, operation name, operation).

    Imports every family module (once); what the command line, the batch runner and callback typing
    look operations up in.
    """
    from ._core.operations import DirectOperation, TaskOperation

    found: dict[str, tuple[str, str, Any]] = {}
    for attribute, value in vars(_Families).items():
        if isinstance(value, FamilyAttribute):
            family = getattr(importlib.import_module(value.module), value.name)
            for name, operation in vars(family).items():
                if isinstance(operation, TaskOperation | DirectOperation):
                    found[f"{attribute}.{name}"] = (attribute, name, operation)
    return found
