"""What an IDE shows a user: the real pyright language server (``pyright-langserver``) asked for hovers.

Pyright is a dev dependency (``tests/typing/test_types.py`` fails without it), so these do not skip.
The server is driven over stdio with JSON-RPC: ``initialize``, ``didOpen`` of a user script (held in
memory, never written), then ``textDocument/hover`` and ``textDocument/signatureHelp`` at its calls.

What pyright shows today (1.1.4xx), which these tests hold:

- ``client.<family>.<op>.create(`` and ``.run(``: hovering the method shows every parameter with its
  type and default; a ``Literal`` written in the annotation shows its values
  (``aspect_ratio: Literal[...] | None``), an alias shows its name (``output_resolution: OutputResolution``)
  (``aspect_ratio: AspectRatio | None``); inside a string argument the completion list offers the
  allowed values either way (``"16:9"``, ``"9:16"``, ``"1:1"``). The parameters come through a ``ParamSpec``, so neither
  the hover of a keyword argument nor the signature help carries per-parameter text (pyright looks
  for it in the docstring of ``create`` itself, which is the generic one).
- ``runapi.<family>.<Op>Params(`` (a ``dataclass_transform`` class): the signature help shows, per
  parameter, the first line of its entry in the class docstring's ``Attributes:`` (or ``Args:``)
  section; the hover of a keyword argument shows the field's *attribute docstring* (a string
  literal right after the field), and so does the hover of ``params.field``. Pyright reads no
  attribute docstring for the signature help, and no ``Attributes:`` entry for the hover.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TIMEOUT = 120.0

SCRIPT = '''\
import runapi
from runapi._core.params import params

client = runapi.Client(api_key="sk-test")
task = client.kling.text_to_video.create(model="kling-3.0", aspect_ratio="16:9", output_resolution="4k", prompt="x")
video_url = task.videos[0].url
chosen = runapi.kling.TextToVideoParams(model="kling-3.0", cfg_scale=0.5, prompt="a fox")


@params
class Documented:
    """Params of an example endpoint.

    Attributes:
        prompt: what the image shows (the class docstring's entry).
    """

    prompt: str
    """What the image shows (the attribute docstring)."""


documented = Documented(prompt="a cat")
documented.prompt
'''


class LanguageServer:
    """A ``pyright-langserver --stdio`` process and the JSON-RPC exchange with it."""

    def __init__(self) -> None:
        exe = shutil.which("pyright-langserver", path=str(Path(sys.executable).parent))
        if exe is None:
            pytest.fail("pyright is not installed: it is a dev dependency (pip install -e '.[dev]')")
        self._process = subprocess.Popen(
            [exe, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read_all, daemon=True)
        self._reader.start()
        self._next_id = 0

    def _read_all(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = None
            while line := stream.readline():
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:  # the stream ended
                self._messages.put(None)
                return
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self._next_id += 1
        mine = self._next_id
        self._send({"id": mine, "method": method, "params": params})
        while True:
            message = self._messages.get(timeout=TIMEOUT)
            assert message is not None, "pyright-langserver exited"
            if "method" in message and "id" in message:  # a request from the server
                self._answer(message)
            elif message.get("id") == mine:
                assert "error" not in message, message
                return message.get("result")

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":  # the venv's interpreter, where runapi is installed
            result = [
                {"pythonPath": sys.executable} if item.get("section") == "python" else None
                for item in message["params"]["items"]
            ]
        self._send({"id": message["id"], "result": result})

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self._process.wait(timeout=10)
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            self._reader.join(timeout=10)  # it ends at the end of the stream
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    stream.close()


class Script:
    """``SCRIPT`` opened in the server; hovers and signature help at a piece of its text."""

    def __init__(self, server: LanguageServer, text: str) -> None:
        self._server = server
        self._lines = text.splitlines()
        self._uri = (HERE / "_hover_script.py").as_uri()  # never written: the server reads the text sent
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": self._uri, "languageId": "python", "version": 1, "text": text}},
        )

    def _position(self, line: str, at: str) -> dict[str, int]:
        """The first character of ``at`` in the one line of the script that holds ``line``."""
        found = [number for number, text in enumerate(self._lines) if line in text]
        assert len(found) == 1, f"{line!r} is not on exactly one line of the script"
        return {"line": found[0], "character": self._lines[found[0]].index(at)}

    def hover(self, line: str, at: str) -> str:
        """The hover text (markdown) over the word ``at`` begins, on the line holding ``line``; ``""`` if none."""
        position = self._position(line, at)
        position["character"] += 1  # inside the word
        result = self._server.request("textDocument/hover", {"textDocument": {"uri": self._uri}, "position": position})
        return "" if not result else str(result["contents"]["value"])

    def parameter_doc(self, line: str, keyword: str) -> str:
        """The signature help's text for the argument being typed just after ``keyword`` (``"prompt="``)."""
        position = self._position(line, keyword)
        position["character"] += len(keyword)
        help_ = self._server.request(
            "textDocument/signatureHelp", {"textDocument": {"uri": self._uri}, "position": position}
        )
        assert help_ and help_["signatures"], f"no signature help after {keyword!r}"
        signature = help_["signatures"][help_.get("activeSignature") or 0]
        active = help_.get("activeParameter", signature.get("activeParameter"))
        parameter = signature["parameters"][active]
        documentation = parameter.get("documentation") or ""
        return documentation if isinstance(documentation, str) else str(documentation.get("value", ""))

    def completions(self, line: str, after: str) -> list[str]:
        """The completion labels offered just after ``after`` (``'aspect_ratio="'``) on the line holding ``line``."""
        position = self._position(line, after)
        position["character"] += len(after)
        result = self._server.request(
            "textDocument/completion", {"textDocument": {"uri": self._uri}, "position": position}
        )
        items = result["items"] if isinstance(result, dict) else result or []
        return [str(item["label"]) for item in items]


@pytest.fixture(scope="module")
def script() -> Iterator[Script]:
    server = LanguageServer()
    try:
        server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": ROOT.as_uri(),
                "capabilities": {
                    "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
                    "workspace": {"configuration": True},
                },
            },
        )
        server.notify("initialized", {})
        yield Script(server, SCRIPT)
    finally:
        server.close()


CREATE = "client.kling.text_to_video.create("
PARAMS = "runapi.kling.TextToVideoParams("


def test_create_shows_every_parameter_with_the_literal_values(script: Script) -> None:
    text = script.hover(CREATE, "create")
    assert "model: TextToVideoModel | str" in text  # open: a newer id type-checks (sent with a warning)
    assert "output_resolution: OutputResolution | None = None" in text  # an alias of a Literal shows its name
    assert "cfg_scale: float | None = None" in text
    assert ") -> VideoTask" in text


def test_a_keyword_argument_of_create_shows_its_type(script: Script) -> None:
    assert "output_resolution: OutputResolution | None" in script.hover(CREATE, "output_resolution=")
    assert "aspect_ratio: AspectRatio | None" in script.hover(CREATE, "aspect_ratio=")  # an alias shows its name


def test_the_allowed_values_are_offered_as_completions_even_behind_an_alias(script: Script) -> None:
    assert script.completions(CREATE, 'aspect_ratio="')[:3] == ['"16:9"', '"9:16"', '"1:1"']
    # a model id is typed ``TextToVideoModel | str`` (open to newer ids), and its known ids are still offered
    from typing import get_args

    from runapi.kling import TextToVideoModel

    known = [f'"{model}"' for model in get_args(TextToVideoModel)]
    assert script.completions(CREATE, 'model="')[: len(known)] == known


def test_a_shared_result_class_shows_under_its_name(script: Script) -> None:
    assert "videos: list[Video]" in script.hover("video_url =", "videos")
    assert "url: str | None" in script.hover("video_url =", ".url")


def test_a_params_class_shows_each_parameter_s_attributes_entry_while_typing(script: Script) -> None:
    assert (
        script.parameter_doc(PARAMS, "cfg_scale=") == "cfg_scale: creativity (0) to prompt adherence (1) (V2.1/V2.5)."
    )
    # the first line only of an entry that runs over several
    first_line = "prompt: what the video shows; required except in multi-shot mode, where it is refused. At"
    assert script.parameter_doc(PARAMS, "prompt=") == first_line


def test_pyright_reads_attribute_docstrings_for_hovers_and_the_docstring_section_for_signature_help(
    script: Script,
) -> None:
    attribute_docstring = "What the image shows (the attribute docstring)."
    assert attribute_docstring in script.hover("Documented(prompt=", "prompt=")
    assert attribute_docstring in script.hover("documented.prompt", "prompt")
    entry = "prompt: what the image shows (the class docstring's entry)."
    assert script.parameter_doc("Documented(prompt=", "prompt=") == entry
    assert attribute_docstring not in script.parameter_doc("Documented(prompt=", "prompt=")
    assert "class docstring's entry" not in script.hover("Documented(prompt=", "prompt=")
