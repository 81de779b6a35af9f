"""Two small generic kinds of support the audio families needed, checked on toy declarations:

- a list operation with query parameters (``ListOperation(..., query=Params)``): checked before the
  request, sent as ``?name=value`` (``None`` left out), shown by ``inspect.signature``; a list
  without a query is unchanged;
- a 2xx answer that is not JSON but says it is text (``text/*``, SRT) reaches a result that reads
  text (``Result.from_text``); a JSON body is JSON whatever its content type; a JSON-only result
  refuses text; a multipart upload sends a list as repeated ``name[]`` parts.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import attrs
import pytest
import responses

import runapi
from runapi._core.models import Result
from runapi._core.operations import Family, UploadOperation
from runapi._core.params import FileInput, field, integer, params
from runapi._core.records import ListOperation
from tests.conftest import API_KEY, BASE_URL, FakeClock


@attrs.frozen(kw_only=True)
class Item(Result):
    item_id: str


@params
class Page:
    page_number: int | None = field(integer(1), default=None)
    flagged: bool | None = None


@attrs.frozen(kw_only=True)
class Text(Result):
    text: str | None = None

    @classmethod
    def from_text(cls, text: str) -> Text:
        return cls(text=text)


@attrs.frozen(kw_only=True)
class JsonOnly(Result):
    text: str | None = None


@params
class Form:
    file: FileInput
    tags: list[str] | None = None
    ratio: float | None = None


class Toy(Family):  # type: ignore[type-arg]
    items = ListOperation("/api/v1/items", Item, envelope="items", query=Page)
    everything = ListOperation("/api/v1/items", Item, envelope="items")
    transcribe = UploadOperation("/v1/text", Form, Text)
    json_only = UploadOperation("/v1/json", Form, JsonOnly)


@pytest.fixture
def toy(clock: FakeClock) -> Iterator[Toy]:
    with runapi.Client(api_key=API_KEY, base_url=BASE_URL, sleep=clock.sleep, clock=clock) as client:
        yield Toy(client)


def test_a_query_is_checked_then_sent_with_none_left_out(toy: Toy) -> None:
    with responses.RequestsMock() as mock:
        mock.get(f"{BASE_URL}/api/v1/items", json={"items": [{"item_id": "a"}], "total": 1})
        assert toy.items(page_number=2, flagged=True) == [Item(item_id="a")]
        assert toy.items() == [Item(item_id="a")]
        urls = [call.request.url for call in mock.calls]
    assert urls == [f"{BASE_URL}/api/v1/items?page_number=2&flagged=true", f"{BASE_URL}/api/v1/items"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(f"{BASE_URL}/api/v1/items", json={"items": []})
        with pytest.raises(runapi.ValidationError) as info:
            toy.items(page_number=0)
        assert not mock.calls
    assert info.value.field == "page_number"


def test_a_list_shows_its_query_and_a_list_without_one_takes_nothing(toy: Toy) -> None:
    shown = inspect.signature(toy.items)
    assert list(shown.parameters) == ["page_number", "flagged"] and shown.return_annotation == list[Item]
    with pytest.raises(runapi.ValidationError, match="unknown parameter 'page_number'"):
        toy.everything(page_number=1)  # type: ignore[call-arg]


@pytest.mark.parametrize("content_type", ["text/plain; charset=utf-8", "application/x-subrip", "text/vtt"])
def test_a_text_answer_reaches_a_result_that_reads_text(toy: Toy, content_type: str) -> None:
    with responses.RequestsMock() as mock:
        mock.post(f"{BASE_URL}/v1/text", body="1\n00:00:00,000 --> 00:00:01,000\nHi\n", content_type=content_type)
        assert toy.transcribe(file=b"x") == Text(text="1\n00:00:00,000 --> 00:00:01,000\nHi\n")


def test_json_is_json_whatever_the_content_type_and_text_is_refused_by_a_json_only_result(toy: Toy) -> None:
    with responses.RequestsMock() as mock:
        mock.post(f"{BASE_URL}/v1/text", body='{"text": "Hi"}', content_type="text/plain")
        mock.post(f"{BASE_URL}/v1/json", body="Hi", content_type="text/plain")
        assert toy.transcribe(file=b"x") == Text(text="Hi")
        with pytest.raises(runapi.APIResponseValidationError, match="not text"):
            toy.json_only(file=b"x")


def test_a_body_that_is_neither_json_nor_text_is_still_refused(toy: Toy) -> None:
    with responses.RequestsMock() as mock:
        mock.post(f"{BASE_URL}/v1/text", body=b"\x00\x01", content_type="application/octet-stream")
        with pytest.raises(runapi.APIResponseValidationError, match="not JSON"):
            toy.transcribe(file=b"x")


def test_a_multipart_list_is_sent_as_repeated_bracketed_parts(toy: Toy) -> None:
    with responses.RequestsMock() as mock:
        mock.post(f"{BASE_URL}/v1/text", json={"text": "ok"})
        toy.transcribe(file=b"x", tags=["a", "b"], ratio=0.5)
        body = mock.calls[0].request.body
        data = body if isinstance(body, bytes) else b"".join(body)
    assert data.count(b'name="tags[]"\r\n\r\na\r\n') == 1 and data.count(b'name="tags[]"\r\n\r\nb\r\n') == 1
    assert b'name="ratio"\r\n\r\n0.5\r\n' in data
