"""The families added from the platform contract, called as a user would: both type checkers see each
operation's parameters and result (one operation per family; see test_user_scripts.py)."""

from __future__ import annotations

import runapi


def main() -> None:
    client = runapi.Client()

    midjourney: runapi.midjourney.ImageTask = client.midjourney.text_to_image.create(
        model="midjourney-v8.1", prompt="x"
    )
    pixverse: runapi.pixverse.VideoTask = client.pixverse.text_to_video.create(
        model="pixverse-v6", prompt="x", output_resolution="360p", duration_seconds=5, aspect_ratio="16:9"
    )
    vidu: runapi.vidu.VideoTask = client.vidu.image_to_video.create(
        model="x", first_frame_image_url="https://example.com/a.png"
    )
    heygen_video: runapi.heygen_video.VideoTask = client.heygen_video.text_to_video.create(model="heygen-video-1")
    minimax_h3: runapi.minimax_h3.VideoTask = client.minimax_h3.text_to_video.create(model="minimax-h3", prompt="x")
    omnihuman: runapi.omnihuman.VideoTask = client.omnihuman.audio_to_video.create(
        model="omnihuman-1.5",
        source_image_url="https://example.com/a.png",
        source_audio_url="https://example.com/a.png",
    )
    volcengine_lip_sync: runapi.volcengine_lip_sync.VideoTask = client.volcengine_lip_sync.lip_sync_video.create(
        model="volcengine-lip-sync",
        mode="lite",
        source_video_url="https://example.com/a.png",
        source_audio_url="https://example.com/a.png",
    )
    producer: runapi.producer.MusicTask = client.producer.text_to_music.create(
        model="fuzz-2.0", vocal_mode="exact_lyrics", prompt="x"
    )
    openai_tts: runapi.openai_tts.SpeechResult = client.openai_tts.text_to_speech(model="tts-1", text="x")
    fish_audio: runapi.fish_audio.SpeechResult = client.fish_audio.text_to_speech(model="s1", text="x")
    qwen_2_1: runapi.qwen_2_1.ImageTask = client.qwen_2_1.text_to_image.create(
        model="qwen-2.1-text-to-image", prompt="x"
    )
    qwen_3: runapi.qwen_3.ImageTask = client.qwen_3.text_to_image.create(model="qwen-3-text-to-image", prompt="x")
    qwen_image: runapi.qwen_image.ImageTask = client.qwen_image.text_to_image.create(
        model="qwen-image-text-to-image", prompt="x"
    )
    flux: runapi.flux.ImageTask = client.flux.text_to_image.create(model="flux-2-klein", prompt="x")
    gpt_image_2_5: runapi.gpt_image_2_5.ImageTask = client.gpt_image_2_5.text_to_image.create(
        model="gpt-image-2.5-flare", prompt="x"
    )
    speaker = runapi.gemini_tts.Speaker(speaker_id="Speaker 1", voice_name="Kore")
    turn = runapi.gemini_tts.DialogueTurn(speaker_id="Speaker 1", text="Hello")
    gemini_tts: runapi.gemini_tts.AudioTask = client.gemini_tts.text_to_speech.create(
        model="gemini-2.5-pro-tts", speakers=[speaker], dialogue_turns=[turn]
    )
    from pathlib import Path

    transcript: runapi.openai_transcription.Transcription = client.openai_transcription.speech_to_text(
        file=Path("talk.mp3"), model="whisper-1"
    )
    print(gemini_tts, transcript.text)
    print(
        midjourney,
        pixverse,
        vidu,
        heygen_video,
        minimax_h3,
        omnihuman,
        volcengine_lip_sync,
        producer,
        openai_tts,
        fish_audio,
        qwen_2_1,
        qwen_3,
        qwen_image,
        flux,
        gpt_image_2_5,
    )
