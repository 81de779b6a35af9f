"""The result shapes many families share: one generated file (``{"url"}``) and a task listing them.

Most families' status answers carry their outputs as a list of ``{"url": ...}`` objects under
``images``, ``videos`` or ``audios`` (docs: each family's "Get ... Status" page). Those shapes are
declared here once:

- :class:`Image`, :class:`Video`, :class:`Audio`: one file, ``url`` only. A family whose docs show
  exactly that re-binds the class under its own name (``runapi.hailuo.Video is
  runapi._core.media.Video``); a family whose items carry more (Runway's video ``id``, Veo's
  ``resolution``, Flux Kontext's ``origin_url``) keeps its own class.
- :class:`ImageTask`, :class:`VideoTask`, :class:`AudioTask`: a task with that list and its
  ``output_urls``. Each family subclasses them (``class VideoTask(media.VideoTask)``), so its task
  class keeps its own name, module, docstring (which docs the fields come from) and identity
  (``type(task) is runapi.hailuo.VideoTask``); a subclass may add fields (Seedance's
  ``last_frame_image_url``, Nano Banana's ``model``).

``isinstance(task, runapi._core.media.VideoTask)`` holds for every such family's video task.
"""

from __future__ import annotations

import attrs

from .models import Task

__all__ = ["Audio", "AudioTask", "Image", "ImageTask", "Video", "VideoTask"]


@attrs.frozen(kw_only=True)
class Image:
    """One generated image: ``url`` to download it (the docs' ``images: [{"url"}]`` item).

    Download it soon: the files are served from temporary storage (``tempfile.runapi.ai`` in most
    examples).
    """

    url: str | None = None


@attrs.frozen(kw_only=True)
class Video:
    """One generated video: ``url`` to download it (the docs' ``videos: [{"url"}]`` item, MP4).

    Download it soon: the files are served from temporary storage (``tempfile.runapi.ai`` in most
    examples).
    """

    url: str | None = None


@attrs.frozen(kw_only=True)
class Audio:
    """One generated audio file: ``url`` to download it (the docs' ``audios: [{"url"}]`` item).

    Download it soon: the files are served from temporary storage (``tempfile.runapi.ai`` in some
    examples).
    """

    url: str | None = None


@attrs.frozen(kw_only=True)
class ImageTask(Task):
    """A task whose outputs are images; each family subclasses it with the docs it follows.

    Attributes:
        images: the generated images, once completed.
    """

    images: list[Image] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each image's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [image.url for image in self.images if image.url]


@attrs.frozen(kw_only=True)
class VideoTask(Task):
    """A task whose outputs are videos; each family subclasses it with the docs it follows.

    Attributes:
        videos: the generated videos, once completed.
    """

    videos: list[Video] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each video's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [video.url for video in self.videos if video.url]


@attrs.frozen(kw_only=True)
class AudioTask(Task):
    """A task whose outputs are audio files; each family subclasses it with the docs it follows.

    Attributes:
        audios: the generated audio files, once completed.
    """

    audios: list[Audio] = attrs.Factory(list)

    @property
    def output_urls(self) -> list[str]:
        """Each audio's ``url`` that is set, in order (what ``client.download_outputs`` saves)."""
        return [audio.url for audio in self.audios if audio.url]
