"""A small world for the privacy walk: two councils with one record of each kind that has a page or a file,
a user per role in the first council, and a distinct marker value in every personal field of the registry.

Built with the ORM and the services in about a second, so the walk over every URL pattern fits its time
budget (the demo council of ``seed_demo`` takes minutes to load on a shared machine).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from council import personal_data
from council.models import Role
from council.uploads import get_private_storage
from tests.council.factories import (
    AgencyFactory,
    CommitteeFactory,
    CouncilFactory,
    DeadlineRuleFactory,
    FieldFactory,
    RoleFactory,
    TermFactory,
)
from tests.delegates.factories import GroupFactory, GroupMembershipFactory, MandateFactory

TOKEN = re.compile(r"riengtu\d{4}x", re.IGNORECASE)
# The walking roles: one user each in the first council; "office_protected" is Office staff authorised to
# see denouncers' identity.
ROLES = [
    "office",
    "office_protected",
    "standing",
    "committee_head",
    "group_leader",
    "delegate",
    "leadership",
    "agency",
    "anonymous",
]


@dataclass
class Marker:
    token: str
    obj: object
    name: str


@dataclass
class World:
    councils: list
    users: dict  # role -> User or None
    markers: dict[str, Marker] = field(default_factory=dict)  # token (lower case) -> where it was put


def _pdf(token: str) -> str:
    path = f"walk/{token}.pdf"
    storage = get_private_storage()
    if not storage.exists(path):
        storage.save(path, ContentFile(f"%PDF-1.4\n% {token} Nguyễn Văn Riêngtư 0987654321\n".encode()))
    return path


def _with_file(obj, token: str):
    obj.path, obj.original_name = _pdf(token), f"tai-lieu-{token}.pdf"
    obj.content_type, obj.size = "application/pdf", 64
    return obj


def _council_records(council, *, users: dict | None, n: int) -> None:
    """One record of every kind with a page or a file, in ``council``."""
    from delegates.models import Delegate, TrainingCourse
    from directives.models import Directive
    from oversight.models import ActivityDocument, OversightActivity
    from reports.models import Report
    from sessions.models import Interpellation, InterpellationAnswer, Session, SessionDocument
    from voters import services as voters
    from voters.models import Letter, Reception, VoterMeeting

    today = timezone.localdate()
    term = TermFactory(council=council, start_date=dt.date(2021, 6, 1), end_date=dt.date(2031, 6, 1))
    agency = AgencyFactory(council=council)
    committee = CommitteeFactory(council=council, kind="legal", name="Ban Pháp chế")
    FieldFactory(council=council)
    for code in ("complaint-transfer", "letter-processing"):
        DeadlineRuleFactory(council=council, code=code)
    group = GroupFactory(council=council, term=term)
    present = MandateFactory(delegate__council=council, term=term)
    absent = MandateFactory(delegate__council=council, term=term)
    leader = GroupMembershipFactory(group=group, mandate__term=term, role="leader").mandate
    if users is not None:
        for role in Role:
            if role == Role.ADMIN:
                continue
            extra = {}
            if role == Role.COMMITTEE_HEAD:
                extra["committee"] = committee
            if role == Role.AGENCY:
                extra["agency"] = agency
            users[str(role)] = RoleFactory(council=council, role=role, **extra).user
        users["office_protected"] = RoleFactory(
            council=council, role=Role.OFFICE, sees_protected_identities=True
        ).user
        users["anonymous"] = None
        Delegate.objects.filter(pk=present.delegate_id).update(user=users["delegate"])
        Delegate.objects.filter(pk=leader.delegate_id).update(user=users["group_leader"])
    # Voters: a meeting the delegate attended, one they did not, a reception, letters, a public petition.
    attended = VoterMeeting.objects.create(council=council, kind="thematic", format="online", date=today)
    attended.delegates.set([present])
    VoterMeeting.objects.create(council=council, kind="thematic", format="online", date=today)
    reception = Reception.objects.create(council=council, date=today, host="delegate")
    reception.hosts.set([absent])
    for meeting in VoterMeeting.objects.filter(council=council):
        voters.opinion_add(
            actor=None, council=council, channel="meeting", meeting=meeting, text=f"Đường hỏng {n}"
        )
    voters.opinion_add(actor=None, council=council, channel="reception", reception=reception, text="Cầu yếu")
    voters.public_submit(
        council=council,
        name="x",
        phone="x",
        email="x@example.vn",
        address="x",
        admin_unit=None,
        title=f"Kiến nghị trực tuyến {n}",
        text="Đèn đường không sáng",
        consent=True,
    )
    voters.data_request_open(
        council=council, actor=None, kind="access", identifier="0909123456", received_on=today
    )
    for kind in (Letter.Kind.COMPLAINT, Letter.Kind.DENUNCIATION):
        letter = voters.letter_create(
            actor=None, council=council, kind=kind, received_on=today, sender_name="x", summary="x"
        )
        voters.letter_handle(letter, actor=None, to=Letter.State.CLASSIFIED)
        voters.letter_handle(letter, actor=None, to=Letter.State.TRANSFERRED, agency=agency)
    # Files of every kind, each with its record.
    from council.models import Attachment, FollowUp

    for followup in FollowUp.objects.filter(council=council):
        Attachment.objects.create(
            followup=followup,
            kind="evidence",
            path=f"walk/placeholder-{followup.pk}.pdf",
            original_name="",
            content_type="application/pdf",
            size=1,
        )
    session = Session.objects.create(
        council=council, term=term, number=n, start_date=today, end_date=today, kind="regular"
    )
    SessionDocument.objects.create(
        **_file_fields(),
        council=council,
        session=session,
        kind="report",
        symbol="1/BC",
        title="Báo cáo",
        issued_on=today,
    )
    slip = Interpellation.objects.create(
        council=council, term=term, session=session, question="Vì sao?", agency=agency, state="answered"
    )
    InterpellationAnswer.objects.create(
        **_file_fields(),
        interpellation=slip,
        answered_on=today,
        mode="written",
        answered_by="Giám đốc",
        text="Vì",
    )
    activity = OversightActivity.objects.create(
        council=council,
        kind="thematic",
        title="Giám sát",
        lead_body="standing",
        period_start=today,
        period_end=today,
    )
    ActivityDocument.objects.create(
        **_file_fields(), activity=activity, kind="plan", title="Kế hoạch", issued_on=today
    )
    TrainingCourse.objects.create(
        **_file_fields(), council=council, title="Bồi dưỡng", start_date=today, end_date=today, organiser="VP"
    )
    Directive.objects.create(
        **_file_fields(),
        council=council,
        kind="conclusion",
        symbol=f"{n}-KL/ĐĐ",
        issued_on=today,
        issuer="Đảng đoàn",
        subject="Kết luận",
    )
    _reference_records(council, session, n, today)
    for state in ("draft", "issued"):
        Report.objects.create(
            council=council,
            kind="quarterly",
            period=f"2026-Q{1 if state == 'draft' else 2}",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
            state=state,
            number="01/BC-HĐND" if state == "issued" else "",
            issued_on=dt.date(2026, 4, 5) if state == "issued" else None,
            docx_path=_pdf(f"report{council.pk}{state}"),
            xlsx_path=_pdf(f"report{council.pk}{state}x"),
            pdf_path=_pdf(f"report{council.pk}{state}p"),
        )


def _reference_records(council, session, n: int, today) -> None:
    """The records of the other pages, so that they are walked too (they hold no personal data)."""
    from delegates.models import EmulationMovement, EvaluationCriterion
    from oversight.models import Accountability
    from reports.models import KpiTarget
    from sessions.models import Resolution, Sitting
    from tests.council.factories import ConstituencyFactory, HolidayFactory
    from voters.models import MediaProduct, OutreachEvent

    Sitting.objects.create(council=council, session=session, date=today)
    Resolution.objects.create(
        council=council,
        symbol=f"{n}/2026/NQ-HĐND",
        number=n,
        year=2026,
        kind="individual",
        title="Nghị quyết",
    )
    Accountability.objects.create(
        council=council, kind="hearing", topic="Điều trần", body="standing", date=today
    )
    KpiTarget.objects.create(
        council=council, code="T1", description="Báo cáo", metric="sessions", threshold=2
    )
    MediaProduct.objects.create(
        council=council, kind="radio", outlet="Đài", topic="Chuyên mục", published_on=today
    )
    OutreachEvent.objects.create(council=council, title="Gặp gỡ", date=today)
    EvaluationCriterion.objects.create(council=council, text="Tiêu chí")
    EmulationMovement.objects.create(council=council, name="Thi đua", launched_on=today, criteria="Tiêu chí")
    HolidayFactory(council=council)
    ConstituencyFactory(council=council)


def _file_fields() -> dict:
    return {
        "path": _pdf("nofile"),
        "original_name": "tai-lieu.pdf",
        "content_type": "application/pdf",
        "size": 64,
    }


def _seed_markers(world: World) -> None:
    """A distinct marker value in every marked field of every record (files: in their name and content)."""
    number = 0
    for mark in personal_data.MARKS:
        model = apps.get_model(mark.model)
        for obj in model.objects.all():
            changes = {}
            for name in mark.fields:
                number += 1
                token = f"riengtu{number:04d}x"
                if name == "path":
                    changes["path"] = _pdf(token)
                    continue
                if name == "original_name":
                    changes[name] = f"{token}.pdf"
                elif model._meta.get_field(name).get_internal_type() == "EmailField":
                    changes[name] = f"{token}@example.vn"
                else:
                    changes[name] = f"Nguyễn Văn Riêngtư {token} 0987654321"
                    limit = model._meta.get_field(name).max_length
                    if limit and len(changes[name]) > limit:  # a phone column: PostgreSQL enforces the length
                        changes[name] = token
                world.markers[token] = Marker(token, obj, name)
            if "path" in changes:
                token = TOKEN.search(changes["path"]).group(0)
                world.markers[token] = Marker(token, obj, "path")
            model.objects.filter(pk=obj.pk).update(**changes)
            for key, value in changes.items():
                setattr(obj, key, value)


def build_world() -> World:
    users: dict = {}
    first = CouncilFactory(code="walk-a", name="Hội đồng nhân dân tỉnh Đi Qua")
    second = CouncilFactory(code="walk-b", name="Hội đồng nhân dân tỉnh Bên Kia")
    _council_records(first, users=users, n=1)
    _council_records(second, users=None, n=2)
    world = World([first, second], users)
    _seed_markers(world)
    return world
