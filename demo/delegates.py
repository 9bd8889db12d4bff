"""Demo delegate work for ``seed_demo``: training, group meetings, action programmes, evaluations, emulation.

Six training courses over the eighteen months before the run and one still to come, each with the delegates
in office on its first day invited and, once it has begun, their attendance (about 85 per cent, with the
reason for most absences); the demo delegate is invited to every course his mandate allows. Meetings of five
term XI delegate groups, the demo group leader's among them: a discussion of the documents a few days before
each session, a working meeting after the regular sessions to plan the voter meetings, a visit to the
families of war invalids and martyrs before 27 July (the latest four the group held, all kinds for the demo
group, some for the others); none in the future, with the members present drawn from those in the group on
the day. Action programmes of fifteen delegates in office (the demo delegate and the
whole demo group among them), three to five commitments each by field and commune of their constituency,
assessed for the year of the run by the delegates themselves, by the demo group for its members and by the
Standing Committee for a few, in all three outcomes. The council's six evaluation criteria (100 points); the
evaluation of twelve delegates for the year before the run (self, group and Standing Committee ratings and
points), and self-evaluations of four delegates, the demo delegate among them, for the year of the run. The
movement "Xứng đáng người Đại biểu nhân dân Đất Sen hồng" with the nominations for the year before the run —
delegates, a delegate group and collectives, commended (four of them introduced as models), not commended and
still proposed — and three proposals for the year of the run.

Everything is written through ``delegates.services``, never by a direct model write: by the demo Office
user, by a delegate's own account for his programme and self-assessment (the demo delegate, group leader and
chair have one), by the demo group leader for his group's meetings and assessments and by the demo chair for
the Standing Committee's assessments, ratings and commendation decisions. A course is looked up by (council,
title), a group meeting by (group, date, topic), a programme by its mandate, a commitment by (programme,
text), an assessment by (commitment, year, assessor), a criterion by (council, text), an evaluation by
(mandate, year), the movement by (council, name) and a nomination by (movement, year, nominee), and skipped
when it exists, so a second run creates nothing.

Course dates are relative to the day of the run; group meetings are tied to the sessions in the database and
the programmes and evaluations to the terms. Who is invited, present, assessed and evaluated is drawn with
generators seeded by name, so it does not depend on what else exists. Names of people come from the demo
roster; achievements, scores and numbers are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, Field, Term, User
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import (
    ActionCommitment,
    ActionProgram,
    Assessment,
    Assessor,
    CommitmentAssessment,
    DelegateEvaluation,
    DelegateGroup,
    EmulationMovement,
    EvaluationCriterion,
    GroupMeeting,
    GroupMembership,
    Mandate,
    Nomination,
    Rating,
    TrainingAttendance,
    TrainingCourse,
)
from delegates.services.work import (
    assessment_years,
    attendance_record,
    commitment_add,
    commitment_assess,
    course_create,
    course_invite,
    criterion_create,
    evaluation_open,
    evaluation_rate,
    group_meeting_create,
    movement_create,
    nomination_create,
    nomination_decide,
    program_save,
)
from demo.names import DEMO_DELEGATE, OFFICE_USER
from sessions.models import Session

D = dt.date
DAY = dt.timedelta(days=1)

GROUP_LEADER_USER = "totruong"
STANDING_USER = "thuongtruc"

OFFICE = "Văn phòng Đoàn ĐBQH và HĐND tỉnh"
HALL = "Hội trường Văn phòng Đoàn ĐBQH và HĐND tỉnh, phường Cao Lãnh"


def _rng(*parts: object) -> random.Random:
    """A generator seeded by name (string seeds hash the same in every process)."""
    return random.Random(":".join(str(p) for p in parts))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- Training ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Course:
    """A course starting ``day`` days from the run (negative: in the past), for ``days`` working days.

    ``invite`` 0 invites every delegate in office on the first day, otherwise that many drawn from them.
    """

    title: str
    day: int
    days: int
    organiser: str
    place: str  # "" for an online course
    description: str
    invite: int = 0


COURSES: tuple[Course, ...] = (
    Course(
        "Bồi dưỡng kỹ năng chất vấn và trả lời chất vấn tại kỳ họp HĐND",
        -500,
        2,
        "Viện Nghiên cứu lập pháp",
        HALL,
        "Ngày 1: quy định của pháp luật về chất vấn; cách chọn vấn đề, đặt câu hỏi ngắn gọn, đúng trọng tâm. "
        "Ngày 2: thực hành chất vấn, tranh luận và theo dõi việc thực hiện lời hứa sau chất vấn.",
        invite=38,
    ),
    Course(
        "Kỹ năng thẩm tra dự thảo nghị quyết, báo cáo trình kỳ họp",
        -405,
        1,
        OFFICE,
        HALL,
        "Quy trình thẩm tra của các Ban HĐND; phân tích tính hợp hiến, hợp pháp, tính khả thi và nguồn lực "
        "thực hiện của dự thảo nghị quyết; viết báo cáo thẩm tra.",
        invite=30,
    ),
    Course(
        "Chuyển đổi số trong hoạt động của HĐND",
        -300,
        1,
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp Sở Khoa học và Công nghệ",
        "",
        "Sử dụng phòng họp không giấy, chữ ký số và phần mềm theo dõi kiến nghị cử tri; bảo đảm an toàn "
        "thông tin khi khai thác tài liệu kỳ họp trên thiết bị di động.",
    ),
    Course(
        "Bồi dưỡng kiến thức, kỹ năng hoạt động cho đại biểu HĐND tỉnh",
        -215,
        3,
        "Trường Chính trị tỉnh Đồng Tháp phối hợp Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Trường Chính trị tỉnh Đồng Tháp, phường Cao Lãnh",
        "Vị trí, vai trò, nhiệm vụ và quyền hạn của đại biểu HĐND; quy chế hoạt động của HĐND tỉnh và của Tổ "
        "đại biểu; kỹ năng tham gia kỳ họp, giám sát và tiếp xúc cử tri.",
    ),
    Course(
        "Kỹ năng tiếp xúc cử tri và tiếp công dân",
        -130,
        2,
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp Thanh tra tỉnh",
        "Hội trường Trung tâm Hội nghị tỉnh, phường Cao Lãnh",
        "Tổ chức hội nghị tiếp xúc cử tri; lắng nghe, ghi nhận và trả lời ý kiến cử tri; tiếp công dân, "
        "phân loại và xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh.",
        invite=42,
    ),
    Course(
        "Kỹ năng giám sát chuyên đề và khảo sát thực tế",
        -45,
        1,
        OFFICE,
        HALL,
        "Xây dựng kế hoạch, đề cương giám sát; làm việc với đối tượng chịu sự giám sát; viết báo cáo kết quả "
        "giám sát và theo dõi việc thực hiện kiến nghị sau giám sát.",
        invite=32,
    ),
    Course(
        "Kỹ năng xem xét, quyết định dự toán ngân sách và kế hoạch đầu tư công",
        18,
        2,
        "Viện Nghiên cứu lập pháp phối hợp Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        HALL,
        "Đọc và phân tích báo cáo dự toán ngân sách; nguyên tắc, tiêu chí phân bổ vốn đầu tư công trung hạn; "
        "những vấn đề đại biểu cần lưu ý khi thảo luận, biểu quyết tại kỳ họp cuối năm.",
        invite=40,
    ),
)
ABSENCE_NOTES = (
    "Bận công tác đột xuất, có báo cáo xin vắng",
    "Ốm, có đơn xin nghỉ",
    "Đi công tác nước ngoài theo kế hoạch của cơ quan",
    "Trùng lịch tiếp công dân định kỳ tại địa phương",
    "Dự hội nghị của Tỉnh ủy",
    "Việc gia đình, có báo cáo Tổ trưởng",
)

# --- Group meetings ---------------------------------------------------------------------------------------

# Term XI groups (by number) whose own meetings are recorded, besides the demo group leader's.
MEETING_GROUPS = (1, 3, 4, 7, 10)
MEETINGS_PER_GROUP = 4  # the latest of those it held
DISCUSSION_NOTES = (
    "Tổ thống nhất các ý kiến góp ý vào báo cáo, dự thảo nghị quyết trình kỳ họp; phân công đại biểu phát "
    "biểu tại phiên thảo luận ở hội trường và đăng ký chất vấn về những vấn đề cử tri trong tổ quan tâm."
)
INAUGURAL_NOTES = (
    "Tổ thống nhất quy chế phối hợp hoạt động, phân công thành viên theo dõi từng xã, phường; chuẩn bị ý "
    "kiến về nhân sự và các nội dung trình kỳ họp thứ nhất."
)
WORKING_NOTES = (
    "Tổ phân công đại biểu tiếp xúc cử tri tại các xã, phường; thống nhất nội dung thông tin kết quả kỳ họp "
    "và cách tiếp nhận, tổng hợp kiến nghị của cử tri gửi Văn phòng."
)
VISIT_NOTES = (
    "Tổ đến thăm, tặng quà các gia đình chính sách, thương binh, thân nhân liệt sĩ trên địa bàn; ghi nhận "
    "tâm tư về chế độ trợ cấp và sửa chữa nhà ở để kiến nghị với cơ quan chức năng."
)

# --- Action programmes ------------------------------------------------------------------------------------

PROGRAMME_DELEGATES = 15
# (field, commitment, evidence that it was kept); "{unit}" is a commune or ward of the constituency.
COMMITMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "giao-thong",
        "Kiến nghị đầu tư nâng cấp, mở rộng các tuyến đường giao thông nông thôn và thay thế cầu yếu trên "
        "địa bàn {unit}.",
        "Kiến nghị đã được UBND tỉnh đưa vào kế hoạch đầu tư công; hai tuyến đường liên ấp ở {unit} đã được "
        "nâng cấp, thông xe.",
    ),
    (
        "nong-nghiep",
        "Đề xuất chính sách hỗ trợ nông dân liên kết sản xuất, tiêu thụ lúa và trái cây; phát triển hợp tác "
        "xã kiểu mới ở {unit}.",
        "Tỉnh đã ban hành chính sách hỗ trợ liên kết sản xuất theo kiến nghị; {unit} có thêm hai hợp tác xã "
        "tham gia chuỗi liên kết tiêu thụ lúa.",
    ),
    (
        "y-te",
        "Theo dõi, kiến nghị bảo đảm đủ thuốc bảo hiểm y tế và nâng chất lượng khám chữa bệnh tại trạm y tế "
        "{unit}.",
        "Sở Y tế đã bổ sung thuốc trong danh mục bảo hiểm y tế và cử bác sĩ luân phiên về trạm y tế {unit}.",
    ),
    (
        "giao-duc",
        "Vận động nguồn lực sửa chữa phòng học, xây nhà vệ sinh đạt chuẩn cho các điểm trường lẻ ở {unit}.",
        "Doanh nghiệp tài trợ và tỉnh bố trí vốn sửa chữa 6 phòng học, xây 2 nhà vệ sinh tại điểm trường lẻ "
        "ở {unit}.",
    ),
    (
        "moi-truong",
        "Kiến nghị xử lý dứt điểm điểm sạt lở bờ sông và tình trạng ô nhiễm kênh rạch do rác thải sinh hoạt "
        "ở {unit}.",
        "Điểm sạt lở đã được gia cố bằng kè tạm; {unit} tổ chức thu gom rác tập trung, kênh rạch được nạo "
        "vét.",
    ),
    (
        "dat-dai",
        "Theo dõi, đôn đốc giải quyết các hồ sơ cấp giấy chứng nhận quyền sử dụng đất tồn đọng của người dân "
        "{unit}.",
        "Qua giám sát của đại biểu, hơn 120 hồ sơ tồn đọng ở {unit} đã được cấp giấy chứng nhận.",
    ),
    (
        "chinh-sach-xa-hoi",
        "Chăm lo gia đình chính sách, hộ nghèo, hộ cận nghèo; vận động xây dựng nhà tình nghĩa, nhà đại đoàn "
        "kết ở {unit}.",
        "Đã vận động xây dựng, bàn giao 5 căn nhà đại đoàn kết cho hộ nghèo ở {unit}.",
    ),
    (
        "lao-dong-viec-lam",
        "Kiến nghị mở các lớp đào tạo nghề, kết nối việc làm cho lao động nông thôn và thanh niên {unit}.",
        "Tỉnh đã mở 3 lớp đào tạo nghề ngắn hạn tại {unit}; hơn 90 lao động được giới thiệu việc làm.",
    ),
    (
        "an-ninh-trat-tu",
        "Phối hợp giữ gìn an ninh trật tự, phòng chống tội phạm và tệ nạn ma túy trong thanh thiếu niên ở "
        "{unit}.",
        "Mô hình tự quản về an ninh trật tự được nhân rộng ở {unit}; số vụ phạm pháp hình sự giảm so với năm "
        "trước.",
    ),
    (
        "van-hoa-du-lich",
        "Đề xuất phát triển du lịch sinh thái, du lịch nông nghiệp gắn với làng nghề truyền thống ở {unit}.",
        "Đề xuất được đưa vào kế hoạch phát triển du lịch của tỉnh; điểm du lịch cộng đồng đầu tiên của "
        "{unit} đã đón khách.",
    ),
    (
        "xay-dung",
        "Kiến nghị cải tạo hệ thống thoát nước, chống ngập các khu dân cư thường ngập khi triều cường ở "
        "{unit}.",
        "Hệ thống cống thoát nước các khu dân cư ở {unit} đã được cải tạo, không còn ngập sau mưa lớn.",
    ),
    (
        "tai-chinh-ngan-sach",
        "Giám sát việc phân bổ, giải ngân vốn đầu tư công cho các công trình trên địa bàn {unit}; kiến nghị "
        "xử lý công trình chậm tiến độ.",
        "Các công trình chậm tiến độ ở {unit} đã được điều chuyển vốn; tỷ lệ giải ngân đạt trên 95%.",
    ),
)
GENERAL_COMMITMENT = (
    "Tiếp xúc cử tri đầy đủ trước và sau mỗi kỳ họp, tiếp công dân định kỳ hằng tháng; phản ánh trung thực, "
    "kịp thời ý kiến, kiến nghị của cử tri đến HĐND tỉnh.",
    "Đã dự đầy đủ các đợt tiếp xúc cử tri và tiếp công dân định kỳ; kiến nghị của cử tri được tổng hợp, "
    "chuyển cơ quan có thẩm quyền giải quyết.",
)
PENDING_NOTE = {
    Assessment.IN_PROGRESS: "Đã kiến nghị với cơ quan có thẩm quyền; đang được xem xét, bố trí nguồn lực "
    "thực hiện.",
    Assessment.NOT_KEPT: "Chưa thực hiện được do chưa bố trí được nguồn lực; tiếp tục theo dõi, kiến nghị.",
}
CONFIRMED = {
    Assessor.SELF: "",
    Assessor.GROUP: "Tổ đại biểu kiểm tra thực tế, xác nhận: ",
    Assessor.STANDING: "Thường trực HĐND tỉnh xác nhận qua giám sát: ",
}
# Delegates (besides the demo one) whose commitments the Standing Committee assesses, and who do not
# assess their own.
STANDING_ASSESSED = 4
NOT_SELF_ASSESSED = 3

# --- Evaluation -------------------------------------------------------------------------------------------

CRITERIA: tuple[tuple[str, int], ...] = (
    ("Tham dự đầy đủ các kỳ họp, phiên họp", 10),
    ("Tham gia thảo luận, chất vấn tại kỳ họp", 20),
    ("Tiếp xúc cử tri, tiếp công dân, giải quyết kiến nghị", 20),
    ("Tham gia giám sát, khảo sát", 20),
    ("Thực hiện chương trình hành động", 20),
    ("Học tập, bồi dưỡng", 10),
)
EVALUATED = 12
# The ratings of the year before the run, shuffled over the delegates evaluated.
TIERS = [Rating.EXCELLENT] * 3 + [Rating.GOOD] * 6 + [Rating.FULFILLED] * 2 + [Rating.NOT_FULFILLED]
# Share of the points, by rating.
BANDS = {
    Rating.EXCELLENT: (0.92, 0.97),
    Rating.GOOD: (0.78, 0.86),
    Rating.FULFILLED: (0.60, 0.70),
    Rating.NOT_FULFILLED: (0.38, 0.46),
}
COMMENTS = {
    Assessor.SELF: {
        Rating.EXCELLENT: "Tham dự đầy đủ các kỳ họp, phiên họp; tích cực thảo luận, chất vấn; tiếp xúc cử "
        "tri, tiếp công dân đúng quy định và theo dõi đến cùng việc giải quyết kiến nghị; tham gia đầy đủ "
        "các đoàn giám sát, khảo sát.",
        Rating.GOOD: "Tham dự đầy đủ các kỳ họp; tham gia thảo luận ở tổ và hội trường; tiếp xúc cử tri theo "
        "kế hoạch; còn ít tham gia chất vấn do bận công tác chuyên môn.",
        Rating.FULFILLED: "Tham dự các kỳ họp, vắng một phiên có lý do; tham gia tiếp xúc cử tri chưa đều; "
        "chưa chất vấn tại kỳ họp.",
        Rating.NOT_FULFILLED: "Vắng nhiều phiên họp và đợt tiếp xúc cử tri do điều kiện công tác; nhiều cam "
        "kết trong chương trình hành động chưa thực hiện được.",
    },
    Assessor.GROUP: {
        Rating.EXCELLENT: "Đại biểu gương mẫu, trách nhiệm, là nòng cốt trong các hoạt động của Tổ; nhiều ý "
        "kiến thảo luận, chất vấn được cử tri đánh giá cao.",
        Rating.GOOD: "Đại biểu tham gia đầy đủ hoạt động của Tổ, phối hợp tốt trong tiếp xúc cử tri; cần "
        "tham gia chất vấn nhiều hơn.",
        Rating.FULFILLED: "Đại biểu hoàn thành nhiệm vụ; tham gia hoạt động của Tổ chưa đều, ý kiến tại kỳ "
        "họp còn ít.",
        Rating.NOT_FULFILLED: "Đại biểu vắng nhiều hoạt động của Tổ, không báo cáo kết quả thực hiện chương "
        "trình hành động.",
    },
    Assessor.STANDING: {
        Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ đại biểu; đề nghị biểu dương, khen thưởng.",
        Rating.GOOD: "Hoàn thành tốt nhiệm vụ đại biểu.",
        Rating.FULFILLED: "Hoàn thành nhiệm vụ; cần tích cực hơn trong thảo luận, chất vấn và giám sát.",
        Rating.NOT_FULFILLED: "Chưa hoàn thành nhiệm vụ; đề nghị đại biểu khắc phục, báo cáo với Thường trực "
        "HĐND tỉnh.",
    },
}
SELF_EVALUATED_NOW = 3  # besides the demo delegate

# --- Emulation --------------------------------------------------------------------------------------------

MOVEMENT = "Xứng đáng người Đại biểu nhân dân Đất Sen hồng"
MOVEMENT_LAUNCHED = D(2021, 7, 27)
MOVEMENT_CRITERIA = (
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; giữ gìn phẩm chất đạo đức, "
    "lối sống\n"
    "Tham dự đầy đủ các kỳ họp; tích cực thảo luận, chất vấn, góp phần nâng cao chất lượng nghị quyết của "
    "HĐND tỉnh\n"
    "Gắn bó, lắng nghe cử tri; tiếp xúc cử tri, tiếp công dân, theo dõi đến cùng việc giải quyết kiến nghị\n"
    "Tích cực tham gia giám sát, khảo sát; kiến nghị xử lý được những vấn đề bức xúc ở cơ sở\n"
    "Thực hiện tốt chương trình hành động đã hứa với cử tri và nhiệm vụ tại cơ quan, đơn vị công tác"
)
STANDING_DECISION = "12/QĐ-HĐND"
PROVINCE_DECISION = "215/QĐ-UBND"
INDIVIDUAL_REASON = {
    Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ đại biểu năm {year}: tham dự đầy đủ các kỳ họp, có nhiều "
    "ý kiến thảo luận, chất vấn chất lượng; theo dõi đến cùng việc giải quyết kiến nghị của cử tri; thực "
    "hiện tốt chương trình hành động.",
    Rating.GOOD: "Hoàn thành tốt nhiệm vụ đại biểu năm {year}; tích cực tiếp xúc cử tri, tham gia các đoàn "
    "giám sát, khảo sát của HĐND tỉnh.",
}
GROUP_REASON = (
    "Tổ tổ chức đầy đủ các hội nghị tiếp xúc cử tri trước và sau kỳ họp năm {year}; thảo luận tài liệu kỳ "
    "họp có chất lượng; chủ trì giám sát chuyên đề, kiến nghị được các cơ quan tiếp thu, giải quyết."
)
WEAK_GROUP_REASON = (
    "Tổ duy trì sinh hoạt định kỳ, tổ chức tiếp xúc cử tri theo kế hoạch năm {year}; tham gia giám sát việc "
    "giải quyết kiến nghị cử tri tại địa phương."
)
OFFICE_REASON = (
    "Tham mưu, phục vụ chu đáo các kỳ họp, hoạt động giám sát và tiếp xúc cử tri năm {year}; triển khai "
    "phòng họp không giấy và phần mềm theo dõi kiến nghị cử tri."
)
COMMITTEE_COLLECTIVE = "Ban Kinh tế - Ngân sách HĐND tỉnh"
COMMITTEE_REASON = (
    "Thẩm tra có chất lượng các báo cáo, dự thảo nghị quyết về kinh tế, ngân sách, đầu tư công năm {year}; "
    "chủ trì giám sát chuyên đề về phòng, chống sạt lở."
)
CURRENT_REASON = (
    "Tích cực tham gia kỳ họp, tiếp xúc cử tri và giám sát từ đầu năm {year}; thực hiện tốt các cam kết "
    "trong chương trình hành động."
)


# --- Writing ----------------------------------------------------------------------------------------------


class WorkSeeder:
    def __init__(
        self,
        council: Council,
        *,
        office: User | None,
        leader: User | None,
        standing: User | None,
    ):
        self.council, self.office, self.leader, self.standing = council, office, leader, standing
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 800 * DAY, self.today + 400 * DAY)
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        self.demo_delegate = list(
            Mandate.objects.filter(council=council, delegate__user__username=DEMO_DELEGATE)
        )
        self.leader_memberships = list(
            GroupMembership.objects.filter(
                group__council=council,
                mandate__delegate__user__username=GROUP_LEADER_USER,
                role=GroupMembership.Role.LEADER,
            ).select_related("group")
        )

    # Dates and people

    def workday(self, day: dt.date, *, forward: bool = False) -> dt.date:
        while not self.calendar.is_working_day(day):
            day += DAY if forward else -DAY
        return day

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    def mandates_on(self, day: dt.date) -> list[Mandate]:
        term = self.term_on(day)
        if term is None:
            return []
        mandates = Mandate.objects.filter(council=self.council, term=term).active_on(day)
        return sorted(mandates.select_related("delegate", "term"), key=lambda m: (m.delegate.full_name, m.pk))

    def leader_group_on(self, day: dt.date) -> DelegateGroup | None:
        return next(
            (
                m.group
                for m in self.leader_memberships
                if m.start_date <= day and (m.end_date is None or m.end_date >= day)
            ),
            None,
        )

    def group_members(self, group: DelegateGroup, day: dt.date) -> list[GroupMembership]:
        return sorted(
            GroupMembership.objects.filter(group=group).active_on(day).select_related("mandate__delegate"),
            key=lambda m: (m.mandate.delegate.full_name, m.pk),
        )

    def own(self, mandate: Mandate) -> User | None:
        """The delegate's own account when he has one (and the demo has users), else the Office."""
        if self.office is not None and mandate.delegate.user_id:
            return mandate.delegate.user
        return self.office

    def group_actor(self, mandate: Mandate, day: dt.date) -> User | None:
        group = self.leader_group_on(day)
        if group is not None and any(m.mandate_id == mandate.pk for m in self.group_members(group, day)):
            return self.leader or self.office
        return self.office

    # Training

    def course_dates(self, spec: Course) -> tuple[dt.date, dt.date]:
        start = self.workday(self.today + spec.day * DAY, forward=spec.day > 0)
        if spec.day > 0 and start <= self.today:
            start = self.workday(self.today + DAY, forward=True)
        end = self.calendar.shift(start, spec.days - 1) if spec.days > 1 else start
        return start, end

    def course(self, spec: Course, existing: TrainingCourse | None) -> None:
        course = existing
        if course is None:
            start, end = self.course_dates(spec)
            course = course_create(
                actor=self.office,
                council=self.council,
                title=spec.title,
                start_date=start,
                end_date=end,
                organiser=spec.organiser,
                place=spec.place,
                online=not spec.place,
                description=spec.description,
            )
            pool = self.mandates_on(start)
            rng = _rng("course", spec.title, "invite")
            invited = pool if not spec.invite else rng.sample(pool, min(spec.invite, len(pool)))
            invited += [m for m in self.demo_delegate if m.is_active_on(start) and m not in invited]
            course_invite(course, actor=self.office, mandates=sorted(invited, key=lambda m: m.pk))
        attendances = list(course.attendances.select_related("mandate__delegate").order_by("pk"))
        started = course.start_date <= self.today
        if not started or not attendances or any(a.attended for a in attendances):
            return
        rng = _rng("course", spec.title, "attendance")
        rate = rng.uniform(0.8, 0.9)
        demo = {m.pk for m in self.demo_delegate}
        attended, notes = [], {}
        for attendance in attendances:
            if attendance.mandate_id in demo or rng.random() < rate:
                attended.append(attendance.pk)
            elif rng.random() < 0.75:
                notes[attendance.pk] = rng.choice(ABSENCE_NOTES)
        attendance_record(course, actor=self.office, attended_ids=attended, notes=notes)

    def courses(self) -> None:
        existing = {c.title: c for c in TrainingCourse.objects.filter(council=self.council)}
        for spec in COURSES:
            self.course(spec, existing.get(normalize(spec.title)))

    # Group meetings

    def meeting_plan(self, group: DelegateGroup) -> list[tuple[str, str, dt.date, str, str]]:
        """(key, kind, date, topic, conclusions) of the meetings the group could have held by today."""
        term = group.term
        plan = []
        Kind = GroupMeeting.Kind
        for session in Session.objects.filter(council=self.council, term=term).order_by("start_date"):
            before = self.workday(session.start_date - 4 * DAY)
            if before < term.start_date:
                before = self.workday(term.start_date, forward=True)
            if session.kind == Session.Kind.INAUGURAL:
                topic = f"Chuẩn bị {session.title or 'kỳ họp thứ nhất'}: quy chế hoạt động của Tổ, nhân sự"
                plan.append((f"s{session.pk}-before", Kind.DISCUSSION, before, topic, INAUGURAL_NOTES))
            else:
                topic = f"Thảo luận báo cáo, dự thảo nghị quyết trình {session.title or 'kỳ họp'}"
                plan.append((f"s{session.pk}-before", Kind.DISCUSSION, before, topic, DISCUSSION_NOTES))
            if session.kind == Session.Kind.REGULAR:
                after = self.workday(session.end_date + 10 * DAY)
                topic = f"Triển khai tiếp xúc cử tri sau {session.title or 'kỳ họp'}"
                plan.append((f"s{session.pk}-after", Kind.WORKING, after, topic, WORKING_NOTES))
        for year in range(term.start_date.year, self.today.year + 1):
            visit = self.workday(D(year, 7, 20))
            if term.start_date <= visit <= term.end_date:
                topic = (
                    f"Thăm, tặng quà gia đình chính sách nhân kỷ niệm {year - 1947} năm Ngày Thương binh – "
                    "Liệt sĩ (27/7)"
                )
                plan.append((f"visit-{year}", Kind.OTHER, visit, topic, VISIT_NOTES))
        return sorted((p for p in plan if p[2] <= self.today), key=lambda p: p[2])

    def group_meetings(self) -> None:
        term = self.term_on(self.today)
        if term is None:
            return
        groups = [
            g
            for g in DelegateGroup.objects.filter(term=term).select_related("term")
            if any(g.name.startswith(f"Tổ đại biểu số {n} –") for n in MEETING_GROUPS)
        ]
        mine = self.leader_group_on(self.today)
        if mine is not None and mine not in groups:
            groups.append(mine)
        for group in sorted(groups, key=lambda g: g.pk):
            ours = group == mine
            chance = {GroupMeeting.Kind.DISCUSSION: 0.85, GroupMeeting.Kind.WORKING: 0.6}
            held = [
                p
                for p in self.meeting_plan(group)
                if ours or _rng("group", group.name, p[0]).random() < chance.get(p[1], 0.4)
            ]
            for key, kind, day, topic, notes in held[-MEETINGS_PER_GROUP:]:
                rng = _rng("group", group.name, key, "present")
                if GroupMeeting.objects.filter(group=group, date=day, topic=normalize(topic)).exists():
                    continue
                members = self.group_members(group, day)
                present = [
                    m.mandate for m in members if m.role == GroupMembership.Role.LEADER or rng.random() < 0.85
                ]
                group_meeting_create(
                    group,
                    actor=(self.leader or self.office) if ours else self.office,
                    attendees=present,
                    kind=kind,
                    date=day,
                    topic=topic,
                    notes=notes,
                )

    # Action programmes

    def programme_mandates(self) -> list[Mandate]:
        pool = self.mandates_on(self.today)
        if not pool:
            return []
        chosen = [m for m in pool if m in self.demo_delegate]
        group = self.leader_group_on(self.today)
        if group is not None:
            chosen += [m.mandate for m in self.group_members(group, self.today) if m.mandate not in chosen]
        others = [m for m in pool if m not in chosen]
        rng = _rng("programmes", pool[0].term.number)
        chosen += rng.sample(others, max(0, min(len(others), PROGRAMME_DELEGATES - len(chosen))))
        return chosen

    def commitment_plan(self, mandate: Mandate) -> list[tuple[str, str, object, object]]:
        """(text, evidence, field, commune) of the delegate's commitments."""
        rng = _rng("commitments", mandate.delegate.full_name, mandate.term.number)
        units = (
            sorted(mandate.constituency.admin_units.all(), key=lambda u: u.name)
            if mandate.constituency_id
            else []
        )
        count = rng.randint(3, 5)
        plan = []
        if rng.random() < 0.5:
            plan.append((*GENERAL_COMMITMENT, None, None))
        for field_code, text, evidence in rng.sample(COMMITMENTS, count - len(plan)):
            unit = rng.choice(units) if units else None
            where = _lower_first(unit.name) if unit else "địa bàn đơn vị bầu cử"
            plan.append(
                (text.format(unit=where), evidence.format(unit=where), self.fields.get(field_code), unit)
            )
        return plan

    def assess(self, commitment: ActionCommitment, *, year: int, by: str, status: str, evidence: str, actor):
        if CommitmentAssessment.objects.filter(commitment=commitment, year=year, by=by).exists():
            return
        if status == Assessment.KEPT:
            note = CONFIRMED[by] + (_lower_first(evidence) if CONFIRMED[by] else evidence)
        else:
            note = PENDING_NOTE[status]
        commitment_assess(commitment, actor=actor, year=year, by=by, status=status, evidence=note)

    def programmes(self) -> None:
        mandates = self.programme_mandates()
        if not mandates:
            return
        year = self.today.year
        group = self.leader_group_on(self.today)
        group_mandates = {m.mandate_id for m in self.group_members(group, self.today)} if group else set()
        rng = _rng("assessed", mandates[0].term.number)
        others = [m for m in mandates if m not in self.demo_delegate]
        standing = set(self.demo_delegate) | set(rng.sample(others, min(STANDING_ASSESSED, len(others))))
        unassessed = [m for m in others if m not in standing]
        silent = set(rng.sample(unassessed, min(NOT_SELF_ASSESSED, len(unassessed))))
        for mandate in mandates:
            actor = self.own(mandate)
            program = ActionProgram.objects.filter(mandate=mandate).first()
            plan = self.commitment_plan(mandate)
            if program is None:
                prng = _rng("programme", mandate.delegate.full_name, mandate.term.number)
                announced = self.workday(mandate.term.start_date - prng.randint(25, 40) * DAY)
                fields = [f.name.lower() for _t, _e, f, _u in plan if f is not None]
                program = program_save(
                    mandate,
                    actor=actor,
                    announced_on=announced,
                    summary="Chương trình hành động trình bày với cử tri tại hội nghị tiếp xúc cử tri vận "
                    f"động bầu cử; tập trung vào {', '.join(fields[:3]) or 'công tác tiếp xúc cử tri'}.",
                )
            have = {c.text: c for c in program.commitments.all()}
            commitments = []
            for text, evidence, field, unit in plan:
                commitment = have.get(normalize(text)) or commitment_add(
                    program, actor=actor, text=text, field=field, admin_unit=unit
                )
                commitments.append((commitment, evidence))
            if year not in assessment_years(mandate, self.today):
                continue
            arng = _rng("assessment", mandate.delegate.full_name, year)
            for commitment, evidence in commitments:
                own = arng.choices(
                    [Assessment.KEPT, Assessment.IN_PROGRESS, Assessment.NOT_KEPT], weights=[35, 50, 15]
                )[0]
                stricter = {
                    Assessment.KEPT: Assessment.KEPT if arng.random() < 0.75 else Assessment.IN_PROGRESS,
                    Assessment.IN_PROGRESS: (
                        Assessment.IN_PROGRESS if arng.random() < 0.8 else Assessment.NOT_KEPT
                    ),
                    Assessment.NOT_KEPT: Assessment.NOT_KEPT,
                }[own]
                found = {"commitment": commitment, "year": year, "evidence": evidence}
                if mandate not in silent:
                    self.assess(**found, by=Assessor.SELF, status=own, actor=actor)
                if mandate.pk in group_mandates:
                    self.assess(**found, by=Assessor.GROUP, status=stricter, actor=self.leader or self.office)
                if mandate in standing:
                    self.assess(
                        **found, by=Assessor.STANDING, status=stricter, actor=self.standing or self.office
                    )

    # Evaluation

    def criteria(self) -> dict[int, int]:
        """Create the missing criteria; return {pk: maximum points} of those in use."""
        have = set(EvaluationCriterion.objects.filter(council=self.council).values_list("text", flat=True))
        for order, (text, points) in enumerate(CRITERIA, start=1):
            if normalize(text) not in have:
                criterion_create(
                    actor=self.office, council=self.council, order=order, text=text, max_points=points
                )
        return dict(
            EvaluationCriterion.objects.filter(council=self.council, is_active=True).values_list(
                "pk", "max_points"
            )
        )

    @staticmethod
    def scores(criteria: dict[int, int], rating: str, rng: random.Random) -> dict[int, int]:
        low, high = BANDS[rating]
        share = rng.uniform(low, high)
        return {
            pk: max(0, min(top, round(top * (share + rng.uniform(-0.05, 0.05)))))
            for pk, top in criteria.items()
        }

    @staticmethod
    def in_mandate(mandate: Mandate, year: int) -> bool:
        last = (mandate.end_date or mandate.term.end_date).year
        return mandate.start_date.year <= year <= last

    def evaluation_plan(self, year: int) -> list[tuple[Mandate, str]]:
        """The delegates evaluated for ``year`` (those in office at its end) and the rating each deserves."""
        year_end = min(D(year, 12, 31), self.today)
        pool = [m for m in self.mandates_on(year_end) if self.in_mandate(m, year)]
        if not pool:
            return []
        demo = [m for m in pool if m.delegate.user_id]
        rng = _rng("evaluated", year)
        others = [m for m in pool if m not in demo]
        chosen = demo + rng.sample(others, max(0, min(len(others), EVALUATED - len(demo))))
        tiers = list(TIERS)
        rng.shuffle(tiers)
        return [(m, tiers[n % len(tiers)]) for n, m in enumerate(chosen)]

    def evaluate(
        self, mandate: Mandate, year: int, tier: str, criteria: dict[int, int], *, parties: tuple[str, ...]
    ) -> None:
        if DelegateEvaluation.objects.filter(mandate=mandate, year=year).exists():
            return
        evaluation = evaluation_open(mandate, actor=self.office, year=year)
        rng = _rng("evaluation", mandate.delegate.full_name, year)
        up = {Rating.GOOD: Rating.EXCELLENT, Rating.NOT_FULFILLED: Rating.FULFILLED}
        day = min(D(year, 12, 31), self.today)
        for by in parties:
            rating = tier
            if by == Assessor.SELF and tier in up and rng.random() < 0.4:
                rating = up[tier]  # a delegate rates himself a step higher now and then
            actor = {
                Assessor.SELF: self.own(mandate),
                Assessor.GROUP: self.group_actor(mandate, day),
                Assessor.STANDING: self.standing or self.office,
            }[by]
            evaluation = evaluation_rate(
                evaluation,
                actor=actor,
                by=by,
                rating=rating,
                comment=COMMENTS[by][rating],
                scores=self.scores(criteria, rating, rng),
            )

    def evaluations(self, criteria: dict[int, int]) -> list[tuple[Mandate, str]]:
        previous = self.evaluation_plan(self.today.year - 1)
        for mandate, tier in previous:
            self.evaluate(
                mandate,
                self.today.year - 1,
                tier,
                criteria,
                parties=(Assessor.SELF, Assessor.GROUP, Assessor.STANDING),
            )
        year = self.today.year
        pool = [m for m in self.mandates_on(self.today) if self.in_mandate(m, year)]
        current = [m for m in pool if m in self.demo_delegate]
        others = [m for m in pool if m not in current and not m.delegate.user_id]
        rng = _rng("self-evaluated", year)
        current += rng.sample(others, min(SELF_EVALUATED_NOW, len(others)))
        for mandate in current:
            tier = rng.choice([Rating.EXCELLENT, Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.FULFILLED])
            self.evaluate(mandate, year, tier, criteria, parties=(Assessor.SELF,))
        return previous

    # Emulation

    def movement(self) -> EmulationMovement:
        found = EmulationMovement.objects.filter(council=self.council, name=normalize(MOVEMENT)).first()
        return found or movement_create(
            actor=self.office,
            council=self.council,
            name=MOVEMENT,
            launched_on=MOVEMENT_LAUNCHED,
            criteria=MOVEMENT_CRITERIA,
        )

    def nominate(
        self, movement: EmulationMovement, year: int, nominee: dict, reason: str, decide: dict | None
    ):
        lookup = {k: normalize(v) if isinstance(v, str) else v for k, v in nominee.items()}
        if Nomination.objects.filter(movement=movement, year=year, **lookup).exists():
            return
        nomination = nomination_create(
            movement, actor=self.office, year=year, reason=reason.format(year=year), **nominee
        )
        if decide:
            nomination_decide(nomination, actor=self.standing or self.office, **decide)

    def emulation(self, previous: list[tuple[Mandate, str]]) -> None:
        movement = self.movement()
        year = self.today.year - 1
        decided = min(self.workday(D(year + 1, 1, 16)), self.today)
        standing = {"decision": STANDING_DECISION, "decision_date": decided}
        commended = Nomination.State.COMMENDED
        rank = [Rating.EXCELLENT, Rating.GOOD, Rating.FULFILLED, Rating.NOT_FULFILLED]
        ranked = sorted(previous, key=lambda p: (rank.index(p[1]), p[0].delegate.full_name))
        excellent = [m for m, tier in ranked if tier == Rating.EXCELLENT]
        good = [m for m, tier in ranked if tier == Rating.GOOD]
        individual = Nomination.Kind.INDIVIDUAL
        for mandate in excellent:
            decide = {"state": commended, "award": Nomination.Award.TITLE, "exemplary": True, **standing}
            self.nominate(
                movement,
                year,
                {"kind": individual, "mandate": mandate},
                INDIVIDUAL_REASON[Rating.EXCELLENT],
                decide,
            )
        outcomes = (
            {"state": commended, "award": Nomination.Award.CERTIFICATE, **standing},
            {"state": Nomination.State.DECLINED},
            None,  # still proposed
        )
        for mandate, decide in zip(good, outcomes, strict=False):
            self.nominate(
                movement,
                year,
                {"kind": individual, "mandate": mandate},
                INDIVIDUAL_REASON[Rating.GOOD],
                decide,
            )
        term = self.term_on(min(D(year, 12, 31), self.today))
        if term is not None:
            groups = {g.name.split(" –")[0]: g for g in DelegateGroup.objects.filter(term=term)}
            first, fourth = groups.get("Tổ đại biểu số 1"), groups.get("Tổ đại biểu số 4")
            if first is not None:
                decide = {
                    "state": commended,
                    "award": Nomination.Award.CERTIFICATE,
                    "exemplary": True,
                    **standing,
                }
                self.nominate(
                    movement, year, {"kind": Nomination.Kind.GROUP, "group": first}, GROUP_REASON, decide
                )
            if fourth is not None:
                decide = {"state": Nomination.State.DECLINED}
                self.nominate(
                    movement,
                    year,
                    {"kind": Nomination.Kind.GROUP, "group": fourth},
                    WEAK_GROUP_REASON,
                    decide,
                )
        collective = Nomination.Kind.COLLECTIVE
        decide = {
            "state": commended,
            "award": Nomination.Award.PROVINCE_CERTIFICATE,
            "decision": PROVINCE_DECISION,
            "decision_date": min(self.workday(D(year + 1, 1, 23)), self.today),
        }
        self.nominate(movement, year, {"kind": collective, "collective": OFFICE}, OFFICE_REASON, decide)
        self.nominate(
            movement, year, {"kind": collective, "collective": COMMITTEE_COLLECTIVE}, COMMITTEE_REASON, None
        )
        # This year's proposals, not decided yet.
        year = self.today.year
        pool = [m for m in self.mandates_on(self.today) if m.start_date <= self.today]
        if pool:
            rng = _rng("proposed", year)
            for mandate in rng.sample(pool, min(2, len(pool))):
                self.nominate(movement, year, {"kind": individual, "mandate": mandate}, CURRENT_REASON, None)
            group = self.leader_group_on(self.today)
            if group is not None:
                self.nominate(
                    movement, year, {"kind": Nomination.Kind.GROUP, "group": group}, GROUP_REASON, None
                )

    def run(self) -> None:
        if not self.terms:
            return
        self.courses()
        self.group_meetings()
        self.programmes()
        criteria = self.criteria()
        previous = self.evaluations(criteria)
        self.emulation(previous)


def seed_delegate_work(province: Council, *, with_users: bool) -> None:
    """Create the missing demo training, group meetings, action programmes, evaluations and nominations."""

    def user(username: str) -> User | None:
        return User.objects.filter(username=username).first() if with_users else None

    WorkSeeder(
        province, office=user(OFFICE_USER), leader=user(GROUP_LEADER_USER), standing=user(STANDING_USER)
    ).run()


def delegate_work_summary(council: Council) -> str:
    """One line on delegate work: training, group meetings, programmes, evaluations, nominations."""
    today = timezone.localdate()
    courses = TrainingCourse.objects.filter(council=council)
    attendances = TrainingAttendance.objects.filter(course__council=council).aggregate(
        total=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    evaluations = DelegateEvaluation.objects.filter(mandate__council=council).aggregate(
        total=Count("pk"), rated=Count("pk", filter=~Q(standing_rating=""))
    )
    nominations = Nomination.objects.filter(movement__council=council).aggregate(
        total=Count("pk"),
        commended=Count("pk", filter=Q(state=Nomination.State.COMMENDED)),
        proposed=Count("pk", filter=Q(state=Nomination.State.PROPOSED)),
        exemplary=Count("pk", filter=Q(exemplary=True)),
    )
    line = _(
        "Delegate work of %(council)s: %(courses)s training courses (upcoming %(upcoming)s, %(invited)s "
        "invitations, attended %(attended)s), %(meetings)s group meetings, %(programmes)s action programmes "
        "(%(commitments)s commitments, %(assessments)s assessments), %(criteria)s evaluation criteria, "
        "%(evaluations)s evaluations (rated by the Standing Committee %(rated)s), %(nominations)s "
        "nominations (commended %(commended)s, exemplary %(exemplary)s, proposed %(proposed)s)"
    ) % {
        "council": council.short_name,
        "courses": courses.count(),
        "upcoming": courses.filter(start_date__gt=today).count(),
        "invited": attendances["total"],
        "attended": attendances["attended"],
        "meetings": GroupMeeting.objects.filter(group__council=council).count(),
        "programmes": ActionProgram.objects.filter(mandate__council=council).count(),
        "commitments": ActionCommitment.objects.filter(program__mandate__council=council).count(),
        "assessments": CommitmentAssessment.objects.filter(
            commitment__program__mandate__council=council
        ).count(),
        "criteria": EvaluationCriterion.objects.filter(council=council).count(),
        "evaluations": evaluations["total"],
        "rated": evaluations["rated"],
        "nominations": nominations["total"],
        "commended": nominations["commended"],
        "exemplary": nominations["exemplary"],
        "proposed": nominations["proposed"],
    }
    return f"  {line}"
