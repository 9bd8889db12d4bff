"""Vote corrections, failed resolutions without an adoption date, and the roll call (service and pages)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from council.models import Role
from sessions import services
from sessions.models import DelegateVote, Resolution, Vote
from sessions.roll_call import parse_roll_call_csv
from tests.delegates.factories import MandateFactory
from tests.sessions.factories import SessionFactory

DAY = dt.date(2026, 12, 10)
Choice = DelegateVote.Choice


@pytest.fixture
def mandates(council, term):
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    return [MandateFactory(delegate__council=council, delegate__full_name=n, term=term) for n in names]


def _resolution(council, term, symbol="05/2026/NQ-HĐND", **kwargs):
    session = SessionFactory(term=term, start_date=dt.date(2026, 12, 8), end_date=DAY)
    return services.resolution_create(
        actor=None,
        council=council,
        session=session,
        symbol=symbol,
        kind=Resolution.Kind.NORMATIVE,
        title="Quy định giá đất năm 2027",
        adopted_on=kwargs.pop("adopted_on", DAY),
        **kwargs,
    )


def _vote(council, term, approve=3, reject=1, abstain=1, **kwargs):
    resolution = _resolution(council, term, **kwargs)
    return services.resolution_vote(
        resolution, actor=None, voted_on=DAY, approve=approve, reject=reject, abstain=abstain
    )


def test_a_failed_vote_leaves_the_resolution_without_any_adoption_date(council, term, mandates):
    vote = _vote(council, term, approve=2, reject=3, abstain=0, effective_on=dt.date(2027, 1, 1))
    resolution = Resolution.objects.get(pk=vote.resolution_id)
    assert not vote.passed
    assert resolution.adopted_on is None and resolution.effective_on is None
    resolution.adopted_on = DAY
    with pytest.raises(ValidationError) as error:
        resolution.full_clean()
    assert "adopted_on" in error.value.message_dict
    reasons = list(resolution.history.values_list("history_change_reason", flat=True))
    assert gettext("The vote did not pass: not adopted.") in reasons


def test_a_resolution_entered_before_its_vote_is_adopted_on_the_day_of_a_passing_vote(
    council, term, mandates
):
    resolution = _resolution(council, term, adopted_on=None)
    services.resolution_vote(resolution, actor=None, voted_on=DAY, approve=4, reject=1)
    resolution.refresh_from_db()
    assert resolution.adopted_on == DAY


def test_a_correction_needs_a_reason_and_stays_in_the_history(council, term, mandates, user_with_role):
    clerk = user_with_role(Role.OFFICE)
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    with pytest.raises(ValidationError) as error:
        services.vote_correct(vote, actor=clerk, reason="  ", approve=2, reject=2, abstain=1)
    assert "reason" in error.value.message_dict
    assert Vote.objects.get(pk=vote.pk).approve == 3

    services.vote_correct(vote, actor=clerk, reason="Nhập nhầm số liệu", approve=2, reject=2, abstain=1)
    vote.refresh_from_db()
    assert (vote.approve, vote.reject) == (2, 2) and not vote.passed
    last = vote.history.order_by("-history_date", "-history_id").first()
    earlier = vote.history.order_by("history_date", "history_id").first()
    assert last.history_change_reason == "Nhập nhầm số liệu" and last.history_user == clerk
    assert earlier.approve == 3
    # Now failed: the adoption date goes; corrected back to passing, it returns.
    assert Resolution.objects.get(pk=vote.resolution_id).adopted_on is None
    services.vote_correct(vote, actor=clerk, reason="Sửa lại", approve=4, reject=0, abstain=1)
    assert Resolution.objects.get(pk=vote.resolution_id).adopted_on == DAY


def test_roll_call_must_match_the_totals_and_a_mismatch_saves_nothing(council, term, mandates):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    wrong = dict(zip(mandates, [Choice.APPROVE] * 2 + [Choice.REJECT] * 2 + [Choice.ABSTAIN], strict=True))
    with pytest.raises(ValidationError) as error:
        services.vote_roll_call(vote, actor=None, ballots=wrong)
    text = " ".join(error.value.messages)
    assert (
        "tán thành: 2 đã nhập, 3 đã ghi nhận" in text and "không tán thành: 2 đã nhập, 1 đã ghi nhận" in text
    )
    assert not DelegateVote.objects.exists()

    missing = dict(list(wrong.items())[:4])
    with pytest.raises(ValidationError):
        services.vote_roll_call(vote, actor=None, ballots=missing)

    right = dict(zip(mandates, [Choice.APPROVE] * 3 + [Choice.REJECT, Choice.ABSTAIN], strict=True))
    services.vote_roll_call(vote, actor=None, ballots=right)
    assert services.roll_call_counts(vote) == {"approve": 3, "reject": 1, "abstain": 1}
    # Correcting the totals away from the roll call is refused with the difference.
    with pytest.raises(ValidationError) as error:
        services.vote_correct(vote, actor=None, reason="Sai", approve=2, reject=2, abstain=1)
    assert "tán thành: 3 đã nhập, 2 đã ghi nhận" in " ".join(error.value.messages)


def test_roll_call_and_totals_corrected_together_with_a_reason(council, term, mandates):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    ballots = dict(zip(mandates, [Choice.APPROVE] * 2 + [Choice.REJECT] * 2 + [Choice.ABSENT], strict=True))
    with pytest.raises(ValidationError):
        services.vote_roll_call(vote, actor=None, ballots=ballots, correct_totals=True, reason="")
    services.vote_roll_call(
        vote, actor=None, ballots=ballots, correct_totals=True, reason="Theo kết xuất hệ thống biểu quyết"
    )
    vote.refresh_from_db()
    assert (vote.approve, vote.reject, vote.abstain) == (2, 2, 0)
    assert DelegateVote.objects.filter(vote=vote).count() == 5
    assert DelegateVote.history.filter(history_change_reason="Theo kết xuất hệ thống biểu quyết").count() == 5
    assert Resolution.objects.get(pk=vote.resolution_id).adopted_on is None


def test_the_csv_reader_is_tolerant_and_reports_unknown_names_by_line(council, term, mandates):
    text = (
        "Họ tên;Lựa chọn\nNGUYEN VAN AN;Tán thành\ntran thi binh;khong tan thanh\n{code};3\nLê Văn Cuòng;1\n"
    )
    upload = SimpleUploadedFile(
        "kq.csv", text.format(code=mandates[2].pk).encode("utf-8-sig"), content_type="text/csv"
    )
    parsed = parse_roll_call_csv(upload, mandates)
    assert parsed.ballots == {}
    assert len(parsed.errors) == 1 and parsed.errors[0].startswith("Dòng 5")

    good = f"Nguyễn Văn An,approve\nTRẦN THỊ BÌNH,2\n{mandates[2].pk},did not vote\n"
    parsed = parse_roll_call_csv(SimpleUploadedFile("kq.csv", good.encode()), mandates)
    assert not parsed.errors
    assert parsed.ballots[mandates[0]] == Choice.APPROVE and parsed.ballots[mandates[1]] == Choice.REJECT
    assert parsed.ballots[mandates[2]] == Choice.ABSTAIN and parsed.ballots[mandates[4]] == Choice.ABSENT

    for name, content in (("kq.xlsx", b"PK\x03\x04rest"), ("kq.csv", b"%PDF-1.7\x00\x01"), ("kq.csv", b"")):
        assert parse_roll_call_csv(SimpleUploadedFile(name, content), mandates).errors


def _post_roll_call(client, vote, choices):
    data = {f"m{m.pk}": c for m, c in choices.items()}
    return client.post(reverse("sessions:resolution_roll_call", args=[vote.resolution_id]), data)


def test_roll_call_page_refuses_a_mismatch_and_changes_nothing(client, council, term, mandates, office):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    page = client.get(reverse("sessions:resolution_roll_call", args=[vote.resolution_id]))
    assert page.status_code == 200 and "roll_call.js" in page.content.decode()
    for m in mandates:
        assert m.delegate.full_name in page.content.decode()
    response = _post_roll_call(client, vote, dict.fromkeys(mandates, Choice.APPROVE))
    assert response.status_code == 400
    body = response.content.decode()
    assert "tán thành: 5 đã nhập, 3 đã ghi nhận" in body
    assert not DelegateVote.objects.exists()
    vote.refresh_from_db()
    assert vote.approve == 3

    ok = dict(zip(mandates, [Choice.APPROVE] * 3 + [Choice.REJECT, Choice.ABSTAIN], strict=True))
    response = _post_roll_call(client, vote, ok)
    assert response.status_code == 302
    assert DelegateVote.objects.filter(vote=vote).count() == 5


def test_roll_call_import_with_a_bad_line_saves_nothing(client, council, term, mandates, office):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    url = reverse("sessions:resolution_roll_call_import", args=[vote.resolution_id])
    bad = "Nguyễn Văn An,approve\nNguyễn Văn Không Có,approve\nTrần Thị Bình,maybe\n"
    response = client.post(url, {"file": SimpleUploadedFile("kq.csv", bad.encode())})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 2" in body and "Nguyễn Văn Không Có" in body and "Dòng 3" in body
    assert not DelegateVote.objects.exists()

    good = "Nguyễn Văn An,1\nTrần Thị Bình,1\nLê Văn Cường,1\nPhạm Thị Dung,2\nHoàng Văn Em,3\n"
    response = client.post(url, {"file": SimpleUploadedFile("kq.csv", good.encode())})
    assert response.status_code == 302
    assert services.roll_call_counts(vote) == {"approve": 3, "reject": 1, "abstain": 1}


def test_only_the_office_enters_a_roll_call_others_read_it(client, council, term, mandates, login):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    login(Role.DELEGATE)
    url = reverse("sessions:resolution_roll_call", args=[vote.resolution_id])
    page = client.get(url)
    assert page.status_code == 200 and "roll-call-form" not in page.content.decode()
    ok = dict(zip(mandates, [Choice.APPROVE] * 3 + [Choice.REJECT, Choice.ABSTAIN], strict=True))
    assert _post_roll_call(client, vote, ok).status_code == 403
    correct = reverse("sessions:resolution_vote_correct", args=[vote.resolution_id])
    assert client.post(correct, {"approve": 1, "reject": 0, "abstain": 0, "reason": "x"}).status_code == 403
    assert not DelegateVote.objects.exists() and Vote.objects.get(pk=vote.pk).approve == 3


def test_the_resolution_page_corrects_a_vote_and_shows_its_history(client, council, term, mandates, office):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    url = reverse("sessions:resolution_vote_correct", args=[vote.resolution_id])
    client.post(url, {"approve": 2, "reject": 2, "abstain": 1, "reason": ""})
    assert Vote.objects.get(pk=vote.pk).approve == 3
    response = client.post(url, {"approve": 2, "reject": 2, "abstain": 1, "reason": "Nhập nhầm"}, follow=True)
    assert Vote.objects.get(pk=vote.pk).approve == 2
    said = " ".join(str(m) for m in response.context["messages"])
    assert "3 → 2" in said and "1 → 2" in said  # the confirmation says what changed
    page = client.get(reverse("sessions:resolution_detail", args=[vote.resolution_id])).content.decode()
    assert "Nhập nhầm" in page and 'id="not-adopted"' in page
    adopted = re.search(r"Ngày thông qua</dt>\s*<dd[^>]*>([^<]*)</dd>", page)
    assert adopted and adopted.group(1).strip() == "—"  # the failed resolution shows no adoption date
    listing = client.get(reverse("sessions:resolution_list")).content.decode()
    row = re.search(r"05/2026/NQ-HĐND.*?</tr>", listing, re.S)
    assert row and "10/12/2026" not in row.group(0)


def test_the_admin_shows_votes_but_does_not_change_them(admin_client, council, term, mandates):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    url = reverse("admin:council_sessions_vote_change", args=[vote.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"approve": 5, "reject": 0, "abstain": 0})
    assert Vote.objects.get(pk=vote.pk).approve == 3


def test_the_roll_call_page_reads_a_fixed_number_of_queries(client, council, term, office, constant_queries):
    votes = []

    def add(rows):
        for _ in rows:
            MandateFactory(delegate__council=council, term=term)
        symbol = "05/2026/NQ-HĐND" if rows.start == 0 else "06/2026/NQ-HĐND"
        votes.append(_vote(council, term, symbol=symbol, approve=1, reject=0, abstain=0))

    def visit():
        assert (
            client.get(reverse("sessions:resolution_roll_call", args=[votes[-1].resolution_id])).status_code
            == 200
        )

    constant_queries(add, visit)


def test_reports_never_count_or_date_a_failed_resolution(council, term, mandates):
    from reports import metrics

    passed = _vote(council, term, approve=4, reject=1, abstain=0)
    failed = _vote(council, term, symbol="06/2026/NQ-HĐND", approve=2, reject=3, abstain=0)
    window = metrics.Window(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    in_force = list(metrics._resolutions_in_force(council, window))
    assert [r.pk for r in in_force] == [passed.resolution_id]
    assert metrics.describe(Resolution.objects.get(pk=failed.resolution_id)).date is None


def test_the_roll_call_page_shows_its_history(client, council, term, mandates, office):
    vote = _vote(council, term, approve=3, reject=1, abstain=1)
    first = dict(zip(mandates, [Choice.APPROVE] * 3 + [Choice.REJECT, Choice.ABSTAIN], strict=True))
    services.vote_roll_call(vote, actor=office, ballots=first)
    swapped = {**first, mandates[0]: Choice.REJECT, mandates[3]: Choice.APPROVE}
    services.vote_roll_call(vote, actor=office, ballots=swapped, reason="Đổi chỗ hai đại biểu")
    page = client.get(reverse("sessions:resolution_roll_call", args=[vote.resolution_id])).content.decode()
    history = page.split('id="roll-call-history"')[1].split("</details>")[0]
    assert "Đổi chỗ hai đại biểu" in history and "Nguyễn Văn An → Không tán thành" in history
    assert "Phạm Thị Dung → Tán thành" in history


def test_a_correction_that_fails_a_resolution_with_open_tasks_is_refused(council, term, mandates):
    from tests.council.factories import AgencyFactory

    vote = _vote(council, term, approve=4, reject=1, abstain=0)
    resolution = Resolution.objects.get(pk=vote.resolution_id)
    services.resolution_task_add(
        resolution,
        actor=None,
        text="Công bố",
        agency=AgencyFactory(council=council),
        due_date=dt.date(2027, 1, 31),
    )
    with pytest.raises(ValidationError):
        services.vote_correct(vote, actor=None, reason="Sai", approve=2, reject=3, abstain=0)
    vote.refresh_from_db()
    resolution.refresh_from_db()
    assert vote.approve == 4 and resolution.adopted_on == DAY
