"""Every endpoint of the video families over real HTTP: Kling, Seedance, Runway, Runway Aleph, Wan,
Luma, Hailuo, HappyHorse, Grok Imagine, Topaz, InfiniteTalk and Gemini Omni.

Bodies are the docs' curl examples (``callback_url`` left out; tests add it where needed); where
the docs print none (Runway extend_video, Hailuo), a body built from the parameter table. The
expected required fields, choices, payload keys and failure texts are written here from the docs,
not read from the emulator's rows. A ``source_task_id`` naming an earlier task is filled in with a
completed task of the right kind, completed by moving the fake clock (nothing sleeps).
"""

from __future__ import annotations

from typing import Any

import pytest

from runapi.emulator import FAILURE_TOKEN
from runapi.emulator._catalog import BY_PATH, ENDPOINTS
from runapi.emulator._video import ENDPOINTS as VIDEO_ENDPOINTS

from .conftest import COMPLETE_AFTER, Api, FakeClock, Receiver, complete as run, finish
from .test_media import assert_mp4, assert_png, fetch
from .test_video_official import PATHS as OFFICIAL_PATHS

KLING = "/api/v1/kling"
SEEDANCE = "/api/v1/seedance"
RUNWAY = "/api/v1/runway"
ALEPH = "/api/v1/runway_aleph"
WAN = "/api/v1/wan"
LUMA = "/api/v1/luma"
HAILUO = "/api/v1/hailuo"
HAPPYHORSE = "/api/v1/happyhorse"
GROK = "/api/v1/grok_imagine"
TOPAZ = "/api/v1/topaz"
INFINITETALK = "/api/v1/infinitetalk"
GEMINI = "/api/v1/gemini_omni"
FAMILIES = (KLING, SEEDANCE, RUNWAY, ALEPH, WAN, LUMA, HAILUO, HAPPYHORSE, GROK, TOPAZ, INFINITETALK, GEMINI)

TASK = "<task>"  # replaced by the id of a completed source task
UNKNOWN = "00000000-0000-4000-8000-000000000000"
SAMPLES = "https://cdn.runapi.ai/public/samples"
PORTRAIT = f"{SAMPLES}/portrait.jpg"
VOICE = f"{SAMPLES}/voice.mp3"
VIDEO = f"{SAMPLES}/video.mp4"
IMAGE = f"{SAMPLES}/image.jpg"
I2V_IMAGE = f"{SAMPLES}/image-to-video.jpg"
GOOGLE_VIDEO = "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerJoyrides.mp4"

# One documented create body per task path (the first curl example of its section).
TASK_BODIES: dict[str, dict[str, Any]] = {
    f"{KLING}/text_to_video": {
        "model": "kling-3.0",
        "prompt": "A cinematic drone shot of a mountain lake at sunrise with mist rising from the water",
        "aspect_ratio": "16:9",
        "duration_seconds": 8,
        "output_resolution": "1080p",
    },
    f"{KLING}/image_to_video": {
        "model": "kling-v2.1-pro",
        "prompt": "The camera glides forward as the subject turns toward warm sunlight",
        "first_frame_image_url": f"{SAMPLES}/first-frame.jpg",
        "last_frame_image_url": f"{SAMPLES}/last-frame.jpg",
        "duration_seconds": 5,
        "cfg_scale": 0.5,
    },
    f"{KLING}/ai_avatar": {
        "model": "kling-ai-avatar-pro",
        "source_image_url": PORTRAIT,
        "source_audio_url": VOICE,
        "prompt": "A professional presenter speaking confidently",
    },
    f"{KLING}/motion_control": {
        "model": "kling-3.0",
        "source_first_frame_image_url": IMAGE,
        "reference_video_url": VIDEO,
        "prompt": "A person dancing gracefully in a studio",
        "output_resolution": "1080p",
        "character_orientation": "video",
        "background_source": "video",
    },
    f"{KLING}/extend_video": {"source_task_id": TASK, "mode": "pro", "prompt": "The lake keeps shimmering"},
    f"{KLING}/edit_video": {  # runapi-kling's test: the edit model on a source video
        "model": "kling-v3-omni-edit",
        "prompt": "Turn the source video into a watercolor scene",
        "source_video_url": VIDEO,
        "aspect_ratio": "auto",
    },
    f"{SEEDANCE}/text_to_video": {
        "model": "seedance-1.5-pro",
        "prompt": "A cinematic drone shot of a mountain lake at sunrise with mist rising from the water",
        "aspect_ratio": "16:9",
        "output_resolution": "720p",
        "duration_seconds": 8,
        "generate_audio": False,
    },
    f"{RUNWAY}/text_to_video": {
        "prompt": "A camera glide through ocean mist at sunrise",
        "duration_seconds": 5,
        "output_resolution": "720p",
        "aspect_ratio": "16:9",
    },
    f"{RUNWAY}/extend_video": {  # no curl example: the parameter table's required fields
        "source_task_id": TASK,
        "prompt": "The camera keeps gliding over the waves",
        "output_resolution": "720p",
    },
    f"{ALEPH}/edit_video": {
        "prompt": "Transform the scene into moody dusk lighting",
        "source_video_url": GOOGLE_VIDEO,
        "reference_image_url": "https://raw.githubusercontent.com/github/explore/main/topics/python/python.png",
    },
    f"{WAN}/text_to_video": {
        "model": "wan-2.6-text-to-video",
        "prompt": "A timelapse of cherry blossoms falling in a Japanese garden",
        "output_resolution": "720p",
        "aspect_ratio": "16:9",
    },
    f"{WAN}/image_to_video": {
        "model": "wan-2.6-image-to-video",
        "prompt": "The cat gently swishes its tail",
        "first_frame_image_url": I2V_IMAGE,
        "output_resolution": "720p",
    },
    f"{WAN}/speech_to_video": {
        "model": "wan-2.2-a14b-speech-to-video-turbo",
        "source_image_url": PORTRAIT,
        "source_audio_url": VOICE,
    },
    f"{WAN}/animate": {"model": "wan-2.2-animate-move", "reference_video_url": VIDEO, "source_image_url": IMAGE},
    f"{WAN}/text_to_image": {
        "model": "wan-2.7-image",
        "prompt": "A surreal dreamscape with floating islands and waterfalls",
        "aspect_ratio": "1:8",
    },
    f"{WAN}/edit_video": {
        "model": "wan-2.7-edit-video",
        "source_video_url": VIDEO,
        "prompt": "Make the sky more dramatic with storm clouds",
    },
    f"{LUMA}/modify_video": {
        "prompt": "Turn the street into a rainy cyberpunk night with neon reflections",
        "source_video_url": GOOGLE_VIDEO,
        "watermark": "demo-watermark",
    },
    f"{HAILUO}/text_to_video": {  # no curl example: built from the parameter table
        "model": "hailuo-02-text-to-video-standard",
        "prompt": "A paper boat drifting down a rain-soaked street",
        "duration_seconds": 6,
        "prompt_optimizer": True,
    },
    f"{HAILUO}/image_to_video": {  # no curl example: built from the parameter table
        "model": "hailuo-2.3-image-to-video-pro",
        "prompt": "The scene comes alive with drifting clouds",
        "first_frame_image_url": I2V_IMAGE,
        "duration_seconds": 10,
        "output_resolution": "1080p",
    },
    f"{HAPPYHORSE}/text_to_video": {
        "model": "happyhorse-text-to-video",
        "prompt": "A tiny paper horse gallops through a miniature cardboard city at night, cinematic camera move, "
        "warm window lights.",
        "output_resolution": "1080p",
        "aspect_ratio": "16:9",
        "duration_seconds": 5,
        "seed": 491001,
    },
    f"{HAPPYHORSE}/image_to_video": {
        "model": "happyhorse-image-to-video",
        "first_frame_image_url": I2V_IMAGE,
        "prompt": "Bring the still frame to life with a gentle cinematic camera move.",
        "output_resolution": "1080p",
        "duration_seconds": 5,
        "seed": 492001,
    },
    f"{HAPPYHORSE}/edit_video": {
        "model": "happyhorse-edit-video",
        "prompt": "Make the horse-headed humanoid character in the video wear the striped sweater from the "
        "reference image.",
        "source_video_url": VIDEO,
        "reference_image_urls": [f"{SAMPLES}/reference-1.jpg"],
        "output_resolution": "1080p",
        "audio_setting": "auto",
        "seed": 494001,
    },
    f"{GROK}/text_to_video": {
        "model": "grok-imagine-text-to-video",
        "prompt": "A neon dragon gliding over a rain-soaked Tokyo street at night",
        "aspect_ratio": "16:9",
        "motion_style": "normal",
        "duration_seconds": 10,
        "output_resolution": "720p",
        "enable_safety_checker": False,
    },
    f"{GROK}/image_to_video": {
        "model": "grok-imagine-image-to-video",
        "source_image_urls": [I2V_IMAGE],
        "prompt": "Slow dolly-in on the subject as wind ruffles the hair",
        "motion_style": "normal",
        "duration_seconds": 8,
        "output_resolution": "720p",
        "aspect_ratio": "16:9",
        "enable_safety_checker": False,
    },
    f"{GROK}/text_to_image": {
        "model": "grok-imagine-text-to-image",
        "prompt": "A cyberpunk fox warrior standing on a rooftop overlooking a neon city",
        "aspect_ratio": "1:1",
        "enable_pro": True,
        "enable_safety_checker": False,
    },
    f"{GROK}/edit_image": {
        "model": "grok-imagine-edit-image",
        "source_image_url": IMAGE,
        "prompt": "Reimagine the subject as an oil painting",
        "enable_safety_checker": False,
    },
    f"{GROK}/extend_video": {
        "source_task_id": TASK,
        "prompt": "Continue with the dragon soaring above the skyline",
        "start_seconds": 6,
        "extension_duration_seconds": 6,
    },
    f"{GROK}/upscale_image": {"source_task_id": TASK},
    # official runapi-grok-imagine 0.3.0 SegmentMap (no docs example): an image URL
    f"{GROK}/segment_map": {"image_url": f"{SAMPLES}/image.jpg"},
    f"{TOPAZ}/upscale_image": {
        "model": "topaz-upscale-image",
        "source_image_url": f"{SAMPLES}/upscale.jpg",
        "upscale_factor": 4,
    },
    f"{TOPAZ}/upscale_video": {
        "model": "topaz-upscale-video",
        "source_video_url": f"{SAMPLES}/video-lowres.mp4",
        "upscale_factor": 2,
    },
    f"{INFINITETALK}/audio_to_video": {
        "model": "infinitetalk-from-audio",
        "source_image_url": PORTRAIT,
        "source_audio_url": VOICE,
        "prompt": "A young woman with long dark hair talking on a podcast.",
        "output_resolution": "480p",
        "seed": 12345,
    },
    f"{GEMINI}/text_to_video": {
        "prompt": "Create a futuristic night city short film with a slow push-in shot as the character walks out "
        "from a neon-lit street.",
        "reference_image_urls": [f"{SAMPLES}/reference-1.jpg"],
        "audio_ids": ["audio_01hx8p0demo"],
        "character_ids": ["character_01hx8p0demo"],
        "duration_seconds": 8,
        "aspect_ratio": "16:9",
        "output_resolution": "1080p",
        "seed": 12345,
    },
}
DIRECT_BODIES: dict[str, dict[str, Any]] = {
    f"{GEMINI}/create_audio": {
        "audio_id": "achernar",
        "name": "Acher Narrator",
        "voice_description": "A calm, clear, and friendly male voice suitable for tech explainers and daily "
        "conversation.",
        "example_dialogue": "Hello, I am achernar",
    },
    f"{GEMINI}/create_character": {
        "descriptions": "A young female character with short silver hair and a futuristic utility jacket, calm, "
        "agile, and strongly cyberpunk in style.",
        "reference_image_url": f"{SAMPLES}/reference-1.jpg",
        "audio_ids": ["audio_01hx8p0demo"],
        "character_name": "Jenny",
    },
}
SOURCES = {  # path -> the kind of task its source_task_id names
    f"{KLING}/extend_video": f"{KLING}/text_to_video",
    f"{RUNWAY}/extend_video": f"{RUNWAY}/text_to_video",
    f"{GROK}/extend_video": f"{GROK}/text_to_video",
    f"{GROK}/upscale_image": f"{GROK}/text_to_video",
}

GROK_FROM_IMAGE_TASK = {  # Grok image_to_video from a prior text_to_image task (the docs' second example)
    "model": "grok-imagine-image-to-video",
    "source_task_id": TASK,
    "index": 0,
    "prompt": "Gentle camera orbit around the subject",
    "duration_seconds": 10,
    "output_resolution": "720p",
}

# The other documented create examples (and the documented models and modes without one).
OTHER_EXAMPLES: list[tuple[str, dict[str, Any]]] = [
    (  # Kling multi-shot
        f"{KLING}/text_to_video",
        {
            "model": "kling-3.0",
            "multi_shots": True,
            "enable_sound": True,
            "aspect_ratio": "16:9",
            "output_resolution": "1080p",
            "multi_prompt": [
                {
                    "prompt": "A lone astronaut steps out of a lunar lander onto the dusty grey surface",
                    "duration_seconds": 4,
                },
                {
                    "prompt": "Wide shot of the astronaut planting a flag as Earth rises on the horizon",
                    "duration_seconds": 5,
                },
                {"prompt": "Close-up on the visor reflecting the stars and the Earth", "duration_seconds": 3},
            ],
        },
    ),
    (  # Kling element references (as the docs print it: no aspect_ratio)
        f"{KLING}/text_to_video",
        {
            "model": "kling-3.0",
            "prompt": "@alice and @bob stand back to back in the rain",
            "kling_elements": [
                {
                    "name": "alice",
                    "description": "A young woman in a red jacket",
                    "element_input_urls": [PORTRAIT, PORTRAIT],
                },
                {
                    "name": "bob",
                    "description": "A tall man in a leather coat",
                    "element_input_urls": [PORTRAIT, PORTRAIT],
                },
            ],
        },
    ),
    (
        f"{KLING}/text_to_video",
        {
            "model": "kling-v2.1-master-text-to-video",
            "prompt": "A cinematic paratrooper scene above a glowing city at sunset",
            "duration_seconds": 5,
            "aspect_ratio": "16:9",
            "negative_prompt": "blur, distorted hands",
            "cfg_scale": 0.5,
        },
    ),
    (
        f"{KLING}/text_to_video",
        {
            "model": "kling-v2.5-turbo-text-to-video-pro",
            "prompt": "A golden retriever running through a field of wildflowers in slow motion",
            "duration_seconds": 5,
            "aspect_ratio": "16:9",
            "cfg_scale": 0.5,
        },
    ),
    (
        f"{KLING}/image_to_video",
        {
            "model": "kling-v2.1-master-image-to-video",
            "prompt": "A quiet landscape comes alive with flowing water and drifting clouds",
            "first_frame_image_url": I2V_IMAGE,
            "duration_seconds": 5,
            "cfg_scale": 0.5,
        },
    ),
    (
        f"{KLING}/image_to_video",
        {
            "model": "kling-v2.5-turbo-image-to-video-pro",
            "prompt": "The scene comes to life with gentle wind and swaying trees",
            "first_frame_image_url": I2V_IMAGE,
            "duration_seconds": 5,
            "aspect_ratio": "16:9",
            "cfg_scale": 0.5,
        },
    ),
    (f"{KLING}/image_to_video", {"model": "kling-v2.1-standard", "prompt": "p", "first_frame_image_url": IMAGE}),
    # newer source (the platform contract, runapi-kling 0.5.1): the newer models and their enums
    (
        f"{KLING}/text_to_video",
        {
            "model": "kling-o1",
            "prompt": "p",
            "mode": "pro",
            "duration_seconds": 5,
            "reference_video_url": VIDEO,
            "reference_video_type": "feature",
        },
    ),
    (f"{KLING}/text_to_video", {"model": "kling-v2.6", "prompt": "p", "mode": "std", "duration_seconds": 10}),
    (
        f"{KLING}/text_to_video",
        {"model": "kling-v3-omni", "prompt": "p", "duration_seconds": 3, "output_resolution": "4k"},
    ),
    (
        f"{KLING}/text_to_video",
        {"model": "kling-v3-omni-reference", "prompt": "p", "aspect_ratio": "1:1", "reference_image_urls": [IMAGE]},
    ),
    (f"{KLING}/text_to_video", {"model": "kling-v3-turbo-text-to-video", "prompt": "p", "duration_seconds": 15}),
    (
        f"{KLING}/image_to_video",
        {
            "model": "kling-o1",
            "prompt": "p",
            "first_frame_image_url": IMAGE,
            "reference_video_type": "base",
            "mode": "std",
        },
    ),
    (
        f"{KLING}/image_to_video",
        {"model": "kling-v2.6", "prompt": "p", "first_frame_image_url": IMAGE, "duration_seconds": 10, "mode": "pro"},
    ),
    (
        f"{KLING}/image_to_video",
        {
            "model": "kling-v3-omni",
            "prompt": "p",
            "first_frame_image_url": IMAGE,
            "duration_seconds": 12,
            "output_resolution": "4k",
        },
    ),
    (
        f"{KLING}/image_to_video",
        {
            "model": "kling-v3-turbo-image-to-video",
            "prompt": "p",
            "first_frame_image_url": IMAGE,
            "output_resolution": "1080p",
        },
    ),
    (
        f"{KLING}/motion_control",
        {
            "model": "kling-v2.6",
            "source_first_frame_image_url": IMAGE,
            "reference_video_url": VIDEO,
            "character_orientation": "image",
            "output_resolution": "720p",
        },
    ),
    (
        f"{KLING}/edit_video",
        {
            "model": "kling-v3-omni-reference",
            "prompt": "p",
            "source_video_url": VIDEO,
            "aspect_ratio": "16:9",
            "reference_image_urls": [IMAGE],
            "duration_seconds": 10,
            "output_resolution": "720p",
            "enable_sound": False,
        },
    ),
    *(
        (f"{KLING}/ai_avatar", {"model": model, "source_image_url": PORTRAIT, "source_audio_url": VOICE, "prompt": ""})
        for model in ("kling-ai-avatar-standard", "kling-ai-avatar-v1-pro", "kling-v1-avatar-standard")
    ),
    # Seedance: one body per model and input mode (the docs print one example)
    (f"{SEEDANCE}/text_to_video", {"model": "seedance-2.0", "prompt": "A fox in the snow"}),
    (
        f"{SEEDANCE}/text_to_video",
        {
            "model": "seedance-2.0-fast",
            "prompt": "A fox in the snow",
            "first_frame_image_url": IMAGE,
            "aspect_ratio": "auto",
            "duration_seconds": 15,
            "output_resolution": "480p",
        },
    ),
    (
        f"{SEEDANCE}/text_to_video",
        {
            "model": "seedance-2.0",
            "prompt": "A fox in the snow",
            "reference_image_urls": [IMAGE],
            "reference_video_urls": [VIDEO],
            "reference_audio_urls": [VOICE],
            "web_search": True,
        },
    ),
    # newer source, the platform contract: seedance-2-mini, seedance-2.0 in 4k (seedance-v1-lite is gone)
    (f"{SEEDANCE}/text_to_video", {"model": "seedance-2-mini", "prompt": "A fox", "output_resolution": "720p"}),
    (f"{SEEDANCE}/text_to_video", {"model": "seedance-2.0", "prompt": "A fox", "output_resolution": "4k"}),
    (
        f"{SEEDANCE}/text_to_video",
        {"model": "seedance-v1-pro", "prompt": "A fox", "duration_seconds": 10, "first_frame_image_url": IMAGE},
    ),
    # newer source, the platform contract: the models the docs do not list, and their values
    (f"{GROK}/text_to_video", {"model": "grok-imagine-video-1.5-preview", "prompt": "A fox", "aspect_ratio": "auto"}),
    (f"{GROK}/text_to_video", {"model": "grok-imagine-video-1.5-fast", "prompt": "A fox", "output_resolution": "720p"}),
    (
        f"{GROK}/image_to_video",
        {"model": "grok-imagine-video-1.5-fast", "source_image_urls": [IMAGE], "reference_image_urls": [IMAGE]},
    ),
    (f"{HAPPYHORSE}/text_to_video", {"model": "happyhorse-1.0-t2v", "prompt": "A fox", "aspect_ratio": "4:3"}),
    (
        f"{HAPPYHORSE}/text_to_video",
        {"model": "happyhorse-1.0-r2v", "prompt": "A fox", "reference_image_urls": [IMAGE]},
    ),
    (f"{HAPPYHORSE}/image_to_video", {"model": "happyhorse-1.0-i2v", "first_frame_image_url": IMAGE}),
    (
        f"{RUNWAY}/text_to_video",
        {
            "model": "runway",
            "prompt": "A fox",
            "duration_seconds": 5,
            "output_resolution": "720p",
            "aspect_ratio": "3:4",
        },
    ),
    (f"{ALEPH}/edit_video", {"model": "runway-aleph", "prompt": "Dusk", "source_video_url": VIDEO}),
    (f"{LUMA}/modify_video", {"model": "luma-modify-video", "prompt": "Rain", "source_video_url": VIDEO}),
    (
        f"{WAN}/text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_image_urls": [IMAGE], "aspect_ratio": "9:16"},
    ),
    (f"{GEMINI}/text_to_video", {"model": "gemini-omni-flash-preview", "prompt": "A fox", "output_resolution": "720p"}),
    (
        f"{SEEDANCE}/text_to_video",
        {"model": "seedance-v1-pro", "prompt": "A fox", "aspect_ratio": "21:9", "duration_seconds": 10},
    ),
    (
        f"{SEEDANCE}/text_to_video",
        {"model": "seedance-v1-pro-fast", "prompt": "A fox", "duration_seconds": 5, "first_frame_image_url": IMAGE},
    ),
    (
        f"{SEEDANCE}/text_to_video",
        {
            "model": "seedance-1.5-pro",
            "prompt": "A fox",
            "aspect_ratio": "1:1",
            "duration_seconds": 12,
            "source_image_urls": [IMAGE, IMAGE],
        },
    ),
    (
        f"{RUNWAY}/text_to_video",
        {"prompt": "p", "duration_seconds": 10, "output_resolution": "1080p", "first_frame_image_url": IMAGE},
    ),
    (
        f"{WAN}/text_to_video",
        {
            "model": "wan-2.7-r2v",
            "prompt": "A person walking through autumn leaves",
            "reference_image_urls": [PORTRAIT],
            "output_resolution": "1080p",
        },
    ),
    (f"{WAN}/text_to_video", {"model": "wan-2.7-r2v", "prompt": "p", "reference_video_urls": [VIDEO]}),
    (f"{WAN}/text_to_video", {"model": "wan-2.5-text-to-video", "prompt": "p", "duration_seconds": 5}),
    (f"{WAN}/text_to_video", {"model": "wan-2.2-a14b-text-to-video-turbo", "prompt": "p", "acceleration": "regular"}),
    (f"{WAN}/text_to_video", {"model": "wan-2.7-text-to-video", "prompt": "p", "ratio": "16:9"}),
    (f"{WAN}/image_to_video", {"model": "wan-2.7-image-to-video", "prompt": "p"}),  # first frame optional on 2.7
    (f"{WAN}/image_to_video", {"model": "wan-2.2-a14b-image-to-video-turbo", "first_frame_image_url": IMAGE}),
    (
        f"{WAN}/image_to_video",
        {"model": "wan-2.5-image-to-video", "first_frame_image_url": IMAGE, "duration_seconds": 5},
    ),
    (f"{WAN}/image_to_video", {"model": "wan-2.6-flash-image-to-video", "prompt": "p", "first_frame_image_url": IMAGE}),
    (f"{WAN}/animate", {"model": "wan-2.2-animate-replace", "reference_video_url": VIDEO, "source_image_url": IMAGE}),
    (f"{WAN}/text_to_image", {"model": "wan-2.7-image-pro", "prompt": "p", "thinking_mode": True}),
    (f"{WAN}/edit_video", {"model": "wan-2.6-edit-video", "source_video_urls": [VIDEO]}),
    (f"{WAN}/edit_video", {"model": "wan-2.6-flash-edit-video", "source_video_urls": [VIDEO], "audio": True}),
    (f"{HAILUO}/text_to_video", {"model": "hailuo-02-text-to-video-pro", "prompt": "p"}),
    *(
        (f"{HAILUO}/image_to_video", {"model": model, "prompt": "p", "first_frame_image_url": IMAGE})
        for model in (
            "hailuo-02-image-to-video-pro",
            "hailuo-02-image-to-video-standard",
            "hailuo-2.3-image-to-video-standard",
        )
    ),
    (
        f"{HAILUO}/image_to_video",
        {
            "model": "hailuo-02-image-to-video-standard",
            "prompt": "p",
            "first_frame_image_url": IMAGE,
            "last_frame_image_url": IMAGE,
            "output_resolution": "512p",
        },
    ),
    (
        f"{HAPPYHORSE}/text_to_video",
        {
            "model": "happyhorse-character",
            "prompt": "Character1 walks through a paper city and waves at character2 during a gentle cinematic "
            "camera move.",
            "reference_image_urls": [f"{SAMPLES}/reference-1.jpg", f"{SAMPLES}/reference-2.jpg"],
            "output_resolution": "1080p",
            "aspect_ratio": "16:9",
            "duration_seconds": 5,
            "seed": 493001,
        },
    ),
    (f"{GROK}/image_to_video", GROK_FROM_IMAGE_TASK),
    (
        f"{GROK}/image_to_video",
        {"model": "grok-imagine-image-to-video", "source_task_id": TASK, "motion_style": "spicy"},
    ),
    (f"{TOPAZ}/upscale_video", {"model": "topaz-upscale-video", "source_video_url": VIDEO}),  # factor optional
    (f"{GEMINI}/text_to_video", {"prompt": "p", "video_list": [{"url": VIDEO, "start": 0, "ends": 3}]}),
]
EXAMPLE_SOURCES = {f"{GROK}/image_to_video": f"{GROK}/text_to_image"}  # source_task_id in OTHER_EXAMPLES

# The keys of each completed payload, and of their items, from the docs' completed examples.
VIDEOS = {"id", "status", "videos"}
IMAGES = {"id", "status", "images"}
WITH_COVER = {"id", "status", "videos", "images"}
COMPLETED_KEYS: dict[str, set[str]] = {path: VIDEOS for path in TASK_BODIES} | {
    f"{RUNWAY}/text_to_video": WITH_COVER,
    f"{RUNWAY}/extend_video": WITH_COVER,  # not printed: as text_to_video
    f"{ALEPH}/edit_video": WITH_COVER,
    f"{WAN}/text_to_image": IMAGES,
    f"{GROK}/text_to_image": IMAGES,
    f"{GROK}/edit_image": IMAGES,
    f"{TOPAZ}/upscale_image": IMAGES,  # "returns ... images when the task completes"
    f"{LUMA}/modify_video": {"id", "status", "videos", "sources"},
    f"{GROK}/segment_map": {"id", "status", "segments"},  # official SegmentMapTaskResponse
}
VIDEO_ITEM_KEYS = {f"{RUNWAY}/text_to_video": {"id", "url"}, f"{RUNWAY}/extend_video": {"id", "url"}}

# The docs' failure texts ("Generation failed" where a family prints no failed example).
FAILURES: dict[str, str] = {path: "Generation failed" for path in TASK_BODIES} | {
    f"{SEEDANCE}/text_to_video": "Task failed",
    f"{LUMA}/modify_video": "Modify record generation failed.",
}

# The docs' "Yes" fields of each endpoint, in the docs' order.
REQUIRED: dict[str, list[str]] = {
    f"{KLING}/text_to_video": ["model", "prompt", "aspect_ratio"],  # prompt, aspect_ratio: single-shot kling-3.0
    f"{KLING}/image_to_video": ["model", "prompt", "first_frame_image_url"],
    f"{KLING}/ai_avatar": ["model", "source_image_url", "source_audio_url", "prompt"],
    f"{KLING}/motion_control": ["model", "source_first_frame_image_url", "reference_video_url"],
    f"{KLING}/extend_video": ["source_task_id"],
    f"{KLING}/edit_video": ["model", "prompt", "aspect_ratio", "source_video_url"],  # or source_task_id
    f"{SEEDANCE}/text_to_video": ["model", "prompt", "aspect_ratio", "duration_seconds"],  # the last two: 1.5-pro
    f"{RUNWAY}/text_to_video": ["prompt", "duration_seconds", "output_resolution", "aspect_ratio"],
    f"{RUNWAY}/extend_video": ["source_task_id", "prompt", "output_resolution"],
    f"{ALEPH}/edit_video": ["prompt", "source_video_url"],
    f"{WAN}/text_to_video": ["model", "prompt"],
    f"{WAN}/image_to_video": ["model", "prompt", "first_frame_image_url"],  # the last two: wan-2.6
    f"{WAN}/speech_to_video": ["model", "source_image_url", "source_audio_url"],
    f"{WAN}/animate": ["model", "reference_video_url", "source_image_url"],
    f"{WAN}/text_to_image": ["model", "prompt"],
    f"{WAN}/edit_video": ["model", "source_video_url"],  # source_video_url: wan-2.7-edit-video
    f"{LUMA}/modify_video": ["prompt", "source_video_url"],
    f"{HAILUO}/text_to_video": ["model", "prompt"],
    f"{HAILUO}/image_to_video": ["model", "prompt", "first_frame_image_url"],
    f"{HAPPYHORSE}/text_to_video": ["model", "prompt"],
    f"{HAPPYHORSE}/image_to_video": ["model", "first_frame_image_url"],
    f"{HAPPYHORSE}/edit_video": ["model", "prompt", "source_video_url"],
    f"{GROK}/text_to_video": ["model", "prompt"],
    f"{GROK}/image_to_video": ["model", "source_image_urls"],  # or source_task_id
    f"{GROK}/text_to_image": ["model", "prompt"],
    f"{GROK}/edit_image": ["model", "source_image_url"],
    f"{GROK}/extend_video": ["source_task_id", "prompt", "start_seconds", "extension_duration_seconds"],
    f"{GROK}/upscale_image": ["source_task_id"],
    f"{GROK}/segment_map": ["image_url"],  # or source_task_id (official runapi-grok-imagine 0.3.0)
    f"{TOPAZ}/upscale_image": ["model", "source_image_url", "upscale_factor"],
    f"{TOPAZ}/upscale_video": ["model", "source_video_url"],
    f"{INFINITETALK}/audio_to_video": ["model", "source_image_url", "source_audio_url", "prompt"],
    f"{GEMINI}/text_to_video": ["prompt", "duration_seconds"],
    f"{GEMINI}/create_audio": ["audio_id", "name"],
    f"{GEMINI}/create_character": ["descriptions", "reference_image_url"],
}

# Values outside the documented choices: (path, field, value).
BAD_VALUES: list[tuple[str, str, Any]] = [
    (f"{KLING}/text_to_video", "model", "kling-v2.1-pro"),  # an image-to-video model
    (f"{KLING}/text_to_video", "aspect_ratio", "4:3"),
    (f"{KLING}/text_to_video", "output_resolution", "480p"),
    (f"{KLING}/image_to_video", "model", "kling-3.0"),
    (f"{KLING}/image_to_video", "duration_seconds", 8),
    (f"{KLING}/image_to_video", "aspect_ratio", "21:9"),
    (f"{KLING}/ai_avatar", "model", "kling-3.0"),
    (f"{KLING}/motion_control", "model", "kling-v2.1-pro"),
    (f"{KLING}/motion_control", "output_resolution", "4k"),
    (f"{KLING}/motion_control", "character_orientation", "left"),
    (f"{KLING}/motion_control", "background_source", "green"),
    (f"{KLING}/text_to_video", "mode", "turbo"),
    (f"{KLING}/text_to_video", "duration_seconds", 16),  # kling-3.0: 3-15 (the platform contract)
    (f"{KLING}/extend_video", "mode", "fast"),
    (f"{KLING}/extend_video", "model", "kling-v2.6"),
    (f"{KLING}/edit_video", "model", "kling-v3-omni"),
    (f"{KLING}/edit_video", "aspect_ratio", "16:9"),  # without reference images: "auto" only
    (f"{KLING}/edit_video", "duration_seconds", 10),  # without reference images: 5 only
    (f"{SEEDANCE}/text_to_video", "model", "seedance-3.0"),
    (f"{SEEDANCE}/text_to_video", "output_resolution", "4k"),
    (f"{SEEDANCE}/text_to_video", "duration_seconds", 13),  # 1.5-pro: 4-12 (the official seedance-sdk contract)
    (f"{RUNWAY}/text_to_video", "duration_seconds", 8),
    (f"{RUNWAY}/text_to_video", "output_resolution", "480p"),
    (f"{RUNWAY}/extend_video", "output_resolution", "4k"),
    (f"{ALEPH}/edit_video", "aspect_ratio", "2:3"),
    (f"{WAN}/text_to_video", "model", "wan-2.6-image-to-video"),
    (f"{WAN}/text_to_video", "aspect_ratio", "21:9"),
    (f"{WAN}/image_to_video", "model", "wan-2.6-text-to-video"),
    (f"{WAN}/speech_to_video", "model", "wan-2.2-animate-move"),
    (f"{WAN}/animate", "model", "wan-2.2-animate-dance"),
    (f"{WAN}/text_to_image", "model", "wan-2.6-image"),
    (f"{WAN}/text_to_image", "aspect_ratio", "2:3"),
    (f"{WAN}/edit_video", "model", "wan-2.5-edit-video"),
    (f"{HAILUO}/text_to_video", "model", "hailuo-02-image-to-video-pro"),
    (f"{HAILUO}/text_to_video", "duration_seconds", 8),
    (f"{HAILUO}/image_to_video", "model", "hailuo-02-text-to-video-pro"),
    (f"{HAILUO}/image_to_video", "duration_seconds", 5),
    (f"{HAILUO}/image_to_video", "output_resolution", "512p"),  # 2.3: 768p or 1080p
    (f"{HAPPYHORSE}/text_to_video", "model", "happyhorse-image-to-video"),
    (f"{HAPPYHORSE}/text_to_video", "output_resolution", "480p"),
    (f"{HAPPYHORSE}/text_to_video", "aspect_ratio", "21:9"),
    (f"{HAPPYHORSE}/image_to_video", "model", "happyhorse-text-to-video"),
    (f"{HAPPYHORSE}/edit_video", "model", "happyhorse-character"),
    (f"{HAPPYHORSE}/edit_video", "audio_setting", "mute"),
    (f"{GROK}/text_to_video", "model", "grok-imagine-image-to-video"),
    (f"{GROK}/text_to_video", "motion_style", "wild"),
    (f"{GROK}/text_to_video", "output_resolution", "1080p"),
    (f"{GROK}/text_to_video", "aspect_ratio", "4:3"),
    (f"{GROK}/image_to_video", "model", "grok-imagine-text-to-video"),
    (f"{GROK}/image_to_video", "motion_style", "spicy"),  # not with source_image_urls
    (f"{GROK}/text_to_image", "model", "grok-imagine-edit-image"),
    (f"{GROK}/text_to_image", "aspect_ratio", "21:9"),
    (f"{GROK}/edit_image", "model", "grok-imagine-text-to-image"),
    (f"{GROK}/extend_video", "extension_duration_seconds", 8),
    (f"{TOPAZ}/upscale_image", "model", "topaz-upscale-video"),
    (f"{TOPAZ}/upscale_image", "upscale_factor", 3),
    (f"{TOPAZ}/upscale_video", "model", "topaz-upscale-image"),
    (f"{TOPAZ}/upscale_video", "upscale_factor", 8),
    (f"{INFINITETALK}/audio_to_video", "model", "infinitetalk"),
    (f"{INFINITETALK}/audio_to_video", "output_resolution", "1080p"),
    (f"{GEMINI}/text_to_video", "duration_seconds", 5),
    (f"{GEMINI}/text_to_video", "aspect_ratio", "1:1"),
    (f"{GEMINI}/text_to_video", "output_resolution", "480p"),
]


# --- helpers ------------------------------------------------------------------------------------


def prepare(api: Api, clock: FakeClock, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """``body`` (default: the docs' example) with a ``source_task_id`` naming a completed source task."""
    body = dict((TASK_BODIES | DIRECT_BODIES)[path] if body is None else body)
    if body.get("source_task_id") == TASK:
        source = SOURCES[path] if path in SOURCES else EXAMPLE_SOURCES[path]
        body["source_task_id"] = run(api, clock, source, TASK_BODIES[source])["id"]
    return body


def assert_outputs(payload: dict[str, Any], path: str, body: dict[str, Any], api: Api) -> None:
    """The completed payload's items have the documented keys and point at valid served files."""
    prefix = f"{api.emulator.url}/files/{payload['id']}/"
    for video in payload.get("videos", []):
        assert set(video) == VIDEO_ITEM_KEYS.get(path, {"url"})
        assert video["url"].startswith(prefix) and video["url"].endswith(".mp4")
        assert_mp4(fetch(video["url"]))
    for image in payload.get("images", []):
        assert set(image) == {"url"}
        assert image["url"].startswith(prefix) and image["url"].endswith(".png")
        assert_png(fetch(image["url"]))
    if "sources" in payload:
        assert payload["sources"] == [{"url": body["source_video_url"]}]
    if "last_frame_image_url" in payload:
        assert_png(fetch(payload["last_frame_image_url"]))


# --- the catalogue ------------------------------------------------------------------------------


def test_every_video_endpoint_is_tested() -> None:
    rows = {
        endpoint.path: endpoint for endpoint in ENDPOINTS if endpoint.path.startswith(tuple(f"{f}/" for f in FAMILIES))
    }
    assert set(rows) == set(TASK_BODIES) | set(DIRECT_BODIES) == set(REQUIRED)
    assert {path for path, endpoint in rows.items() if endpoint.direct} == set(DIRECT_BODIES)
    # all from _video, all gathered (the undocumented families' rows: test_video_official.py)
    assert {endpoint.path for endpoint in VIDEO_ENDPOINTS} == set(rows) | OFFICIAL_PATHS
    assert all(BY_PATH[path] is endpoint for path, endpoint in rows.items())


def test_video_rows_cost_positive_cents() -> None:
    for endpoint in VIDEO_ENDPOINTS:
        assert isinstance(endpoint.cost_cents, int) and endpoint.cost_cents >= 1, endpoint.path


# --- task endpoints: life cycle and payloads -----------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_documented_body_is_created_processing_then_completed_with_the_documented_keys(
    api: Api, fake_clock: FakeClock, path: str
) -> None:
    body = prepare(api, fake_clock, path)
    spent = api.get("/api/v1/me/balance").json()["spent_cents_total"]
    created = api.post(path, body)
    assert created.status_code == 202, created.text
    assert set(created.json()) == {"id", "status"} and created.json()["status"] == "processing"
    task_id = created.json()["id"]
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == spent + BY_PATH[path].cost_cents

    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}

    done = finish(api, fake_clock, path, task_id)
    assert set(done) == COMPLETED_KEYS[path]
    assert (done["id"], done["status"]) == (task_id, "completed")
    assert finish(api, fake_clock, path, task_id) == done  # stable across polls
    assert api.get(f"{path}/{UNKNOWN}").status_code == 404
    assert_outputs(done, path, body, api)


@pytest.mark.parametrize(("path", "body"), OTHER_EXAMPLES, ids=lambda value: str(value)[:60])
def test_other_documented_examples_models_and_modes_complete(
    api: Api, fake_clock: FakeClock, path: str, body: dict[str, Any]
) -> None:
    body = prepare(api, fake_clock, path, body)
    done = run(api, fake_clock, path, body)
    expected = set(COMPLETED_KEYS[path])
    if path == f"{SEEDANCE}/text_to_video" and body.get("last_frame_image_url"):
        expected.add("last_frame_image_url")
    assert set(done) == expected
    assert_outputs(done, path, body, api)


def test_seedance_answers_the_last_frame_image_when_one_was_given(api: Api, fake_clock: FakeClock) -> None:
    path = f"{SEEDANCE}/text_to_video"
    body = {"model": "seedance-2.0", "prompt": "p", "first_frame_image_url": IMAGE, "last_frame_image_url": IMAGE}
    done = run(api, fake_clock, path, body)
    assert list(done) == ["id", "status", "videos", "last_frame_image_url"]  # the docs' order
    assert done["last_frame_image_url"].endswith(".png")
    assert_png(fetch(done["last_frame_image_url"]))


def test_luma_sources_echo_the_source_video(api: Api, fake_clock: FakeClock) -> None:
    path = f"{LUMA}/modify_video"
    done = run(api, fake_clock, path, TASK_BODIES[path])
    assert list(done) == ["id", "status", "videos", "sources"]
    assert done["sources"] == [{"url": GOOGLE_VIDEO}]


def test_runway_answers_video_ids_and_a_cover_image(api: Api, fake_clock: FakeClock) -> None:
    path = f"{RUNWAY}/text_to_video"
    done = run(api, fake_clock, path, TASK_BODIES[path])
    assert list(done) == ["id", "status", "videos", "images"]
    [video] = done["videos"]
    assert list(video) == ["id", "url"] and isinstance(video["id"], str) and video["id"]
    extended = run(
        api,
        fake_clock,
        f"{RUNWAY}/extend_video",
        dict(TASK_BODIES[f"{RUNWAY}/extend_video"], source_task_id=done["id"]),
    )
    assert extended["videos"][0]["url"] != video["url"]  # the new task's own file


def test_wan_text_to_image_answers_output_count_images(api: Api, fake_clock: FakeClock) -> None:
    path = f"{WAN}/text_to_image"
    done = run(api, fake_clock, path, dict(TASK_BODIES[path], output_count=3))
    assert len(done["images"]) == 3 and len({image["url"] for image in done["images"]}) == 3
    for image in done["images"]:
        assert_png(fetch(image["url"]))


def test_videos_arrive_by_callback_too(api: Api, fake_clock: FakeClock, receiver: Receiver) -> None:
    path = f"{KLING}/text_to_video"
    task_id = api.create(path, dict(TASK_BODIES[path], callback_url=receiver.url))
    fake_clock.advance(COMPLETE_AFTER)
    [delivery] = api.emulator.wait_for_deliveries(1)
    assert (delivery["task_id"], delivery["stage"]) == (task_id, "completed")
    [received] = receiver.wait(1)
    assert received.body == api.get(f"{path}/{task_id}").content.rstrip(b"\n")


# --- failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", list(TASK_BODIES))
def test_a_failing_task_answers_the_documented_failed_shape(api: Api, fake_clock: FakeClock, path: str) -> None:
    body = prepare(api, fake_clock, path)
    body["note"] = FAILURE_TOKEN  # any string parameter, even an unknown one
    task_id = api.create(path, body)
    assert api.get(f"{path}/{task_id}").json() == {"id": task_id, "status": "processing"}
    failed = finish(api, fake_clock, path, task_id)
    assert failed == {"id": task_id, "status": "failed", "error": FAILURES[path]}
    assert list(failed) == ["id", "status", "error"]


def test_failure_token_in_the_prompt_fails_a_video(api: Api, fake_clock: FakeClock) -> None:
    path = f"{LUMA}/modify_video"
    body = dict(TASK_BODIES[path], prompt=f"neon night {FAILURE_TOKEN}")
    failed = finish(api, fake_clock, path, api.create(path, body))
    assert failed["error"] == "Modify record generation failed."


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"), [(path, field) for path, fields in REQUIRED.items() for field in fields], ids=str
)
def test_missing_required_parameter_is_400(api: Api, fake_clock: FakeClock, path: str, field: str) -> None:
    body = prepare(api, fake_clock, path)
    del body[field]
    tasks = len(api.emulator.tasks())
    spent = api.get("/api/v1/me/balance").json()["spent_cents_total"]
    response = api.post(path, body)
    assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {field}"})
    assert len(api.emulator.tasks()) == tasks
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == spent


@pytest.mark.parametrize("value", [None, ""])
def test_missing_required_parameter_null_or_empty_is_missing(api: Api, value: Any) -> None:
    path = f"{WAN}/animate"
    response = api.post(path, dict(TASK_BODIES[path], source_image_url=value))
    assert response.json() == {"error": "Missing required parameter: source_image_url"}


@pytest.mark.parametrize(
    ("path", "body", "missing"),
    [
        # Kling 3.0 multi-shot: prompt not needed, enable_sound and multi_prompt are
        (f"{KLING}/text_to_video", {"model": "kling-3.0", "multi_shots": True, "aspect_ratio": "16:9"}, "enable_sound"),
        (
            f"{KLING}/text_to_video",
            {"model": "kling-3.0", "multi_shots": True, "enable_sound": True, "aspect_ratio": "16:9"},
            "multi_prompt",
        ),
        (f"{KLING}/text_to_video", {"model": "kling-v2.1-master-text-to-video"}, "prompt"),
        # Seedance per model
        (
            f"{SEEDANCE}/text_to_video",
            {"model": "seedance-v1-pro", "prompt": "p", "duration_seconds": 5},
            "aspect_ratio",
        ),
        (
            f"{SEEDANCE}/text_to_video",
            {"model": "seedance-v1-pro", "prompt": "p", "aspect_ratio": "1:1"},
            "duration_seconds",
        ),
        (
            f"{SEEDANCE}/text_to_video",
            {"model": "seedance-v1-pro-fast", "prompt": "p", "duration_seconds": 5},
            "first_frame_image_url",
        ),
        (
            f"{SEEDANCE}/text_to_video",
            {"model": "seedance-1.5-pro", "prompt": "p", "aspect_ratio": "16:9"},
            "duration_seconds",
        ),
        # Wan per model
        (f"{WAN}/text_to_video", {"model": "wan-2.5-text-to-video", "prompt": "p"}, "duration_seconds"),
        (f"{WAN}/text_to_video", {"model": "wan-2.7-r2v", "prompt": "p"}, "reference_image_urls"),
        (f"{WAN}/image_to_video", {"model": "wan-2.7-image-to-video", "prompt": ""}, "prompt"),
        (f"{WAN}/image_to_video", {"model": "wan-2.7-image-to-video", "prompt": "p"}, None),
        (f"{WAN}/image_to_video", {"model": "wan-2.6-flash-image-to-video", "first_frame_image_url": IMAGE}, "prompt"),
        (f"{WAN}/image_to_video", {"model": "wan-2.2-a14b-image-to-video-turbo"}, "first_frame_image_url"),
        (
            f"{WAN}/image_to_video",
            {"model": "wan-2.5-image-to-video", "first_frame_image_url": IMAGE},
            "duration_seconds",
        ),
        (f"{WAN}/edit_video", {"model": "wan-2.6-edit-video", "source_video_url": VIDEO}, "source_video_urls"),
        (f"{WAN}/edit_video", {"model": "wan-2.6-flash-edit-video"}, "source_video_urls"),
        (f"{WAN}/edit_video", {"model": "wan-2.7-edit-video", "source_video_urls": [VIDEO]}, "source_video_url"),
        # HappyHorse character model needs its references
        (f"{HAPPYHORSE}/text_to_video", {"model": "happyhorse-character", "prompt": "p"}, "reference_image_urls"),
        # Grok image_to_video: one image URL or a prior task, reported as source_image_urls
        (f"{GROK}/image_to_video", {"model": "grok-imagine-image-to-video", "prompt": "p"}, "source_image_urls"),
        # Gemini Omni: duration_seconds unless video_list is given
        (f"{GEMINI}/text_to_video", {"prompt": "p", "video_list": []}, "duration_seconds"),
    ],
    ids=str,
)
def test_conditional_requirements_follow_model_and_mode(
    api: Api, path: str, body: dict[str, Any], missing: str | None
) -> None:
    response = api.post(path, body)
    if missing is None:
        assert response.status_code == 202, response.text
    else:
        assert (response.status_code, response.json()) == (400, {"error": f"Missing required parameter: {missing}"})


def test_kling_multi_shot_needs_sound_on(api: Api) -> None:
    [body] = [body for path, body in OTHER_EXAMPLES if body.get("multi_shots")]
    response = api.post(f"{KLING}/text_to_video", dict(body, enable_sound=False))
    assert (response.status_code, response.json()) == (422, {"error": "Invalid enable_sound: False"})


def test_kling_aspect_ratio_is_optional_with_a_first_frame_or_elements(api: Api) -> None:
    body = {k: v for k, v in TASK_BODIES[f"{KLING}/text_to_video"].items() if k != "aspect_ratio"}
    response = api.post(f"{KLING}/text_to_video", body)
    assert response.json() == {"error": "Missing required parameter: aspect_ratio"}
    api.create(f"{KLING}/text_to_video", dict(body, first_frame_image_url=IMAGE))
    # the docs' element-reference example sends no aspect_ratio (and no first frame)
    element = {"name": "alice", "description": "A young woman", "element_input_urls": [PORTRAIT, PORTRAIT]}
    api.create(f"{KLING}/text_to_video", dict(body, kling_elements=[element]))
    response = api.post(f"{KLING}/text_to_video", dict(body, kling_elements=[]))  # an empty list gives nothing
    assert response.json() == {"error": "Missing required parameter: aspect_ratio"}


def test_kling_avatar_prompt_is_required_but_may_be_empty(api: Api) -> None:
    path = f"{KLING}/ai_avatar"
    api.create(path, dict(TASK_BODIES[path], prompt=""))
    response = api.post(path, dict(TASK_BODIES[path], prompt=None))
    assert response.json() == {"error": "Missing required parameter: prompt"}


def test_runway_aspect_ratio_is_required_for_text_to_video_only(api: Api) -> None:
    body = {k: v for k, v in TASK_BODIES[f"{RUNWAY}/text_to_video"].items() if k != "aspect_ratio"}
    assert api.post(f"{RUNWAY}/text_to_video", body).json() == {"error": "Missing required parameter: aspect_ratio"}
    api.create(f"{RUNWAY}/text_to_video", dict(body, first_frame_image_url=IMAGE))


@pytest.mark.parametrize(("path", "field", "value"), BAD_VALUES, ids=str)
def test_value_outside_the_documented_choices_is_422(
    api: Api, fake_clock: FakeClock, path: str, field: str, value: Any
) -> None:
    body = prepare(api, fake_clock, path)
    tasks = len(api.emulator.tasks())
    response = api.post(path, dict(body, **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})
    assert len(api.emulator.tasks()) == tasks


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ({"model": "seedance-2.0-fast", "prompt": "p"}, "output_resolution", "1080p"),
        (
            {"model": "seedance-v1-pro-fast", "prompt": "p", "duration_seconds": 5, "first_frame_image_url": IMAGE},
            "output_resolution",
            "480p",
        ),
        ({"model": "seedance-2.0", "prompt": "p"}, "aspect_ratio", "9:21"),
        ({"model": "seedance-v1-pro", "prompt": "p", "duration_seconds": 5}, "aspect_ratio", "9:21"),
        # newer source, the platform contract: the dropped model, 4k for seedance-2.0 only, 1.5-pro's ratios
        ({"prompt": "p", "aspect_ratio": "16:9", "duration_seconds": 5}, "model", "seedance-v1-lite"),
        ({"model": "seedance-2.0-fast", "prompt": "p"}, "output_resolution", "4k"),
        ({"model": "seedance-2-mini", "prompt": "p"}, "output_resolution", "1080p"),
        ({"model": "seedance-2-mini", "prompt": "p"}, "enable_safety_checker", True),
        ({"model": "seedance-1.5-pro", "prompt": "p", "duration_seconds": 4}, "aspect_ratio", "auto"),
        # "Rejected in v1 image-to-video mode (derived from image)"
        (
            {"model": "seedance-v1-pro", "prompt": "p", "duration_seconds": 5, "first_frame_image_url": IMAGE},
            "aspect_ratio",
            "16:9",
        ),
        (
            {"model": "seedance-v1-pro-fast", "prompt": "p", "duration_seconds": 5, "first_frame_image_url": IMAGE},
            "aspect_ratio",
            "16:9",
        ),
        ({"model": "seedance-v1-pro", "prompt": "p", "aspect_ratio": "1:1"}, "duration_seconds", 8),
    ],
    ids=str,
)
def test_seedance_choices_depend_on_the_model(api: Api, body: dict[str, Any], field: str, value: Any) -> None:
    response = api.post(f"{SEEDANCE}/text_to_video", dict(body, **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})


@pytest.mark.parametrize(
    ("path", "body", "field", "value"),
    [  # newer source: the platform contract's per-model enums and the official repositories' contracts
        (f"{GROK}/text_to_video", {"model": "grok-imagine-video-1.5-fast", "prompt": "p"}, "aspect_ratio", "auto"),
        (f"{GROK}/text_to_video", {"model": "grok-imagine-text-to-video", "prompt": "p"}, "output_resolution", "1080p"),
        (f"{GROK}/text_to_video", {"model": "grok-imagine-video-1.5-preview", "prompt": "p"}, "motion_style", "fun"),
        (
            f"{GROK}/image_to_video",
            {"model": "grok-imagine-video-1.5-fast", "source_image_urls": [IMAGE]},
            "enable_safety_checker",
            True,
        ),
        (
            f"{GROK}/image_to_video",
            {"model": "grok-imagine-image-to-video", "source_image_urls": [IMAGE]},
            "reference_image_urls",
            [IMAGE],
        ),
        (f"{GEMINI}/text_to_video", {"model": "gemini-omni-flash-preview", "prompt": "p"}, "output_resolution", "4k"),
        (f"{GEMINI}/text_to_video", {"model": "gemini-omni-flash-preview", "prompt": "p"}, "duration_seconds", 8),
        (f"{GEMINI}/text_to_video", {"prompt": "p", "duration_seconds": 8}, "model", "gemini-omni-audio"),
        (f"{HAPPYHORSE}/image_to_video", {"first_frame_image_url": IMAGE}, "model", "happyhorse-1.0-t2v"),
        (
            f"{RUNWAY}/extend_video",
            {"source_task_id": "t", "prompt": "p", "output_resolution": "720p"},
            "model",
            "gen4",
        ),
        (f"{LUMA}/modify_video", {"prompt": "p", "source_video_url": VIDEO}, "model", "ray-2"),
    ],
    ids=str,
)
def test_newer_models_choices_depend_on_the_model(
    api: Api, path: str, body: dict[str, Any], field: str, value: Any
) -> None:
    response = api.post(path, dict(body, **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})


def test_grok_segment_map_answers_segments_from_an_image_or_an_image_task(api: Api, fake_clock: FakeClock) -> None:
    # official runapi-grok-imagine 0.3.0 SegmentMap: image_url, or source_task_id (an Image 2.0 text_to_image task)
    from_url = run(api, fake_clock, f"{GROK}/segment_map", TASK_BODIES[f"{GROK}/segment_map"])
    image = run(api, fake_clock, f"{GROK}/text_to_image", TASK_BODIES[f"{GROK}/text_to_image"])
    from_task = run(
        api, fake_clock, f"{GROK}/segment_map", {"source_task_id": image["id"], "model": "grok-imagine-image-2-0"}
    )
    for payload in (from_url, from_task):
        assert set(payload) == {"id", "status", "segments"}
        assert [segment["index"] for segment in payload["segments"]] == [1, 2]
        for segment in payload["segments"]:
            assert set(segment) == {"url", "name", "index"}
            assert_png(fetch(segment["url"]))
    missing = api.post(f"{GROK}/segment_map", {"model": "grok-imagine-image-2-0"})
    assert (missing.status_code, missing.json()) == (400, {"error": "Missing required parameter: image_url"})


@pytest.mark.parametrize(
    ("path", "body", "field", "value"),
    [  # the platform contract's per-model enums (and runapi-ai/kling-sdk's for edit_video and motion_control)
        (f"{KLING}/text_to_video", {"model": "kling-o1", "prompt": "p"}, "duration_seconds", 10),
        (f"{KLING}/text_to_video", {"model": "kling-v2.6", "prompt": "p"}, "duration_seconds", 8),
        (f"{KLING}/text_to_video", {"model": "kling-v3-turbo-text-to-video", "prompt": "p"}, "output_resolution", "4k"),
        (
            f"{KLING}/image_to_video",
            {"model": "kling-v3-omni", "prompt": "p", "first_frame_image_url": IMAGE},
            "duration_seconds",
            2,
        ),
        (
            f"{KLING}/image_to_video",
            {"model": "kling-v2.1-pro", "prompt": "p", "first_frame_image_url": IMAGE},
            "duration_seconds",
            8,
        ),
        (
            f"{KLING}/motion_control",
            {
                "model": "kling-v2.6",
                "source_first_frame_image_url": IMAGE,
                "reference_video_url": VIDEO,
                "character_orientation": "image",
                "output_resolution": "720p",
            },
            "background_source",
            "video",
        ),
        (
            f"{KLING}/edit_video",
            {"model": "kling-v3-omni-reference", "prompt": "p", "source_video_url": VIDEO, "aspect_ratio": "auto"},
            "enable_sound",
            True,
        ),
        (
            f"{KLING}/edit_video",
            {"model": "kling-v3-omni-edit", "prompt": "p", "source_video_url": VIDEO, "reference_image_urls": [IMAGE]},
            "aspect_ratio",
            "auto",
        ),
    ],
    ids=str,
)
def test_kling_choices_depend_on_the_model(api: Api, path: str, body: dict[str, Any], field: str, value: Any) -> None:
    response = api.post(path, dict(body, **{field: value}))
    assert (response.status_code, response.json()) == (422, {"error": f"Invalid {field}: {value}"})


def test_kling_v26_motion_control_needs_orientation_and_resolution(api: Api) -> None:
    body = {"model": "kling-v2.6", "source_first_frame_image_url": IMAGE, "reference_video_url": VIDEO}
    response = api.post(f"{KLING}/motion_control", body)
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Missing required parameter: character_orientation"},
    )


def test_kling_edit_video_takes_a_source_task_instead_of_a_url(api: Api, fake_clock: FakeClock) -> None:
    source = run(api, fake_clock, f"{KLING}/text_to_video", TASK_BODIES[f"{KLING}/text_to_video"])["id"]
    body = {"model": "kling-v3-omni-edit", "prompt": "p", "source_task_id": source, "aspect_ratio": "auto"}
    assert api.create(f"{KLING}/edit_video", body)  # a new task id
    response = api.post(f"{KLING}/edit_video", dict(body, source_task_id=UNKNOWN))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (f"{KLING}/text_to_video", dict(TASK_BODIES[f"{KLING}/text_to_video"], duration_seconds=13)),  # 3.0: 3-15
        (
            f"{HAILUO}/image_to_video",
            {
                "model": "hailuo-02-image-to-video-standard",
                "prompt": "p",
                "first_frame_image_url": IMAGE,
                "output_resolution": "768p",
            },
        ),
        (
            f"{SEEDANCE}/text_to_video",
            {"model": "seedance-2.0", "prompt": "p", "duration_seconds": 4, "aspect_ratio": "auto"},
        ),
        (
            f"{SEEDANCE}/text_to_video",
            {
                "model": "seedance-v1-pro-fast",
                "prompt": "p",
                "duration_seconds": 10,
                "first_frame_image_url": IMAGE,
                "output_resolution": "1080p",
            },
        ),
    ],
    ids=str,
)
def test_per_model_choices_accept_the_documented_values(api: Api, path: str, body: dict[str, Any]) -> None:
    api.create(path, body)


def test_grok_image_to_video_takes_exactly_one_image(api: Api) -> None:
    path = f"{GROK}/image_to_video"
    response = api.post(path, dict(TASK_BODIES[path], source_image_urls=[IMAGE, IMAGE]))
    assert (response.status_code, response.json()) == (
        422,
        {"error": "Invalid source_image_urls: expected 1 items, got 2"},
    )


# --- source tasks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "source", "other"),
    [
        (
            f"{RUNWAY}/extend_video",
            TASK_BODIES[f"{RUNWAY}/extend_video"],
            f"{RUNWAY}/text_to_video",
            f"{GROK}/text_to_video",
        ),
        (
            f"{GROK}/extend_video",
            TASK_BODIES[f"{GROK}/extend_video"],
            f"{GROK}/image_to_video",
            f"{GROK}/text_to_image",
        ),
        (f"{GROK}/upscale_image", TASK_BODIES[f"{GROK}/upscale_image"], f"{GROK}/text_to_video", f"{GROK}/edit_image"),
        (f"{GROK}/image_to_video", GROK_FROM_IMAGE_TASK, f"{GROK}/text_to_image", f"{GROK}/text_to_video"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_source_task_must_be_a_completed_task_of_the_right_kind(
    api: Api, fake_clock: FakeClock, path: str, body: dict[str, Any], source: str, other: str
) -> None:
    assert body["source_task_id"] == TASK
    unknown = api.post(path, dict(body, source_task_id=UNKNOWN))
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Task not found"})
    wrong = api.post(path, dict(body, source_task_id=run(api, fake_clock, other, TASK_BODIES[other])["id"]))
    assert (wrong.status_code, wrong.json()) == (404, {"error": "Task not found"})
    source_id = api.create(source, TASK_BODIES[source])
    busy = api.post(path, dict(body, source_task_id=source_id))
    assert (busy.status_code, busy.json()) == (422, {"error": "Records are being generated"})
    fake_clock.advance(COMPLETE_AFTER)
    assert api.post(path, dict(body, source_task_id=source_id)).status_code == 202


def test_chained_grok_video_extend_then_upscale(api: Api, fake_clock: FakeClock) -> None:
    video = run(api, fake_clock, f"{GROK}/text_to_video", TASK_BODIES[f"{GROK}/text_to_video"])
    extended = run(
        api, fake_clock, f"{GROK}/extend_video", dict(TASK_BODIES[f"{GROK}/extend_video"], source_task_id=video["id"])
    )
    upscaled = run(api, fake_clock, f"{GROK}/upscale_image", {"source_task_id": extended["id"]})
    assert set(upscaled) == VIDEOS  # the path says image; the docs' operation upscales a video
    assert_mp4(fetch(upscaled["videos"][0]["url"]))


# --- direct endpoints (Gemini Omni create_audio, create_character) -------------------------------------


def test_create_audio_answers_200_at_once_with_the_voice(api: Api) -> None:
    path = f"{GEMINI}/create_audio"
    response = api.post(path, DIRECT_BODIES[path])
    assert response.status_code == 200, response.text
    answer = response.json()
    assert list(answer) == ["id", "audio"] and list(answer["audio"]) == ["id", "name"]
    assert answer["audio"] == {"id": answer["id"], "name": "Acher Narrator"}
    assert api.emulator.tasks() == []  # no task
    assert api.get(f"{path}/{answer['id']}").json() == {"error": "Record does not exist"}
    assert api.get("/api/v1/me/balance").json()["spent_cents_total"] == BY_PATH[path].cost_cents


def test_create_character_answers_200_at_once_with_a_served_image(api: Api) -> None:
    path = f"{GEMINI}/create_character"
    response = api.post(path, DIRECT_BODIES[path])
    assert response.status_code == 200, response.text
    answer = response.json()
    assert list(answer) == ["id", "character"]
    character = answer["character"]
    assert list(character) == ["id", "name", "images"]
    assert (character["id"], character["name"]) == (answer["id"], "Jenny")
    [image] = character["images"]
    assert set(image) == {"url"}
    assert_png(fetch(image["url"]))
    assert api.emulator.tasks() == []


def test_characters_and_voices_feed_a_gemini_video(api: Api, fake_clock: FakeClock) -> None:
    audio = api.post(f"{GEMINI}/create_audio", DIRECT_BODIES[f"{GEMINI}/create_audio"]).json()
    character = api.post(
        f"{GEMINI}/create_character", dict(DIRECT_BODIES[f"{GEMINI}/create_character"], audio_ids=[audio["id"]])
    ).json()
    body = dict(TASK_BODIES[f"{GEMINI}/text_to_video"], audio_ids=[audio["id"]], character_ids=[character["id"]])
    assert set(run(api, fake_clock, f"{GEMINI}/text_to_video", body)) == VIDEOS


@pytest.mark.parametrize("path", list(DIRECT_BODIES))
def test_direct_failure_token_answers_a_failed_shape(api: Api, path: str) -> None:
    response = api.post(path, dict(DIRECT_BODIES[path], note=FAILURE_TOKEN))
    assert response.status_code == 200
    answer = response.json()
    assert list(answer) == ["id", "status", "error"]
    assert (answer["status"], answer["error"]) == ("failed", "Generation failed")


def test_direct_answers_are_idempotent(api: Api) -> None:
    path = f"{GEMINI}/create_character"
    first = api.post(path, DIRECT_BODIES[path], headers={"Idempotency-Key": "jenny-1"})
    again = api.post(path, DIRECT_BODIES[path], headers={"Idempotency-Key": "jenny-1"})
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert_png(fetch(again.json()["character"]["images"][0]["url"]))
