"""runapi: the Python SDK for the RunAPI platform (runapi.ai).

One :class:`Client` reaches every model family as an attribute::

    import runapi

    client = runapi.Client()  # reads RUNAPI_API_KEY
    task = client.suno.text_to_music.run(vocal_mode="instrumental", model="suno-v5", prompt="lo-fi")
    print(task.audios[0].audio_url)

Families live in their own modules (``runapi.suno``, ``runapi.nano_banana``, ``runapi.veo_3_1``),
loaded on first use; so are the client and the local emulator (``runapi.emulator``), which keeps
``import runapi`` cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import errors
from ._families import FAMILIES
from ._version import __version__
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    IdempotencyConflictError,
    InternalServerError,
    MissingAPIKeyError,
    MissingManagementKeyError,
    NotFoundError,
    PayloadTooLargeError,
    PaymentRequiredError,
    PermissionDeniedError,
    Problem,
    RateLimitError,
    RequestTimeoutError,
    RunAPIError,
    ServerError,
    ServiceUnavailableError,
    TaskFailedError,
    TaskTimeoutError,
    UnknownValueWarning,
    UnprocessableEntityError,
    UnsupportedMediaTypeError,
    ValidationError,
)

if TYPE_CHECKING:
    # explicit re-exports (the redundant alias): ``__all__`` lists the families only at run time
    from . import (
        elevenlabs as elevenlabs,
        emulator as emulator,
        fish_audio as fish_audio,
        flux as flux,
        flux_2 as flux_2,
        flux_kontext as flux_kontext,
        gemini_omni as gemini_omni,
        gemini_tts as gemini_tts,
        gpt_4o_image as gpt_4o_image,
        gpt_image as gpt_image,
        gpt_image_2 as gpt_image_2,
        gpt_image_2_5 as gpt_image_2_5,
        grok_imagine as grok_imagine,
        hailuo as hailuo,
        happyhorse as happyhorse,
        heygen_video as heygen_video,
        ideogram_v3 as ideogram_v3,
        imagen_4 as imagen_4,
        infinitetalk as infinitetalk,
        kling as kling,
        llm as llm,
        luma as luma,
        management as management,
        midjourney as midjourney,
        minimax_h3 as minimax_h3,
        nano_banana as nano_banana,
        omnihuman as omnihuman,
        openai_transcription as openai_transcription,
        openai_tts as openai_tts,
        pixverse as pixverse,
        producer as producer,
        qwen_2 as qwen_2,
        qwen_2_1 as qwen_2_1,
        qwen_3 as qwen_3,
        qwen_image as qwen_image,
        recraft as recraft,
        runway as runway,
        runway_aleph as runway_aleph,
        seedance as seedance,
        seedream as seedream,
        suno as suno,
        topaz as topaz,
        veo_3_1 as veo_3_1,
        vidu as vidu,
        volcengine_lip_sync as volcengine_lip_sync,
        wan as wan,
        webhooks as webhooks,
        z_image as z_image,
    )
    from ._async_client import AsyncClient
    from ._async_management import AsyncManagementClient
    from ._client import Client
    from ._core.client import Account, Balance, RequestOptions
    from ._core.download import Download
    from ._core.files import UploadedFile
    from ._core.models import Result, Task, TaskResult, TaskResultResponse, TaskUsage
    from ._core.pricing import AsyncPricing, PriceQuote, PriceSchedule, PriceSchedules, Pricing
    from ._core.stored_files import (
        DeletedFile,
        DirectUpload,
        FileList,
        FileObject,
        UploadInterruptedError,
        UploadObject,
        UploadPart,
        UploadProgress,
    )
    from ._core.transport import Timeout
    from .management import ManagementClient

__all__ = [  # the model families are added below, from runapi._families
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Account",
    "AsyncClient",
    "AsyncManagementClient",
    "AsyncPricing",
    "AuthenticationError",
    "BadRequestError",
    "Balance",
    "Client",
    "DeletedFile",
    "DirectUpload",
    "Download",
    "FileList",
    "FileObject",
    "IdempotencyConflictError",
    "InternalServerError",
    "ManagementClient",
    "MissingAPIKeyError",
    "MissingManagementKeyError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "PriceQuote",
    "PriceSchedule",
    "PriceSchedules",
    "Pricing",
    "Problem",
    "RateLimitError",
    "RequestOptions",
    "RequestTimeoutError",
    "Result",
    "RunAPIError",
    "ServerError",
    "ServiceUnavailableError",
    "Task",
    "TaskFailedError",
    "TaskResult",
    "TaskResultResponse",
    "TaskTimeoutError",
    "TaskUsage",
    "Timeout",
    "UnknownValueWarning",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "UploadInterruptedError",
    "UploadObject",
    "UploadPart",
    "UploadProgress",
    "UploadedFile",
    "ValidationError",
    "__version__",
    "emulator",
    "errors",
    "llm",
    "management",
    "webhooks",
]
__all__ += [family.name for family in FAMILIES]

# name -> module that defines it; imported on first attribute access (PEP 562)
_LAZY = {
    "AsyncClient": "runapi._async_client",
    "AsyncManagementClient": "runapi._async_management",
    "Client": "runapi._client",
    "Account": "runapi._core.client",
    "Balance": "runapi._core.client",
    "ManagementClient": "runapi.management",
    "RequestOptions": "runapi._core.client",
    "Download": "runapi._core.download",
    "Result": "runapi._core.models",
    "Task": "runapi._core.models",
    "TaskUsage": "runapi._core.models",
    "TaskResult": "runapi._core.models",
    "TaskResultResponse": "runapi._core.models",
    "AsyncPricing": "runapi._core.pricing",
    "PriceQuote": "runapi._core.pricing",
    "PriceSchedule": "runapi._core.pricing",
    "PriceSchedules": "runapi._core.pricing",
    "Pricing": "runapi._core.pricing",
    "Timeout": "runapi._core.transport",
    "UploadedFile": "runapi._core.files",
    "DeletedFile": "runapi._core.stored_files",
    "DirectUpload": "runapi._core.stored_files",
    "FileList": "runapi._core.stored_files",
    "FileObject": "runapi._core.stored_files",
    "UploadInterruptedError": "runapi._core.stored_files",
    "UploadObject": "runapi._core.stored_files",
    "UploadPart": "runapi._core.stored_files",
    "UploadProgress": "runapi._core.stored_files",
}
_SUBMODULES = {
    "emulator",
    "llm",
    "management",
    "webhooks",
}
_SUBMODULES |= {family.name for family in FAMILIES}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"runapi.{name}")
    else:
        raise AttributeError(f"module 'runapi' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
