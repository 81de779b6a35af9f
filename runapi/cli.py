"""The ``runapi`` command line: try an endpoint, check a task or the balance, run a batch, run the emulator.

::

    runapi run suno.generate_lyrics --prompt "A song about the sea"      # create, wait, print
    runapi run nano_banana.text_to_image --model nano-banana --prompt "a cat" --download outputs/
    runapi run veo_3_1.text_to_video --help                             # its parameters, enums, defaults
    runapi get suno.generate_lyrics TASK_ID       runapi wait veo_3_1.text_to_video TASK_ID
    runapi balance
    runapi batch jobs.jsonl --concurrency 16 --rate 5 --journal jobs.db --download outputs/ --out results.jsonl
    runapi emulator --port 8910                   runapi listen --forward-to http://localhost:8000/callbacks
    runapi verify < captured-request.txt

The API key comes from ``--api-key``, else ``RUNAPI_API_KEY``, else ``~/.config/runapi/config.json``
(``{"api_key": "...", "base_url": "..."}``); it is never printed. Parameters keep RunAPI's names
(``--vocal_mode``); a list parameter is repeated (``--source_image_urls a.png --source_image_urls
b.png``) and a nested one is JSON. A parameter RunAPI refuses is one line on stderr and exit code 2;
an API error or a failed task, exit code 1.
"""

from __future__ import annotations

import json
import os
import re
import sys
import types
import typing
from collections import abc
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import attrs
import click

from .errors import RunAPIError, ValidationError

__all__ = ["main"]

CONFIG_PATH = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "runapi" / "config.json"


# -- settings ------------------------------------------------------------------------------------------


def _config() -> dict[str, Any]:
    try:
        data = json.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class Settings:
    """The group's options, resolved lazily: ``--api-key`` > ``RUNAPI_API_KEY`` > the config file."""

    def __init__(self, api_key: str | None, base_url: str | None) -> None:
        self._api_key = api_key
        self._base_url = base_url

    def client_options(self) -> dict[str, Any]:
        config = _config()
        key = self._api_key or os.environ.get("RUNAPI_API_KEY") or config.get("api_key")
        base_url = self._base_url or os.environ.get("RUNAPI_BASE_URL") or config.get("base_url")
        return {"api_key": key, "base_url": base_url}

    def client(self) -> Any:
        import runapi

        return runapi.Client(**self.client_options())


def _fail(message: str, code: int) -> typing.NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _guarded(call: Callable[[], Any]) -> Any:
    """Run ``call``: a refused parameter exits 2, any other SDK error exits 1, each as one line on stderr."""
    try:
        return call()
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
        for url in getattr(value, "output_urls", []):
            click.echo(url)
        if task_id is None:
            click.echo(json.dumps(value.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(value)


# -- operations and their options ------------------------------------------------------------------------


def _operations() -> dict[str, tuple[str, str, Any]]:
    """``"family.operation"`` -> (family attribute, operation name, operation), every family (imported once)."""
    from ._client import operations

    return operations()


_UNIONS = (typing.Union, types.UnionType)
_TASK_HELP = "Creates a task, waits for it (unless --no-wait) and prints it."
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


def _option(name: str, hint: Any, default: Any, help_text: str) -> click.Option:
    """One ``--name`` option for a params field: its type, choices, repetition, and default shown in the help."""
    from ._core.params import OMIT, _is_params

    members = [arg for arg in get_args(hint) if arg is not type(None)] if get_origin(hint) in _UNIONS else [hint]
    base = members[0] if len(members) == 1 else None
    if get_origin(base) is Annotated:
        base = get_args(base)[0]
    required = default is attrs.NOTHING
    kind: Any = _JSON()  # nested objects, and anything no simpler type fits
    multiple = False
    literals: tuple[Any, ...] = ()
    if get_origin(base) is Literal:
        literals = get_args(base)
        kind = click.Choice([str(value) for value in literals])
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
        [f"--{name}"], type=kind, multiple=multiple, default=() if multiple else None, help=(help_text + notes).strip()
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


_COMMON = {"wait", "download", "as_json", "timeout"}


def _run_command(operation_name: str, settings_getter: Callable[[], Settings]) -> click.Command:
    """The ``runapi run family.operation`` command, with one option per documented parameter."""
    family, name, operation = _operations()[operation_name]
    from ._core.operations import TaskOperation
    from ._core.params import fields_of

    hints = typing.get_type_hints(operation.params, include_extras=True)
    helps = _field_help(operation.params)
    fields = sorted(fields_of(operation.params).items(), key=lambda item: item[1].default is not attrs.NOTHING)
    options = [_option(field, hints[field], spec.default, helps.get(field, "")) for field, spec in fields]
    is_task = isinstance(operation, TaskOperation)

    def callback(
        as_json: bool, wait: bool = True, download: str | None = None, timeout: float | None = None, **given: Any
    ) -> None:
        settings = settings_getter()
        params = _values(command, given)

        def act() -> Any:
            with settings.client() as client:
                resource = getattr(getattr(client, family), name)
                if not is_task:
                    return resource(**params), client
                if not wait:
                    return resource.create(**params), client
                options_ = {} if timeout is None else {"wait_timeout": timeout}
                task = resource.with_options(**options_).run(**params)
                saved = client.download_outputs(task, download, name=None) if download else []
                for item in saved:
                    click.echo(f"saved {item.path}", err=True)
                return task, client

        result, _ = _guarded(act)
        _emit(result, as_json)

    common = [
        click.Option(
            ["--wait/--no-wait"], default=True, help="wait until the task completes (default) or return it at once"
        ),
        click.Option(["--download"], type=click.Path(file_okay=False), help="save every output into this folder"),
        click.Option(["--json", "as_json"], is_flag=True, help="print the task as JSON"),
        click.Option(["--timeout"], type=float, help="seconds to wait at most (default 900)"),
    ]
    first = (operation.params.__doc__ or "").strip().splitlines()[:1]
    doc = re.sub(r"^(Params|Parameters) of ", "", first[0]).replace("``", "") if first else ""
    command = click.Command(
        operation_name,
        callback=callback,
        params=[*options, *(common if is_task else common[2:3])],
        help=f"{doc}\n\n{_TASK_HELP if is_task else 'Direct: answers at once.'}",
        short_help=doc[:80] if doc else None,
    )
    return command


class _Operations(click.Group):
    """``runapi run``: one subcommand per family operation, built on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_operations())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _operations():
            return None
        return _run_command(cmd_name, lambda: ctx.find_object(Settings) or Settings(None, None))


# -- the commands --------------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--api-key", envvar=None, help="your RunAPI key (else RUNAPI_API_KEY, else the config file); never shown")
@click.option("--base-url", help="the RunAPI base URL (else RUNAPI_BASE_URL, else https://runapi.ai)")
@click.pass_context
def main(ctx: click.Context, api_key: str | None, base_url: str | None) -> None:
    """The RunAPI command line (runapi.ai): every family's operations, tasks, balance, batches, the emulator."""
    ctx.obj = Settings(api_key, base_url)


main.add_command(_Operations("run", help="Run one operation: runapi run FAMILY.OPERATION --param value ..."))


def _task_resource(client: Any, operation_name: str) -> Any:
    from ._core.operations import TaskOperation

    entry = _operations().get(operation_name)
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
@click.option("--download", type=click.Path(file_okay=False), help="save every output into this folder")
@click.option("--json", "as_json", is_flag=True, help="print the task as JSON")
@click.pass_obj
def wait(
    settings: Settings, operation: str, task_id: str, timeout: float | None, download: str | None, as_json: bool
) -> None:
    """Wait until a task completes and print it: runapi wait FAMILY.OPERATION TASK_ID."""

    def act() -> Any:
        with settings.client() as client:
            task = _task_resource(client, operation).wait(task_id, timeout=timeout)
            for item in client.download_outputs(task, download) if download else []:
                click.echo(f"saved {item.path}", err=True)
            return task

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
                }
            )
        )
    else:
        click.echo(
            f"balance: {found.balance_cents / 100:.2f} USD ({found.balance_cents} cents); "
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
@click.option("--idempotent-creates", is_flag=True, help="the server honours Idempotency-Key: re-send unknown creates")
@click.option(
    "--poll-interval", type=click.FloatRange(min=0, min_open=True), help="a fixed poll schedule: first gap, seconds"
)
@click.option("--progress/--no-progress", default=True, help="a progress bar on stderr")
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
    progress: bool,
) -> None:
    """Run every job of a JSON Lines file: {"operation": "suno.generate_lyrics", "params": {...}, "key": "a1"} per line.

    With --journal, running it again never creates a task twice: finished jobs are skipped, started
    ones resumed. Exit code 0 when every job completed, else 1.
    """
    from . import batch

    job_list = [batch.Job.from_dict(job) for job in _read_jobs(jobs)]
    target = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115

    def write(result: batch.JobResult) -> None:
        target.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
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
                )

        import asyncio

        return asyncio.run(go())

    try:
        results = _guarded(act)
    finally:
        if target is not sys.stdout:
            target.close()
    counts: dict[str, int] = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    summary = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
    click.echo(f"{len(results)} jobs: {summary or 'none'}", err=True)
    sys.exit(0 if all(result.status == "completed" for result in results) else 1)


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
@click.option("--forward-to", required=True, help="the URL your callback endpoint listens on")
@click.option("--port", type=int, default=8910, show_default=True, help="the emulator's port")
@click.option("--callback-secret", help="base64 secret to sign with (default: generate one and print it)")
def listen(forward_to: str, port: int, callback_secret: str | None) -> None:
    """Run the emulator and forward the callbacks of tasks created without a callback_url to --forward-to.

    Each is signed with the secret it prints, like the docs' runapi listen does for production.
    """
    from .emulator.__main__ import main as emulator_main

    argv = ["--port", str(port), "--forward-to", forward_to]
    if callback_secret:
        argv += ["--callback-secret", callback_secret]
    sys.exit(emulator_main(argv))


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


if __name__ == "__main__":  # python -m runapi.cli
    main()
