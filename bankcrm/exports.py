"""Exports (CSV) are written to a temporary file under ``EXPORT_DIR`` and served only once
complete, with their length: a disk that fills up mid-export answers a clear 507, never a
truncated file or a 500, and a large export does not sit in the web process's memory.

The file is unlinked from the start (``TemporaryFile``), so a crash or a failed export leaves
nothing behind.
"""

import errno
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.http import FileResponse, HttpResponse

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class ExportNotWritten(Exception):
    """The export did not fit on the export disk; nothing was served."""

    status_code = 507  # Insufficient Storage

    def __init__(self) -> None:
        super().__init__(
            "The export could not be written: the disk for exports is full. Nothing was exported; "
            "try again later, or ask an administrator to free space in EXPORT_DIR."
        )


class ExportFile:
    """A text file for ``safe_csv.writer``; ``response`` serves it once everything is on disk."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(dir=settings.EXPORT_DIR)  # noqa: SIM115 (FileResponse closes it)
        self._text = io.TextIOWrapper(self._file, encoding="utf-8", newline="")

    def write(self, text: str) -> int:
        with self._no_space_is_an_error():
            return self._text.write(text)

    def response(self, *, filename: str, content_type: str = "text/csv; charset=utf-8") -> FileResponse:
        with self._no_space_is_an_error():
            self._text.flush()
        binary = self._text.detach()
        binary.seek(0)
        return FileResponse(binary, as_attachment=True, filename=filename, content_type=content_type)

    @contextmanager
    def _no_space_is_an_error(self) -> Iterator[None]:
        try:
            yield
        except OSError as error:
            if error.errno not in _NO_SPACE:
                raise
            with suppress(OSError):  # closed even when its last flush fails, which frees the space
                self._file.close()
            raise ExportNotWritten from error


class ExportNotWrittenMiddleware:
    """Pages and admin actions: an export that did not fit answers 507 with the reason."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception) -> HttpResponse | None:
        if isinstance(exception, ExportNotWritten):
            return HttpResponse(
                str(exception), status=exception.status_code, content_type="text/plain; charset=utf-8"
            )
        return None
