"""Citizens' contact data are anonymised a set period after their matter closed; content, figures stay."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from council.services import record_save
from voters import services
from voters.models import Channel, Letter, Petition, VoterOpinion
from voters.services.retention import ANONYMISED, personal_data_anonymise
from voters.tasks import personal_data_anonymise_task

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - dt.timedelta(days=6 * 365)
NAMES = ("Trần Thị Riêng Tư", "Lê Văn Cử Tri", "Người Tố Cáo Bí Mật", "Phạm Khiếu Nại", "Võ Còn Mở")


def _age(record, when=LONG_AGO):
    """Pretend every change of the record happened ``when`` (its closing among them)."""
    type(record).history.filter(id=record.pk).update(history_date=when)


def _close(record, state, when=LONG_AGO):
    record.state = state
    record_save(record, actor=None)
    _age(record, when)
    return record


def _submitted(council, title, name):
    return services.public_submit(
        council=council,
        name=name,
        phone="0909123456",
        email="rieng.tu@example.vn",
        address="Ấp 1, xã Tân Hồng",
        admin_unit=None,
        title=title,
        text=f"{title}: đề nghị sửa chữa.",
        consent=True,
    )


def _letter(council, kind, name):
    return services.letter_create(
        actor=None,
        council=council,
        kind=kind,
        received_on=timezone.localdate() - dt.timedelta(days=2500),
        sender_name=name,
        sender_address="Số 5 đường Lý Thường Kiệt",
        sender_phone="0911222333",
        summary="Nội dung đơn giữ nguyên",
    )


@pytest.fixture
def world(council):
    closed = _submitted(council, "Đèn đường ấp 3 hư", NAMES[0])
    voter = services.opinion_add(
        actor=None,
        council=council,
        channel=Channel.HOTLINE,
        received_on=timezone.localdate() - dt.timedelta(days=2500),
        text="Đèn đường ấp 3",
        voter_name=NAMES[1],
        voter_address="Ấp 3",
        voters_count=4,
    )
    services.petition_attach(closed, actor=None, opinions=[voter])
    closed.refresh_from_db()
    _close(closed, Petition.State.CLOSED)
    denunciation = _close(_letter(council, Letter.Kind.DENUNCIATION, NAMES[2]), Letter.State.CLOSED)
    complaint = _close(_letter(council, Letter.Kind.COMPLAINT, NAMES[3]), Letter.State.ARCHIVED)
    recent = _close(_submitted(council, "Cầu yếu", "Mới Đóng Gần Đây"), Petition.State.CLOSED, timezone.now())
    still_open = _submitted(council, "Sạt lở", NAMES[4])
    _age(still_open)
    return {
        "closed": closed,
        "voter": voter,
        "denunciation": denunciation,
        "complaint": complaint,
        "recent": recent,
        "open": still_open,
    }


def _history_values(model, pk):
    return " ".join(str(v) for v in model.history.filter(id=pk).values_list(*_fields(model)))


def _fields(model):
    return {
        Petition: ("contact_name", "contact_phone", "contact_email", "contact_address"),
        VoterOpinion: ("voter_name", "voter_address"),
        Letter: ("sender_name", "sender_address", "sender_phone"),
    }[model]


def test_a_dry_run_counts_per_kind_and_changes_nothing(world):
    counts = personal_data_anonymise(dry_run=True)
    assert counts == {"petitions": 1, "opinions": 1, "letters": 1, "protected identities": 1}
    world["closed"].refresh_from_db()
    assert world["closed"].contact_name == NAMES[0]
    out = io.StringIO()
    call_command("anonymise_personal_data", "--dry-run", stdout=out)
    assert "petitions: 1" in out.getvalue() and "protected identities: 1" in out.getvalue()
    assert Petition.objects.get(pk=world["closed"].pk).contact_phone == "0909123456"


def test_contact_data_go_content_and_figures_stay_and_history_forgets(world):
    before = Petition.objects.get(pk=world["closed"].pk)
    out = io.StringIO()
    call_command("anonymise_personal_data", stdout=out)
    assert "Anonymised" in out.getvalue() and "petitions: 1" in out.getvalue()
    petition = Petition.objects.get(pk=world["closed"].pk)
    assert (
        petition.contact_name,
        petition.contact_phone,
        petition.contact_email,
        petition.contact_address,
    ) == (
        ANONYMISED,
        "",
        "",
        "",
    )
    assert (petition.title, petition.text, petition.voters_count, petition.code, petition.state) == (
        before.title,
        before.text,
        before.voters_count,
        before.code,
        before.state,
    )
    assert petition.consent_at == before.consent_at and petition.notice_id == before.notice_id
    voter = VoterOpinion.objects.get(pk=world["voter"].pk)
    assert (voter.voter_name, voter.voter_address, voter.voters_count) == (ANONYMISED, "", 4)
    for key, model in (
        ("closed", Petition),
        ("voter", VoterOpinion),
        ("denunciation", Letter),
        ("complaint", Letter),
    ):
        history = _history_values(model, world[key].pk)
        assert not any(name in history for name in NAMES), key
        assert "0909123456" not in history and "0911222333" not in history and "Ấp 1" not in history
    denunciation = Letter.objects.get(pk=world["denunciation"].pk)
    assert denunciation.sender_name == ANONYMISED and denunciation.summary == "Nội dung đơn giữ nguyên"
    # The audit trail says what happened.
    last = Petition.history.filter(id=petition.pk).order_by("-history_id").first()
    assert "anonymised" in last.history_change_reason


def test_recent_and_open_matters_keep_their_contact_and_a_second_run_does_nothing(world):
    personal_data_anonymise()
    assert Petition.objects.get(pk=world["recent"].pk).contact_name == "Mới Đóng Gần Đây"
    assert Petition.objects.get(pk=world["open"].pk).contact_name == NAMES[4]
    assert NAMES[4] in _history_values(Petition, world["open"].pk)
    assert personal_data_anonymise() == {
        "petitions": 0,
        "opinions": 0,
        "letters": 0,
        "protected identities": 0,
    }


def test_the_period_is_a_setting(world, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 10 * 365
    assert sum(personal_data_anonymise(dry_run=True).values()) == 0
    settings.PERSONAL_DATA_RETENTION_DAYS = 0
    counts = personal_data_anonymise_task()
    assert counts["petitions"] == 2  # the one closed today too
    assert Petition.objects.get(pk=world["open"].pk).contact_name == NAMES[4]


def test_a_merged_petition_follows_the_one_it_was_merged_into(council):
    target = _submitted(council, "Đường ĐT 845 xuống cấp", "Chủ Kiến Nghị")
    merged = _submitted(council, "Đường 845 hư", "Người Gộp Vào")
    services.petition_merge(target, actor=None, duplicate=merged)
    _age(merged)
    assert personal_data_anonymise(dry_run=True)["petitions"] == 0  # the petition merged into is open
    _close(Petition.objects.get(pk=target.pk), Petition.State.CLOSED)
    personal_data_anonymise()
    assert Petition.objects.get(pk=merged.pk).contact_name == ANONYMISED
