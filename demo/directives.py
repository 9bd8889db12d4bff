"""Demo directives for ``seed_demo``: the founding conclusion of 2023 with every objective and solution as
an item, assigned as a provincial council would, and some progress reported by those responsible.

Written through ``directives.services`` and the follow-up services inside ``mail_suppressed()``; the
directive is looked up first, so a second run creates nothing."""

from django.utils.translation import gettext as _

from council.models import Committee, Council, FollowUp, User
from council.services import followup_verify
from council.services.followups import mail_suppressed
from delegates.models import DelegateGroup
from demo.names import OFFICE_USER
from directives import services
from directives.models import Directive, DirectiveItem, Target

STANDING_USER = "thuongtruc"
GROUP_LEADER_USER = "totruong"
R = DirectiveItem.Responsible

# Section → (responsible, target) as the Standing Committee divided the work.
PLAN = {
    "I.1": (R.MEMBER, Target.T1),
    "I.2": (R.MEMBER, Target.T2),
    "I.3": (R.OFFICE, Target.T9),
    "II.1": (R.MEMBER, Target.T4),
    "II.2": (R.COMMITTEE, Target.T5),
    "II.3": (R.OFFICE, Target.T7),
    "II.4": (R.GROUP, Target.T8),
    "II.5": (R.MEMBER, ""),
    "II.6": (R.OFFICE, ""),
    "II.7": (R.OFFICE, ""),
}
REPORTS = {
    "I.1": (
        "done",
        100,
        "Năm 2026 đã có 2 báo cáo chủ động gửi Ban Thường vụ Tỉnh ủy (tháng 4 và tháng 10).",
    ),
    "II.1": (
        "in_progress",
        60,
        "Kỳ họp thứ ba: thời lượng trình bày giảm còn 35%, thảo luận và chất vấn tăng.",
    ),
    "II.4": (
        "in_progress",
        40,
        "Tổ đã mở nhóm Zalo với cử tri 3 phường; đang thử nghiệm tiếp nhận kiến nghị trực tuyến.",
    ),
}


def seed_directives(province: Council, *, with_users: bool) -> None:
    if not with_users:
        return
    office = User.objects.filter(username=OFFICE_USER).first()
    member = User.objects.filter(username=STANDING_USER).first()
    leader = User.objects.filter(username=GROUP_LEADER_USER).first()
    committee = Committee.objects.filter(council=province, kind="economy_budget").first()
    group = (
        DelegateGroup.objects.filter(council=province, memberships__mandate__delegate__user=leader)
        .order_by("-term__start_date")
        .first()
    )
    if member is None or committee is None or group is None:
        return
    if Directive.objects.filter(council=province, issued_on=services.founding.ISSUED_ON).exists():
        return

    def assign(entry):
        responsible, target = PLAN[entry.section]
        fields = {"responsible": responsible, "target": target, "recurrence": DirectiveItem.Recurrence.YEARLY}
        fields.update(
            {
                R.MEMBER: {"member": member},
                R.COMMITTEE: {"committee": committee},
                R.GROUP: {"group": group},
            }.get(responsible, {})
        )
        return fields

    with mail_suppressed():
        directive = services.founding_seed(province, actor=office, assign=assign)
        for section, (status, progress, text) in REPORTS.items():
            item = directive.items.filter(section=section).order_by("order").first()
            reporter = {R.MEMBER: member, R.GROUP: leader}.get(item.responsible, office)
            services.item_report(item, actor=reporter, status=status, text=text, progress=progress)
        done = services.item_followup(directive.items.get(section="I.1"))
        followup_verify(done, actor=office, outcome="done", text="Đã kiểm tra hai báo cáo.", close=True)
        seed_coordination(province, office=office, member=member)


COORDINATION_TASKS = [
    (
        "Điều 4",
        "Trao đổi chương trình công tác, thông tin kết quả giải quyết kiến nghị cử tri trước mỗi kỳ họp",
        "session",
    ),
    ("Điều 6", "Phối hợp chuẩn bị nội dung, tài liệu kỳ họp thường lệ", "session"),
    ("Điều 11", "Sơ kết, đánh giá việc thực hiện Quy chế phối hợp hằng năm", "yearly"),
]


def seed_coordination(province: Council, *, office, member) -> None:
    """A coordination regulation with the Provincial People's Committee and its periodic tasks."""
    subject = "Quy chế phối hợp giữa Thường trực HĐND tỉnh và Ủy ban nhân dân tỉnh nhiệm kỳ 2026–2031"
    if Directive.objects.filter(council=province, subject=subject).exists():
        return
    agreement = services.directive_create(
        actor=office,
        council=province,
        kind=Directive.Kind.COORDINATION,
        symbol="01/QCPH-TTHĐND-UBND",
        issued_on=services.founding.ISSUED_ON.replace(year=2026, month=5, day=15),
        issuer="Thường trực HĐND tỉnh và UBND tỉnh",
        subject=subject,
        partners="Ủy ban nhân dân tỉnh",
    )
    for section, text, recurrence in COORDINATION_TASKS:
        services.item_add(
            agreement,
            actor=office,
            section=section,
            text=text,
            responsible=R.MEMBER if section == "Điều 11" else R.OFFICE,
            member=member if section == "Điều 11" else None,
            recurrence=recurrence,
            coordinating="Văn phòng UBND tỉnh",
        )
    first = agreement.items.order_by("order").first()
    services.item_report(
        first, actor=office, status="in_progress", text="Đã trao đổi trước kỳ họp thứ ba.", progress=50
    )


def directives_summary(council: Council) -> str:
    items = FollowUp.objects.filter(council=council, source_type__model="directiveitem")
    line = _(
        "Directives of %(council)s: %(directives)s, items %(items)s (closed %(closed)s, reported "
        "%(reported)s)"
    ) % {
        "council": council,
        "directives": Directive.objects.filter(council=council).count(),
        "items": items.count(),
        "closed": items.filter(closed_on__isnull=False).count(),
        "reported": items.exclude(agency_status="not_started").count(),
    }
    return f"  {line}"
