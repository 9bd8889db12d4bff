"""Confirmation messages say what changed, and a record's history shows its changes field by field."""

import datetime as dt

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from council.changes import form_changes
from council.models import Agency
from council.views.actions import run_form_action
from sessions.models import Session
from tests.council.factories import AgencyFactory
from tests.sessions.factories import SessionFactory

pytestmark = pytest.mark.django_db


class AssignForm(forms.Form):
    due_date = forms.DateField(label="Hạn xử lý")
    kind = forms.ChoiceField(label="Trạng thái", choices=[("open", "Đang xử lý"), ("done", "Đã xong")])
    agency = forms.ModelChoiceField(label="Cơ quan", queryset=Agency.objects.all())
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea)
    urgent = forms.BooleanField(label="Khẩn", required=False)


def test_a_form_names_each_change_with_display_values_not_ids(council):
    first, second = (
        AgencyFactory(council=council, name="Sở Y tế"),
        AgencyFactory(council=council, name="Sở GTVT"),
    )
    initial = {
        "due_date": dt.date(2026, 3, 12),
        "kind": "open",
        "agency": first.pk,
        "note": "cũ",
        "urgent": False,
    }
    form = AssignForm(
        {
            "due_date": "20/03/2026",
            "kind": "done",
            "agency": second.pk,
            "note": "Ông Nguyễn Văn A, 0912345678",
        },
        initial=initial,
    )
    assert form.is_valid(), form.errors
    with translation.override("vi"):
        changes = form_changes(form)
    assert "Hạn xử lý: 12/03/2026 → 20/03/2026" in changes
    assert "Trạng thái: Đang xử lý → Đã xong" in changes
    assert "Cơ quan: Sở Y tế → Sở GTVT" in changes
    # Free text is only named: it may hold a person's details.
    assert "Ghi chú (đã sửa)" in changes and not any("0912345678" in c for c in changes)
    assert not any(c.startswith("Khẩn") for c in changes)  # unchanged: not mentioned
    assert not any(str(second.pk) in c.split(":")[1] for c in changes if "Cơ quan" in c)


def test_a_form_without_initial_values_reports_no_changes(council):
    agency = AgencyFactory(council=council)
    form = AssignForm({"due_date": "20/03/2026", "kind": "done", "agency": agency.pk})
    assert form.is_valid() and form_changes(form) == []


def test_run_form_action_says_what_changed(council):
    agency = AgencyFactory(council=council)
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    form = AssignForm(
        {"due_date": "20/03/2026", "kind": "open", "agency": agency.pk},
        initial={"due_date": dt.date(2026, 3, 12), "kind": "open", "agency": agency.pk},
    )
    with translation.override("vi"):
        assert run_form_action(request, form, lambda data: None)
    [message] = [str(m) for m in get_messages(request)]
    assert message == "Đã ghi nhận. Hạn xử lý: 12/03/2026 → 20/03/2026."


@pytest.fixture
def session(council, term):
    return SessionFactory(
        term=term, title="Kỳ họp thứ hai", start_date=dt.date(2026, 7, 8), end_date=dt.date(2026, 7, 10)
    )


def _edit(client, session, **changes):
    data = {
        "term": session.term_id,
        "number": session.number,
        "kind": session.kind,
        "title": session.title,
        "state": session.state,
        "start_date": f"{session.start_date:%d/%m/%Y}",
        "end_date": f"{session.end_date:%d/%m/%Y}",
        "place": session.place,
        "convening_decision": session.convening_decision,
        **changes,
    }
    return client.post(reverse("sessions:session_update", args=[session.pk]), data, follow=True)


def test_an_edit_confirms_what_changed_and_the_history_shows_each_field(client, office, session):
    response = _edit(client, session, end_date="11/07/2026", kind=Session.Kind.THEMATIC)
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Đã lưu: ")
    assert "Ngày bế mạc: 10/07/2026 → 11/07/2026" in message
    assert "Loại: Thường lệ → Chuyên đề" in message
    session.refresh_from_db()
    response = _edit(client, session, title="Kỳ họp chuyên đề về đầu tư công")
    [message] = [str(m) for m in response.context["messages"]]
    assert "10/07/2026" not in message  # only what this edit changed
    # Edited twice: the history lists both edits, newest first, field by field, with who did it.
    history = response.context["history"]
    assert [h.history_type for h in history] == ["~", "~", "+"]
    latest, first_edit, created = history
    assert [label for label, _old, _new in latest.changes] == ["Tiêu đề"]
    assert {label: (old, new) for label, old, new in first_edit.changes} == {
        "Ngày bế mạc": ("10/07/2026", "11/07/2026"),
        "Loại": ("Thường lệ", "Chuyên đề"),
    }
    assert created.changes == []
    page = response.content.decode()
    assert "history-changes" in page and "10/07/2026" in page and "11/07/2026" in page


def test_an_edit_that_changes_nothing_says_so(client, office, session):
    response = _edit(client, session)
    [message] = [str(m) for m in response.context["messages"]]
    assert "không có thay đổi" in message


def test_an_office_action_on_a_follow_up_says_what_it_changed(client, office, council):
    from tests.council.factories import make_followup

    followup = make_followup(
        council, agency=AgencyFactory(council=council), assigned=dt.date(2026, 3, 1), due=dt.date(2026, 3, 12)
    )
    response = client.post(
        reverse("council:followup_action", args=[followup.pk, "due"]),
        {"due_date": "20/03/2026", "reason": "Theo đề nghị của UBND tỉnh"},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Đã ghi nhận.")
    assert "Hạn xử lý: 12/03/2026 → 20/03/2026" in message
    # The reason is named (or shown when short and not personal), never an id.
    assert "Lý do" in message or "lý do" in message


def test_a_petition_action_says_what_it_changed_in_words(client, office, council):
    from tests.voters.test_views import _petition

    petition = _petition(council, "Sạt lở bờ sông Tiền đoạn qua xã Tân Hồng")
    agency = AgencyFactory(council=council, name="Sở Nông nghiệp và Môi trường")
    response = client.post(
        reverse("voters:petition_action", args=[petition.pk, "classify"]),
        {"competence": "province", "agency": agency.pk},
        follow=True,
    )
    [message] = [str(m) for m in response.context["messages"]]
    # The agency by its name, never its id.
    assert "— → Sở Nông nghiệp và Môi trường" in message, message
    assert f"→ {agency.pk}" not in message


def test_a_history_never_shows_personal_data_to_a_reader_who_may_not_see_it(client, login, council):
    from council.models import Role
    from council.services import record_update
    from voters import services as voter_services
    from voters.models import Channel

    opinion = voter_services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=dt.date(2026, 11, 2),
        text="Đề nghị sửa cầu",
        voter_name="Trần Văn Bảo",
        voter_address="Ấp 3",
    )
    record_update(opinion, actor=None, voter_name="Trần Văn Bình", voter_address="Ấp 4")
    record_update(opinion, actor=None, voters_count=5)
    url = reverse("voters:opinion_detail", args=[opinion.pk])
    login(Role.LEADERSHIP)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trần Văn Bảo" not in page and "Trần Văn Bình" not in page and "Ấp 3" not in page
    changed = response.context["history"][1].changes
    assert changed and all(old == "đã sửa" and new == "" for _label, old, new in changed)
    # The Office sees the old and new name.
    login(Role.OFFICE)
    page = client.get(url).content.decode()
    assert "Trần Văn Bảo" in page and "Trần Văn Bình" in page
