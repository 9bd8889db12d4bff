import io
import os
import re
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.http import Http404
from django.utils import translation

from council.uploads import (
    ALLOWED_TYPES,
    UploadInfo,
    attachment_response,
    generated_name,
    get_private_storage,
    inspect_upload,
    private_storage,
    safe_download_name,
)

MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _png() -> bytes:
    """Build a real 1x1 white PNG."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(**extra: bytes) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", **extra})


def _xlsx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def _bomb(megabytes: int) -> bytes:
    """Build an XLSX-shaped archive holding megabytes of zeros, written in chunks to spare memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            zeros = b"\0" * MB
            for _ in range(megabytes):
                member.write(zeros)
    return buffer.getvalue()


def _codes(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [error.code for error in excinfo.value.error_list]


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type", "extension"),
    [
        ("Tờ trình.pdf", PDF, "pdf", "application/pdf", ".pdf"),
        ("anh.PNG", _png(), "png", "image/png", ".png"),
        ("anh.jpg", JPEG, "jpeg", "image/jpeg", ".jpg"),
        ("anh.jpeg", JPEG, "jpeg", "image/jpeg", ".jpg"),
        (
            "bao-cao.docx",
            _docx(),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
        ),
        (
            "so-lieu.xlsx",
            _xlsx(),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xlsx",
        ),
    ],
)
def test_accepted_types_are_detected_from_content(name, content, kind, content_type, extension):
    # The browser's content type is a lie on purpose: only the bytes may decide.
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")

    info = inspect_upload(upload)

    assert info == UploadInfo(kind=kind, content_type=content_type, extension=extension, size=len(content))
    assert upload.read() == content  # rewound for whoever saves it next


def test_only_the_five_types_are_allowed():
    assert set(ALLOWED_TYPES) == {"pdf", "docx", "xlsx", "png", "jpeg"}


def test_docx_spooled_to_disk_is_inspected_too():
    content = _docx()
    upload = TemporaryUploadedFile("bao-cao.docx", "application/octet-stream", len(content), None)
    upload.write(content)
    upload.seek(0)
    try:
        assert inspect_upload(upload).kind == "docx"
        assert upload.read() == content
    finally:
        upload.close()


def test_empty_file_is_rejected():
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("trong.pdf", b""))
    assert _codes(excinfo) == ["empty"]


def test_oversize_file_is_rejected_with_both_sizes(settings):
    settings.UPLOAD_MAX_BYTES = 1 * MB
    upload = SimpleUploadedFile("lon.pdf", PDF + b"\0" * (MB // 2 + MB))

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        inspect_upload(upload)

    assert _codes(excinfo) == ["too_large"]
    with translation.override("en"):
        assert excinfo.value.messages == ["The file is too large: 1.5 MB; the limit is 1.0 MB."]
    assert upload.tell() == 0


def test_file_at_the_size_limit_is_accepted(settings):
    settings.UPLOAD_MAX_BYTES = 1 * MB
    content = PDF + b"\0" * (MB - len(PDF))
    assert inspect_upload(SimpleUploadedFile("vua.pdf", content)).size == MB


@pytest.mark.parametrize(
    "content",
    [EXE, b"plain text pretending\n", b"<html><script>alert(1)</script></html>", b"GIF89a\x01\x00"],
)
def test_unknown_content_is_rejected_whatever_the_name(content):
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("hop-le.pdf", content, content_type="application/pdf"))
    assert _codes(excinfo) == ["unknown_type"]


def test_plain_zip_without_office_parts_is_rejected():
    upload = SimpleUploadedFile("tai-lieu.docx", _zip({"readme.txt": b"hello"}))
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(upload)
    assert _codes(excinfo) == ["unknown_type"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anh.pdf", _png()),
        ("tai-lieu.pdf", _docx()),
        ("bang.docx", _xlsx()),
        ("van-ban.jpg", PDF),
        ("khong-duoi", PDF),
    ],
)
def test_real_file_with_the_wrong_extension_is_disguised(name, content):
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile(name, content))
    assert _codes(excinfo) == ["disguised"]


def test_corrupt_zip_is_rejected():
    broken = _docx()[:60]  # a local header with no central directory
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("hong.docx", broken))
    assert _codes(excinfo) == ["corrupt"]


def test_zip_expanding_past_the_limit_is_a_bomb(settings):
    settings.UPLOAD_MAX_UNZIPPED_BYTES = 10 * MB
    bomb = _bomb(20)
    assert len(bomb) < MB  # small on the wire, which is the point

    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("bang.xlsx", bomb))
    assert _codes(excinfo) == ["zip_bomb"]


def test_highly_compressed_large_entry_is_a_bomb_even_under_the_total_limit():
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("bang.xlsx", _bomb(5)))
    assert _codes(excinfo) == ["zip_bomb"]


def test_large_entry_that_barely_compresses_is_fine():
    # A scanned image inside a Word file: big, but not a bomb.
    content = _docx(**{"word/media/image1.bin": os.urandom(2 * MB)})
    assert inspect_upload(SimpleUploadedFile("bao-cao.docx", content)).kind == "docx"


def test_small_xml_parts_may_compress_well():
    content = _docx(**{"word/styles.xml": b"<w:style/>" * 50_000})  # ~500 KB of repetition
    assert inspect_upload(SimpleUploadedFile("bao-cao.docx", content)).kind == "docx"


def test_zip_with_too_many_entries_is_a_bomb():
    members = {f"word/part{i}.xml": b"" for i in range(2001)}
    content = _docx(**members)
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("bao-cao.docx", content))
    assert _codes(excinfo) == ["zip_bomb"]


@pytest.mark.parametrize(
    "member",
    ["../../etc/cron.d/evil", "word/../../evil.xml", "/etc/passwd", "..\\..\\evil.dll", "C:/evil.xml"],
)
def test_zip_with_path_traversal_member_is_rejected(member):
    content = _docx(**{member: b"x"})
    with pytest.raises(ValidationError) as excinfo:
        inspect_upload(SimpleUploadedFile("bao-cao.docx", content))
    assert _codes(excinfo) == ["unsafe_path"]


def test_generated_name_is_random_and_never_the_users_name():
    info = UploadInfo(kind="pdf", content_type="application/pdf", extension=".pdf", size=10)

    first = generated_name(info, "evidence")
    second = generated_name(info, "evidence/")

    assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", first)
    assert re.fullmatch(r"evidence/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", second)
    assert first != second


def test_safe_download_name_strips_path_and_control_characters():
    assert safe_download_name("C:\\fakepath\\..\\Tờ trình.pdf", ".pdf") == "Tờ trình.pdf"
    assert safe_download_name("../../etc/bao\r\ncao.pdf", ".pdf") == "baocao.pdf"
    # U+202E would display "hoa-don\u202efdp.exe" as "hoa-donexe.pdf".
    assert safe_download_name("hoa-don\u202efdp.exe", ".pdf") == "hoa-donfdp.exe.pdf"
    assert safe_download_name('a"b;c.pdf', ".pdf") == "a_b;c.pdf"


def test_safe_download_name_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Báo cáo giám sát.docx")
    assert safe_download_name(decomposed, ".docx") == unicodedata.normalize("NFC", "Báo cáo giám sát.docx")


def test_safe_download_name_enforces_the_extension():
    assert safe_download_name("virus.exe", ".pdf") == "virus.exe.pdf"
    assert safe_download_name("BAO-CAO.PDF", ".pdf") == "BAO-CAO.pdf"
    assert safe_download_name("anh.jpeg", ".jpg") == "anh.jpeg"
    assert safe_download_name("anh.png", ".jpg") == "anh.png.jpg"
    assert safe_download_name("", ".pdf").endswith(".pdf")
    assert safe_download_name("../..", ".pdf") not in {".pdf", "...pdf"}


def test_safe_download_name_is_at_most_150_characters():
    name = safe_download_name("Nghị quyết " * 40 + ".xlsx", ".xlsx")
    assert len(name) <= 150
    assert name.endswith(".xlsx")


@pytest.fixture
def private_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def test_private_storage_lives_outside_public_roots(private_root, settings):
    location = Path(get_private_storage().location)

    assert location == private_root
    assert not location.is_relative_to(settings.MEDIA_ROOT)
    assert not location.is_relative_to(settings.STATIC_ROOT)


def test_private_storage_defaults_under_var(settings):
    del settings.PRIVATE_MEDIA_ROOT
    location = Path(private_storage.location)

    assert location == Path(settings.BASE_DIR) / "var" / "private"
    assert not location.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not location.is_relative_to(Path(settings.STATIC_ROOT).resolve())


def test_private_storage_refuses_a_location_inside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    with pytest.raises(ImproperlyConfigured):
        private_storage.location  # noqa: B018


def test_private_storage_cannot_build_public_urls(private_root):
    name = private_storage.save("evidence/a.pdf", ContentFile(PDF))
    assert (private_root / name).read_bytes() == PDF
    with pytest.raises(ValueError):
        private_storage.url(name)


def test_attachment_response_forces_a_sandboxed_download(private_root):
    path = private_storage.save("evidence/2025/01/abc.pdf", ContentFile(PDF))

    response = attachment_response(path, "Tờ trình số 12.pdf", "application/pdf")
    try:
        body = b"".join(response.streaming_content)
    finally:
        response.file_to_stream.close()

    assert body == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_attachment_response_with_ascii_name(private_root):
    path = private_storage.save("answers/x.png", ContentFile(_png()))
    response = attachment_response(path, "anh.png", "image/png")
    response.file_to_stream.close()
    assert response["Content-Disposition"] == 'attachment; filename="anh.png"'


def test_attachment_response_for_a_missing_file_is_404(private_root):
    with pytest.raises(Http404):
        attachment_response("evidence/none.pdf", "none.pdf", "application/pdf")
