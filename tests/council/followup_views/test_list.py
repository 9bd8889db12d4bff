"""The Office's list of follow-ups: filters, counts, htmx, query budget, Excel export and bulk reminders."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from council import services
from council.models import CouncilStatus, FollowUp, FollowUpEvent, OutboxMail, ReminderLog
from council.workdays import add_working_days
from tests.council.factories import AgencyFactory, FieldFactory, make_followup
from tests.council.followup_views.helpers import XLSX, Event, answer, item, kinds, titles
from tests.dates import days, today

pytestmark = pytest.mark.django_db


# 5. The Office's list ------------------------------------------------------------------------------------


@pytest.fixture
def board(council):
    """Two agencies, six items in every state the list filters by."""
    a = AgencyFactory(council=council, name="Sở Xây dựng")
    b = AgencyFactory(council=council, name="Sở Giáo dục và Đào tạo")
    items = {
        "overdue_a": item(council, a, "Kè chống sạt lở bờ sông", due_in=-5),
        "answered_a": answer(item(council, a, "Cấp nước sạch cho xã đảo", due_in=10)),
        "soon_b": make_followup(
            council,
            agency=b,
            title="Sửa trường học điểm lẻ",
            assigned=days(-10),
            due=add_working_days(council, today(), 2),
        ),
        "far_b": item(council, b, "Quy hoạch chợ đầu mối", due_in=90),
        "closed_b": item(council, b, "Đèn chiếu sáng đường làng", due_in=-3),
        "overdue_b": item(council, b, "Nạo vét kênh nội đồng", due_in=-1, assigned_ago=20),
    }
    services.followup_verify(items["closed_b"], actor=None, outcome=CouncilStatus.DONE, reason="Đã kiểm tra")
    return {"a": a, "b": b, **items}


def list_titles(client, **params) -> set[str]:
    response = client.get(reverse("council:followup_list"), params)
    assert response.status_code == 200
    return titles(response)


def test_list_filters(client, office, board):
    b = board["b"]

    everything = {board[k].title for k in board if k not in ("a", "b")}
    assert list_titles(client, state="all") == everything
    assert list_titles(client) == everything - {board["closed_b"].title}  # the Office starts on open items
    assert list_titles(client, state="open") == everything - {board["closed_b"].title}
    assert list_titles(client, state="overdue") == {board["overdue_a"].title, board["overdue_b"].title}
    assert list_titles(client, state="awaiting_verification") == {board["answered_a"].title}
    assert list_titles(client, state="closed") == {board["closed_b"].title}
    assert list_titles(client, state="all", agency=b.pk) == {
        board["soon_b"].title,
        board["far_b"].title,
        board["closed_b"].title,
        board["overdue_b"].title,
    }
    assert list_titles(client, state="overdue", agency=b.pk) == {board["overdue_b"].title}
    assert list_titles(client, state="due_soon", within=3) == {board["soon_b"].title}
    assert list_titles(client, state="due_soon", within=1) == set()
    assert list_titles(client, q="trường học") == {board["soon_b"].title}
    assert list_titles(client, q="không có việc này") == set()


def test_the_overdue_list_marks_items_overdue(client, office, board):
    response = client.get(reverse("council:followup_list"), {"state": "overdue"})

    assert "Kè chống sạt lở bờ sông" in response.text
    assert "Nạo vét kênh nội đồng" in response.text
    assert "Quy hoạch chợ đầu mối" not in response.text
    assert response.text.count("text-bg-danger") >= 2
    assert "2 items" in response.text


def test_the_list_counts_items_per_agency(client, office, board):
    response = client.get(reverse("council:followup_list"), {"state": "all"})

    counts = {row["agency__name"]: row for row in response.context["counts"]}
    a, b = counts["Sở Xây dựng"], counts["Sở Giáo dục và Đào tạo"]
    assert (a["total"], a["open"], a["overdue"], a["to_verify"]) == (2, 2, 1, 1)
    assert (b["total"], b["open"], b["overdue"], b["to_verify"]) == (4, 3, 1, 0)
    assert "By agency" in response.text
    assert "Sở Xây dựng" in response.text
    assert "Sở Giáo dục và Đào tạo" in response.text

    overdue_only = client.get(reverse("council:followup_list"), {"state": "overdue"})
    rows = {row["agency__name"]: row["total"] for row in overdue_only.context["counts"]}
    assert rows == {"Sở Xây dựng": 1, "Sở Giáo dục và Đào tạo": 1}


def test_an_htmx_request_gets_only_the_results(client, office, board):
    response = client.get(
        reverse("council:followup_list"),
        {"state": "overdue"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="followup-results",
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Kè chống sạt lở bờ sông" in response.text
    assert "Quy hoạch chợ đầu mối" not in response.text
    assert "By agency" in response.text
    names = [t.name for t in response.templates]
    assert "council/followups/_results.html" in names
    assert "council/followups/list.html" not in names

    full = client.get(reverse("council:followup_list"), {"state": "overdue"})
    assert "<html" in full.text


def test_an_invalid_filter_does_not_drop_the_other_filters(client, office, board):
    """Typing 400 in "due within" (the limit is 365) must not turn the overdue list into every item."""
    response = client.get(
        reverse("council:followup_list"),
        {"state": "overdue", "within": "400"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="followup-results",
    )

    assert response.status_code == 200
    assert titles(response) <= {board["overdue_a"].title, board["overdue_b"].title}
    assert "Quy hoạch chợ đầu mối" not in response.text


def _seed_list(council, agencies, count, start):
    fields = [FieldFactory(council=council), FieldFactory(council=council)]
    for n in range(start, start + count):
        agency = agencies[n % len(agencies)]
        followup = make_followup(
            council,
            agency=agency,
            title=f"Kiến nghị cử tri số {n}",
            assigned=days(-60),
            due=days(-30 + n),
            field=fields[n % 2] if n % 3 else None,
            coordinating_agencies=[a for a in agencies if a != agency][:1],
            report_to_leadership=n % 4 == 0,
        )
        if n % 5 == 1:
            answer(followup)
        if n % 7 == 2:
            services.followup_verify(followup, actor=None, outcome=CouncilStatus.DONE, reason="Đã xác minh")


def test_the_list_needs_the_same_number_of_queries_for_5_and_50_items(
    client, office, council, constant_queries
):
    agencies = [AgencyFactory(council=council)]

    def add(rows):
        if rows.start:  # four more agencies come with the 45 further items
            agencies.extend(AgencyFactory(council=council) for _ in range(4))
        _seed_list(council, agencies, len(rows), rows.start)

    def visit():
        response = client.get(reverse("council:followup_list"), {"state": "all"})
        assert response.status_code == 200
        return response

    # The warm-up opens the session.
    small, large = constant_queries(add, visit, warm_up=True)

    assert len(small.context["counts"]) == 1
    assert len(large.context["counts"]) == 5
    assert len(small.context["page"].object_list) == 5
    assert len(large.context["page"].object_list) > 5
    assert large.context["page"].paginator.count == 50


# 6. Excel export ---------------------------------------------------------------------------------------

HEADERS = [
    "No.",
    "Reference",
    "Subject",
    "Responsible agency",
    "Field",
    "Source",
    "Assigned on",
    "Due date",
    "Overdue",
    "Agency's report",
    "Progress (%)",
    "Council's verification",
    "Closed on",
    "Report to leadership",
]


def test_the_overdue_list_exports_to_excel(client, office, council, board):
    response = client.get(reverse("council:followup_list"), {"format": "xlsx", "state": "overdue"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="theo-doi-{today():%Y%m%d}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == str(council)
    assert [cell.value for cell in sheet[2]] == HEADERS
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    overdue = list(FollowUp.objects.filter(council=council).overdue(today()).order_by("due_date", "pk"))
    assert len(rows) == len(overdue) == 2
    for number, (row, followup) in enumerate(zip(rows, overdue, strict=True), start=1):
        assert row[0] == number
        assert row[2] == followup.title
        assert row[3] == followup.agency.name
        assert isinstance(row[6], dt.datetime) and row[6].date() == followup.assigned_date
        assert isinstance(row[7], dt.datetime) and row[7].date() == followup.due_date
        assert row[8] == "Yes"
        assert row[12] is None
    assert sheet.cell(row=3, column=8).number_format == "DD/MM/YYYY"


def test_the_export_shows_closing_dates_as_dates(client, office, council, board):
    response = client.get(reverse("council:followup_list"), {"format": "xlsx", "state": "closed"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1
    assert rows[0][2] == board["closed_b"].title
    assert isinstance(rows[0][12], dt.datetime) and rows[0][12].date() == today()
    assert rows[0][8] is None  # closed items are never overdue


# 7. Bulk reminders -------------------------------------------------------------------------------------


def test_bulk_reminders_queue_one_mail_per_agency(client, office, council):
    a = AgencyFactory(council=council, emails="vanphong@soxaydung.gov.vn")
    b = AgencyFactory(council=council, emails="vanphong@sogiaoduc.gov.vn")
    first = item(council, a, "Kè chống sạt lở bờ sông", due_in=-5)
    second = item(council, b, "Sửa trường học điểm lẻ", due_in=2)
    untouched = item(council, a, "Quy hoạch chợ đầu mối", due_in=30)

    response = client.post(
        reverse("council:followup_remind"),
        {"selected": [first.pk, second.pk], "note": "Đề nghị báo cáo trước ngày 15.", "query": "state=open"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('council:followup_list')}?state=open"
    mails = OutboxMail.objects.filter(dedupe_key__startswith="manual:")
    assert sorted(mails.values_list("to", flat=True)) == [
        "vanphong@sogiaoduc.gov.vn",
        "vanphong@soxaydung.gov.vn",
    ]
    to_a = mails.get(to="vanphong@soxaydung.gov.vn")
    assert first.title in to_a.body and second.title not in to_a.body
    assert "Đề nghị báo cáo trước ngày 15." in to_a.body
    for followup in (first, second):
        reminded = followup.events.get(kind=Event.REMINDED)
        assert reminded.actor == office
        assert reminded.text == "Đề nghị báo cáo trước ngày 15."
    assert not untouched.events.filter(kind=Event.REMINDED).exists()
    assert ReminderLog.objects.filter(step=ReminderLog.Step.MANUAL).count() == 2

    page = client.get(response["Location"])
    assert "Reminders queued for 2 item(s)." in page.text


def test_bulk_reminders_with_nothing_selected_send_nothing(client, office, council):
    followup = item(council, AgencyFactory(council=council), "Kè chống sạt lở", due_in=-5)

    response = client.post(reverse("council:followup_remind"), {"note": "Nhắc chung"}, follow=True)

    assert response.status_code == 200
    assert "Choose at least one open item." in response.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    assert not FollowUpEvent.objects.filter(kind=Event.REMINDED).exists()
    assert kinds(followup) == [Event.CREATED]


def test_bulk_reminders_ignore_items_of_another_council(client, office, council, other_council):
    foreign = item(other_council, AgencyFactory(council=other_council), "Việc tỉnh khác", due_in=-5)

    response = client.post(reverse("council:followup_remind"), {"selected": [foreign.pk]}, follow=True)

    assert "Choose at least one open item." in response.text
    assert not OutboxMail.objects.filter(dedupe_key__startswith="manual:").exists()
    assert kinds(foreign) == [Event.CREATED]
