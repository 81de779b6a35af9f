"""The typed table of families, shared by ``runapi.Client`` and ``runapi.AsyncClient``.

The families are listed once, in :mod:`runapi._families`. The table here (``_Families``) writes
each out again only because type checkers need it typed (``client.suno`` is a ``Suno``); each
line names nothing but the attribute and its class, and ``tests/test_family_list.py`` holds it against
the list. A module of its own, importing neither client's transport: ``runapi.Client``
(``runapi/_client.py``, on ``requests``) and ``runapi.AsyncClient`` (``runapi/_async_client.py``, on
aiohttp) each load only their own. Each family's module is imported the first time its attribute is
read, so ``import runapi`` and a client stay cheap however many families there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic

from ._core.families import ClientT, FamilyAttribute
from ._families import by_name

if TYPE_CHECKING:
    from .elevenlabs import ElevenLabs
    from .fish_audio import FishAudio
    from .flux import Flux
    from .flux_2 import Flux2
    from .flux_kontext import FluxKontext
    from .gemini_omni import GeminiOmni
    from .gemini_tts import GeminiTts
    from .gpt_4o_image import Gpt4oImage
    from .gpt_image import GptImage
    from .gpt_image_2 import GptImage2
    from .gpt_image_2_5 import GptImage25
    from .grok_imagine import GrokImagine
    from .hailuo import Hailuo
    from .happyhorse import HappyHorse
    from .heygen_video import HeyGenVideo
    from .ideogram_v3 import IdeogramV3
    from .imagen_4 import Imagen4
    from .infinitetalk import InfiniteTalk
    from .kling import Kling
    from .luma import Luma
    from .midjourney import Midjourney
    from .minimax_h3 import MiniMaxH3
    from .nano_banana import NanoBanana
    from .omnihuman import Omnihuman
    from .openai_transcription import OpenaiTranscription
    from .openai_tts import OpenaiTts
    from .pixverse import PixVerse
    from .producer import Producer
    from .qwen_2 import Qwen2
    from .qwen_2_1 import Qwen21
    from .qwen_3 import Qwen3
    from .qwen_image import QwenImage
    from .recraft import Recraft
    from .runway import Runway
    from .runway_aleph import RunwayAleph
    from .seedance import Seedance
    from .seedream import Seedream
    from .suno import Suno
    from .topaz import Topaz
    from .veo_3_1 import Veo31
    from .vidu import Vidu
    from .volcengine_lip_sync import VolcengineLipSync
    from .wan import Wan
    from .z_image import ZImage

__all__: list[str] = []


class _Listed(FamilyAttribute[Any]):
    """A family attribute whose module and class come from :data:`runapi._families.FAMILIES`, by its name."""

    def __init__(self) -> None:
        super().__init__("", "")

    def __set_name__(self, owner: type, attribute: str) -> None:
        family = by_name().get(attribute)
        if family is None:
            raise TypeError(f"{owner.__name__}.{attribute} is not in runapi._families.FAMILIES")
        self.module, self.name, self.attribute = f"runapi.{family.name}", family.cls, attribute


def _listed() -> Any:
    """``client.<name>``: the family of that name in :data:`runapi._families.FAMILIES` (typed by the annotation)."""
    return _Listed()


class _Families(Generic[ClientT]):
    """The one table of families, shared by :class:`Client` and :class:`AsyncClient`.

    Generic in the client, so each family's operations are typed for the client they are reached
    through: called on a ``Client``, awaited on an ``AsyncClient``.
    """

    suno: FamilyAttribute[Suno[ClientT]] = _listed()
    elevenlabs: FamilyAttribute[ElevenLabs[ClientT]] = _listed()
    nano_banana: FamilyAttribute[NanoBanana[ClientT]] = _listed()
    veo_3_1: FamilyAttribute[Veo31[ClientT]] = _listed()
    runway: FamilyAttribute[Runway[ClientT]] = _listed()
    runway_aleph: FamilyAttribute[RunwayAleph[ClientT]] = _listed()
    luma: FamilyAttribute[Luma[ClientT]] = _listed()
    seedance: FamilyAttribute[Seedance[ClientT]] = _listed()
    hailuo: FamilyAttribute[Hailuo[ClientT]] = _listed()
    kling: FamilyAttribute[Kling[ClientT]] = _listed()
    wan: FamilyAttribute[Wan[ClientT]] = _listed()
    happyhorse: FamilyAttribute[HappyHorse[ClientT]] = _listed()
    grok_imagine: FamilyAttribute[GrokImagine[ClientT]] = _listed()
    topaz: FamilyAttribute[Topaz[ClientT]] = _listed()
    infinitetalk: FamilyAttribute[InfiniteTalk[ClientT]] = _listed()
    gemini_omni: FamilyAttribute[GeminiOmni[ClientT]] = _listed()
    flux_kontext: FamilyAttribute[FluxKontext[ClientT]] = _listed()
    flux_2: FamilyAttribute[Flux2[ClientT]] = _listed()
    seedream: FamilyAttribute[Seedream[ClientT]] = _listed()
    imagen_4: FamilyAttribute[Imagen4[ClientT]] = _listed()
    z_image: FamilyAttribute[ZImage[ClientT]] = _listed()
    gpt_image: FamilyAttribute[GptImage[ClientT]] = _listed()
    gpt_image_2: FamilyAttribute[GptImage2[ClientT]] = _listed()
    gpt_4o_image: FamilyAttribute[Gpt4oImage[ClientT]] = _listed()
    qwen_2: FamilyAttribute[Qwen2[ClientT]] = _listed()
    recraft: FamilyAttribute[Recraft[ClientT]] = _listed()
    ideogram_v3: FamilyAttribute[IdeogramV3[ClientT]] = _listed()
    qwen_2_1: FamilyAttribute[Qwen21[ClientT]] = _listed()
    qwen_3: FamilyAttribute[Qwen3[ClientT]] = _listed()
    qwen_image: FamilyAttribute[QwenImage[ClientT]] = _listed()
    flux: FamilyAttribute[Flux[ClientT]] = _listed()
    gpt_image_2_5: FamilyAttribute[GptImage25[ClientT]] = _listed()
    pixverse: FamilyAttribute[PixVerse[ClientT]] = _listed()
    vidu: FamilyAttribute[Vidu[ClientT]] = _listed()
    heygen_video: FamilyAttribute[HeyGenVideo[ClientT]] = _listed()
    minimax_h3: FamilyAttribute[MiniMaxH3[ClientT]] = _listed()
    omnihuman: FamilyAttribute[Omnihuman[ClientT]] = _listed()
    volcengine_lip_sync: FamilyAttribute[VolcengineLipSync[ClientT]] = _listed()
    midjourney: FamilyAttribute[Midjourney[ClientT]] = _listed()
    producer: FamilyAttribute[Producer[ClientT]] = _listed()
    gemini_tts: FamilyAttribute[GeminiTts[ClientT]] = _listed()
    openai_tts: FamilyAttribute[OpenaiTts[ClientT]] = _listed()
    fish_audio: FamilyAttribute[FishAudio[ClientT]] = _listed()
    openai_transcription: FamilyAttribute[OpenaiTranscription[ClientT]] = _listed()
