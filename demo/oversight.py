"""Demo oversight for ``seed_demo``: the Đồng Tháp council's oversight programmes of 2025 and 2026.

Thirteen activities of every kind, led by the council, the Standing Committee, the committees and the delegate
groups, in every state of the workflow: each with its establishing decision, delegation, overseen agencies,
documents (metadata only, no files), field surveys and recommendations; a re-oversight of a 2025 activity
that checks its unresolved recommendations; an explanation session escalated from an overdue recommendation
and a hearing, each with conclusions followed up.

Everything is written through ``oversight.services`` and the follow-up services, never by a direct model
write, inside ``mail_suppressed()`` (the agencies' addresses are invented). A programme is looked up by
(council, year), an activity by (council, title) and an explanation session or hearing by (council, kind,
topic) first, and skipped with everything it holds when it exists, so a second run creates nothing.

Activities of 2025 and the mid-year review of 2026 have fixed dates. The others are laid out relative to the
day the seed runs, as are the due dates of the recommendations that must be pending, so whenever it runs
there are activities still to come, under way and just reported, and recommendations not yet due, overdue
(two of them by more than 30 days, for the suggestions for the next session), answered, in progress,
verified, sent back as unsatisfactory and not done. Delegations are drawn, with a seeded generator, from the
mandates in office on the day of the decision (term X in 2025, term XI in 2026); the demo committee head
leads the activities of the Economic and Budget Committee and the demo delegate sits on a group's
delegation.

Findings, recommendations and numbers are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AdminUnit, Agency, Committee, Council, FollowUp, Term, User
from council.services import followup_answer, followup_verify
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import CommitteeMembership, DelegateGroup, GroupMembership, Mandate, StandingPosition
from demo.names import (
    BHXH,
    BQL_KCN,
    BQLDA,
    CONG_AN,
    CONG_THUONG,
    DAN_TOC,
    DEMO_DELEGATE,
    GD_DT,
    NN_MT,
    NOI_VU,
    OFFICE_USER,
    RESPONDENT_AGENCY,
    RESPONDENT_USER,
    TAI_CHINH,
    THANH_TRA,
    TU_PHAP,
    UBND_TINH,
    XAY_DUNG,
    Y_TE,
    ubnd,
)
from oversight.models import (
    Accountability,
    ActivityDocument,
    DelegationMember,
    OversightActivity,
    OversightProgram,
    Recommendation,
    SurveyVisit,
)
from oversight.services import (
    accountability_conclude,
    accountability_create,
    activity_advance,
    activity_create,
    carried_assess,
    document_add,
    member_add,
    program_create,
    re_oversight_open,
    recommendation_add,
    survey_add,
)
from sessions.models import Resolution

D = dt.date
DAY = dt.timedelta(days=1)
When = dt.date | int  # a fixed date, or a number of days from the day of the run

Kind = OversightActivity.Kind
Lead = OversightActivity.LeadBody
State = OversightActivity.State
Role = DelegationMember.Role


# Agencies, by their name in ``demo.council``.
VP_UBND = "Văn phòng Ủy ban nhân dân tỉnh"
KH_CN = "Sở Khoa học và Công nghệ"
THUE = "Thuế tỉnh Đồng Tháp"
TOA_AN = "Tòa án nhân dân tỉnh"
VIEN_KS = "Viện kiểm sát nhân dân tỉnh"


# The part of a report's symbol that names the agency that signed it ("235/BC-SYT").
AGENCY_SIGN = {
    UBND_TINH: "UBND",
    TAI_CHINH: "STC",
    XAY_DUNG: "SXD",
    NN_MT: "SNNMT",
    Y_TE: "SYT",
    NOI_VU: "SNV",
    KH_CN: "SKHCN",
    TU_PHAP: "STP",
    DAN_TOC: "SDTTG",
    THANH_TRA: "TTr",
    BHXH: "BHXH",
    THUE: "THUE",
    BQL_KCN: "BQLKCN",
    BQLDA: "BQLDA",
    TOA_AN: "TA",
    VIEN_KS: "VKS",
}
# The part of a delegation's own documents' symbol, by lead body or committee ("12/KH-BKTNS").
BODY_SIGN = {
    Lead.COUNCIL: "ĐGS",
    Lead.STANDING: "TTHĐND",
    Lead.GROUP: "TĐB",
    "legal": "BPC",
    "economy_budget": "BKTNS",
    "culture_society": "BVHXH",
    "ethnic": "BDT",
}
SECRETARIES = (
    "Nguyễn Thị Ngọc Hân, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Lê Minh Trí, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Võ Thị Kim Ngân, chuyên viên Phòng Tổng hợp, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
    "Phạm Quốc Huy, chuyên viên Phòng Công tác HĐND, Văn phòng Đoàn ĐBQH và HĐND tỉnh",
)
FRONT_MEMBER = "Đại diện Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"


# --- What is seeded ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    year: int
    title: str
    resolution: str


PROGRAMS = (
    Program(2025, "Chương trình giám sát năm 2025 của HĐND tỉnh", "45/NQ-HĐND"),
    Program(2026, "Chương trình giám sát năm 2026 của HĐND tỉnh", "61/NQ-HĐND"),
)


@dataclass(frozen=True)
class Survey:
    day: When
    place: str  # a commune or ward in force, by its name
    place_detail: str
    agencies: tuple[str, ...]
    participants: str
    findings: str


@dataclass(frozen=True)
class Rec:
    """A recommendation and what happens to its follow-up after it is opened.

    ``due`` None: the rule "oversight-recommendation-answer" (30 days) gives the due date. ``steps`` are
    taken in order: ("progress", %, text), ("done", text), ("cannot", text, explanation),
    ("verify", outcome, text[, close]).
    """

    agency: str
    text: str
    conclusion: str
    assigned: When
    due: When | None = None
    leadership: bool = False
    steps: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class DemoActivity:
    """An activity of the programme of ``year``, taken as far as ``state``.

    ``committee`` is a committee kind, ``group`` a delegate group number in the term in office on the
    decision date. A re-oversight names its ``parent`` by title and, in ``assessed``, whether each carried
    recommendation (by the start of its text) was fulfilled since. ``via_resolution``: after reporting, the
    council adopted a resolution on it before it was monitored or closed.
    """

    year: int
    kind: str
    title: str
    lead: str
    start: When
    end: When
    state: str
    scope: str
    agencies: tuple[str, ...] = ()
    committee: str = ""
    group: int = 0
    head: str = ""  # "vice_chair": a vice-chair heads a council or Standing Committee delegation
    decision: str = ""
    decided: When | None = None
    reported: When | None = None
    reports: tuple[str, ...] = ()
    surveys: tuple[Survey, ...] = ()
    recommendations: tuple[Rec, ...] = ()
    resolutions: tuple[str, ...] = ()
    parent: str = ""
    assessed: tuple[tuple[str, bool], ...] = ()
    via_resolution: bool = False
    demo_delegate: bool = False


A_SAT_LO = (
    "Giám sát chuyên đề việc thực hiện chính sách, pháp luật về phòng, chống sạt lở bờ sông, kênh rạch trên "
    "địa bàn tỉnh giai đoạn 2021–2025"
)
B_NGAN_SACH = (
    "Xem xét báo cáo của UBND tỉnh về tình hình thực hiện dự toán ngân sách nhà nước và kế hoạch đầu tư công "
    "6 tháng đầu năm 2026"
)

ACTIVITIES: tuple[DemoActivity, ...] = (
    # --- 2025 (term X, after the merger of 1 July 2025) ------------------------------------------------------
    DemoActivity(
        2025,
        Kind.THEMATIC,
        A_SAT_LO,
        Lead.COUNCIL,
        D(2025, 8, 4),
        D(2025, 10, 31),
        State.MONITORING,
        "Việc ban hành văn bản chỉ đạo, bố trí vốn và thi công các công trình kè chống sạt lở; cảnh báo, di "
        "dời dân cư ra khỏi vùng nguy cơ sạt lở; quản lý hoạt động khai thác cát lòng sông. Thời kỳ giám "
        "sát: từ ngày 01/01/2021 đến ngày 30/6/2025.",
        (UBND_TINH, NN_MT, XAY_DUNG, TAI_CHINH, ubnd("xã Thanh Bình")),
        decision="24/NQ-HĐND",
        decided=D(2025, 7, 11),
        reported=D(2025, 11, 20),
        reports=(NN_MT, XAY_DUNG, ubnd("xã Thanh Bình")),
        surveys=(
            Survey(
                D(2025, 9, 10),
                "Xã Long Khánh",
                "Điểm sạt lở bờ sông Tiền, ấp Long Thạnh",
                (NN_MT,),
                "Đoàn giám sát HĐND tỉnh; lãnh đạo Sở Nông nghiệp và Môi trường; lãnh đạo UBND xã Long Khánh; "
                "đại diện các hộ dân trong vùng sạt lở",
                "Đoạn bờ sông dài khoảng 350 m sạt lở liên tục từ năm 2023; kè tạm bằng cừ tràm đã hư hỏng. "
                "27 hộ dân ở trong vùng nguy hiểm, mới di dời được 9 hộ do thiếu quỹ đất tái định cư.",
            ),
            Survey(
                D(2025, 9, 24),
                "Xã Thanh Bình",
                "Công trình kè chống sạt lở sông Tiền đoạn qua chợ Thanh Bình",
                (XAY_DUNG, ubnd("xã Thanh Bình")),
                "Đoàn giám sát HĐND tỉnh; lãnh đạo Sở Xây dựng; chủ đầu tư, nhà thầu thi công; UBND xã Thanh Bình",
                "Kè dài 1,2 km hoàn thành năm 2024 phát huy hiệu quả, bảo vệ khu chợ và khoảng 300 hộ dân. Phần "
                "hạ lưu kè xuất hiện vết nứt dài 40 m, chủ đầu tư chưa có phương án xử lý trong thời gian bảo hành.",
            ),
            Survey(
                D(2025, 10, 2),
                "Xã Tân Hồng",
                "Khu vực mỏ cát trên sông Tiền và bến thủy nội địa tập kết cát",
                (NN_MT,),
                "Đoàn giám sát HĐND tỉnh; Sở Nông nghiệp và Môi trường; Công an tỉnh; UBND xã Tân Hồng",
                "Một số phương tiện khai thác cát hoạt động ngoài phạm vi mỏ được cấp phép vào ban đêm; việc lắp "
                "camera, thiết bị giám sát hành trình trên phương tiện khai thác chưa được thực hiện đầy đủ.",
            ),
        ),
        recommendations=(
            Rec(
                NN_MT,
                "Rà soát, cập nhật bản đồ phân vùng nguy cơ sạt lở bờ sông, kênh rạch theo địa giới các xã, "
                "phường sau sắp xếp; công bố công khai để người dân biết, chủ động phòng tránh.",
                "Bản đồ phân vùng nguy cơ sạt lở chưa được cập nhật theo địa giới các xã, phường mới.",
                D(2025, 12, 12),
                steps=(
                    (
                        "done",
                        "Sở đã cập nhật bản đồ phân vùng nguy cơ sạt lở cho 58 xã, phường ven sông; công bố trên "
                        "Cổng thông tin điện tử tỉnh và niêm yết tại trụ sở UBND các xã, phường.",
                    ),
                    ("verify", "done", "Đã thực hiện; bản đồ được công bố công khai."),
                ),
            ),
            Rec(
                UBND_TINH,
                "Khẩn trương bố trí vốn từ nguồn dự phòng ngân sách tỉnh để xây dựng kè chống sạt lở khẩn cấp "
                "đoạn bờ sông Tiền qua ấp Long Thạnh, xã Long Khánh; báo cáo kết quả với Thường trực HĐND tỉnh.",
                "Nhiều điểm sạt lở đặc biệt nguy hiểm chưa được bố trí vốn xử lý, người dân phải tự gia cố tạm.",
                D(2025, 12, 12),
                due=-75,
                leadership=True,
            ),
            Rec(
                XAY_DUNG,
                "Chỉ đạo chủ đầu tư, nhà thầu khắc phục vết nứt phần hạ lưu kè sông Tiền đoạn qua chợ Thanh "
                "Bình trong thời gian bảo hành công trình.",
                "Phần hạ lưu kè chợ Thanh Bình bị nứt, chưa được xử lý.",
                D(2025, 12, 12),
                due=15,
                steps=(
                    (
                        "done",
                        "Nhà thầu đã gia cố hạ lưu kè bằng đá hộc và bê tông cốt thép; Sở đã kiểm tra, nghiệm "
                        "thu phần khắc phục.",
                    ),
                ),
            ),
            Rec(
                NN_MT,
                "Yêu cầu lắp đặt thiết bị giám sát hành trình và camera trên toàn bộ phương tiện khai thác cát; "
                "xử lý nghiêm các trường hợp khai thác ngoài phạm vi được cấp phép.",
                "Hoạt động khai thác cát ngoài phạm vi cấp phép chưa được kiểm soát chặt chẽ.",
                D(2025, 12, 12),
                due=D(2026, 6, 30),
                leadership=True,
                steps=(
                    (
                        "cannot",
                        "Sở đã báo cáo kết quả thực hiện.",
                        "Chưa có quy định bắt buộc chủ phương tiện lắp camera; không thể bố trí ngân sách để lắp "
                        "thiết bị cho phương tiện của doanh nghiệp.",
                    ),
                    (
                        "verify",
                        "not_done",
                        "Giải trình chưa thuyết phục: UBND tỉnh có thể đưa yêu cầu này vào điều kiện của giấy "
                        "phép khai thác; đề nghị Sở tham mưu thực hiện.",
                    ),
                ),
            ),
            Rec(
                ubnd("xã Thanh Bình"),
                "Hoàn thành di dời 42 hộ dân trong vùng nguy cơ sạt lở cao ven sông Tiền đến khu tái định cư "
                "Thanh Bình.",
                "Việc di dời dân cư ra khỏi vùng nguy cơ sạt lở còn chậm.",
                D(2025, 12, 12),
                due=40,
                steps=(
                    (
                        "progress",
                        65,
                        "Đã di dời 27/42 hộ; 15 hộ còn lại chờ hoàn thiện hạ tầng khu tái định cư, dự kiến "
                        "hoàn thành trong quý tới.",
                    ),
                ),
            ),
        ),
        via_resolution=True,
    ),
    DemoActivity(
        2025,
        Kind.PETITION_HANDLING,
        "Giám sát việc giải quyết kiến nghị của cử tri gửi đến kỳ họp thứ 27 HĐND tỉnh khóa X",
        Lead.STANDING,
        D(2025, 9, 15),
        D(2025, 10, 31),
        State.CLOSED,
        "Kết quả giải quyết, trả lời 146 kiến nghị của cử tri tổng hợp trước và sau kỳ họp thứ 27; việc thực "
        "hiện cam kết giải quyết kiến nghị cử tri của các sở, ngành và UBND các xã, phường.",
        (UBND_TINH, XAY_DUNG, Y_TE, GD_DT),
        decision="118/QĐ-HĐND",
        decided=D(2025, 9, 8),
        reported=D(2025, 11, 10),
        reports=(UBND_TINH, XAY_DUNG, Y_TE),
        surveys=(
            Survey(
                D(2025, 10, 8),
                "Phường Sa Đéc",
                "Trạm Y tế phường Sa Đéc và tuyến đường Nguyễn Sinh Sắc",
                (Y_TE, ubnd("phường Sa Đéc")),
                "Thường trực HĐND tỉnh; lãnh đạo Sở Y tế, Sở Xây dựng; UBND phường Sa Đéc; đại diện cử tri khóm 2",
                "Kiến nghị sửa chữa Trạm Y tế phường đã được giải quyết. Kiến nghị chống ngập tuyến đường "
                "Nguyễn Sinh Sắc mới có phương án, chưa được bố trí vốn; cử tri tiếp tục phản ánh ngập sau mưa lớn.",
            ),
        ),
        recommendations=(
            Rec(
                XAY_DUNG,
                "Bố trí vốn cải tạo hệ thống thoát nước, chống ngập tuyến đường Nguyễn Sinh Sắc, phường Sa Đéc "
                "trước mùa mưa năm 2026.",
                "Kiến nghị chống ngập kéo dài qua nhiều kỳ họp chưa được giải quyết dứt điểm.",
                D(2025, 11, 14),
                due=D(2026, 4, 30),
                steps=(
                    ("done", "Đã hoàn thành cải tạo hệ thống thoát nước; tuyến đường không còn ngập cục bộ."),
                    ("verify", "done", "Tổ đại biểu kiểm tra thực tế: đã thực hiện, cử tri đồng tình."),
                ),
            ),
            Rec(
                Y_TE,
                "Rà soát, trả lời dứt điểm các kiến nghị cử tri về thiếu thuốc bảo hiểm y tế tại các trạm y tế "
                "xã, phường.",
                "Nhiều kiến nghị về thiếu thuốc bảo hiểm y tế được trả lời chung chung, chưa nêu lộ trình.",
                D(2025, 11, 14),
                steps=(
                    (
                        "done",
                        "Sở đã chỉ đạo các trung tâm y tế khu vực điều chuyển thuốc giữa các trạm, bảo đảm 95% "
                        "danh mục thuốc thiết yếu.",
                    ),
                    (
                        "verify",
                        "partly_done",
                        "Cơ bản đáp ứng; một số trạm vùng sâu còn thiếu thuốc điều trị bệnh mạn tính, tiếp tục "
                        "theo dõi qua kiến nghị cử tri.",
                        True,
                    ),
                ),
            ),
            Rec(
                UBND_TINH,
                "Chỉ đạo các sở, ngành, địa phương trả lời kiến nghị cử tri đúng thời hạn, nội dung cụ thể, nêu "
                "rõ lộ trình và trách nhiệm giải quyết.",
                "Tỷ lệ kiến nghị được trả lời đúng hạn mới đạt 78%.",
                D(2025, 11, 14),
                steps=(
                    (
                        "done",
                        "UBND tỉnh đã ban hành công văn chỉ đạo trả lời kiến nghị cử tri trong thời hạn 30 ngày, "
                        "nêu rõ lộ trình và người chịu trách nhiệm.",
                    ),
                    ("verify", "done", "Đã thực hiện."),
                ),
            ),
        ),
    ),
    DemoActivity(
        2025,
        Kind.DOCUMENT_REVIEW,
        "Giám sát văn bản quy phạm pháp luật của UBND tỉnh ban hành năm 2025 về chính sách đối với vùng đồng "
        "bào dân tộc thiểu số",
        Lead.COMMITTEE,
        D(2025, 10, 6),
        D(2025, 11, 28),
        State.CLOSED,
        "Tính hợp hiến, hợp pháp, sự thống nhất với nghị quyết của HĐND tỉnh; thẩm quyền, hình thức, trình tự "
        "ban hành 4 quyết định quy phạm pháp luật của UBND tỉnh về chính sách dân tộc.",
        (DAN_TOC, TU_PHAP),
        committee="ethnic",
        decision="09/QĐ-BDT",
        decided=D(2025, 9, 29),
        reported=D(2025, 12, 3),
        reports=(DAN_TOC, TU_PHAP),
        recommendations=(
            Rec(
                TU_PHAP,
                "Tham mưu UBND tỉnh sửa đổi quyết định quy định hỗ trợ phát triển sản xuất cho hộ đồng bào dân "
                "tộc thiểu số, bảo đảm thống nhất với nghị quyết của HĐND tỉnh về định mức hỗ trợ.",
                "Định mức hỗ trợ tại Điều 5 của quyết định chưa thống nhất với nghị quyết của HĐND tỉnh.",
                D(2025, 12, 5),
                steps=(
                    (
                        "done",
                        "UBND tỉnh đã ban hành quyết định sửa đổi, bổ sung; định mức hỗ trợ đã thống nhất với "
                        "nghị quyết của HĐND tỉnh.",
                    ),
                    ("verify", "done", "Đã thực hiện."),
                ),
            ),
            Rec(
                DAN_TOC,
                "Cập nhật, công khai danh mục văn bản về chính sách dân tộc còn hiệu lực sau sắp xếp đơn vị hành "
                "chính.",
                "Danh mục văn bản còn hiệu lực chưa được công bố sau sắp xếp.",
                D(2025, 12, 5),
                steps=(
                    ("done", "Đã công bố danh mục trên Cổng thông tin điện tử của Sở."),
                    ("verify", "done", "Đã thực hiện."),
                ),
            ),
        ),
    ),
    DemoActivity(
        2025,
        Kind.REGULAR,
        "Giám sát việc vận hành chính quyền địa phương hai cấp và giải quyết thủ tục hành chính tại các xã "
        "khu vực Tháp Mười",
        Lead.GROUP,
        D(2025, 8, 18),
        D(2025, 9, 30),
        State.MONITORING,
        "Tổ chức bộ máy, bố trí cán bộ, cơ sở vật chất của UBND các xã mới; tiếp nhận, giải quyết thủ tục hành "
        "chính tại Trung tâm Phục vụ hành chính công xã từ ngày 01/7/2025.",
        (ubnd("xã Tháp Mười"), NOI_VU, KH_CN),
        group=6,
        decision="03/QĐ-TĐB",
        decided=D(2025, 8, 8),
        reported=D(2025, 10, 10),
        reports=(ubnd("xã Tháp Mười"),),
        surveys=(
            Survey(
                D(2025, 9, 5),
                "Xã Tháp Mười",
                "Trung tâm Phục vụ hành chính công xã Tháp Mười",
                (ubnd("xã Tháp Mười"),),
                "Tổ đại biểu HĐND tỉnh; lãnh đạo UBND xã Tháp Mười; công chức Trung tâm Phục vụ hành chính công",
                "Trung tâm tiếp nhận bình quân 60 hồ sơ mỗi ngày; đường truyền thường xuyên gián đoạn, máy tính "
                "cấu hình thấp; 12% hồ sơ đất đai trễ hạn do thiếu công chức địa chính.",
            ),
            Survey(
                D(2025, 9, 12),
                "Xã Mỹ Quí",
                "Điểm tiếp nhận hồ sơ tại trụ sở xã cũ",
                (),
                "Tổ đại biểu HĐND tỉnh; lãnh đạo UBND xã Mỹ Quí; đại diện cử tri các ấp",
                "Người dân ở xa trụ sở mới phải đi hơn 15 km để làm thủ tục; điểm tiếp nhận hồ sơ tại trụ sở cũ "
                "chưa bố trí công chức thường trực.",
            ),
        ),
        recommendations=(
            Rec(
                ubnd("xã Tháp Mười"),
                "Bố trí đủ công chức địa chính; giải quyết dứt điểm các hồ sơ đất đai trễ hạn và xin lỗi người "
                "dân theo quy định.",
                "12% hồ sơ đất đai trễ hạn, chưa thực hiện xin lỗi người dân.",
                D(2025, 10, 15),
                due=D(2025, 12, 31),
                steps=(
                    ("done", "UBND xã đã giải quyết xong 85/97 hồ sơ trễ hạn."),
                    (
                        "verify",
                        "unsatisfactory",
                        "Báo cáo chưa nêu việc bổ sung công chức địa chính và xin lỗi người dân; còn 12 hồ sơ "
                        "chưa giải quyết.",
                    ),
                ),
            ),
            Rec(
                KH_CN,
                "Nâng cấp đường truyền, trang thiết bị công nghệ thông tin cho Trung tâm Phục vụ hành chính công "
                "các xã khu vực Tháp Mười.",
                "Hạ tầng công nghệ thông tin không đáp ứng yêu cầu giải quyết thủ tục trực tuyến.",
                D(2025, 10, 15),
                due=25,
                steps=(
                    (
                        "progress",
                        50,
                        "Đã nâng cấp đường truyền cáp quang cho 6/9 xã; đang mua sắm máy tính, máy quét theo kế "
                        "hoạch.",
                    ),
                ),
            ),
        ),
    ),
    # --- 2026 (term XI) ---------------------------------------------------------------------------------------
    DemoActivity(
        2026,
        Kind.REPORT_REVIEW,
        B_NGAN_SACH,
        Lead.COMMITTEE,
        D(2026, 6, 8),
        D(2026, 6, 26),
        State.RESOLUTION,
        "Tiến độ thu ngân sách, chi thường xuyên, giải ngân vốn đầu tư công; các dự án chậm giải ngân; việc "
        "thực hiện các nghị quyết của HĐND tỉnh về dự toán ngân sách và kế hoạch đầu tư công năm 2026.",
        (UBND_TINH, TAI_CHINH, THUE, BQLDA),
        committee="economy_budget",
        decision="06/QĐ-BKTNS",
        decided=D(2026, 5, 27),
        reported=D(2026, 7, 1),
        reports=(TAI_CHINH, THUE, BQLDA),
        recommendations=(
            Rec(
                TAI_CHINH,
                "Tham mưu UBND tỉnh điều chuyển vốn của các dự án chậm giải ngân sang dự án có khả năng hấp thụ "
                "vốn; bảo đảm giải ngân vốn đầu tư công năm 2026 đạt trên 95% kế hoạch.",
                "Giải ngân vốn đầu tư công 6 tháng đầu năm 2026 mới đạt 28,4% kế hoạch; 17 dự án chưa giải ngân.",
                D(2026, 7, 10),
                due=-45,
                leadership=True,
            ),
            Rec(
                THUE,
                "Tăng cường quản lý thu, chống thất thu thuế đối với hoạt động thương mại điện tử, kinh doanh "
                "trên nền tảng số; xử lý dứt điểm nợ thuế đọng.",
                "Nợ thuế đọng tăng 12% so với cùng kỳ.",
                D(2026, 7, 10),
                due=30,
                steps=(
                    (
                        "progress",
                        60,
                        "Đã rà soát 1.240 tổ chức, cá nhân kinh doanh trên nền tảng số; thu hồi 38 tỷ đồng nợ thuế.",
                    ),
                ),
            ),
            Rec(
                UBND_TINH,
                "Hoàn thành giao chi tiết kế hoạch vốn đầu tư công năm 2026 cho các dự án khởi công mới.",
                "Còn 24 dự án khởi công mới chưa được giao chi tiết kế hoạch vốn.",
                D(2026, 7, 10),
                steps=(
                    ("done", "UBND tỉnh đã giao chi tiết kế hoạch vốn cho 24 dự án khởi công mới."),
                    ("verify", "done", "Đã thực hiện."),
                ),
            ),
        ),
    ),
    DemoActivity(
        2026,
        Kind.THEMATIC,
        "Giám sát việc thực hiện chính sách hỗ trợ nhà ở xã hội cho công nhân các khu công nghiệp trên địa bàn "
        "tỉnh",
        Lead.COMMITTEE,
        -75,
        -20,
        State.DRAFTING,
        "Việc triển khai Nghị quyết 60/2025/NQ-HĐND của HĐND tỉnh: quỹ đất dành cho nhà ở xã hội, tiến độ các "
        "dự án, đối tượng được thụ hưởng, vướng mắc trong thủ tục mua, thuê nhà ở xã hội.",
        (XAY_DUNG, BQL_KCN, TAI_CHINH, NN_MT),
        committee="economy_budget",
        decision="11/QĐ-BKTNS",
        decided=-85,
        reports=(XAY_DUNG, BQL_KCN),
        resolutions=("60/2025/NQ-HĐND",),
        surveys=(
            Survey(
                -50,
                "Xã Tân Hương",
                "Khu công nghiệp Tân Hương và dự án nhà ở xã hội cho công nhân",
                (BQL_KCN, XAY_DUNG),
                "Ban Kinh tế - Ngân sách; lãnh đạo Ban Quản lý các khu công nghiệp tỉnh, Sở Xây dựng; Công đoàn "
                "các khu công nghiệp; chủ đầu tư dự án",
                "Dự án 1.200 căn mới hoàn thành 320 căn; nhiều công nhân có nhu cầu nhưng không đáp ứng điều kiện "
                "thu nhập để vay vốn ưu đãi; hạ tầng kết nối khu nhà ở chưa hoàn chỉnh.",
            ),
            Survey(
                -41,
                "Phường Sa Đéc",
                "Khu công nghiệp Sa Đéc và các khu nhà trọ công nhân lân cận",
                (BQL_KCN, ubnd("phường Sa Đéc")),
                "Ban Kinh tế - Ngân sách; Ban Quản lý các khu công nghiệp tỉnh; UBND phường Sa Đéc",
                "Trên 70% công nhân đang thuê nhà trọ tư nhân, nhiều khu trọ không bảo đảm phòng cháy, vệ sinh "
                "môi trường; quỹ đất 10 ha dành cho nhà ở xã hội đến nay chưa có nhà đầu tư.",
            ),
        ),
    ),
    DemoActivity(
        2026,
        Kind.THEMATIC,
        "Giám sát việc thực hiện chính sách bảo hiểm y tế và chính sách thu hút bác sĩ về công tác tại trạm y "
        "tế xã, phường",
        Lead.COMMITTEE,
        -115,
        -70,
        State.REPORTED,
        "Việc triển khai Nghị quyết 23/2025/NQ-HĐND về hỗ trợ đóng bảo hiểm y tế cho người cao tuổi và hộ cận "
        "nghèo, Nghị quyết 05/2026/NQ-HĐND về thu hút bác sĩ; cung ứng thuốc, vật tư y tế và khám chữa bệnh "
        "bảo hiểm y tế tại tuyến xã.",
        (Y_TE, BHXH, TAI_CHINH, NOI_VU),
        committee="culture_society",
        decision="07/QĐ-BVHXH",
        decided=-125,
        reported=-50,
        reports=(Y_TE, BHXH, NOI_VU),
        resolutions=("23/2025/NQ-HĐND", "05/2026/NQ-HĐND"),
        surveys=(
            Survey(
                -95,
                "Xã Tân Hồng",
                "Trạm Y tế xã Tân Hồng",
                (Y_TE,),
                "Ban Văn hóa - Xã hội; lãnh đạo Sở Y tế, Bảo hiểm xã hội tỉnh; Trạm trưởng Trạm Y tế xã",
                "Trạm chưa có bác sĩ; bốn tháng chưa tuyển được bác sĩ theo chính sách thu hút do mức hỗ trợ thấp "
                "hơn các tỉnh lân cận; thiếu 14 loại thuốc điều trị tăng huyết áp, đái tháo đường.",
            ),
            Survey(
                -88,
                "Phường Cai Lậy",
                "Trung tâm Y tế khu vực Cai Lậy",
                (Y_TE, BHXH),
                "Ban Văn hóa - Xã hội; Sở Y tế; Bảo hiểm xã hội tỉnh; Ban Giám đốc Trung tâm Y tế khu vực",
                "91% người cao tuổi thuộc diện hỗ trợ đã được cấp thẻ bảo hiểm y tế; chi phí khám chữa bệnh bảo "
                "hiểm y tế năm 2025 vượt dự toán chưa được cơ quan bảo hiểm xã hội thanh toán.",
            ),
        ),
        recommendations=(
            Rec(
                Y_TE,
                "Rà soát, đề xuất điều chỉnh mức hỗ trợ thu hút bác sĩ theo Nghị quyết 05/2026/NQ-HĐND cho phù "
                "hợp với mặt bằng các tỉnh trong vùng; trình HĐND tỉnh tại kỳ họp gần nhất.",
                "Chính sách thu hút bác sĩ chưa hấp dẫn; nhiều trạm y tế xã, phường chưa có bác sĩ.",
                -45,
                due=20,
                leadership=True,
            ),
            Rec(
                Y_TE,
                "Bảo đảm đủ thuốc điều trị bệnh mạn tính (tăng huyết áp, đái tháo đường) theo danh mục tại các "
                "trạm y tế xã, phường.",
                "Nhiều trạm y tế thiếu thuốc điều trị bệnh mạn tính.",
                -45,
                steps=(
                    (
                        "done",
                        "Sở đã mua sắm bổ sung 14 mặt hàng thuốc điều trị bệnh mạn tính và cấp phát cho 102 trạm "
                        "y tế xã, phường.",
                    ),
                ),
            ),
            Rec(
                BHXH,
                "Phối hợp Sở Y tế thanh toán dứt điểm chi phí khám chữa bệnh bảo hiểm y tế vượt dự toán năm "
                "2025 cho các cơ sở khám chữa bệnh.",
                "Các cơ sở khám chữa bệnh thiếu kinh phí hoạt động do chưa được thanh toán phần vượt dự toán.",
                -45,
                due=45,
                steps=(
                    (
                        "progress",
                        40,
                        "Đã thẩm định xong hồ sơ của 6/15 cơ sở; đang chờ Bảo hiểm xã hội Việt Nam giao bổ sung "
                        "dự toán.",
                    ),
                ),
            ),
            Rec(
                NOI_VU,
                "Bổ sung chỉ tiêu số lượng người làm việc là bác sĩ cho các trạm y tế xã, phường có quy mô dân số "
                "lớn sau sắp xếp.",
                "Định mức người làm việc tại trạm y tế chưa tính đến quy mô dân số của các xã, phường mới.",
                -45,
                due=10,
            ),
            Rec(
                Y_TE,
                "Báo cáo kết quả cấp thẻ bảo hiểm y tế cho người cao tuổi, hộ cận nghèo theo Nghị quyết "
                "23/2025/NQ-HĐND; làm rõ nguyên nhân 9% đối tượng chưa được cấp thẻ.",
                "Còn 9% đối tượng được hỗ trợ chưa được cấp thẻ bảo hiểm y tế.",
                -45,
                due=-6,
            ),
        ),
    ),
    DemoActivity(
        2026,
        Kind.REGULAR,
        "Giám sát thường xuyên việc tiếp công dân, giải quyết khiếu nại, tố cáo của UBND các xã, phường sau sắp "
        "xếp đơn vị hành chính",
        Lead.STANDING,
        -30,
        30,
        State.FIELDWORK,
        "Bố trí địa điểm, cán bộ tiếp công dân; tiếp nhận, phân loại, giải quyết đơn khiếu nại, tố cáo, kiến "
        "nghị, phản ánh; các vụ việc phức tạp, kéo dài chuyển từ cấp huyện trước đây.",
        (THANH_TRA, ubnd("phường Hồng Ngự"), ubnd("xã Tam Nông"), ubnd("phường Mỹ Tho")),
        decision="35/QĐ-HĐND",
        decided=-40,
        reports=(THANH_TRA,),
        surveys=(
            Survey(
                -14,
                "Phường Hồng Ngự",
                "Phòng tiếp công dân của UBND phường Hồng Ngự",
                (ubnd("phường Hồng Ngự"),),
                "Thường trực HĐND tỉnh; Ban Pháp chế; Thanh tra tỉnh; lãnh đạo UBND phường Hồng Ngự",
                "Phường đã bố trí phòng tiếp công dân riêng, lịch tiếp công dân định kỳ của Chủ tịch UBND phường "
                "được công khai; còn 5 vụ tranh chấp đất đai chuyển từ thành phố Hồng Ngự trước đây chưa giải quyết.",
            ),
            Survey(
                -6,
                "Xã Tam Nông",
                "Trụ sở UBND xã Tam Nông",
                (ubnd("xã Tam Nông"),),
                "Thường trực HĐND tỉnh; Thanh tra tỉnh; lãnh đạo UBND xã Tam Nông",
                "Sổ theo dõi tiếp công dân ghi chép chưa đầy đủ; 3 đơn khiếu nại quá hạn giải quyết do chưa bố trí "
                "công chức phụ trách sau sắp xếp.",
            ),
        ),
    ),
    DemoActivity(
        2026,
        Kind.PETITION_HANDLING,
        "Giám sát việc giải quyết kiến nghị của cử tri phường Cao Lãnh gửi đến kỳ họp thứ ba HĐND tỉnh khóa XI",
        Lead.GROUP,
        2,
        25,
        State.NOTIFIED,
        "Kết quả trả lời, giải quyết kiến nghị của cử tri về hạ tầng đô thị, chống ngập, trật tự an toàn giao "
        "thông và chính sách an sinh xã hội.",
        (ubnd("phường Cao Lãnh"), XAY_DUNG, CONG_AN),
        group=1,
        decision="02/QĐ-TĐB",
        decided=-10,
        demo_delegate=True,
    ),
    DemoActivity(
        2026,
        Kind.REPORT_REVIEW,
        "Xem xét báo cáo công tác năm 2026 của Tòa án nhân dân tỉnh và Viện kiểm sát nhân dân tỉnh",
        Lead.COMMITTEE,
        3,
        9,
        State.ESTABLISHED,
        "Kết quả thụ lý, giải quyết, xét xử các loại án; kiểm sát điều tra, truy tố; án trả hồ sơ điều tra bổ "
        "sung, án bị hủy, sửa; việc thực hiện các kiến nghị của HĐND tỉnh năm trước.",
        (TOA_AN, VIEN_KS),
        committee="legal",
        decision="05/QĐ-BPC",
        decided=-4,
    ),
    DemoActivity(
        2026,
        Kind.DOCUMENT_REVIEW,
        "Giám sát văn bản quy phạm pháp luật do UBND tỉnh ban hành năm 2026 thuộc lĩnh vực kinh tế - ngân sách",
        Lead.COMMITTEE,
        12,
        40,
        State.PLANNED,
        "Tính hợp hiến, hợp pháp, sự thống nhất với nghị quyết của HĐND tỉnh của các quyết định quy phạm pháp "
        "luật về giá, phí, lệ phí, quản lý tài sản công và đầu tư công.",
        (TAI_CHINH, TU_PHAP),
        committee="economy_budget",
    ),
    DemoActivity(
        2026,
        Kind.THEMATIC,
        "Giám sát chuyên đề việc thực hiện chính sách, pháp luật về chuyển đổi số và cung cấp dịch vụ công "
        "trực tuyến trên địa bàn tỉnh",
        Lead.COUNCIL,
        20,
        80,
        State.PLANNED,
        "Hạ tầng số, nền tảng dữ liệu dùng chung, tỷ lệ hồ sơ trực tuyến toàn trình; khai thác dữ liệu dân cư "
        "phục vụ giải quyết thủ tục hành chính tại các xã, phường.",
        (UBND_TINH, KH_CN, CONG_AN, VP_UBND),
    ),
    DemoActivity(
        2026,
        Kind.RE_OVERSIGHT,
        "Tái giám sát việc thực hiện kiến nghị sau giám sát chuyên đề về phòng, chống sạt lở bờ sông, kênh rạch",
        Lead.STANDING,
        -70,
        -35,
        State.REVIEWED,
        "Kết quả thực hiện các kiến nghị của Đoàn giám sát HĐND tỉnh năm 2025 chưa được thực hiện hoặc thực "
        "hiện chưa đạt yêu cầu.",
        head="vice_chair",
        decision="41/QĐ-HĐND",
        decided=-80,
        reported=-25,
        reports=(NN_MT, UBND_TINH),
        surveys=(
            Survey(
                -55,
                "Xã Long Khánh",
                "Điểm sạt lở bờ sông Tiền, ấp Long Thạnh",
                (NN_MT,),
                "Thường trực HĐND tỉnh; lãnh đạo Sở Nông nghiệp và Môi trường; UBND xã Long Khánh",
                "Đến nay chưa khởi công kè khẩn cấp; sạt lở lấn sâu thêm 8 m, thêm 5 hộ phải di dời khẩn cấp.",
            ),
        ),
        parent=A_SAT_LO,
        assessed=(
            ("Khẩn trương bố trí vốn", False),
            ("Chỉ đạo chủ đầu tư, nhà thầu khắc phục", True),
            ("Yêu cầu lắp đặt thiết bị giám sát hành trình", False),
        ),
    ),
)


@dataclass(frozen=True)
class Conclusion:
    agency: str
    text: str
    due: When
    steps: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class DemoAccountability:
    """An explanation session or hearing; ``escalated_from`` names (activity title, agency) of the
    recommendation whose follow-up it was scheduled from."""

    kind: str
    topic: str
    body: str
    day: When
    agencies: tuple[str, ...]
    summoned: str
    participants: str
    conclusions: tuple[Conclusion, ...]
    committee: str = ""
    escalated_from: tuple[str, str] | None = None


ACCOUNTABILITY: tuple[DemoAccountability, ...] = (
    DemoAccountability(
        Accountability.Kind.EXPLANATION,
        "Nguyên nhân chậm giải ngân vốn đầu tư công năm 2026 và giải pháp trong những tháng cuối năm",
        Accountability.Body.COMMITTEE,
        -12,
        (TAI_CHINH, BQLDA),
        "Giám đốc Sở Tài chính\nGiám đốc Ban Quản lý dự án đầu tư xây dựng tỉnh",
        "Thường trực HĐND tỉnh; thành viên Ban Kinh tế - Ngân sách; đại diện Ủy ban MTTQ Việt Nam tỉnh, Văn "
        "phòng UBND tỉnh",
        (
            Conclusion(
                TAI_CHINH,
                "Sở Tài chính tham mưu UBND tỉnh điều chuyển ngay vốn của 17 dự án chưa giải ngân; báo cáo kết quả "
                "với Ban Kinh tế - Ngân sách trước kỳ họp cuối năm.",
                18,
            ),
            Conclusion(
                BQLDA,
                "Ban Quản lý dự án đầu tư xây dựng tỉnh lập tiến độ giải ngân chi tiết theo tuần cho từng dự án, "
                "giải ngân hết vốn được giao trong thời gian thực hiện kế hoạch vốn năm 2026.",
                60,
            ),
        ),
        committee="economy_budget",
        escalated_from=(B_NGAN_SACH, TAI_CHINH),
    ),
    DemoAccountability(
        Accountability.Kind.HEARING,
        "Bảo đảm an toàn thực phẩm tại bếp ăn tập thể của các trường học trên địa bàn tỉnh",
        Accountability.Body.STANDING,
        -26,
        (Y_TE, GD_DT, CONG_THUONG),
        "Giám đốc Sở Y tế\nGiám đốc Sở Giáo dục và Đào tạo\nGiám đốc Sở Công Thương",
        "Thường trực HĐND tỉnh; các Ban của HĐND tỉnh; đại diện Ủy ban MTTQ Việt Nam tỉnh; đại diện Ban đại "
        "diện cha mẹ học sinh và doanh nghiệp cung cấp suất ăn",
        (
            Conclusion(
                Y_TE,
                "Sở Y tế chủ trì kiểm tra đột xuất toàn bộ bếp ăn tập thể trường học trong học kỳ I; công khai kết "
                "quả và xử lý nghiêm cơ sở vi phạm.",
                35,
                steps=(
                    (
                        "progress",
                        30,
                        "Đã kiểm tra 148/480 bếp ăn tập thể; xử phạt 6 cơ sở, đình chỉ 1 cơ sở cung cấp suất ăn.",
                    ),
                ),
            ),
            Conclusion(
                GD_DT,
                "Sở Giáo dục và Đào tạo hướng dẫn các trường lựa chọn nhà cung cấp thực phẩm có nguồn gốc rõ "
                "ràng, lưu mẫu thức ăn đúng quy định.",
                20,
            ),
        ),
    ),
)


# --- Writing ----------------------------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class OversightSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council, self.office, self.respondent = council, office, respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, D(2024, 1, 1), self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.committees = {c.kind: c for c in Committee.objects.filter(council=council)}
        self.units = {u.name: u for u in AdminUnit.objects.current()}
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.demo_delegate = Mandate.objects.filter(
            council=council, delegate__user__username=DEMO_DELEGATE
        ).select_related("term")

    # Dates

    def day(self, when: When) -> dt.date:
        return self.today + when * DAY if isinstance(when, int) else when

    def workday(self, day: dt.date, *, low: dt.date | None = None, high: dt.date | None = None) -> dt.date:
        """The nearest working day on or before ``day`` (after it if that leaves ``low``), kept in range."""
        found = day
        while not self.calendar.is_working_day(found):
            found -= DAY
        if low is not None and found < low:
            found = day
            while not self.calendar.is_working_day(found) and (high is None or found < high):
                found += DAY
        return found

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    # Programmes

    def programmes(self) -> dict[int, OversightProgram]:
        found = {p.year: p for p in OversightProgram.objects.filter(council=self.council)}
        for spec in PROGRAMS:
            if spec.year not in found:
                found[spec.year] = program_create(
                    actor=self.office,
                    council=self.council,
                    year=spec.year,
                    title=spec.title,
                    resolution=spec.resolution,
                )
        return found

    # The delegation

    def delegation(self, spec: DemoActivity, activity: OversightActivity, day: dt.date, rng: random.Random):
        """(role, mandate or None, outside member) of the delegation, from the mandates in office on ``day``."""
        term = self.term_on(day) or self.terms[-1]
        mandates = sorted(
            Mandate.objects.filter(council=self.council, term=term).active_on(day).select_related("delegate"),
            key=lambda m: (m.delegate.full_name, m.pk),
        )
        standing = dict(
            StandingPosition.objects.filter(mandate__term=term)
            .active_on(day)
            .values_list("mandate_id", "role")
        )

        def holding(role: str) -> list[Mandate]:
            return [m for m in mandates if standing.get(m.pk) == role]

        # Term X keeps no positions in the demo: the posts written on the mandates stand in for them.
        vice_chairs = holding(StandingPosition.Role.VICE_CHAIR) or [
            m for m in mandates if m.position.startswith("Phó Chủ tịch HĐND")
        ]
        chairs = holding(StandingPosition.Role.CHAIR) or vice_chairs
        heads: list[Mandate] = []
        deputies: list[Mandate] = []
        pool: list[Mandate] = []
        if spec.lead in (Lead.COUNCIL, Lead.STANDING):
            heads = vice_chairs if spec.head == "vice_chair" else chairs
            deputies = [m for m in vice_chairs if spec.lead == Lead.COUNCIL and m not in heads[:1]]
            pool = holding(StandingPosition.Role.MEMBER) or [
                m for m in mandates if m.kind == Mandate.Kind.FULL_TIME
            ]
        elif spec.lead == Lead.COMMITTEE:
            committee = self.committees[spec.committee]
            roles = dict(
                CommitteeMembership.objects.filter(committee=committee, mandate__term=term)
                .active_on(day)
                .values_list("mandate_id", "role")
            )
            heads = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.HEAD] or [
                m for m in mandates if committee.name in m.position
            ]
            deputies = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.DEPUTY]
            pool = [m for m in mandates if roles.get(m.pk) == CommitteeMembership.Role.MEMBER]
        elif spec.lead == Lead.GROUP and activity.group_id:
            roles = dict(
                GroupMembership.objects.filter(group=activity.group)
                .active_on(day)
                .values_list("mandate_id", "role")
            )
            heads = [m for m in mandates if roles.get(m.pk) == GroupMembership.Role.LEADER]
            deputies = [m for m in mandates if roles.get(m.pk) == GroupMembership.Role.DEPUTY]
            pool = [
                m for m in mandates if roles.get(m.pk) == GroupMembership.Role.MEMBER and m.pk not in standing
            ]
        head = (heads or chairs or mandates)[0]
        chosen = [(Role.HEAD, head, "")]
        taken = {head.pk}
        if deputies and deputies[0].pk not in taken:
            chosen.append((Role.DEPUTY, deputies[0], ""))
            taken.add(deputies[0].pk)
        if spec.demo_delegate:
            for mandate in self.demo_delegate:
                if mandate.term_id == term.pk and mandate.pk not in taken:
                    chosen.append((Role.MEMBER, mandate, ""))
                    taken.add(mandate.pk)
        wanted = 4 if spec.lead in (Lead.COUNCIL, Lead.STANDING) else 3
        pool = [m for m in pool if m.pk not in taken]
        picked = rng.sample(pool, min(len(pool), wanted))
        others = [m for m in mandates if m.pk not in taken and m not in picked]
        picked += rng.sample(others, min(len(others), wanted - len(picked)))
        chosen += [(Role.MEMBER, m, "") for m in sorted(picked, key=lambda m: (m.delegate.full_name, m.pk))]
        if spec.lead in (Lead.COUNCIL, Lead.STANDING):
            chosen.append((Role.MEMBER, None, FRONT_MEMBER))
        chosen.append((Role.SECRETARY, None, rng.choice(SECRETARIES)))
        return chosen

    # Documents

    def documents(self, spec: DemoActivity, activity: OversightActivity, rng: random.Random) -> None:
        reached = OversightActivity.ORDER.index(spec.state)
        at = OversightActivity.ORDER.index
        sign = BODY_SIGN[spec.committee or spec.lead]
        subject = _lower_first(activity.title)
        start, end = activity.period_start, activity.period_end
        planned_on = self.workday(activity.decision_date + 2 * DAY)
        # (kind, number and symbol, title, issued on, agency): the plan when the delegation is set up, the
        # outline when the agencies are notified, their reports during fieldwork, the final report last.
        rows = []
        if reached >= at(State.ESTABLISHED):
            rows.append(
                (
                    ActivityDocument.Kind.PLAN,
                    f"{rng.randint(10, 160)}/KH-{sign}",
                    f"Kế hoạch {subject}",
                    planned_on,
                    None,
                )
            )
        if reached >= at(State.NOTIFIED):
            rows.append(
                (ActivityDocument.Kind.OUTLINE, "", f"Đề cương báo cáo phục vụ {subject}", planned_on, None)
            )
        if reached >= at(State.FIELDWORK):
            for n, name in enumerate(spec.reports):
                issued = self.workday(min(start + (6 + 3 * n) * DAY, self.today))
                agency_sign = AGENCY_SIGN.get(name, "UBND")
                rows.append(
                    (
                        ActivityDocument.Kind.AGENCY_REPORT,
                        f"{rng.randint(20, 480)}/BC-{agency_sign}",
                        f"Báo cáo của {name} phục vụ {subject}",
                        issued,
                        self.agencies[name],
                    )
                )
        if reached >= at(State.REVIEWED):
            reported = self.workday(self.day(spec.reported) if spec.reported else end + 10 * DAY)
            rows.append(
                (
                    ActivityDocument.Kind.FINAL_REPORT,
                    f"{rng.randint(10, 260)}/BC-{sign}",
                    f"Báo cáo kết quả {subject}",
                    reported,
                    None,
                )
            )
        for kind, symbol, title, issued_on, agency in rows:
            document_add(
                activity,
                actor=self.office,
                kind=kind,
                symbol=symbol,
                title=title[:400],
                issued_on=issued_on,
                agency=agency,
            )

    # Follow-ups

    def take(self, followup: FollowUp, action: str, *args) -> None:
        agency = self.respondent if followup.agency.name == RESPONDENT_AGENCY else None
        if action == "progress":
            progress, text = args
            followup_answer(followup, actor=agency, status="in_progress", progress=progress, text=text)
        elif action == "done":
            followup_answer(followup, actor=agency, status="done", text=args[0])
        elif action == "cannot":
            text, explanation = args
            followup_answer(followup, actor=agency, status="cannot_do", text=text, explanation=explanation)
        elif action == "verify":
            outcome, text, *close = args
            followup_verify(
                followup, actor=self.office, outcome=outcome, text=text, close=close[0] if close else None
            )
        else:
            raise ValueError(f"Unknown demo step {action!r}")
        # The services re-read the row under a lock; refresh so the next step sees their changes.
        followup.refresh_from_db()

    def recommend(self, activity: OversightActivity, spec: Rec) -> None:
        assigned = self.workday(self.day(spec.assigned))
        due = max(self.day(spec.due), assigned) if spec.due is not None else None
        recommendation = recommendation_add(
            activity,
            actor=self.office,
            text=spec.text,
            agency=self.agencies[spec.agency],
            assigned_date=assigned,
            due_date=due,
            conclusion=spec.conclusion,
            report_to_leadership=spec.leadership,
        )
        followup = recommendation.followups.get()
        for step in spec.steps:
            self.take(followup, *step)

    # Activities

    def path(self, spec: DemoActivity) -> tuple[list[str], list[str]]:
        """The states to move through before the recommendations are written, and after them."""
        order = OversightActivity.ORDER
        reported = order.index(State.REPORTED)
        target = order.index(spec.state)
        if target <= reported:
            return order[1 : target + 1], []
        if spec.state == State.RESOLUTION:
            after = [State.RESOLUTION]
        elif spec.via_resolution:
            after = [State.RESOLUTION, State.MONITORING] + (
                [State.CLOSED] if spec.state == State.CLOSED else []
            )
        else:  # monitored or closed straight after reporting
            after = [spec.state]
        return order[1 : reported + 1], after

    def create(self, spec: DemoActivity, programme: OversightProgram | None, rng: random.Random) -> None:
        start, end = self.day(spec.start), self.day(spec.end)
        data = {
            "program": programme,
            "title": spec.title,
            "period_start": start,
            "period_end": end,
            "scope": spec.scope,
            "lead_body": spec.lead,
            "committee": self.committees[spec.committee] if spec.committee else None,
            "group": None,
        }
        decided = self.workday(self.day(spec.decided)) if spec.decided is not None else None
        if spec.group:
            term = self.term_on(decided or start) or self.terms[-1]
            data["group"] = DelegateGroup.objects.get(
                term=term, name__startswith=f"Tổ đại biểu số {spec.group} –"
            )
        if spec.parent:
            parent = OversightActivity.objects.get(council=self.council, title=normalize(spec.parent))
            activity = re_oversight_open(parent, actor=self.office, **data)
        else:
            resolutions = [
                r
                for r in Resolution.objects.filter(
                    council=self.council, symbol__in=[normalize(s) for s in spec.resolutions]
                ).select_related("vote")
                if hasattr(r, "vote") and r.vote.passed
            ]
            activity = activity_create(
                actor=self.office,
                council=self.council,
                kind=spec.kind,
                agencies=[self.agencies[name] for name in spec.agencies],
                resolutions=resolutions,
                **data,
            )
        if spec.state == State.PLANNED:
            return
        for role, mandate, outside in self.delegation(spec, activity, decided, rng):
            member_add(activity, actor=self.office, role=role, mandate=mandate, outside_member=outside)
        before, after = self.path(spec)
        for state in before:
            extra = (
                {"decision": spec.decision, "decision_date": decided} if state == State.ESTABLISHED else {}
            )
            activity = activity_advance(activity, actor=self.office, to=state, **extra)
        self.documents(spec, activity, rng)
        for survey in spec.surveys:
            survey_add(
                activity,
                actor=self.office,
                date=self.workday(self.day(survey.day), low=start, high=min(end, self.today)),
                place=self.units[survey.place],
                place_detail=survey.place_detail,
                agencies=[self.agencies[name] for name in survey.agencies],
                participants=survey.participants,
                findings=survey.findings,
            )
        for recommendation in spec.recommendations:
            self.recommend(activity, recommendation)
        for starts, fulfilled in spec.assessed:
            for carried in activity.recommendations.filter(carried_from__isnull=False):
                if carried.text.startswith(starts):
                    carried_assess(carried, actor=self.office, fulfilled=fulfilled)
        for state in after:
            activity = activity_advance(activity, actor=self.office, to=state)

    def accountability(self, spec: DemoAccountability) -> None:
        followup = None
        if spec.escalated_from:
            title, agency = spec.escalated_from
            followup = (
                FollowUp.objects.filter(
                    council=self.council,
                    source_type__model="recommendation",
                    source_id__in=Recommendation.objects.filter(
                        activity__council=self.council, activity__title=normalize(title)
                    ).values("pk"),
                    agency__name=agency,
                )
                .order_by("pk")
                .first()
            )
        day = self.workday(self.day(spec.day))
        session = accountability_create(
            actor=self.office,
            council=self.council,
            kind=spec.kind,
            topic=spec.topic,
            body=spec.body,
            committee=self.committees[spec.committee] if spec.committee else None,
            date=day,
            agencies=[self.agencies[name] for name in spec.agencies],
            summoned=spec.summoned,
            participants=spec.participants,
            from_followup=followup,
        )
        for conclusion in spec.conclusions:
            made = accountability_conclude(
                session,
                actor=self.office,
                text=conclusion.text,
                agency=self.agencies[conclusion.agency],
                due_date=max(self.day(conclusion.due), day),
            )
            followup = made.followups.get()
            for step in conclusion.steps:
                self.take(followup, *step)

    def run(self) -> int:
        if not self.terms:
            return 0
        programmes = self.programmes()
        # One seed per activity, drawn for all of them in order, so what one holds does not depend on which
        # others exist.
        rng = random.Random(2025)
        seeds = [rng.getrandbits(64) for _ in ACTIVITIES]
        existing = set(OversightActivity.objects.filter(council=self.council).values_list("title", flat=True))
        created = 0
        for spec, seed in zip(ACTIVITIES, seeds, strict=True):
            if normalize(spec.title) in existing:
                continue
            self.create(spec, programmes.get(spec.year), random.Random(seed))
            created += 1
        held = set(Accountability.objects.filter(council=self.council).values_list("kind", "topic"))
        for spec in ACCOUNTABILITY:
            if (spec.kind, normalize(spec.topic)) not in held:
                self.accountability(spec)
                created += 1
        return created


def seed_oversight(province: Council, *, with_users: bool) -> int:
    """Create the missing demo oversight of ``province``; return how many activities and sessions were
    created. Mail is suppressed: the demo agencies' addresses are invented."""
    office = User.objects.filter(username=OFFICE_USER).first() if with_users else None
    respondent = User.objects.filter(username=RESPONDENT_USER).first() if with_users else None
    with mail_suppressed():
        return OversightSeeder(province, office=office, respondent=respondent).run()


def oversight_summary(council: Council) -> str:
    """One line on the council's oversight: programmes, activities by stage, surveys, recommendations."""
    activities = OversightActivity.objects.filter(council=council).aggregate(
        total=Count("pk"),
        planned=Count("pk", filter=Q(state=State.PLANNED)),
        monitoring=Count("pk", filter=Q(state__in=[State.RESOLUTION, State.MONITORING])),
        closed=Count("pk", filter=Q(state=State.CLOSED)),
    )
    followups = FollowUp.objects.filter(council=council, source_type__model="recommendation")
    sessions = Accountability.objects.filter(council=council).aggregate(
        explanations=Count("pk", filter=Q(kind=Accountability.Kind.EXPLANATION)),
        hearings=Count("pk", filter=Q(kind=Accountability.Kind.HEARING)),
    )
    line = _(
        "Oversight of %(council)s: %(programmes)s programmes, %(activities)s activities (planned %(planned)s, "
        "under way %(under_way)s, monitored %(monitoring)s, closed %(closed)s), %(surveys)s survey visits, "
        "%(recommendations)s recommendations (open %(open)s, overdue %(overdue)s), %(explanations)s "
        "explanation sessions, %(hearings)s hearings"
    ) % {
        "council": council.short_name,
        "programmes": OversightProgram.objects.filter(council=council).count(),
        "activities": activities["total"],
        "planned": activities["planned"],
        "under_way": activities["total"]
        - activities["planned"]
        - activities["monitoring"]
        - activities["closed"],
        "monitoring": activities["monitoring"],
        "closed": activities["closed"],
        "surveys": SurveyVisit.objects.filter(activity__council=council).count(),
        "recommendations": followups.count(),
        "open": followups.open().count(),
        "overdue": followups.overdue(timezone.localdate()).count(),
        "explanations": sessions["explanations"],
        "hearings": sessions["hearings"],
    }
    return f"  {line}"
