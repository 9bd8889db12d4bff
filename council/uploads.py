"""Safe handling of uploaded evidence and answer files: checks, private storage and downloads."""

import functools
import os
import unicodedata
import uuid
import zipfile
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
DEFAULT_MAX_UNZIPPED_BYTES = 200 * MB
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_RATIO = 100
# Small entries (XML parts) legitimately compress far better than 100:1; only big ones can hurt.
ZIP_RATIO_MIN_ENTRY_BYTES = 1 * MB
DOWNLOAD_NAME_MAX_CHARS = 150


@dataclass(frozen=True)
class FileType:
    """One accepted file type: its MIME type and the extensions a file of that type may carry."""

    kind: str
    content_type: str
    extensions: tuple[str, ...]  # The first is the canonical one used for stored files.

    @property
    def extension(self) -> str:
        return self.extensions[0]


ALLOWED_TYPES: dict[str, FileType] = {
    t.kind: t
    for t in (
        FileType("pdf", "application/pdf", (".pdf",)),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
        FileType("png", "image/png", (".png",)),
        FileType("jpeg", "image/jpeg", (".jpg", ".jpeg")),
    )
}

# For <input type="file" accept="...">: a hint to the browser only; inspect_upload() is the check.
ACCEPT = ",".join(ext for t in ALLOWED_TYPES.values() for ext in t.extensions)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_ZIP_MAGIC = b"PK\x03\x04"
# Checked in order; each OOXML package must also carry "[Content_Types].xml".
_OOXML_MAIN_PART = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))


@dataclass(frozen=True)
class UploadInfo:
    """What inspect_upload() learned about an accepted file."""

    kind: str
    content_type: str
    extension: str
    size: int


def _megabytes(n: int) -> str:
    return number_format(round(n / MB, 1), decimal_pos=1)


def _file_size(uploaded_file: IO[bytes]) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        size = uploaded_file.seek(0, os.SEEK_END)
    return size


def _is_unsafe_member_name(name: str) -> bool:
    # Archives made on Windows may use backslashes; check both flavours so no extractor escapes.
    parts = name.replace("\\", "/").split("/")
    return (
        PurePosixPath(name).is_absolute()
        or PureWindowsPath(name).is_absolute()
        or bool(PureWindowsPath(name).drive)
        or name.startswith(("/", "\\"))
        or ".." in parts
    )


def _check_zip(uploaded_file: IO[bytes]) -> str | None:
    """Vet a ZIP's directory against bombs and traversal; return the OOXML kind it holds, if any."""
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(_("The file is damaged and cannot be opened."), code="corrupt") from exc

    if len(entries) > ZIP_MAX_ENTRIES:
        raise ValidationError(
            _("The file contains too many parts (%(count)s; the limit is %(limit)s)."),
            code="zip_bomb",
            params={"count": len(entries), "limit": ZIP_MAX_ENTRIES},
        )
    # Python's zipfile never returns more than an entry's declared size, so checking the declared
    # sizes bounds what any later parser (python-docx, openpyxl) can be made to decompress.
    max_unzipped = getattr(settings, "UPLOAD_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES)
    total = 0
    for entry in entries:
        if _is_unsafe_member_name(entry.filename):
            raise ValidationError(
                _("The file contains a part with an unsafe name: %(name)s."),
                code="unsafe_path",
                params={"name": entry.filename[:100]},
            )
        total += entry.file_size
        if total > max_unzipped:
            raise ValidationError(
                _("The file expands to more than %(limit)s MB when opened."),
                code="zip_bomb",
                params={"limit": _megabytes(max_unzipped)},
            )
        if entry.file_size > ZIP_RATIO_MIN_ENTRY_BYTES and entry.file_size > ZIP_MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise ValidationError(
                _("The file is compressed suspiciously tightly and was refused."), code="zip_bomb"
            )

    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        return None
    for main_part, kind in _OOXML_MAIN_PART:
        if main_part in names:
            return kind
    return None


def _detect_kind(uploaded_file: IO[bytes]) -> str | None:
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_ZIP_MAGIC):
        return _check_zip(uploaded_file)
    return None


def inspect_upload(uploaded_file: IO[bytes]) -> UploadInfo:
    """Check an upload's size, content type and (for DOCX/XLSX) archive safety; raise ValidationError."""
    try:
        size = _file_size(uploaded_file)
        max_bytes = getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)
        if size > max_bytes:
            raise ValidationError(
                _("The file is too large: %(size)s MB; the limit is %(limit)s MB."),
                code="too_large",
                params={"size": _megabytes(size), "limit": _megabytes(max_bytes)},
            )
        if size == 0:
            raise ValidationError(_("The file is empty."), code="empty")

        # The name and the browser's Content-Type are attacker-controlled; only the bytes count.
        kind = _detect_kind(uploaded_file)
        if kind is None:
            raise ValidationError(
                _(
                    "This type of file is not accepted. "
                    "Upload a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file."
                ),
                code="unknown_type",
            )
        file_type = ALLOWED_TYPES[kind]

        name = getattr(uploaded_file, "name", None) or ""
        extension = os.path.splitext(os.path.basename(name))[1].lower()
        if extension not in file_type.extensions:
            # A mismatch means someone renamed the file; a viewer picking by extension could misread it.
            raise ValidationError(
                _("The file name ends in “%(extension)s” but its content is of type %(kind)s."),
                code="disguised",
                params={"extension": extension or _("(no extension)"), "kind": kind.upper()},
            )
        return UploadInfo(
            kind=kind, content_type=file_type.content_type, extension=file_type.extension, size=size
        )
    finally:
        uploaded_file.seek(0)


class PrivateStorage(FileSystemStorage):
    """File storage under PRIVATE_MEDIA_ROOT that can never produce a public URL."""

    # Properties, not the parent's cached values, so settings overrides (tests) apply immediately
    # and importing this module never touches settings.
    @property
    def base_location(self) -> str:
        return str(getattr(settings, "PRIVATE_MEDIA_ROOT", Path(settings.BASE_DIR) / "var" / "private"))

    @property
    def location(self) -> str:
        location = Path(os.path.abspath(self.base_location))
        for public_setting in ("MEDIA_ROOT", "STATIC_ROOT"):
            public_root = getattr(settings, public_setting, None)
            if public_root and location.is_relative_to(os.path.abspath(public_root)):
                raise ImproperlyConfigured(
                    f"PRIVATE_MEDIA_ROOT ({location}) must not be inside {public_setting} ({public_root})."
                )
        return str(location)

    @property
    def base_url(self) -> None:
        # Private files are only served through a permission-checked view (attachment_response).
        return None


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    """Return the private storage (a callable for FileField(storage=...), keeping paths out of migrations)."""
    return private_storage


def generated_name(info: UploadInfo, prefix: str) -> str:
    """Return a fresh storage path for an accepted file; the user's file name is never part of it."""
    today = timezone.localdate()
    return f"{prefix.strip('/')}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{info.extension}"


_WINDOWS_FORBIDDEN = str.maketrans({ch: "_" for ch in '<>:"/\\|?*'})


def safe_download_name(original: str, extension: str) -> str:
    """Return the user's file name cleaned for Content-Disposition, ending in an extension of its type."""
    name = unicodedata.normalize("NFC", original or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters include CR/LF (header injection) and U+202E, which can make
    # "bill\u202efdp.exe" display as "billexe.pdf".
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in "\u2028\u2029")
    name = name.translate(_WINDOWS_FORBIDDEN).strip().strip(".").strip()

    extension = extension.lower()
    allowed = next((t.extensions for t in ALLOWED_TYPES.values() if extension in t.extensions), (extension,))
    stem, current = os.path.splitext(name)
    if current.lower() in allowed:
        extension = current.lower()
    else:
        stem = name
    stem = stem[: DOWNLOAD_NAME_MAX_CHARS - len(extension)].rstrip(" .") or _("file")
    return f"{stem}{extension}"


@dataclass(frozen=True)
class StoredFile:
    path: str
    original_name: str
    content_type: str
    size: int


def store_upload(uploaded_file, info: UploadInfo, prefix: str) -> StoredFile:
    """Save an inspected upload in private storage under a generated name; return what to record."""
    path = get_private_storage().save(generated_name(info, prefix), uploaded_file)
    pending = _stored_in_call.get()
    if pending is not None:
        pending.append(path)
    return StoredFile(
        path, safe_download_name(uploaded_file.name, info.extension), info.content_type, info.size
    )


def attachment_response(storage_path: str, download_name: str, content_type: str) -> FileResponse:
    """Serve a privately stored file as a download; the caller must have checked permissions."""
    try:
        handle = private_storage.open(storage_path, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file no longer exists.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=download_name, content_type=content_type)
    # Even if a browser ignored the attachment disposition, it must not sniff or run the content.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-cache"
    return response


# The files stored during the current call of a service wrapped in atomic_with_files().
_stored_in_call: ContextVar[list[str] | None] = ContextVar("stored_in_call", default=None)


def atomic_with_files(service):
    """Run a service that stores uploads atomically; if it fails, delete the files it stored.

    Django has no hook on rollback, so the service's own failure is where the orphan is caught: a save
    refused by validation (or any error) after the file reached the disk leaves no file behind.
    A call nested in another such call hands its files to the outer one, which owns their fate.
    """

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        outer = _stored_in_call.get()
        stored: list[str] = []
        token = _stored_in_call.set(stored)
        try:
            with transaction.atomic():
                result = service(*args, **kwargs)
        except BaseException:
            for path in stored:
                private_storage.delete(path)
            raise
        finally:
            _stored_in_call.reset(token)
        if outer is not None:
            outer.extend(stored)
        return result

    return wrapper


def attach_file(record, upload, *, prefix: str) -> None:
    """Check the record and the upload first, then store the file and note it on the record."""
    info = inspect_upload(upload) if upload else None
    record.full_clean()
    if info is not None:
        stored = store_upload(upload, info, prefix)
        record.path, record.original_name = stored.path, stored.original_name
        record.content_type, record.size = stored.content_type, stored.size


FILE_FIELDS = ("path", "original_name", "content_type", "size")


def replace_file(record, upload, *, prefix: str, data: dict) -> dict:
    """For an update service: store a new upload (if any) and add its file fields to the changes.

    The record itself is left as it is: the update service compares ``data`` with the record to find
    what changed, so a new file must appear there as a change (an upload alone is a change to save).
    """
    if upload:
        stored = store_upload(upload, inspect_upload(upload), prefix)
        data.update(
            path=stored.path,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
        )
    return data
