"""An upload on an edit page is saved even when nothing else changed; a refused save leaves no file."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delegates import services as delegate_services
from directives import services as directive_services
from directives.models import Directive
from tests.dates import days

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def _files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def _pdf(name="tai-lieu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


@pytest.fixture
def course(council):
    return delegate_services.course_create(
        actor=None,
        council=council,
        title="Kỹ năng chất vấn",
        start_date=days(-20),
        end_date=days(-19),
        organiser="Văn phòng",
        place="Hội trường",
    )


@pytest.fixture
def directive(council):
    return directive_services.directive_create(
        actor=None,
        council=council,
        kind=Directive.Kind.PLAN,
        symbol="12-KH/ĐĐ",
        issued_on=days(-60),
        issuer="Đảng đoàn HĐND tỉnh",
        subject="Kế hoạch thực hiện Kết luận",
    )


def _course_post(course, **extra):
    return {
        "title": course.title,
        "start_date": _day(course.start_date),
        "end_date": _day(course.end_date),
        "organiser": course.organiser,
        "place": course.place,
        "description": course.description,
        **extra,
    }


def _directive_post(directive, **extra):
    return {
        "kind": directive.kind,
        "symbol": directive.symbol,
        "issued_on": _day(directive.issued_on),
        "issuer": directive.issuer,
        "issuing_body": directive.issuing_body,
        "subject": directive.subject,
        "partners": directive.partners,
        **extra,
    }


def test_a_training_course_edited_with_only_a_file_keeps_the_file(client, office, course, private_root):
    response = client.post(
        reverse("delegates:course_update", args=[course.pk]),
        _course_post(course, upload=_pdf("giao-trinh.pdf")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("giao-trinh.pdf" in m for m in shown), shown  # the confirmation names the new file
    course.refresh_from_db()
    assert course.original_name == "giao-trinh.pdf" and course.size == len(PDF)
    assert (private_root / course.path).read_bytes() == PDF
    assert _files(private_root) == [private_root / course.path]  # no orphan beside it
    assert course.history.first().path == course.path  # the change is in the history


def test_a_directive_edited_with_only_a_file_keeps_the_file(client, office, directive, private_root):
    response = client.post(
        reverse("directives:directive_update", args=[directive.pk]), _directive_post(directive, upload=_pdf())
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    directive.refresh_from_db()
    assert directive.original_name == "tai-lieu.pdf"
    assert _files(private_root) == [private_root / directive.path]
    download = client.get(reverse("directives:directive_file", args=[directive.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_second_file_replaces_the_first_on_the_record(client, office, directive, private_root):
    url = reverse("directives:directive_update", args=[directive.pk])
    client.post(url, _directive_post(directive, upload=_pdf("a.pdf")))
    client.post(url, _directive_post(directive, upload=_pdf("b.pdf")))
    directive.refresh_from_db()
    assert directive.original_name == "b.pdf"


def test_an_edit_refused_by_the_form_stores_no_file(client, office, course, private_root):
    response = client.post(
        reverse("delegates:course_update", args=[course.pk]),
        _course_post(course, end_date=_day(course.start_date - dt.timedelta(days=5)), upload=_pdf()),
    )
    assert response.status_code == 200
    course.refresh_from_db()
    assert not course.path
    assert _files(private_root) == []


def test_an_edit_refused_by_the_service_leaves_no_new_file(directive, private_root):
    with pytest.raises(ValidationError):
        directive_services.directive_update(directive, actor=None, upload=_pdf(), symbol="x" * 5000)
    directive.refresh_from_db()
    assert not directive.path
    assert _files(private_root) == []


def test_a_failed_update_keeps_the_earlier_file(directive, private_root):
    directive_services.directive_update(directive, actor=None, upload=_pdf("first.pdf"))
    directive.refresh_from_db()
    first = directive.path
    with pytest.raises(ValidationError):
        directive_services.directive_update(
            directive, actor=None, upload=_pdf("second.pdf"), symbol="x" * 5000
        )
    directive.refresh_from_db()
    assert directive.path == first
    assert _files(private_root) == [private_root / first]


def test_a_media_product_edited_with_only_a_file_keeps_the_file(client, office, council, private_root):
    from voters import communications as voter_communications

    product = voter_communications.media_create(
        actor=None,
        council=council,
        kind="newspaper",
        outlet="Báo Đồng Tháp",
        topic="Chuyên trang HĐND",
        published_on=days(-3),
    )
    data = {
        "kind": product.kind,
        "outlet": product.outlet,
        "topic": product.topic,
        "published_on": _day(product.published_on),
        "cost": "",
        "link": "",
        "upload": _pdf("bai-bao.pdf"),
    }
    response = client.post(reverse("voters:media_update", args=[product.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    product.refresh_from_db()
    assert product.original_name == "bai-bao.pdf"
    assert _files(private_root) == [private_root / product.path]


def test_an_answer_that_fails_after_its_files_were_stored_leaves_none(council, private_root, monkeypatch):
    from council.models import AgencyStatus
    from council.services import followups
    from tests.council.factories import make_followup

    followup = make_followup(council)

    def broken_mail(*args, **kwargs):
        raise RuntimeError("mail queue unavailable")

    monkeypatch.setattr(followups, "queue_mail", broken_mail)
    with pytest.raises(RuntimeError):
        followups.followup_answer(
            followup, actor=None, status=AgencyStatus.DONE, text="Đã xong", files=[_pdf("bao-cao.pdf")]
        )
    assert _files(private_root) == []


def test_the_history_names_the_new_file_not_where_it_is_kept(client, office, directive, private_root):
    url = reverse("directives:directive_update", args=[directive.pk])
    client.post(url, _directive_post(directive, upload=_pdf("a.pdf")))
    response = client.post(url, _directive_post(directive, upload=_pdf("b.pdf")), follow=True)
    directive.refresh_from_db()
    page = client.get(reverse("directives:directive_detail", args=[directive.pk])).content.decode()
    message = response.content.decode()
    for html in (page, message):
        assert "b.pdf" in html
        assert directive.path not in html and "application/pdf" not in html
