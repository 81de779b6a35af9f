"""The ``runapi`` command line: try an endpoint, check a task or the balance, run a batch, run the emulator.

::

    runapi run suno.generate_lyrics --prompt "A song about the sea"      # create, wait, print
    runapi run nano_banana.text_to_image --model nano-banana --prompt "a cat" --download outputs/
    runapi run recraft.remove_background --model recraft-remove-background --source_image_url ./cat.png
    runapi run veo_3_1.text_to_video --help                             # its parameters, enums, defaults
    runapi get suno.generate_lyrics TASK_ID       runapi wait veo_3_1.text_to_video TASK_ID
    runapi balance
    runapi price kling.text_to_video --model kling-3.0 --prompt "a cat"  runapi price --schedules --service kling
    runapi batch jobs.jsonl --concurrency 16 --rate 5 --journal jobs.db --download outputs/ --out results.jsonl
    runapi emulator --port 8910                   runapi emulator --forward-to http://localhost:8000/callbacks
    runapi listen --forward-to http://localhost:8000/callbacks      # a listen session on RunAPI (or an emulator)
    runapi verify < captured-request.txt

Also ``python -m runapi``. The API key comes from ``--api-key``, else ``RUNAPI_API_KEY``, else
``~/.config/runapi/config.json`` (``{"api_key": "...", "base_url": "..."}``); it is never printed.
No key, or an empty ``--api-key ""``, is one line on stderr and exit code 2. Parameters keep
RunAPI's names (``--vocal_mode``); a list parameter is repeated (``--source_image_urls a.png
--source_image_urls b.png``) and a nested one is JSON. A file URL parameter takes an http(s) URL
or a local file (``./cat.png``, ``~/cat.png``, or any existing file), which is uploaded once, as a
``pathlib.Path`` is in Python; a local file that does not exist is a usage error (exit code 2).

``run`` (unless ``--no-wait``) prints ``task ID: processing`` on stderr as soon as the create
answers; while ``run`` or ``wait`` waits, stderr shows the task's status and the seconds elapsed
(a spinner when stderr is a terminal, else one plain line per poll); results go to stdout.
``--poll-interval SECONDS`` sets a fixed poll schedule (first gap, growing 1.5x). Ctrl-C while
waiting does not cancel the task: it prints the task id and the ``runapi wait ...`` command that
picks it up again, and exits with code 130. A wait that ends at its ``--timeout`` or on a lost
connection prints that command too. A parameter RunAPI refuses is one
line on stderr and exit code 2; an API error or a failed task, exit code 1. Messages never print a
line break or control character from a value (they are escaped).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import time
import types
import typing
from collections import abc
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import attrs
import click

from .errors import APIConnectionError, MissingAPIKeyError, RunAPIError, TaskTimeoutError, ValidationError

__all__ = ["main"]

CONFIG_PATH = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "runapi" / "config.json"


# -- settings ------------------------------------------------------------------------------------------


def _config() -> dict[str, Any]:
    try:
        data = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class _NoKeyError(MissingAPIKeyError):
    """No API key where the command line looks for one (its message names the CLI's options)."""


def _config_shown() -> str:
    """The config file's path as a message shows it: ``~/.config/runapi/config.json`` under the home folder."""
    home = Path.home()
    try:
        return "~/" + CONFIG_PATH.relative_to(home).as_posix()
    except ValueError:
        return str(CONFIG_PATH)


class Settings:
    """The group's options, resolved lazily: ``--api-key`` > ``RUNAPI_API_KEY`` > the config file.

    An empty ``--api-key ""`` is an error, never a fall back to the others; an empty
    ``RUNAPI_API_KEY`` counts as unset.
    """

    def __init__(self, api_key: str | None, base_url: str | None) -> None:
        self._api_key = api_key
        self._base_url = base_url

    @property
    def base_url_option(self) -> str | None:
        """``--base-url`` as given on the command line (``None`` when not given)."""
        return self._base_url

    def api_key(self) -> str:
        """The key (never shown).

        Raises:
            MissingAPIKeyError: none is set, or ``--api-key`` is empty (its message names
                ``--api-key``, ``RUNAPI_API_KEY`` and the config file).
        """
        where = f"RUNAPI_API_KEY (or api_key in {_config_shown()})"
        if self._api_key is not None:
            if not self._api_key.strip():
                raise _NoKeyError(f"--api-key is empty: pass your key, or leave --api-key out to use {where}")
            return self._api_key
        key = (os.environ.get("RUNAPI_API_KEY") or "").strip() or _config().get("api_key")
        if not isinstance(key, str) or not key.strip():
            raise _NoKeyError(f"no API key: pass --api-key or set {where}")
        return key

    def client_options(self) -> dict[str, Any]:
        """``api_key`` and ``base_url`` for a client.

        Raises:
            MissingAPIKeyError: no key (see :meth:`api_key`).
        """
        key = self.api_key()
        base_url = self._base_url or os.environ.get("RUNAPI_BASE_URL") or _config().get("base_url")
        return {"api_key": key, "base_url": base_url}

    def client(self) -> Any:
        import runapi

        return runapi.Client(**self.client_options())


def _one_line(text: str) -> str:
    """``text`` with each line break or other unprintable character escaped (``\\n``), so it prints as one line."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _fail(message: str, code: int) -> typing.NoReturn:
    click.echo(f"error: {_one_line(message)}", err=True)
    sys.exit(code)


def _missing_key(exc: MissingAPIKeyError) -> str:
    """The CLI's wording for a missing key (the client's own names ``api_key=``, a Python argument)."""
    if isinstance(exc, _NoKeyError):
        return str(exc)
    return f"no API key: pass --api-key or set RUNAPI_API_KEY (or api_key in {_config_shown()})"


def _guarded(call: Callable[[], Any]) -> Any:
    """Run ``call``: no key or a refused parameter exits 2, any other SDK error exits 1, each as one line on stderr."""
    try:
        return call()
    except MissingAPIKeyError as exc:
        _fail(_missing_key(exc), 2)
    except ValidationError as exc:
        _fail(str(exc), 2)
    except RunAPIError as exc:  # an API error, a failed task, a deadline
        _fail(str(exc), 1)


def _emit(value: Any, as_json: bool) -> None:
    from ._core.models import Result

    if as_json:
        data = value.to_dict() if isinstance(value, Result) else value
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    if isinstance(value, Result):
        task_id = getattr(value, "id", None)
        status = getattr(value, "status", None)
        if task_id is not None:
            click.echo(f"task {task_id}: {status}")
        usage = getattr(value, "usage", None)
        if usage is not None:  # a completed task's settled cost
            click.echo(f"cost: {_usd(usage.cost)} USD")
        for url in getattr(value, "output_urls", []):
            click.echo(url)
        if task_id is None:
            click.echo(json.dumps(value.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(value)


def _usd(amount: float) -> str:
    """``0.12`` as ``"0.12"``; an amount finer than a cent keeps its digits (``0.005``)."""
    return f"{amount:.2f}" if round(amount, 2) == amount else f"{amount:g}"


# -- operations and their options ------------------------------------------------------------------------


def _operations() -> dict[str, tuple[str, str, Any]]:
    """``"family.operation"`` -> (family attribute, operation name, operation), every family (imported once)."""
    from ._families import operations

    return operations()


def _operation(operation_name: str) -> tuple[str, str, Any] | None:
    """One ``"family.operation"`` (as :func:`_operations` has it), importing only that family; ``None`` if unknown."""
    from ._families import operation

    return operation(operation_name)


_UNIONS = (typing.Union, types.UnionType)
_TASK_HELP = (
    "Creates a task, waits for it (unless --no-wait) and prints it. Ctrl-C while it waits leaves the task "
    "running and prints the runapi wait command that picks it up (exit code 130)."
)
_ENTRY = re.compile(r"^    (\w+(?:, \w+)*): (.*)$")


def _field_help(params: type) -> dict[str, str]:
    """Each field's text from the params docstring's ``Args:``/``Attributes:`` section."""
    import inspect

    text = inspect.getdoc(params) or ""
    helps: dict[str, str] = {}
    current: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.strip() in ("Args:", "Attributes:"):
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            inside = False
            continue
        match = _ENTRY.match(line)
        if match:
            current = [name.strip() for name in match[1].split(",")]
            for name in current:
                helps[name] = match[2].strip()
        elif line.startswith("        ") and current:
            for name in current:
                helps[name] += " " + line.strip()
    cleaned = {name: re.sub(r"``?|:\w+:", "", value) for name, value in helps.items()}
    for name, value in list(cleaned.items()):  # "persona_id: persona to apply. persona_type: ..." on one line
        for other in re.findall(r"\.\s+(\w+): ", value):
            if other not in cleaned:
                head, _, tail = value.partition(f" {other}: ")
                cleaned[name], cleaned[other] = head, tail
                value = head
    return cleaned


class _JSON(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    name = "JSON"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            self.fail(f"{value!r} is not JSON", param, ctx)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PATH_PREFIXES = ("./", "../", "/", "~", ".\\", "..\\")


class _FileUrl(click.ParamType):  # type: ignore[type-arg,unused-ignore]
    """A file URL parameter's value (:data:`runapi._core.params.HttpUrl`): a URL is passed as is (the
    SDK checks it); an existing local file becomes a ``pathlib.Path``, which the SDK uploads once and
    sends as its URL. A path that names no file is a usage error naming the option."""

    name = "url|file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        if _SCHEME.match(value):
            return value
        from ._core.params import _is_file

        path = Path(value).expanduser()
        if _is_file(path):
            return path
        if value.startswith(_PATH_PREFIXES) or os.sep in value or "/" in value:
            problem = "is a folder, not a file" if path.is_dir() else "no such file"
            self.fail(f"{value!r}: {problem}", param, ctx)
        self.fail(
            f"{value!r} is neither an http(s) URL (https://example.com/cat.png) nor an existing file (./cat.png)",
            param,
            ctx,
        )


def _sentence(text: str, more: str) -> str:
    """``more`` after the help ``text``, as its next sentence."""
    text = text.strip()
    if text and not text.endswith((".", "!", "?", ":")):
        text += "."
    return f"{text} {more}".strip()


def _file_example(name: str) -> str:
    """A file name that suits the parameter, for its help: ``clip.mp4`` for a video, ``song.mp3`` for audio."""
    if "video" in name:
        return "clip.mp4"
    if "audio" in name or name.startswith("upload_url"):
        return "song.mp3"
    return "mask.png" if "mask" in name else "cat.png"


def _option(name: str, hint: Any, default: Any, help_text: str) -> click.Option:
    """One ``--name`` option for a params field: its type, choices, repetition, and default shown in the help."""
    from ._core.params import OMIT, CallbackUrl, _is_params, _url_kind

    members = [arg for arg in get_args(hint) if arg is not type(None)] if get_origin(hint) in _UNIONS else [hint]
    base = members[0] if len(members) == 1 else None
    url_kind = _url_kind(hint)  # "url" / "urls": HttpUrl, Sequence[HttpUrl] (a URL or a local file)
    is_callback = base is not None and base == CallbackUrl  # a URL RunAPI calls: text
    if get_origin(base) is Annotated:
        base = get_args(base)[0]
    required = default is attrs.NOTHING
    kind: Any = _JSON()  # nested objects, and anything no simpler type fits
    multiple = False
    literals: tuple[Any, ...] = ()
    metavar: str | None = None
    example = f"https://example.com/{_file_example(name)} or ./{_file_example(name)}"
    if url_kind == "url":
        kind = _FileUrl()
        help_text = _sentence(help_text, f"URL or local file, e.g. {example}.")
    elif url_kind == "urls":
        kind, multiple = _FileUrl(), True
        help_text = _sentence(help_text, f"URLs or local files, e.g. {example}.")
    elif is_callback:
        kind, metavar = click.STRING, "URL"
        help_text = _sentence(help_text, "An http(s) URL, e.g. https://example.com/callbacks/runapi.")
    elif get_origin(base) is Literal:
        literals = get_args(base)
        kind = click.Choice([str(value) for value in literals])
    elif len(members) == 2 and str in members and any(get_origin(m) is Literal for m in members):
        known = next(get_args(m) for m in members if get_origin(m) is Literal)  # an open model id: Literal | str
        kind, metavar = click.STRING, "TEXT"
        help_text = _sentence(help_text, f"Known: {', '.join(map(str, known))} (a newer id is sent with a warning).")
    elif base in (str, int, float, bool):
        kind = {str: click.STRING, int: click.INT, float: click.FLOAT, bool: click.BOOL}[base]
    elif get_origin(base) in (list, abc.Sequence) and not any(_is_params(item) for item in get_args(base)):
        kind, multiple = click.STRING, True  # a list of strings or URLs: repeat the option
    elif base is not None and not _is_params(base) and get_origin(base) is None:
        kind = click.STRING  # URLs, file inputs: text
    notes = " [required]" if required else ""
    if not required and default not in (None, OMIT):
        notes += f" [default: {default}]"
    if multiple:
        notes += " (repeat for each item)"
    option = click.Option(
        [f"--{name}"],
        type=kind,
        multiple=multiple,
        default=() if multiple else None,
        metavar=metavar,
        help=(help_text + notes).strip(),
    )
    option.runapi_literals = literals  # type: ignore[attr-defined]
    return option


def _values(command: click.Command, given: Mapping[str, Any]) -> dict[str, Any]:
    """The options the user gave, as the params class takes them (Literal values back to their type)."""
    values: dict[str, Any] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name is None or param.name in _COMMON:
            continue
        value = given.get(param.name)
        if value is None or (param.multiple and not value):
            continue
        literals = getattr(param, "runapi_literals", ())
        if literals:
            value = next(item for item in literals if str(item) == value)
        values[param.name] = list(value) if param.multiple else value
    return values


_COMMON = {"wait", "download", "as_json", "timeout", "poll_interval"}


# -- waiting for a task --------------------------------------------------------------------------------


def _elapsed(seconds: float) -> str:
    """``"12 s"``, or ``"3 min 05 s"`` from a minute on."""
    whole = int(seconds)
    return f"{whole} s" if whole < 60 else f"{whole // 60} min {whole % 60:02d} s"


def _interactive() -> bool:
    """Whether stderr is a terminal that can show a spinner (not a pipe, a file or ``TERM=dumb``)."""
    try:
        return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False


class _Progress:
    """A task's status and the seconds since the wait began, on stderr (stdout is for results).

    On a terminal, a ``rich`` spinner whose line is redrawn several times a second (the seconds
    tick between polls) and erased when the wait ends; elsewhere (a pipe, a log file,
    ``TERM=dumb``), one plain line per poll and nothing decorative.
    """

    def __init__(self, task_id: str, status: str, clock: Callable[[], float]) -> None:
        self.task_id = task_id
        self.status = status
        self._clock = clock
        self._start = clock()
        self._spinner: Any = None

    def elapsed(self) -> float:
        """Seconds since the wait began, on the client's clock."""
        return max(0.0, self._clock() - self._start)

    def describe(self) -> str:
        """``task ID: STATUS, 12 s``."""
        return _one_line(f"task {self.task_id}: {self.status}, {_elapsed(self.elapsed())}")

    def __rich__(self) -> Any:
        from rich.text import Text  # rich draws only on a terminal: imported there

        hint = " · Ctrl-C stops waiting, not the task"
        return Text(self.describe() + hint, no_wrap=True, overflow="ellipsis")  # one line, cut to the terminal

    def __enter__(self) -> _Progress:
        if _interactive():
            from rich.console import Console

            self._spinner = Console(file=sys.stderr).status(self)
            self._spinner.start()
        return self

    def update(self, task: Any) -> None:
        """``on_progress``: each polled task's status (and Suno's ``generation_stage``)."""
        status = str(getattr(task, "status", None) or "processing")
        stage = getattr(task, "generation_stage", None)
        self.status = f"{status} ({stage})" if stage else status
        if self._spinner is None:
            click.echo(self.describe(), err=True)

    def __exit__(self, *exc_info: object) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None


@attrs.frozen
class _WaitOptions:
    """What ``run`` or ``wait`` was given for the wait; it also makes the command that resumes it.

    Attributes:
        timeout: seconds to wait at most (``None``: the client's 900).
        poll_interval: a fixed schedule's first gap between polls, seconds (``None``: shaped by
            the operation's expected duration).
        download: the folder outputs are saved into, or ``None``.
    """

    settings: Settings
    operation: str
    timeout: float | None
    poll_interval: float | None
    download: str | None
    as_json: bool

    def resume(self, task_id: str) -> str:
        """The command that waits for ``task_id`` again, called as this one was (``runapi``, ``python -m runapi``)."""
        ctx = click.get_current_context(silent=True)
        program = (ctx.find_root().info_name if ctx is not None else None) or "runapi"
        base_url = self.settings.base_url_option
        args = ["--base-url", base_url] if base_url else []
        args += ["wait", self.operation, task_id]
        if self.download:
            args += ["--download", self.download]
        if self.poll_interval is not None:
            args += ["--poll-interval", f"{self.poll_interval:g}"]
        if self.as_json:
            args.append("--json")
        return _one_line(f"{program} {shlex.join(args)}")


def _interrupted(task_id: str, options: _WaitOptions, elapsed: float | None) -> typing.NoReturn:
    """Ctrl-C once the task exists: its id and the command that resumes it, on stderr; exit code 130."""
    after = "" if elapsed is None else f" after {_elapsed(elapsed)}"
    click.echo(
        f"interrupted{after}: task {_one_line(task_id)} goes on at RunAPI (Ctrl-C does not cancel it); "
        f"wait for it again with:\n  {options.resume(task_id)}",
        err=True,
    )
    sys.exit(130)


def _await_task(
    client: Any, resource: Any, options: _WaitOptions, task_id: str, status: str, *, just_created: bool = False
) -> Any:
    """Wait for a task while showing its progress, then save its outputs into ``options.download``.

    Args:
        status: what the progress shows until the first poll answers.
        just_created: the task was created just now: ``task ID: STATUS`` is printed first, and
            polls follow ``run()``'s schedule (the first one after the first gap), not
            ``wait()``'s (the first one at once).

    Ctrl-C prints the task id and the command that resumes it, and exits with code 130: the task
    goes on. An error that leaves the task going on (the deadline, a lost connection) prints its
    line and that command, and exits with code 1. Any other error (a failed task, a refused value,
    a 404) is raised, for :func:`_guarded`.
    """
    progress = _Progress(task_id, status, getattr(client, "_clock", time.monotonic))
    shown = _one_line(task_id)
    try:
        if just_created:
            click.echo(_one_line(f"task {task_id}: {status}"), err=True)  # its id, before any wait
        with progress:
            bound = resource.with_options(
                wait_timeout=options.timeout, poll_interval=options.poll_interval, on_progress=progress.update
            )
            if just_created:  # as run() and the batch do
                task = client._run(bound._wait_flow(task_id, bound._options, just_created=True), bound._options)
            else:
                task = bound.wait(task_id)
    except KeyboardInterrupt:
        _interrupted(task_id, options, progress.elapsed())
    except (TaskTimeoutError, APIConnectionError) as exc:  # the task itself goes on (else: see _guarded)
        click.echo(f"error: {_one_line(str(exc))}", err=True)
        click.echo(f"task {shown} goes on at RunAPI; wait for it again with:\n  {options.resume(task_id)}", err=True)
        sys.exit(1)
    if options.download:
        try:
            # the names are the task's own ({task id}-{index}{ext}): a resumed download replaces its own files
            saved = client.download_outputs(task, options.download, overwrite=True)
            for item in saved:
                click.echo(f"saved {_one_line(str(item.path))}", err=True)
        except KeyboardInterrupt:
            click.echo(
                f"interrupted: task {shown} completed; save its outputs with:\n  {options.resume(task_id)}", err=True
            )
            sys.exit(130)
        except (RunAPIError, OSError) as exc:  # a lost connection, a file already there
            click.echo(f"error: {_one_line(str(exc))}", err=True)
            click.echo(f"task {shown} completed; save its outputs with:\n  {options.resume(task_id)}", err=True)
            sys.exit(1)
    return task


_POLL_HELP = (
    "seconds between polls: a fixed schedule from this first gap, growing 1.5x up to 15 s "
    "(default: shaped by the operation's expected duration)"
)


# -- runapi run ------------------------------------------------------------------------------------------


def _param_options(operation: Any) -> list[click.Option]:
    """One option per field of the operation's params class, required ones first (``run`` and ``price``)."""
    from ._core.params import fields_of

    hints = typing.get_type_hints(operation.params, include_extras=True)
    helps = _field_help(operation.params)
    fields = sorted(fields_of(operation.params).items(), key=lambda item: item[1].default is not attrs.NOTHING)
    return [_option(field, hints[field], spec.default, helps.get(field, "")) for field, spec in fields]


def _run_command(operation_name: str, settings_getter: Callable[[], Settings]) -> click.Command:
    """The ``runapi run family.operation`` command, with one option per documented parameter."""
    entry = _operation(operation_name)
    assert entry is not None  # get_command checked the name
    family, name, operation = entry
    from ._core.operations import TaskOperation

    options = _param_options(operation)
    is_task = isinstance(operation, TaskOperation)

    def callback(
        as_json: bool,
        wait: bool = True,
        download: str | None = None,
        timeout: float | None = None,
        poll_interval: float | None = None,
        **given: Any,
    ) -> None:
        settings = settings_getter()
        params = _values(command, given)

        def act() -> Any:
            with settings.client() as client:
                resource = getattr(getattr(client, family), name)
                if not is_task:
                    return resource(**params)
                options = _WaitOptions(settings, operation_name, timeout, poll_interval, download, as_json)
                task = None
                try:
                    task = resource.create(**params)
                    if not wait:
                        return task
                    return _await_task(client, resource, options, task.id, task.status, just_created=True)
                except KeyboardInterrupt:  # _await_task handles its own: this is before it, or in the create
                    if task is not None:
                        _interrupted(task.id, options, None)
                    _fail(
                        "interrupted before RunAPI answered the create: a task may have been created (and billed); "
                        "check for it before running this again",
                        130,
                    )

        _emit(_guarded(act), as_json)

    common = [
        click.Option(
            ["--wait/--no-wait"], default=True, help="wait until the task completes (default) or return it at once"
        ),
        click.Option(["--download"], type=click.Path(file_okay=False), help="save every output into this folder"),
        click.Option(["--timeout"], type=float, help="seconds to wait at most (default 900)"),
        click.Option(["--poll-interval"], type=click.FloatRange(min=0, min_open=True), help=_POLL_HELP),
    ]
    json_option = click.Option(["--json", "as_json"], is_flag=True, help="print the task as JSON")
    first = (operation.params.__doc__ or "").strip().splitlines()[:1]
    doc = re.sub(r"^(Params|Parameters) of ", "", first[0]).replace("``", "") if first else ""
    command = click.Command(
        operation_name,
        callback=callback,
        params=[*options, *common, json_option] if is_task else [*options, json_option],
        help=f"{doc}\n\n{_TASK_HELP if is_task else 'Direct: answers at once.'}",
        short_help=doc[:80] if doc else None,
    )
    return command


class _Operations(click.Group):
    """``runapi run``: one subcommand per family operation, built on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_operations())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if _operation(cmd_name) is None:
            return None
        return _run_command(cmd_name, lambda: ctx.find_object(Settings) or Settings(None, None))


# -- the commands --------------------------------------------------------------------------------------


@click.group(name="runapi", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--api-key", envvar=None, help="your RunAPI key (else RUNAPI_API_KEY, else the config file); never shown")
@click.option("--base-url", help="the RunAPI base URL (else RUNAPI_BASE_URL, else https://runapi.ai)")
@click.pass_context
def main(ctx: click.Context, api_key: str | None, base_url: str | None) -> None:
    """The RunAPI command line (runapi.ai): every family's operations, tasks, balance, batches, the emulator."""
    ctx.obj = Settings(api_key, base_url)


main.add_command(_Operations("run", help="Run one operation: runapi run FAMILY.OPERATION --param value ..."))


def _task_resource(client: Any, operation_name: str) -> Any:
    from ._core.operations import TaskOperation

    entry = _operation(operation_name)
    if entry is None or not isinstance(entry[2], TaskOperation):
        _fail(f"unknown task operation {operation_name!r}; see runapi run --help", 2)
    return getattr(getattr(client, entry[0]), entry[1])


@main.command()
@click.argument("operation")
@click.argument("task_id")
@click.option("--json", "as_json", is_flag=True, help="print the task as JSON")
@click.pass_obj
def get(settings: Settings, operation: str, task_id: str, as_json: bool) -> None:
    """Print a task's current state: runapi get FAMILY.OPERATION TASK_ID."""

    def act() -> Any:
        with settings.client() as client:
            return _task_resource(client, operation).get(task_id)

    _emit(_guarded(act), as_json)


@main.command()
@click.argument("operation")
@click.argument("task_id")
@click.option("--timeout", type=float, help="seconds to wait at most (default 900)")
@click.option("--poll-interval", type=click.FloatRange(min=0, min_open=True), help=_POLL_HELP)
@click.option("--download", type=click.Path(file_okay=False), help="save every output into this folder")
@click.option("--json", "as_json", is_flag=True, help="print the task as JSON")
@click.pass_obj
def wait(
    settings: Settings,
    operation: str,
    task_id: str,
    timeout: float | None,
    poll_interval: float | None,
    download: str | None,
    as_json: bool,
) -> None:
    """Wait until a task completes and print it: runapi wait FAMILY.OPERATION TASK_ID.

    Shows its status and the seconds elapsed on stderr; Ctrl-C stops waiting (not the task), prints
    this command again and exits with code 130.
    """

    def act() -> Any:
        with settings.client() as client:
            options = _WaitOptions(settings, operation, timeout, poll_interval, download, as_json)
            return _await_task(client, _task_resource(client, operation), options, task_id, "waiting")

    _emit(_guarded(act), as_json)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="print the balance as JSON")
@click.pass_obj
def balance(settings: Settings, as_json: bool) -> None:
    """Print the account balance (US cents)."""

    def act() -> Any:
        with settings.client() as client:
            return client.get_balance()

    found = _guarded(act)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "balance_cents": found.balance_cents,
                    "spent_cents_today": found.spent_cents_today,
                    "spent_cents_total": found.spent_cents_total,
                    **{
                        name: getattr(found, name)
                        for name in ("paid_balance_cents", "bonus_balance_cents")
                        if getattr(found, name) is not None
                    },
                }
            )
        )
    else:
        parts = ""
        if found.paid_balance_cents is not None and found.bonus_balance_cents is not None:
            parts = f" (paid {found.paid_balance_cents} cents, bonus {found.bonus_balance_cents} cents)"
        click.echo(
            f"balance: {found.balance_cents / 100:.2f} USD ({found.balance_cents} cents){parts}; "
            f"spent today {found.spent_cents_today} cents, in total {found.spent_cents_total} cents"
        )


def _read_jobs(path: str) -> Iterator[dict[str, Any]]:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                job = json.loads(line)
            except ValueError:
                _fail(f"{path}:{number}: not a JSON object", 2)
            if not isinstance(job, dict):
                _fail(f"{path}:{number}: not a JSON object", 2)
            yield job
    finally:
        if stream is not sys.stdin:
            stream.close()


@main.command(name="batch")
@click.argument("jobs", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--concurrency", type=click.IntRange(min=1), default=8, show_default=True, help="jobs in flight at once")
@click.option("--rate", type=click.FloatRange(min=0, min_open=True), help="creates per second, whole batch")
@click.option("--journal", type=click.Path(dir_okay=False), help="SQLite file to resume from (created if missing)")
@click.option("--download", type=click.Path(file_okay=False), help="save outputs as KEY-INDEX.EXT in this folder")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="results as JSON Lines (default: stdout)",
)
@click.option(
    "--idempotent-creates/--no-idempotent-creates",
    default=True,
    show_default=True,
    help="re-send creates of unknown outcome with their Idempotency-Key (RunAPI de-duplicates by it)",
)
@click.option(
    "--poll-interval", type=click.FloatRange(min=0, min_open=True), help="a fixed poll schedule: first gap, seconds"
)
@click.option(
    "--create-retries",
    type=click.IntRange(min=0),
    default=6,
    show_default=True,
    help="resends of a create refused with 429/503 (same key) before the job is 'refused' for this run",
)
@click.option("--retry-failed", is_flag=True, help="create a new task for jobs whose task failed (pays again)")
@click.option(
    "--max-cost",
    type=click.FloatRange(min=0, min_open=True),
    metavar="USD",
    help="a budget in USD: quote every job first, refuse to start above it, stop creating before passing it",
)
@click.option(
    "--forget",
    "forget_keys",
    multiple=True,
    metavar="KEY",
    help="remove KEY from the journal first, so its job is created anew (check it has no task); repeatable",
)
@click.option("--progress/--no-progress", default=True, help="a progress bar on stderr")
@click.option(
    "--workers",
    type=click.Choice(["local", "celery"]),
    default="local",
    show_default=True,
    help="celery: send the jobs to Celery workers (runapi.contrib.celery.app; broker RUNAPI_CELERY_BROKER_URL);"
    " --journal then names a journal in that Redis",
)
@click.pass_obj
def batch_command(
    settings: Settings,
    jobs: str,
    concurrency: int,
    rate: float | None,
    journal: str | None,
    download: str | None,
    out: str,
    idempotent_creates: bool,
    poll_interval: float | None,
    create_retries: int,
    retry_failed: bool,
    max_cost: float | None,
    forget_keys: tuple[str, ...],
    progress: bool,
    workers: str = "local",
) -> None:
    """Run every job of a JSON Lines file: {"operation": "suno.generate_lyrics", "params": {...}, "key": "a1"} per line.

    With --journal, running it again never creates a task twice and loses no job: completed and
    failed jobs are kept, refused ones (no task was made) sent again, started ones resumed, and
    unknown ones (a task may exist) resumed by their Idempotency-Key (the default;
    --no-idempotent-creates reports them instead, never re-sent; --idempotent-creates is
    accepted and changes nothing). The summary on stderr lists every job that needs you. Exit
    code 0 when every job completed, else 1.
    """
    from . import batch

    if workers == "celery":
        _celery_batch(jobs, journal, download, out, rate, create_retries, retry_failed, forget_keys, progress)
        return
    if forget_keys:
        if journal is None:
            _fail("--forget needs --journal", 2)
        with batch.Journal(journal) as book:
            for key in forget_keys:
                found = book.forget(key)
                click.echo(f"forgot {key!r}" if found else f"{key!r} was not in the journal", err=True)
    job_list = [batch.Job.from_dict(job) for job in _read_jobs(jobs)]
    target = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115

    def write(result: batch.JobResult) -> None:
        target.write(result._json() + "\n")  # json.dumps(result.to_dict()), without copying the task's payload
        target.flush()

    def act() -> list[batch.JobResult]:
        import runapi

        async def go() -> list[batch.JobResult]:
            options = {
                **settings.client_options(),
                "idempotent_creates": idempotent_creates,
                "poll_interval": poll_interval,
            }
            async with runapi.AsyncClient(**options) as client:
                return await batch.run_async(
                    job_list,
                    client=client,
                    journal=journal,
                    concurrency=concurrency,
                    rate=rate,
                    download=download,
                    on_result=write,
                    progress=progress,
                    create_retries=create_retries,
                    retry_failed=retry_failed,
                    max_cost=max_cost,
                )

        import asyncio

        return asyncio.run(go())

    try:
        results = _guarded(act)
    finally:
        if target is not sys.stdout:
            target.close()
    click.echo(batch.summary(results), err=True)
    sys.exit(0 if all(result.status == "completed" for result in results) else 1)


def _celery_batch(
    jobs: str,
    journal: str | None,
    download: str | None,
    out: str,
    rate: float | None,
    create_retries: int,
    retry_failed: bool,
    forget_keys: tuple[str, ...],
    progress: bool,
) -> None:
    """``runapi batch --workers celery``: the jobs on Celery workers, the journal in Redis (runapi.contrib.celery)."""
    from . import batch

    if journal is None:
        _fail("--workers celery needs --journal NAME (the journal's name in Redis, to resume from)", 2)
    try:
        from .contrib.celery import _setup
        from .contrib.celery.app import from_environment
        from .contrib.redis import RedisJournal
    except ImportError as exc:
        _fail(f"--workers celery needs Celery and redis: pip install 'runapi-sdk[celery]' ({exc})", 2)
    app = from_environment()
    book = RedisJournal(_setup(app).redis, journal)
    for key in forget_keys:
        click.echo(f"forgot {key!r}" if book.forget(key) else f"{key!r} was not in the journal", err=True)
    job_list = [batch.Job.from_dict(job) for job in _read_jobs(jobs)]
    target = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115

    def write(result: batch.JobResult) -> None:
        target.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        target.flush()

    def act() -> list[batch.JobResult]:
        from .contrib.celery import run_batch

        return run_batch(
            app,
            job_list,
            journal=book,
            rate=rate,
            download=download,
            on_result=write,
            progress=progress,
            create_retries=create_retries,
            retry_failed=retry_failed,
        )

    try:
        results = _guarded(act)
    finally:
        if target is not sys.stdout:
            target.close()
    click.echo(batch.summary(results), err=True)
    sys.exit(0 if all(result.status == "completed" for result in results) else 1)


def _price_command(operation_name: str, settings_getter: Callable[[], Settings]) -> click.Command:
    """``runapi price family.operation``: the ``run`` command's options (:func:`_param_options`), quoted instead."""
    entry = _operation(operation_name)
    assert entry is not None  # get_command checked the name
    family, name, operation = entry

    def callback(as_json: bool, **given: Any) -> None:
        settings = settings_getter()
        params = _values(command, given)

        def act() -> Any:
            with settings.client() as client:
                return getattr(getattr(client, family), name).quote(**params)

        quote = _guarded(act)
        if as_json:
            click.echo(json.dumps(quote.to_dict(), ensure_ascii=False))
            return
        model = f" {quote.model}" if quote.model else ""
        click.echo(
            f"{quote.service}/{quote.action}{model}: {_usd(quote.reservation_usd)} USD "
            f"({quote.reservation_amount_cents} cents, {quote.estimate_basis}, as of {quote.as_of})"
        )

    json_option = click.Option(["--json", "as_json"], is_flag=True, help="print the quote as JSON")
    command = click.Command(
        operation_name,
        callback=callback,
        params=[*_param_options(operation), json_option],
        help=f"Quote {operation_name} (POST /api/v1/price_quotes): what a create with these options would "
        "reserve. The options are checked as runapi run checks them; no task is made.",
    )
    return command


class _Quotes(click.Group):
    """``runapi price``: one subcommand per family operation (as ``runapi run``), built on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_operations())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if _operation(cmd_name) is None:
            return None
        return _price_command(cmd_name, lambda: ctx.find_object(Settings) or Settings(None, None))


@main.group(name="price", cls=_Quotes, invoke_without_command=True)
@click.option("--schedules", is_flag=True, help="print the current price schedules (GET /api/v1/price_schedules)")
@click.option("--service", help="with --schedules: only this service (e.g. kling)")
@click.option("--action", help="with --schedules: only this action (e.g. text_to_video)")
@click.option("--model", help="with --schedules: only this model")
@click.option("--json", "as_json", is_flag=True, help="with --schedules: print the answer as JSON")
@click.pass_context
def price(
    ctx: click.Context, schedules: bool, service: str | None, action: str | None, model: str | None, as_json: bool
) -> None:
    """Prices: runapi price FAMILY.OPERATION --param value ... quotes one create; runapi price --schedules lists prices.

    Amounts are printed in USD (the API's are US cents).
    """
    if ctx.invoked_subcommand is not None:
        if schedules:
            _fail("--schedules lists prices; give it without an operation", 2)
        return
    if not schedules:
        click.echo(ctx.get_help())
        return
    settings: Settings = ctx.find_object(Settings) or Settings(None, None)

    def act() -> Any:
        with settings.client() as client:
            return client.pricing.schedules(service=service, action=action, model=model)

    found = _guarded(act)
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False))
        return
    click.echo(f"price schedules as of {found.as_of}: {len(found.price_schedules)}")
    for item in found.price_schedules:
        model_text = f" {item.model}" if item.model else ""
        unit = f" per {item.billing_unit}" if item.billing_unit else ""
        amount = "-" if item.unit_price_cents is None else f"{_usd(item.unit_price_cents / 100)} {item.currency}"
        click.echo(f"{item.service}/{item.action}{model_text}: {amount}{unit} ({item.pricing_status})")


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.pass_context
def emulator(ctx: click.Context) -> None:
    """Run the local RunAPI emulator (options as python -m runapi.emulator --help)."""
    from .emulator.__main__ import main as emulator_main

    sys.exit(emulator_main(ctx.args))


@main.command()
@click.argument("url", required=False)
@click.option("--forward-to", metavar="URL", help="the local URL to POST each callback to (or give it as URL)")
@click.option("--callback-api-key-id", help="the API key whose task callbacks to receive (default: RunAPI's choice)")
@click.option(
    "--ack-before-forward",
    is_flag=True,
    help="acknowledge each event before forwarding it, so a refused one does not come again (official CLI v0.8.5+)",
)
@click.option(
    "--poll-interval",
    type=click.FloatRange(min=0, min_open=True),
    default=15.0,
    show_default=True,
    help="seconds between polls while idle (twice that after two empty polls)",
)
@click.pass_obj
def listen(
    settings: Settings,
    url: str | None,
    forward_to: str | None,
    callback_api_key_id: str | None,
    ack_before_forward: bool,
    poll_interval: float,
) -> None:
    """Receive RunAPI's task callbacks here and POST each, signed, to a local URL (docs: Local webhook testing).

    Opens a listen session on RunAPI (--base-url: production, or a local `runapi emulator`), prints
    its listen signing secret (verify the forwarded callbacks with it), then one line per event:
    [ID] task=... status=... -> URL STATUS. An event your endpoint does not answer 2xx is not
    acknowledged and comes again (unless --ack-before-forward). Ctrl-C deletes the session (exit
    code 130). Without a URL, events are printed only. The emulator's own direct forwarding is
    `runapi emulator --forward-to URL`.
    """
    from ._listen import Listener

    if url and forward_to:
        _fail("give the local URL once: as URL or as --forward-to", 2)

    def act() -> Listener:
        options = settings.client_options()
        return Listener(
            api_key=options["api_key"],
            base_url=options["base_url"],
            forward_to=url or forward_to,
            callback_api_key_id=callback_api_key_id,
            say=lambda line: click.echo(_one_line(line), err=True),
            emit=click.echo,
            ack_before_forward=ack_before_forward,
            idle_wait=poll_interval,
        )

    listener = _guarded(act)
    try:
        _guarded(listener.run)
    except KeyboardInterrupt:
        click.echo("Stopped; the listen session is closed.", err=True)
        sys.exit(130)


@main.command()
@click.option("--secret", envvar="RUNAPI_CALLBACK_SECRET", help="base64 callback secret (else RUNAPI_CALLBACK_SECRET)")
@click.option("--tolerance", type=float, default=None, help="seconds the timestamp may be off (default: not checked)")
@click.argument("request", type=click.File("rb"), default="-")
def verify(secret: str | None, tolerance: float | None, request: Any) -> None:
    """Check a captured callback: the raw HTTP request (request line, headers, blank line, body) on stdin or in a file.

    Prints the verified JSON payload; exit code 1 (and the reason) when it does not verify.
    """
    from . import webhooks

    if not secret:
        _fail("no secret: pass --secret or set RUNAPI_CALLBACK_SECRET", 2)
    raw = request.read()
    head, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    headers: list[tuple[str, str]] = []
    for line in head.decode("latin-1").splitlines():
        name, colon, value = line.partition(":")
        if colon and " " not in name.strip():
            headers.append((name.strip(), value.strip()))
    try:
        payload = webhooks.verify(body, headers, secret, tolerance=tolerance)
    except webhooks.WebhookVerificationError as exc:
        _fail(f"not verified ({exc.reason}): {exc}", 1)
    click.echo(json.dumps(payload, ensure_ascii=False))


_PATH_OVERRIDES = {
    ("kling", "avatar"): "/api/v1/kling/ai_avatar",
    ("grok-imagine", "extend"): "/api/v1/grok_imagine/extend_video",
}
"""Pricing service/action pairs whose path is not ``/api/v1/<service>/<action>`` with ``-`` as ``_``
(the platform contract's ``path_rule``, from the official CLI's contract and the official packages)."""


def _typed_models(schedules: list[Any]) -> list[dict[str, Any]]:
    """Each schedule's ``service``/``action``/``model``, the SDK operation it reaches, and whether it knows the model.

    ``operation`` is ``"family.operation"`` where this SDK types the endpoint (else ``None``); ``model_known``
    is ``True``/``False`` for a model id (listed in the operation's ``model`` annotation or not; ``False``
    when the operation is not typed) and ``None`` for a schedule without a model.
    """
    from ._core.params import fields_of
    from ._core.params.rules import _literal_values
    from ._families import operations

    by_path = {operation.path: (name, operation) for name, (_, _, operation) in operations().items()}
    rows = []
    for item in schedules:
        if not isinstance(item, dict):
            continue
        service, action, model = item.get("service"), item.get("action"), item.get("model")
        if not isinstance(service, str) or not isinstance(action, str):
            continue
        path = _PATH_OVERRIDES.get((service, action))
        if path is None:
            path = f"/api/v1/{service.replace('-', '_')}/{action.replace('-', '_')}"
        name, operation = by_path.get(path, (None, None))
        known: bool | None = None
        if isinstance(model, str) and model:
            known = False
            if operation is not None and "model" in fields_of(operation.params):
                import typing

                hint = typing.get_type_hints(operation.params)["model"]
                known = model in _literal_values(hint)
        else:
            model = None
        rows.append({"service": service, "action": action, "model": model, "operation": name, "model_known": known})
    return rows


@main.command(name="models")
@click.option("--service", help="only this pricing service (e.g. kling)")
@click.option("--action", help="only this action (e.g. text-to-video)")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object per line")
@click.pass_obj
def models(settings: Settings, service: str | None, action: str | None, as_json: bool) -> None:
    """List what RunAPI serves now (its price schedules) and what this SDK types of it.

    Each line: service/action, model, the SDK operation (family.operation, or "-" where the SDK has
    none: reach it with client.post), and whether the SDK knows the model id ("known", or "new":
    sent as given with a warning). Source: GET /api/v1/price_schedules (runapi-core 0.10.1).
    """

    def act() -> Any:
        with settings.client() as client:
            return client.get("/api/v1/price_schedules", params={"service": service, "action": action})

    answer = _guarded(act)
    listed = answer.get("price_schedules") if isinstance(answer, dict) else None
    if not isinstance(listed, list):
        _fail("GET /api/v1/price_schedules answered without a price_schedules list", 1)
    rows = _typed_models(listed)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    for row in rows:
        model = row["model"] or "-"
        typed = row["operation"] or "-"
        knows = "" if row["model_known"] is None else ("known" if row["model_known"] else "new")
        click.echo(f"{row['service']}/{row['action']}\t{model}\t{typed}\t{knows}".rstrip())
    reached = sum(1 for row in rows if row["operation"])
    click.echo(f"{len(rows)} schedules; {reached} on an operation this SDK types", err=True)


if __name__ == "__main__":  # python -m runapi.cli
    main()
