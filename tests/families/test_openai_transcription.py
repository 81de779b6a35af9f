"""OpenAI Transcription (``runapi.openai_transcription``): a multipart upload answered JSON or text.

Bound to a client directly until it is registered. Facts: the path and the form (``file`` part,
``model`` defaulting to ``whisper-1``, lists as ``name[]`` parts) from the official package; the
models, ``response_format`` per model and ``timestamp_granularities`` at most 2 (``whisper-1``)
from the official CLI's newer contract; JSON or text answers by format (the package's README).
"""

from __future__ import annotations

import warnings
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import pytest
import responses

import runapi
from runapi.openai_transcription import MODELS, RESPONSE_FORMATS, OpenaiTranscription, Transcription

URL_PATH = "/v1/audio/transcriptions"
SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello.\n"


def parts(request: Any) -> list[tuple[str, str | None, bytes]]:
    """The multipart body's parts: (name, filename, content), in order."""
    body = request.body if isinstance(request.body, bytes) else b"".join(request.body)
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + request.headers["Content-Type"].encode() + b"\r\n\r\n" + body
    )
    return [
        (p.get_param("name", header="content-disposition"), p.get_filename(), p.get_payload(decode=True))
        for p in message.iter_parts()
    ]


def transcribe(client: runapi.Client, answer: dict[str, Any], **kwargs: Any) -> tuple[list[Any], Transcription]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(client.base_url + URL_PATH, **answer)
        try:
            result = OpenaiTranscription(client).speech_to_text(**kwargs)
        except runapi.ValidationError:
            assert not mock.calls, "a refused call must not reach the network"
            raise
        return parts(mock.calls[0].request), result


JSON = {"json": {"text": "Hello.", "language": "en"}}


@pytest.fixture
def audio(tmp_path: Path) -> Path:
    path = tmp_path / "speech.mp3"
    path.write_bytes(b"ID3 fake audio")
    return path


def test_the_default_model_is_sent_with_the_file_part_and_the_json_reads_typed(client, audio):
    sent, result = transcribe(client, JSON, file=audio)
    assert sent == [("model", None, b"whisper-1"), ("file", "speech.mp3", b"ID3 fake audio")]
    assert result == Transcription(text="Hello.", format="json") and result.raw == JSON["json"]


@pytest.mark.parametrize(
    ("model", "response_format"),
    [("whisper-1", f) for f in RESPONSE_FORMATS] + [("gpt-transcribe", f) for f in ("json", "text")],
)
def test_every_contract_model_and_format_is_accepted_without_a_warning(client, audio, model, response_format):
    with warnings.catch_warnings():
        warnings.simplefilter("error", runapi.UnknownValueWarning)
        sent, _ = transcribe(client, JSON, file=audio, model=model, response_format=response_format)
    assert sent[:2] == [("model", None, model.encode()), ("response_format", None, response_format.encode())]
    assert MODELS == ("gpt-transcribe", "whisper-1")


def test_lists_are_sent_as_repeated_bracketed_parts(client, audio):
    sent, _ = transcribe(
        client,
        JSON,
        file=audio,
        timestamp_granularities=["word", "segment"],
        languages=["en"],
        keywords=["RunAPI", "SDK"],
    )
    assert [(name, value) for name, _, value in sent[1:-1]] == [
        ("timestamp_granularities[]", b"word"),
        ("timestamp_granularities[]", b"segment"),
        ("languages[]", b"en"),
        ("keywords[]", b"RunAPI"),
        ("keywords[]", b"SDK"),
    ]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("application/x-subrip", SRT), ("text/vtt", "WEBVTT\n\n" + SRT), ("text/plain; charset=utf-8", "Hello.")],
)
def test_a_text_answer_reads_as_the_transcription_text(client, audio, content_type, body):
    _, result = transcribe(client, {"body": body, "content_type": content_type}, file=audio, response_format="srt")
    assert result == Transcription(text=body, format="text")


@pytest.mark.parametrize(
    ("kwargs", "field_name", "fragment"),
    [
        ({"model": "gpt-transcribe", "response_format": "srt"}, "response_format", "one of 'json', 'text'"),
        ({"response_format": "xml"}, "response_format", "one of"),
        ({"timestamp_granularities": ["word", "segment", "word"]}, "timestamp_granularities", "1-2"),
        ({"keywords": []}, "keywords", "at least 1"),
        ({"model": "whisper-2"}, "model", "one of"),
    ],
)
def test_a_value_the_sources_rule_out_is_refused_before_any_request(client, audio, kwargs, field_name, fragment):
    with pytest.raises(runapi.ValidationError) as info:
        transcribe(client, JSON, file=audio, **kwargs)
    assert info.value.field == field_name and fragment in str(info.value)


def test_a_missing_file_is_refused_before_any_request(client, tmp_path):
    with pytest.raises(runapi.ValidationError) as info:
        transcribe(client, JSON, file=tmp_path / "missing.mp3")
    assert info.value.field == "file"


def test_a_json_only_result_refuses_a_text_answer():
    with pytest.raises(runapi.APIResponseValidationError, match="not text"):
        runapi.Result.from_text("plain")
