"""Mistakes in the families added from the platform contract: both type checkers flag each marked line."""

from __future__ import annotations

import runapi


def main() -> None:
    client = runapi.Client()
    # fmt: off

    client.midjourney.text_to_image.create(model='midjourney-v8.1', prompt="x", promptt="x")  # error: no such parameter
    client.pixverse.text_to_video.create(model='pixverse-v6', prompt="x", output_resolution='360p', duration_seconds=5, aspect_ratio='16:9', promptt="x")  # error: no such parameter
    client.vidu.image_to_video.create(model="x", first_frame_image_url="https://example.com/a.png", promptt="x")  # error: no such parameter
    client.heygen_video.text_to_video.create(model='heygen-video-1', promptt="x")  # error: no such parameter
    client.minimax_h3.text_to_video.create(model='minimax-h3', prompt="x", promptt="x")  # error: no such parameter
    client.omnihuman.audio_to_video.create(model='omnihuman-1.5', source_image_url="https://example.com/a.png", source_audio_url="https://example.com/a.png", promptt="x")  # error: no such parameter
    client.volcengine_lip_sync.lip_sync_video.create(model='volcengine-lip-sync', mode='lite', source_video_url="https://example.com/a.png", source_audio_url="https://example.com/a.png", promptt="x")  # error: no such parameter
    client.producer.text_to_music.create(model='fuzz-2.0', vocal_mode='exact_lyrics', prompt="x", promptt="x")  # error: no such parameter
    client.openai_tts.text_to_speech(model='tts-1', text="x", promptt="x")  # error: no such parameter
    client.fish_audio.text_to_speech(model='s1', text="x", promptt="x")  # error: no such parameter
    client.qwen_2_1.text_to_image.create(model='qwen-2.1-text-to-image', prompt="x", promptt="x")  # error: no such parameter
    client.qwen_3.text_to_image.create(model='qwen-3-text-to-image', prompt="x", promptt="x")  # error: no such parameter
    client.qwen_image.text_to_image.create(model='qwen-image-text-to-image', prompt="x", promptt="x")  # error: no such parameter
    client.flux.text_to_image.create(model='flux-2-klein', prompt="x", promptt="x")  # error: no such parameter
    client.gpt_image_2_5.text_to_image.create(model='gpt-image-2.5-flare', prompt="x", promptt="x")  # error: no such parameter
    client.gemini_tts.text_to_speech.create(model="gemini-2.5-pro-tts", speakers=[runapi.gemini_tts.Speaker(speaker_id="Speaker 1", voice_name="Kore")], dialogue_turns="hello")  # error: a list of turns
    client.openai_transcription.speech_to_text(model="whisper-1")  # error: the file is required
    # fmt: on
