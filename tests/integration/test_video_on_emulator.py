"""Every operation of the twelve video families, called through the SDK against the emulator over real HTTP.

Kling, Seedance, Runway, Runway Aleph, Wan, Luma, Hailuo, HappyHorse, Grok Imagine, Topaz,
InfiniteTalk and Gemini Omni: one test per operation (the two direct Gemini Omni ones included),
with the docs' example bodies and the main per-model modes. Each checks what a user reads off the
typed result (completed, output URLs, every answered field typed) and that
``client.download_outputs`` saves valid media (MP4, PNG). Tasks that name a prior task (Runway and
Grok Imagine extensions, Grok upscales and image-to-video from a text-to-image task, Gemini Omni
voices and characters) are chained exactly as a user would chain them. The SDK's and the
emulator's tables were written independently from the docs, so each run checks both. The client's
sleep is the fake clock, so nothing here sleeps for real.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import runapi
from runapi._core.models import Task
from runapi.emulator import Emulator
from runapi.gemini_omni import VideoClip
from runapi.kling import KlingElement, Shot
from tests.integration.helpers import (
    assert_typed,
    download,
    is_mp4,
    is_png,
    not_run,
    operations_of,
    saved,
    sent,
)

pytestmark = pytest.mark.integration

SAMPLES = "https://cdn.runapi.ai/public/samples"
IMAGE = f"{SAMPLES}/image.jpg"
IMAGE_TO_VIDEO = f"{SAMPLES}/image-to-video.jpg"
FIRST_FRAME = f"{SAMPLES}/first-frame.jpg"
LAST_FRAME = f"{SAMPLES}/last-frame.jpg"
PORTRAIT = f"{SAMPLES}/portrait.jpg"
PORTRAIT_2 = f"{SAMPLES}/portrait-2.jpg"
REFERENCE_1 = f"{SAMPLES}/reference-1.jpg"
REFERENCE_2 = f"{SAMPLES}/reference-2.jpg"
VIDEO = f"{SAMPLES}/video.mp4"
VOICE = f"{SAMPLES}/voice.mp3"
JOYRIDES = "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerJoyrides.mp4"
DRONE = "A cinematic drone shot of a mountain lake at sunrise with mist rising from the water"


def saves_videos(client: runapi.Client, task: Task, folder: Path) -> bool:
    return all(is_mp4(data) for data in saved(client, task, folder))


def saves_images(client: runapi.Client, task: Task, folder: Path) -> bool:
    return all(is_png(data) for data in saved(client, task, folder))


# -- Kling ------------------------------------------------------------------------------------------

KLING: list[tuple[str, dict[str, Any]]] = [
    (
        "text_to_video",
        {
            "model": "kling-3.0",
            "prompt": DRONE,
            "aspect_ratio": "16:9",
            "duration_seconds": 8,
            "output_resolution": "1080p",
        },
    ),
    (  # the docs' element-reference example, as printed: no aspect_ratio
        "text_to_video",
        {
            "model": "kling-3.0",
            "prompt": "@alice and @bob stand back to back in the rain",
            "kling_elements": [
                {
                    "name": "alice",
                    "description": "A young woman in a red jacket with short black hair",
                    "element_input_urls": [PORTRAIT, PORTRAIT],
                },
                {
                    "name": "bob",
                    "description": "A tall man in a leather coat",
                    "element_input_urls": [PORTRAIT_2, PORTRAIT_2],
                },
            ],
        },
    ),
    (  # kling-3.0 image-to-video: first and last frame, the ratio adapting to the image
        "text_to_video",
        {
            "model": "kling-3.0",
            "prompt": "The camera glides forward as the subject turns toward warm sunlight",
            "first_frame_image_url": FIRST_FRAME,
            "last_frame_image_url": LAST_FRAME,
            "enable_sound": True,
            "duration_seconds": 5,
        },
    ),
    (
        "text_to_video",
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
        "text_to_video",
        {
            "model": "kling-v2.5-turbo-text-to-video-pro",
            "prompt": "A golden retriever running through a field of wildflowers in slow motion",
            "duration_seconds": 5,
            "aspect_ratio": "16:9",
            "cfg_scale": 0.5,
        },
    ),
    (
        "image_to_video",
        {
            "model": "kling-v2.1-pro",
            "prompt": "The camera glides forward as the subject turns toward warm sunlight",
            "first_frame_image_url": FIRST_FRAME,
            "last_frame_image_url": LAST_FRAME,
            "duration_seconds": 5,
            "cfg_scale": 0.5,
        },
    ),
    (
        "image_to_video",
        {
            "model": "kling-v2.1-master-image-to-video",
            "prompt": "A quiet landscape comes alive with flowing water and drifting clouds",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "duration_seconds": 5,
            "cfg_scale": 0.5,
        },
    ),
    (
        "image_to_video",
        {
            "model": "kling-v2.5-turbo-image-to-video-pro",
            "prompt": "The scene comes to life with gentle wind and swaying trees",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "duration_seconds": 5,
            "aspect_ratio": "16:9",
            "cfg_scale": 0.5,
        },
    ),
    (
        "image_to_video",
        {
            "model": "kling-v2.1-standard",
            "prompt": "Leaves drift across the frame",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "duration_seconds": 10,
            "negative_prompt": "blur",
        },
    ),
    (
        "ai_avatar",
        {
            "model": "kling-ai-avatar-pro",
            "source_image_url": PORTRAIT,
            "source_audio_url": VOICE,
            "prompt": "A professional presenter speaking confidently",
        },
    ),
    (  # "Required ... Can be empty"
        "ai_avatar",
        {"model": "kling-v1-avatar-standard", "source_image_url": PORTRAIT, "source_audio_url": VOICE, "prompt": ""},
    ),
    (
        "motion_control",
        {
            "model": "kling-3.0",
            "source_first_frame_image_url": IMAGE,
            "reference_video_url": VIDEO,
            "prompt": "A person dancing gracefully in a studio",
            "output_resolution": "1080p",
            "character_orientation": "video",
            "background_source": "video",
        },
    ),
    # newer source (the platform contract, runapi-kling 0.5.1): the newer models
    (
        "text_to_video",
        {
            "model": "kling-o1",
            "prompt": "Keep <<<image_1>>> beside the performer from <<<video_1>>>",
            "reference_image_urls": [IMAGE],
            "reference_video_url": VIDEO,
            "reference_video_type": "feature",
            "preserve_reference_video_audio": True,
            "mode": "pro",
            "duration_seconds": 5,
        },
    ),
    ("text_to_video", {"model": "kling-v3-turbo-text-to-video", "prompt": "A lake", "output_resolution": "1080p"}),
    (
        "image_to_video",
        {
            "model": "kling-v3-omni",
            "prompt": "The lake shimmers",
            "first_frame_image_url": IMAGE,
            "duration_seconds": 12,
        },
    ),
    (
        "motion_control",
        {
            "model": "kling-v2.6",
            "source_first_frame_image_url": IMAGE,
            "reference_video_url": VIDEO,
            "character_orientation": "image",
            "output_resolution": "720p",
        },
    ),
    (  # runapi-kling 0.5.1's test body
        "edit_video",
        {
            "model": "kling-v3-omni-edit",
            "prompt": "Turn the source video into a watercolor scene",
            "source_video_url": VIDEO,
            "aspect_ratio": "auto",
            "enable_sound": True,
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    KLING,
    ids=[
        "3.0-single-shot",
        "3.0-elements",
        "3.0-frames",
        "v2.1-master-text",
        "v2.5-turbo-text",
        "v2.1-pro-frames",
        "v2.1-master-image",
        "v2.5-turbo-image",
        "v2.1-standard",
        "avatar-pro",
        "avatar-v1-empty-prompt",
        "motion-control",
        "o1-references",
        "v3-turbo-text",
        "v3-omni-image",
        "v2.6-motion-control",
        "v3-omni-edit",
    ],
)
def test_kling_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.kling, operation).run(**params)
    assert task.videos and task.videos[0].url
    assert saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


def test_kling_multi_shot_with_typed_shots_and_elements(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    task = client.kling.text_to_video.run(
        model="kling-3.0",
        multi_shots=True,
        enable_sound=True,
        aspect_ratio="16:9",
        output_resolution="1080p",
        multi_prompt=[
            Shot(prompt="@astronaut steps out of a lunar lander onto the dusty grey surface", duration_seconds=4),
            Shot(prompt="Wide shot of @astronaut planting a flag as Earth rises on the horizon", duration_seconds=5),
            Shot(prompt="Close-up on the visor of @astronaut reflecting the stars", duration_seconds=3),
        ],
        kling_elements=[
            KlingElement(
                name="astronaut", description="An astronaut in a white suit", element_input_urls=[IMAGE, IMAGE]
            ),
            KlingElement(name="lander", description="A lunar lander", element_input_video_urls=[VIDEO]),
        ],
    )
    assert saves_videos(client, task, tmp_path)
    body = sent(emu, task)
    assert [shot["duration_seconds"] for shot in body["multi_prompt"]] == [4, 5, 3]
    assert body["kling_elements"][1] == {
        "name": "lander",
        "description": "A lunar lander",
        "element_input_video_urls": [VIDEO],
    }


def test_kling_extend_and_edit_a_finished_task(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    video = client.kling.text_to_video.run(model="kling-v2.5-turbo-text-to-video-pro", prompt="A lake at dawn")
    longer = client.kling.extend_video.run(source_task_id=video.id, mode="pro", prompt="The sun rises")
    assert saves_videos(client, longer, tmp_path)
    assert sent(emu, longer) == {"source_task_id": video.id, "mode": "pro", "prompt": "The sun rises"}  # no model
    edited = client.kling.edit_video.run(
        model="kling-v3-omni-reference",
        prompt="Keep the lake, add <<<image_1>>>",
        source_task_id=longer.id,
        reference_image_urls=[IMAGE],
        aspect_ratio="16:9",
        duration_seconds=10,
        enable_sound=False,
    )
    assert edited.videos and sent(emu, edited)["source_task_id"] == longer.id


# -- Seedance -------------------------------------------------------------------------------------

SEEDANCE: list[dict[str, Any]] = [
    {  # the docs' example
        "model": "seedance-1.5-pro",
        "prompt": DRONE,
        "aspect_ratio": "16:9",
        "output_resolution": "720p",
        "duration_seconds": 8,
        "generate_audio": False,
    },
    {  # 1.5-pro image-to-video: up to two source images
        "model": "seedance-1.5-pro",
        "prompt": "The portrait slowly turns toward the light",
        "aspect_ratio": "9:16",
        "duration_seconds": 4,
        "source_image_urls": [PORTRAIT, PORTRAIT_2],
        "lock_camera": True,
    },
    {  # 2.x frame mode: first and last frame
        "model": "seedance-2.0",
        "prompt": "The camera glides from dawn to dusk over the valley",
        "first_frame_image_url": FIRST_FRAME,
        "last_frame_image_url": LAST_FRAME,
        "duration_seconds": 10,
        "generate_audio": True,
    },
    {  # 2.x reference mode: images, videos and audio
        "model": "seedance-2.0-fast",
        "prompt": "The character from the reference dances to the reference beat",
        "aspect_ratio": "auto",
        "output_resolution": "720p",
        "duration_seconds": 15,
        "reference_image_urls": [REFERENCE_1, REFERENCE_2],
        "reference_video_urls": [VIDEO],
        "reference_audio_urls": [VOICE],
        "web_search": False,
    },
    {  # seedance-2-mini (newer source: the platform contract): 2.x reference mode, at most 720p
        "model": "seedance-2-mini",
        "prompt": "The character from the reference waves",
        "aspect_ratio": "21:9",
        "output_resolution": "720p",
        "reference_image_urls": [REFERENCE_1],
        "reference_audio_urls": [VOICE],
    },
    {  # 4k: seedance-2.0 only (newer source: the platform contract)
        "model": "seedance-2.0",
        "prompt": "A fox in the snow",
        "output_resolution": "4k",
    },
    {  # v1 image-to-video; no aspect_ratio: it comes from the image
        "model": "seedance-v1-pro",
        "prompt": "The flower blooms",
        "first_frame_image_url": FIRST_FRAME,
        "duration_seconds": 10,
        "seed": -1,
    },
    {"model": "seedance-v1-pro", "prompt": "A fox in the snow", "aspect_ratio": "21:9", "duration_seconds": 10},
    {
        "model": "seedance-v1-pro-fast",
        "prompt": "The scene comes alive",
        "first_frame_image_url": IMAGE_TO_VIDEO,
        "duration_seconds": 5,
        "output_resolution": "1080p",
    },
]


@pytest.mark.parametrize(
    "params",
    SEEDANCE,
    ids=[
        "1.5-pro-text",
        "1.5-pro-images",
        "2.0-frames",
        "2.0-fast-references",
        "2-mini-references",
        "2.0-4k",
        "v1-pro-image",
        "v1-pro-text",
        "v1-pro-fast-image",
    ],
)
def test_seedance_text_to_video_every_model_and_mode(
    client: runapi.Client, emu: Emulator, params: dict[str, Any], tmp_path: Path
) -> None:
    task = client.seedance.text_to_video.run(**params)
    assert saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params
    if "last_frame_image_url" in params:  # "Present when the request included a last frame image"
        assert is_png(download(client, task.last_frame_image_url, tmp_path / "last-frame"))
    else:
        assert task.last_frame_image_url is None


# -- Runway, Runway Aleph ------------------------------------------------------------------------


def test_runway_text_to_video_then_extend_video(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    video = client.runway.text_to_video.run(
        prompt="A camera glide through ocean mist at sunrise",
        duration_seconds=5,
        output_resolution="720p",
        aspect_ratio="16:9",
    )
    assert video.videos[0].id and video.videos[0].url
    assert saves_videos(client, video, tmp_path / "video")
    assert is_png(download(client, video.images[0].url, tmp_path / "cover"))  # the cover, not an output

    longer = client.runway.extend_video.run(
        source_task_id=video.id,
        prompt="The sun breaks through the mist",
        output_resolution="1080p",
        watermark="RunAPI",
    )
    assert longer.id != video.id and sent(emu, longer)["source_task_id"] == video.id
    assert saves_videos(client, longer, tmp_path / "longer")
    again = client.runway.extend_video.run(source_task_id=longer.id, prompt="Night falls", output_resolution="720p")
    assert saves_videos(client, again, tmp_path / "again")


def test_runway_image_to_video_needs_no_aspect_ratio(client: runapi.Client, tmp_path: Path) -> None:
    video = client.runway.text_to_video.run(
        prompt="The subject turns toward the camera",
        duration_seconds=10,
        output_resolution="1080p",
        first_frame_image_url=FIRST_FRAME,
    )
    assert saves_videos(client, video, tmp_path)


def test_runway_aleph_edit_video(client: runapi.Client, tmp_path: Path) -> None:
    edited = client.runway_aleph.edit_video.run(
        prompt="Transform the scene into moody dusk lighting",
        source_video_url=JOYRIDES,
        reference_image_url="https://raw.githubusercontent.com/github/explore/main/topics/python/python.png",
        aspect_ratio="21:9",
        seed=42,
    )
    assert saves_videos(client, edited, tmp_path / "video")
    assert is_png(download(client, edited.images[0].url, tmp_path / "still"))


# -- Wan ----------------------------------------------------------------------------------------

WAN_VIDEOS: list[tuple[str, dict[str, Any]]] = [
    (
        "text_to_video",
        {
            "model": "wan-2.6-text-to-video",
            "prompt": "A timelapse of cherry blossoms falling in a Japanese garden",
            "output_resolution": "720p",
            "aspect_ratio": "16:9",
        },
    ),
    (
        "text_to_video",
        {
            "model": "wan-2.5-text-to-video",
            "prompt": "Waves crash on a rocky shore",
            "duration_seconds": 5,
            "negative_prompt": "people",
            "aspect_ratio": "9:16",
        },
    ),
    (
        "text_to_video",
        {"model": "wan-2.2-a14b-text-to-video-turbo", "prompt": "A paper boat on a river", "acceleration": "regular"},
    ),
    (
        "text_to_video",
        {
            "model": "wan-2.7-text-to-video",
            "prompt": "A jazz club at midnight",
            "watermark": False,
            "background_audio_url": VOICE,
        },
    ),
    (
        "text_to_video",
        {
            "model": "wan-2.7-r2v",
            "prompt": "A person walking through autumn leaves",
            "reference_image_urls": [PORTRAIT],
            "output_resolution": "1080p",
        },
    ),
    (  # r2v from a reference video only, with a first frame and a reference voice
        "text_to_video",
        {
            "model": "wan-2.7-r2v",
            "prompt": "The dancer repeats the move on a rooftop",
            "reference_video_urls": [VIDEO],
            "first_frame_image_url": FIRST_FRAME,
            "reference_audio_url": VOICE,
        },
    ),
    (
        "image_to_video",
        {
            "model": "wan-2.6-image-to-video",
            "prompt": "The cat gently swishes its tail",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "output_resolution": "720p",
        },
    ),
    (
        "image_to_video",
        {"model": "wan-2.5-image-to-video", "first_frame_image_url": IMAGE_TO_VIDEO, "duration_seconds": 10},
    ),
    ("image_to_video", {"model": "wan-2.2-a14b-image-to-video-turbo", "first_frame_image_url": IMAGE_TO_VIDEO}),
    (
        "image_to_video",
        {
            "model": "wan-2.6-flash-image-to-video",
            "prompt": "The lantern flickers",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "audio": True,
            "multi_shots": False,
        },
    ),
    (  # wan-2.7: the first frame is optional; here it continues a video to a last frame
        "image_to_video",
        {
            "model": "wan-2.7-image-to-video",
            "prompt": "The chase continues into the tunnel",
            "source_video_url": VIDEO,
            "last_frame_image_url": LAST_FRAME,
            "driving_audio_url": VOICE,
        },
    ),
    (
        "speech_to_video",
        {"model": "wan-2.2-a14b-speech-to-video-turbo", "source_image_url": PORTRAIT, "source_audio_url": VOICE},
    ),
    (
        "speech_to_video",
        {
            "model": "wan-2.2-a14b-speech-to-video-turbo",
            "source_image_url": PORTRAIT,
            "source_audio_url": VOICE,
            "prompt": "A news anchor",
            "num_frames": 80,
            "frames_per_second": 16,
            "num_inference_steps": 27,
            "guidance_scale": 3.5,
            "shift": 5.0,
        },
    ),
    ("animate", {"model": "wan-2.2-animate-move", "reference_video_url": VIDEO, "source_image_url": IMAGE}),
    ("animate", {"model": "wan-2.2-animate-replace", "reference_video_url": VIDEO, "source_image_url": IMAGE}),
    (
        "edit_video",
        {
            "model": "wan-2.7-edit-video",
            "source_video_url": VIDEO,
            "prompt": "Make the sky more dramatic with storm clouds",
        },
    ),
    (
        "edit_video",
        {"model": "wan-2.6-edit-video", "source_video_urls": [VIDEO], "prompt": "Turn it into a watercolour"},
    ),
    (
        "edit_video",
        {
            "model": "wan-2.6-flash-edit-video",
            "source_video_urls": [VIDEO, JOYRIDES],
            "prompt": "Add falling snow",
            "audio": True,
            "reference_image_url": REFERENCE_1,
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    WAN_VIDEOS,
    ids=[
        "t2v-2.6",
        "t2v-2.5",
        "t2v-2.2",
        "t2v-2.7",
        "r2v-images",
        "r2v-video",
        "i2v-2.6",
        "i2v-2.5",
        "i2v-2.2",
        "i2v-2.6-flash",
        "i2v-2.7",
        "speech",
        "speech-tuned",
        "animate-move",
        "animate-replace",
        "edit-2.7",
        "edit-2.6",
        "edit-2.6-flash",
    ],
)
def test_wan_video_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.wan, operation).run(**params)
    assert task.videos and saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


@pytest.mark.parametrize(
    ("params", "count"),
    [
        (
            {
                "model": "wan-2.7-image",
                "prompt": "A surreal dreamscape with floating islands and waterfalls",
                "aspect_ratio": "1:8",
            },
            1,
        ),
        (
            {
                "model": "wan-2.7-image-pro",
                "prompt": "A poster of a lighthouse",
                "output_count": 3,
                "thinking_mode": True,
                "color_palette": [{"hex": "#1E90FF", "ratio": 0.6}, {"hex": "#FFFFFF", "ratio": 0.4}],
            },
            3,
        ),
    ],
    ids=["image", "image-pro"],
)
def test_wan_text_to_image_gives_png_images(
    client: runapi.Client, params: dict[str, Any], count: int, tmp_path: Path
) -> None:
    task = client.wan.text_to_image.run(**params)
    assert len(task.images) == count
    assert saves_images(client, task, tmp_path)


# -- Luma ---------------------------------------------------------------------------------------


def test_luma_modify_video_names_its_source(client: runapi.Client, tmp_path: Path) -> None:
    task = client.luma.modify_video.run(
        prompt="Turn the street into a rainy cyberpunk night with neon reflections",
        source_video_url=JOYRIDES,
        watermark="demo-watermark",
    )
    assert saves_videos(client, task, tmp_path)
    assert [source.url for source in task.sources] == [JOYRIDES]


# -- Hailuo -------------------------------------------------------------------------------------

HAILUO: list[tuple[str, dict[str, Any]]] = [
    (
        "text_to_video",
        {"model": "hailuo-02-text-to-video-pro", "prompt": "A fox in the snow", "prompt_optimizer": True},
    ),
    (
        "text_to_video",
        {"model": "hailuo-02-text-to-video-standard", "prompt": "A fox in the snow", "duration_seconds": 10},
    ),
    (
        "image_to_video",
        {"model": "hailuo-02-image-to-video-pro", "prompt": "The fox turns its head", "first_frame_image_url": IMAGE},
    ),
    (
        "image_to_video",
        {
            "model": "hailuo-02-image-to-video-standard",
            "prompt": "The fox runs off",
            "first_frame_image_url": FIRST_FRAME,
            "last_frame_image_url": LAST_FRAME,
            "duration_seconds": 6,
            "output_resolution": "768p",
        },
    ),
    (
        "image_to_video",
        {
            "model": "hailuo-2.3-image-to-video-pro",
            "prompt": "The fox leaps",
            "first_frame_image_url": IMAGE,
            "duration_seconds": 10,
            "output_resolution": "1080p",
        },
    ),
    (
        "image_to_video",
        {
            "model": "hailuo-2.3-image-to-video-standard",
            "prompt": "The fox sleeps",
            "first_frame_image_url": IMAGE,
            "output_resolution": "768p",
        },
    ),
]


@pytest.mark.parametrize(
    ("operation", "params"),
    HAILUO,
    ids=["t2v-02-pro", "t2v-02-standard", "i2v-02-pro", "i2v-02-standard", "i2v-2.3-pro", "i2v-2.3-standard"],
)
def test_hailuo_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.hailuo, operation).run(**params)
    assert task.videos and saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


# -- HappyHorse ---------------------------------------------------------------------------------

HAPPYHORSE: list[tuple[str, dict[str, Any]]] = [
    (
        "text_to_video",
        {
            "model": "happyhorse-text-to-video",
            "prompt": "A tiny paper horse gallops through a miniature cardboard city at night, cinematic camera move, "
            "warm window lights.",
            "output_resolution": "1080p",
            "aspect_ratio": "16:9",
            "duration_seconds": 5,
            "seed": 491001,
        },
    ),
    (
        "text_to_video",
        {
            "model": "happyhorse-character",
            "prompt": "Character1 walks through a paper city and waves at character2 during a gentle cinematic camera "
            "move.",
            "reference_image_urls": [REFERENCE_1, REFERENCE_2],
            "output_resolution": "1080p",
            "aspect_ratio": "16:9",
            "duration_seconds": 5,
            "seed": 493001,
        },
    ),
    (
        "image_to_video",
        {
            "model": "happyhorse-image-to-video",
            "first_frame_image_url": IMAGE_TO_VIDEO,
            "prompt": "Bring the still frame to life with a gentle cinematic camera move.",
            "output_resolution": "1080p",
            "duration_seconds": 5,
            "seed": 492001,
        },
    ),
    (
        "edit_video",
        {
            "model": "happyhorse-edit-video",
            "prompt": "Make the horse-headed humanoid character in the video wear the striped sweater from the "
            "reference image.",
            "source_video_url": VIDEO,
            "reference_image_urls": [REFERENCE_1],
            "output_resolution": "1080p",
            "audio_setting": "auto",
            "seed": 494001,
        },
    ),
]


@pytest.mark.parametrize(("operation", "params"), HAPPYHORSE, ids=["text", "character", "image", "edit"])
def test_happyhorse_operations_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.happyhorse, operation).run(**params)
    assert task.videos and saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


# -- Grok Imagine -------------------------------------------------------------------------------


def test_grok_text_to_video_then_extend_and_upscale(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    video = client.grok_imagine.text_to_video.run(
        model="grok-imagine-text-to-video",
        prompt="A neon dragon gliding over a rain-soaked Tokyo street at night",
        aspect_ratio="16:9",
        motion_style="normal",
        duration_seconds=10,
        output_resolution="720p",
        enable_safety_checker=False,
    )
    assert video.videos and not video.images
    assert saves_videos(client, video, tmp_path / "video")

    longer = client.grok_imagine.extend_video.run(
        source_task_id=video.id,
        prompt="Continue with the dragon soaring above the skyline",
        start_seconds=6,
        extension_duration_seconds=6,
    )
    assert sent(emu, longer)["source_task_id"] == video.id
    assert saves_videos(client, longer, tmp_path / "longer")

    # "Only 480p source videos are supported for upscale": the default resolution
    small = client.grok_imagine.text_to_video.run(
        model="grok-imagine-text-to-video", prompt="A koi pond", motion_style="fun"
    )
    upscaled = client.grok_imagine.upscale_image.run(source_task_id=small.id)
    assert upscaled.videos and not upscaled.images  # the path says image; the output is the video
    assert saves_videos(client, upscaled, tmp_path / "upscaled")


def test_grok_text_to_image_then_image_to_video_by_task(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    image = client.grok_imagine.text_to_image.run(
        model="grok-imagine-text-to-image",
        prompt="A cyberpunk fox warrior standing on a rooftop overlooking a neon city",
        aspect_ratio="1:1",
        enable_pro=True,
        enable_safety_checker=False,
    )
    assert image.images and not image.videos
    assert saves_images(client, image, tmp_path / "image")

    clip = client.grok_imagine.image_to_video.run(
        model="grok-imagine-image-to-video",
        source_task_id=image.id,
        index=0,
        prompt="Gentle camera orbit around the subject",
        duration_seconds=10,
        output_resolution="720p",
        motion_style="spicy",  # allowed with a source task (not with source_image_urls)
    )
    assert sent(emu, clip)["source_task_id"] == image.id
    assert saves_videos(client, clip, tmp_path / "clip")

    longer = client.grok_imagine.extend_video.run(
        source_task_id=clip.id, prompt="The fox leaps to the next roof", start_seconds=8, extension_duration_seconds=10
    )
    assert saves_videos(client, longer, tmp_path / "longer")


def test_grok_image_to_video_from_an_image_url(client: runapi.Client, tmp_path: Path) -> None:
    clip = client.grok_imagine.image_to_video.run(
        model="grok-imagine-image-to-video",
        source_image_urls=[IMAGE_TO_VIDEO],
        prompt="Slow dolly-in on the subject as wind ruffles the hair",
        motion_style="normal",
        duration_seconds=8,
        output_resolution="720p",
        aspect_ratio="16:9",
        enable_safety_checker=False,
    )
    assert saves_videos(client, clip, tmp_path)


GROK_15: list[tuple[str, dict[str, Any]]] = [  # newer source: the platform contract, the official repository
    ("text_to_video", {"model": "grok-imagine-video-1.5-preview", "prompt": "A koi pond", "aspect_ratio": "auto"}),
    (
        "text_to_video",
        {
            "model": "grok-imagine-video-1.5-fast",
            "prompt": "A koi pond",
            "duration_seconds": 20,
            "output_resolution": "720p",
        },
    ),
    (
        "image_to_video",
        {
            "model": "grok-imagine-video-1.5-fast",
            "source_image_urls": [IMAGE_TO_VIDEO],
            "reference_image_urls": [REFERENCE_1],
            "aspect_ratio": "3:2",
        },
    ),
    (
        "image_to_video",
        {"model": "grok-imagine-video-1.5-preview", "source_image_urls": [IMAGE_TO_VIDEO], "output_resolution": "480p"},
    ),
]


@pytest.mark.parametrize(("operation", "params"), GROK_15, ids=["t2v-preview", "t2v-fast", "i2v-fast", "i2v-preview"])
def test_grok_video_15_models_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(client.grok_imagine, operation).run(**params)
    assert task.videos and saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


def test_grok_segment_map_from_an_image_url_and_from_an_image_task(
    client: runapi.Client, emu: Emulator, tmp_path: Path
) -> None:
    # official runapi-grok-imagine 0.3.0 SegmentMap: image_url, or source_task_id (a text_to_image task)
    from_url = client.grok_imagine.segment_map.run(image_url=IMAGE)
    assert from_url.segments and all(segment.index is not None for segment in from_url.segments)
    assert saves_images(client, from_url, tmp_path / "url")
    assert sent(emu, from_url) == {"image_url": IMAGE}

    image = client.grok_imagine.text_to_image.run(model="grok-imagine-text-to-image", prompt="A cat on a sofa")
    from_task = client.grok_imagine.segment_map.run(source_task_id=image.id, model="grok-imagine-image-2-0")
    assert [segment.url for segment in from_task.segments] == from_task.output_urls
    assert saves_images(client, from_task, tmp_path / "task")
    assert sent(emu, from_task) == {"source_task_id": image.id, "model": "grok-imagine-image-2-0"}


def test_grok_edit_image_gives_a_png(client: runapi.Client, tmp_path: Path) -> None:
    edited = client.grok_imagine.edit_image.run(
        model="grok-imagine-edit-image",
        source_image_url=IMAGE,
        prompt="Reimagine the subject as an oil painting",
        enable_safety_checker=False,
    )
    assert edited.images and saves_images(client, edited, tmp_path)


# -- Topaz --------------------------------------------------------------------------------------


def test_topaz_upscale_image_gives_a_png(client: runapi.Client, tmp_path: Path) -> None:
    task = client.topaz.upscale_image.run(
        model="topaz-upscale-image", source_image_url=f"{SAMPLES}/upscale.jpg", upscale_factor=4
    )
    assert task.images and saves_images(client, task, tmp_path)


@pytest.mark.parametrize("factor", [2, None], ids=["2x", "service-default"])
def test_topaz_upscale_video_gives_an_mp4(client: runapi.Client, factor: int | None, tmp_path: Path) -> None:
    task = client.topaz.upscale_video.run(
        model="topaz-upscale-video", source_video_url=f"{SAMPLES}/video-lowres.mp4", upscale_factor=factor
    )
    assert task.videos and saves_videos(client, task, tmp_path)


# -- InfiniteTalk -------------------------------------------------------------------------------


def test_infinitetalk_audio_to_video(client: runapi.Client, tmp_path: Path) -> None:
    task = client.infinitetalk.audio_to_video.run(
        model="infinitetalk-from-audio",
        source_image_url=PORTRAIT,
        source_audio_url=VOICE,
        prompt="A young woman with long dark hair talking on a podcast.",
        output_resolution="480p",
        seed=12345,
    )
    assert task.videos and saves_videos(client, task, tmp_path)


# -- Gemini Omni --------------------------------------------------------------------------------


def test_gemini_omni_voice_and_character_then_video(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    seen = len(emu.requests())
    voice = client.gemini_omni.create_audio(
        audio_id="achernar",
        name="Acher Narrator",
        voice_description="A calm, clear, and friendly male voice suitable for tech explainers and daily conversation.",
        example_dialogue="Hello, I am achernar",
    )
    assert voice.id and voice.audio is not None and (voice.audio.id, voice.audio.name) == (voice.id, "Acher Narrator")
    assert_typed(voice, voice.raw)

    hero = client.gemini_omni.create_character(
        descriptions="A young female character with short silver hair and a futuristic utility jacket, calm, agile, "
        "and strongly cyberpunk in style.",
        reference_image_url=REFERENCE_1,
        audio_ids=[voice.id],
        character_name="Jenny",
    )
    assert hero.id and hero.character is not None and (hero.character.id, hero.character.name) == (hero.id, "Jenny")
    assert_typed(hero, hero.raw)
    assert is_png(download(client, hero.character.images[0].url, tmp_path / "character"))
    calls = [(r["method"], r["path"]) for r in emu.requests()[seen:] if r["path"].startswith("/api/")]
    assert calls == [  # direct: one call each, no status polling
        ("POST", "/api/v1/gemini_omni/create_audio"),
        ("POST", "/api/v1/gemini_omni/create_character"),
    ]

    video = client.gemini_omni.text_to_video.run(
        prompt="Create a futuristic night city short film with a slow push-in shot as the character walks out from "
        "a neon-lit street.",
        reference_image_urls=[REFERENCE_1],
        audio_ids=[voice.id],
        character_ids=[hero.id],
        duration_seconds=8,
        aspect_ratio="16:9",
        output_resolution="1080p",
        seed=12345,
    )
    assert (sent(emu, video)["audio_ids"], sent(emu, video)["character_ids"]) == ([voice.id], [hero.id])
    assert saves_videos(client, video, tmp_path / "video")


def test_gemini_omni_text_to_video_from_a_clip(client: runapi.Client, emu: Emulator, tmp_path: Path) -> None:
    video = client.gemini_omni.text_to_video.run(
        prompt="Continue the ride into a sunset",
        video_list=[VideoClip(url=JOYRIDES, start=0, ends=4.5)],
        duration_seconds=4,  # required by the table, "ignored when video_list is provided"
        aspect_ratio="9:16",
        output_resolution="4k",
    )
    assert sent(emu, video)["video_list"] == [{"url": JOYRIDES, "start": 0, "ends": 4.5}]
    assert saves_videos(client, video, tmp_path)


# -- failures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "operation", "params", "error"),
    [
        ("kling", "motion_control", KLING[11][1], "Generation failed"),  # docs: every Kling failed example
        ("seedance", "text_to_video", SEEDANCE[0], "Task failed"),  # docs: Seedance failed callback
        ("luma", "modify_video", {"prompt": "p", "source_video_url": JOYRIDES}, "Modify record generation failed."),
        ("grok_imagine", "text_to_video", {"model": "grok-imagine-text-to-video", "prompt": "p"}, "Generation failed"),
        ("wan", "animate", WAN_VIDEOS[13][1], "Generation failed"),  # no failed example: the general wording
    ],
    ids=["kling", "seedance", "luma", "grok", "wan"],
)
def test_a_failed_video_task_raises_task_failed_error_with_the_docs_text(
    client: runapi.Client, family: str, operation: str, params: dict[str, Any], error: str
) -> None:
    text_field = "prompt" if "prompt" in params else "source_image_url"
    failing = dict(params, **{text_field: f"{params[text_field]}#emulator:fail"})
    with pytest.raises(runapi.TaskFailedError) as info:
        getattr(getattr(client, family), operation).run(**failing)
    assert info.value.error == error and info.value.task.is_failed and not info.value.task.output_urls


# -- the models and values of the platform contract the docs do not list ----------------------------

NEWER: list[tuple[str, str, dict[str, Any]]] = [  # newer source: the platform contract (its README)
    ("happyhorse", "text_to_video", {"model": "happyhorse-1.0-t2v", "prompt": "A paper horse", "aspect_ratio": "1:1"}),
    (
        "happyhorse",
        "text_to_video",
        {"model": "happyhorse-1.0-r2v", "prompt": "Character1 waves", "reference_image_urls": [PORTRAIT]},
    ),
    ("happyhorse", "image_to_video", {"model": "happyhorse-1.0-i2v", "first_frame_image_url": FIRST_FRAME}),
    (
        "runway",
        "text_to_video",
        {"model": "runway", "prompt": DRONE, "duration_seconds": 5, "output_resolution": "720p", "aspect_ratio": "4:3"},
    ),
    ("runway_aleph", "edit_video", {"model": "runway-aleph", "prompt": "Moody dusk", "source_video_url": VIDEO}),
    ("luma", "modify_video", {"model": "luma-modify-video", "prompt": "Rainy night", "source_video_url": VIDEO}),
    ("veo_3_1", "text_to_video", {"model": "veo-3.1-lite", "prompt": "A dog in a park", "aspect_ratio": "9:16"}),
    (
        "wan",
        "text_to_video",
        {"model": "wan-2.7-r2v", "prompt": "A fox", "reference_image_urls": [REFERENCE_1], "aspect_ratio": "3:4"},
    ),
    (
        "gemini_omni",
        "text_to_video",
        {"model": "gemini-omni-flash-preview", "prompt": "A fox", "aspect_ratio": "9:16", "output_resolution": "720p"},
    ),
]


@pytest.mark.parametrize(("family", "operation", "params"), NEWER, ids=[p["model"] for _, _, p in NEWER])
def test_the_contracts_newer_models_run_to_downloadable_videos(
    client: runapi.Client, emu: Emulator, family: str, operation: str, params: dict[str, Any], tmp_path: Path
) -> None:
    task = getattr(getattr(client, family), operation).run(**params)
    assert saves_videos(client, task, tmp_path)
    assert sent(emu, task) == params


# -- coverage -------------------------------------------------------------------------------------

FAMILIES: dict[str, set[str]] = {
    "kling": {op for op, _ in KLING},
    "seedance": {"text_to_video"},  # SEEDANCE: every model of the one operation
    "runway": set(),
    "runway_aleph": set(),
    "wan": {op for op, _ in WAN_VIDEOS},
    "luma": set(),
    "hailuo": {op for op, _ in HAILUO},
    "happyhorse": {op for op, _ in HAPPYHORSE},
    "grok_imagine": set(),
    "topaz": set(),
    "infinitetalk": set(),
    "gemini_omni": set(),
}
"""The video families, each with the operations its parametrized tables run (the rest are called by name)."""


@pytest.mark.parametrize(("family", "parametrized"), FAMILIES.items(), ids=list(FAMILIES))
def test_every_operation_of_the_family_is_run_end_to_end(family: str, parametrized: set[str]) -> None:
    """A new operation of a video family without an end-to-end test on the emulator fails here."""
    assert operations_of(family)
    assert not_run(family, [Path(__file__)], parametrized) == set()


def test_the_video_families_have_35_operations() -> None:
    """The twelve families' 33 task and 2 direct operations, as the emulator's video rows (grok_imagine's
    segment_map, from the official package, is the 35th)."""
    assert sum(len(operations_of(family)) for family in FAMILIES) == 35
