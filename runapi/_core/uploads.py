"""``client.uploads``: multipart Uploads (``/v1/uploads``; runapi-core 0.10.1 ``uploads.py``).

The four calls of the official core (``create``, ``add_part``, ``complete``, ``cancel``) and
:meth:`Uploads.upload`, which does all of it for a large file: it creates the upload, streams
each part from the file (a 1 GB file costs no more memory than a small one), completes, and can be
resumed part by part (:class:`~runapi._core.stored_files.UploadProgress`). Models and flows are in
:mod:`runapi._core.stored_files`; each method drives one flow on the client, a value on
``runapi.Client`` and an awaitable on ``runapi.AsyncClient``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, overload

from .families import ClientT, Family
from .stored_files import DEFAULT_PART_SIZE, UploadObject, UploadPart, UploadProgress

if TYPE_CHECKING:
    from .async_client import AsyncClientCore
    from .client import ClientCore
    from .multipart import FileSource

__all__ = ["Uploads"]


class Uploads(Family[ClientT]):
    """``client.uploads``: send a large file in parts, then assemble it into a :class:`runapi.FileObject`.

    ::

        done = client.uploads.upload(Path("archive.bin"))          # parts, complete: one call
        file = done.file                                           # the stored FileObject

    Raises (each call): ValidationError (bad arguments, before any request), APIStatusError
    (non-2xx), APIConnectionError (no answer). POSTs carry no ``Idempotency-Key`` (as in the
    official core) and are retried only where the server cannot have acted.
    """

    @overload
    def create(
        self: Uploads[AsyncClientCore], *, bytes: int, filename: str, mime_type: str, purpose: str = ...
    ) -> Coroutine[Any, Any, UploadObject]: ...
    @overload
    def create(
        self: Uploads[ClientCore], *, bytes: int, filename: str, mime_type: str, purpose: str = ...
    ) -> UploadObject: ...
    def create(self, *, bytes: int, filename: str, mime_type: str, purpose: str = "user_data") -> Any:
        """Start an upload: ``POST /v1/uploads`` with ``{bytes, filename, mime_type, purpose}``.

        ``bytes`` is the whole file's size (the parts must add up to it).
        """
        from .stored_files import create_upload

        return self._drive(create_upload(bytes, filename, mime_type, purpose))

    @overload
    def add_part(
        self: Uploads[AsyncClientCore], upload_id: str, data: FileSource, *, filename: str | None = ...
    ) -> Coroutine[Any, Any, UploadPart]: ...
    @overload
    def add_part(
        self: Uploads[ClientCore], upload_id: str, data: FileSource, *, filename: str | None = ...
    ) -> UploadPart: ...
    def add_part(self, upload_id: str, data: FileSource, *, filename: str | None = None) -> Any:
        """Send one part: ``POST /v1/uploads/{upload_id}/parts``, a streamed ``multipart/form-data`` ``data`` part.

        ``data`` is a path, bytes or a binary file object (from its position to its end). Not
        replayed after an unknown outcome (a part sent twice would be stored twice); keep the
        returned id for :meth:`complete`.
        """
        from .stored_files import add_part

        return self._drive(add_part(upload_id, data, filename))

    @overload
    def complete(
        self: Uploads[AsyncClientCore], upload_id: str, part_ids: Sequence[str]
    ) -> Coroutine[Any, Any, UploadObject]: ...
    @overload
    def complete(self: Uploads[ClientCore], upload_id: str, part_ids: Sequence[str]) -> UploadObject: ...
    def complete(self, upload_id: str, part_ids: Sequence[str]) -> Any:
        """Assemble the parts, in this order: ``POST /v1/uploads/{upload_id}/complete`` with ``{part_ids}``.

        Returns:
            The upload, its ``file`` the stored :class:`runapi.FileObject`.
        """
        from .stored_files import complete_upload

        return self._drive(complete_upload(upload_id, part_ids))

    @overload
    def cancel(self: Uploads[AsyncClientCore], upload_id: str) -> Coroutine[Any, Any, UploadObject]: ...
    @overload
    def cancel(self: Uploads[ClientCore], upload_id: str) -> UploadObject: ...
    def cancel(self, upload_id: str) -> Any:
        """Give an upload up: ``POST /v1/uploads/{upload_id}/cancel`` (body ``{}``)."""
        from .stored_files import cancel_upload

        return self._drive(cancel_upload(upload_id))

    @overload
    def upload(
        self: Uploads[AsyncClientCore],
        file: FileSource,
        *,
        part_size: int = ...,
        filename: str | None = ...,
        mime_type: str | None = ...,
        purpose: str = ...,
        resume: UploadProgress | None = ...,
        on_progress: Callable[[UploadProgress], None] | None = ...,
    ) -> Coroutine[Any, Any, UploadObject]: ...
    @overload
    def upload(
        self: Uploads[ClientCore],
        file: FileSource,
        *,
        part_size: int = ...,
        filename: str | None = ...,
        mime_type: str | None = ...,
        purpose: str = ...,
        resume: UploadProgress | None = ...,
        on_progress: Callable[[UploadProgress], None] | None = ...,
    ) -> UploadObject: ...
    def upload(
        self,
        file: FileSource,
        *,
        part_size: int = DEFAULT_PART_SIZE,
        filename: str | None = None,
        mime_type: str | None = None,
        purpose: str = "user_data",
        resume: UploadProgress | None = None,
        on_progress: Callable[[UploadProgress], None] | None = None,
    ) -> Any:
        """Upload a file in parts: create the upload, send each part, complete; resumable part by part.

        ``file`` is a path, bytes or a seekable binary file object (from its position): its size
        is declared first, and a part must be readable again to be resent, so a pipe is refused.
        Each part (``part_size`` bytes, 8 MiB by default, the last one the rest) is streamed from
        the file 64 KiB at a time: memory stays flat on a file of any size. ``filename`` defaults
        to the file's own name, ``mime_type`` to a guess from it (else
        ``application/octet-stream``).

        Resuming: ``on_progress`` gets an :class:`UploadProgress` once the upload exists and after
        every part (write ``progress.to_dict()`` to a journal to survive a crash). If a part or
        ``complete`` fails, :class:`UploadInterruptedError` carries the progress; call again with
        the same file and ``part_size`` and ``resume=exc.progress`` (or
        ``UploadProgress.from_dict(journal)``): only the parts without an id are sent, then
        ``complete`` lists every id in order. Parts are not replayed blindly: a part is resent
        only by a resume, and only when the SDK never got its id.

        Returns:
            The completed upload; ``.file`` is the stored :class:`runapi.FileObject`.

        Raises:
            ValidationError: bad arguments, a pipe, or a ``resume`` for another size or part size.
            UploadInterruptedError: a part or ``complete`` failed (``.progress``, ``.error``).
            APIStatusError, APIConnectionError: creating the upload failed (nothing to resume).
        """
        from .stored_files import upload_in_parts

        flow = upload_in_parts(
            file,
            part_size=part_size,
            filename=filename,
            mime_type=mime_type,
            purpose=purpose,
            resume=resume,
            on_progress=on_progress,
        )
        return self._drive(flow)

    def _drive(self, flow: Any) -> Any:
        """Run ``flow`` on the client: its value (blocking client) or an awaitable (asyncio client)."""
        from .options import RequestOptions

        client: Any = self._client
        return client._run(flow, RequestOptions())
