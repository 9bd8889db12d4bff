"""Demo interpellations and resolutions for ``seed_demo``: the Đồng Tháp council's term XI and 2025–2026.

Everything goes through ``sessions.services``, never a direct model write, inside ``mail_suppressed()``:
the commitments and resolution tasks open follow-ups with agencies whose addresses are invented. Rows are
looked up by their natural key first (an interpellation by its question within the council, a resolution by
its symbol) and skipped with all they hold when they exist, so a second run creates nothing.

Interpellations: at the held sessions of term XI that had an interpellation sitting (oral, answered on the
day of that sitting, with commitments, assessments and the chair's conclusion), and a few between sessions
(written, due by the rule "interpellation-written-answer" in force on the day submitted): one answered in
time, one past due without an answer, one not accepted, one draft of the demo delegate "daibieu".

Resolutions: adopted on the last day of the held sessions of 2025–2026, each with its vote (the service
stores the delegates in office); one of them did not pass. Some assign tasks, followed up with an agency.

Questions, answers, votes and tasks are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from council.models import Agency, Council, Field, Term, User
from council.services.followups import mail_suppressed
from council.text import normalize
from delegates.models import Mandate, StandingPosition
from sessions.models import AgendaItem, Interpellation, Resolution, Session, Sitting
from sessions.services import (
    commitment_add,
    delegates_in_office,
    interpellation_answer,
    interpellation_assess,
    interpellation_assign,
    interpellation_conclude,
    interpellation_draft,
    interpellation_reject,
    interpellation_submit,
    resolution_create,
    resolution_task_add,
    resolution_vote,
)

D = dt.date
DAY = dt.timedelta(days=1)
DEMO_DELEGATE = "daibieu"  # the demo account of an ordinary delegate

# Agencies, by their name in ``demo.council``, and who answers for them.
UBND_TINH = "Ủy ban nhân dân tỉnh"
Y_TE = "Sở Y tế"
GD_DT = "Sở Giáo dục và Đào tạo"
XAY_DUNG = "Sở Xây dựng"
NN_MT = "Sở Nông nghiệp và Môi trường"
TAI_CHINH = "Sở Tài chính"
BQL_KCN = "Ban Quản lý các khu công nghiệp tỉnh"
BHXH = "Bảo hiểm xã hội tỉnh"
RESPONDENT = {
    UBND_TINH: "Phó Chủ tịch UBND tỉnh",
    Y_TE: "Giám đốc Sở Y tế",
    GD_DT: "Giám đốc Sở Giáo dục và Đào tạo",
    XAY_DUNG: "Giám đốc Sở Xây dựng",
    NN_MT: "Giám đốc Sở Nông nghiệp và Môi trường",
    BQL_KCN: "Trưởng Ban Quản lý các khu công nghiệp tỉnh",
}

SAT = Interpellation.Satisfaction.SATISFIED
PARTLY = Interpellation.Satisfaction.PARTLY
UNSAT = Interpellation.Satisfaction.UNSATISFIED

# The term XI session whose interpellation sitting the oral questions were put at.
ORAL_SESSION = 3


@dataclass(frozen=True)
class Promise:
    text: str
    due: dt.date


@dataclass(frozen=True)
class DemoSlip:
    """An interpellation and how far its dossier goes.

    ``session`` is the term XI session number (oral) or None (between sessions, written). ``askers`` is how
    many term XI delegates are drawn to ask, besides the demo delegate when ``demo_delegate``. A slip
    stops where its data stops: ``draft`` never submitted, ``reject`` not accepted, no ``answer`` still
    waiting for one.
    """

    topic: str
    question: str
    agency: str
    field: str
    session: int | None
    submitted: dt.date | None
    askers: int = 1
    demo_delegate: bool = False
    draft: bool = False
    reject: str = ""
    answer: str = ""
    answer_days_early: int = 0  # a written answer: this many days before it is due
    satisfaction: str = ""
    # After an unsatisfied first verdict: a supplementary answer and the verdict on it.
    supplement: str = ""
    then: str = ""
    promises: tuple[Promise, ...] = ()
    conclusion: str = ""


SLIPS: tuple[DemoSlip, ...] = (
    # --- At the third session of term XI, oral, answered at the interpellation sitting -------------------
    DemoSlip(
        "Thiếu thuốc bảo hiểm y tế",
        "Thời gian qua nhiều trạm y tế xã và bệnh viện tuyến tỉnh thường xuyên thiếu thuốc thuộc danh mục "
        "bảo hiểm y tế, người bệnh phải tự bỏ tiền mua thuốc bên ngoài. Đề nghị Giám đốc Sở Y tế cho biết "
        "nguyên nhân, trách nhiệm và giải pháp bảo đảm đủ thuốc bảo hiểm y tế cho người bệnh?",
        Y_TE,
        "y-te",
        ORAL_SESSION,
        D(2026, 6, 24),
        askers=1,
        demo_delegate=True,
        answer="Nguyên nhân chính là gói thầu thuốc tập trung cấp tỉnh năm 2026 chậm lựa chọn nhà thầu do "
        "sắp xếp lại đơn vị mua sắm sau hợp nhất tỉnh; một số hoạt chất không có nhà thầu tham dự. Sở đã "
        "cho phép các cơ sở mua sắm bổ sung theo hình thức chỉ định thầu rút gọn và điều tiết thuốc giữa "
        "các đơn vị.",
        satisfaction=PARTLY,
        promises=(
            Promise(
                "Hoàn thành lựa chọn nhà thầu gói thuốc tập trung cấp tỉnh năm 2026, bảo đảm đủ thuốc bảo "
                "hiểm y tế tại các bệnh viện và trạm y tế xã",
                D(2026, 9, 30),
            ),
        ),
        conclusion="Đề nghị Giám đốc Sở Y tế khẩn trương hoàn thành đấu thầu thuốc tập trung, không để "
        "người bệnh bảo hiểm y tế phải tự mua thuốc; báo cáo kết quả tại kỳ họp cuối năm.",
    ),
    DemoSlip(
        "Quá tải Bệnh viện Đa khoa tỉnh",
        "Tình trạng quá tải, người bệnh phải nằm ghép tại Bệnh viện Đa khoa tỉnh kéo dài nhiều năm. Đề nghị "
        "Giám đốc Sở Y tế cho biết lộ trình đưa khu điều trị mới vào sử dụng và giải pháp giảm quá tải?",
        Y_TE,
        "y-te",
        ORAL_SESSION,
        D(2026, 6, 26),
        askers=2,
        answer="Khu điều trị nội trú 500 giường đã hoàn thành phần thô, đang lắp đặt thiết bị; Sở đã chỉ "
        "đạo tăng cường khám bệnh ngoài giờ và chuyển người bệnh ổn định về tuyến cơ sở.",
        satisfaction=SAT,
        promises=(
            Promise(
                "Đưa khu điều trị nội trú 500 giường của Bệnh viện Đa khoa tỉnh vào sử dụng", D(2026, 12, 31)
            ),
        ),
        conclusion="Ghi nhận cam kết của Giám đốc Sở Y tế; đề nghị bảo đảm tiến độ đưa khu điều trị mới "
        "vào hoạt động trong năm 2026.",
    ),
    DemoSlip(
        "Chậm thanh toán chi phí khám chữa bệnh bảo hiểm y tế",
        "Nhiều trạm y tế xã phản ánh chi phí khám chữa bệnh bảo hiểm y tế chậm được thanh toán, ảnh hưởng "
        "đến việc mua sắm thuốc và vật tư. Đề nghị Giám đốc Sở Y tế cho biết giải pháp tháo gỡ?",
        Y_TE,
        "y-te",
        ORAL_SESSION,
        D(2026, 6, 29),
        askers=1,
        answer="Sở đã phối hợp với Bảo hiểm xã hội tỉnh đối chiếu, tạm ứng 80% chi phí quý II cho các trạm "
        "y tế; phần còn lại thanh toán sau khi hoàn tất giám định.",
        satisfaction=SAT,
        conclusion="Đề nghị Sở Y tế phối hợp chặt chẽ với Bảo hiểm xã hội tỉnh, thanh toán dứt điểm chi phí "
        "khám chữa bệnh cho tuyến xã.",
    ),
    DemoSlip(
        "Trường học xuống cấp",
        "Nhiều phòng học tại các điểm trường tiểu học ở vùng Đồng Tháp Mười đã xuống cấp, thấm dột, không "
        "bảo đảm an toàn cho học sinh. Đề nghị Giám đốc Sở Giáo dục và Đào tạo cho biết kế hoạch sửa chữa, "
        "nguồn vốn và thời gian hoàn thành?",
        GD_DT,
        "giao-duc",
        ORAL_SESSION,
        D(2026, 6, 25),
        askers=2,
        answer="Toàn tỉnh còn 214 phòng học xuống cấp; Sở đã tham mưu UBND tỉnh bố trí vốn sự nghiệp giáo "
        "dục năm 2026 để sửa chữa trước, số còn lại đưa vào kế hoạch đầu tư công năm 2027.",
        satisfaction=SAT,
        promises=(
            Promise(
                "Sửa chữa xong các phòng học xuống cấp nguy hiểm trước năm học 2026–2027",
                D(2026, 8, 31),
            ),
        ),
        conclusion="Đề nghị Sở Giáo dục và Đào tạo ưu tiên sửa chữa các phòng học không bảo đảm an toàn "
        "trước khi bước vào năm học mới.",
    ),
    DemoSlip(
        "Thiếu giáo viên mầm non, tiểu học",
        "Năm học vừa qua nhiều trường mầm non, tiểu học thiếu giáo viên, phải ghép lớp hoặc hợp đồng ngắn "
        "hạn. Đề nghị Giám đốc Sở Giáo dục và Đào tạo cho biết vì sao chỉ tiêu biên chế được giao chưa "
        "tuyển đủ và giải pháp khắc phục?",
        GD_DT,
        "giao-duc",
        ORAL_SESSION,
        D(2026, 6, 30),
        askers=1,
        answer="Chỉ tiêu biên chế được giao bổ sung nhưng nguồn tuyển ở một số môn, vùng sâu còn thiếu; Sở "
        "đang phối hợp Sở Nội vụ tổ chức tuyển dụng đợt hai và hỗ trợ sinh viên sư phạm.",
        satisfaction=PARTLY,
        promises=(
            Promise("Tuyển dụng đủ chỉ tiêu giáo viên mầm non, tiểu học được giao năm 2026", D(2026, 12, 31)),
        ),
        conclusion="Đề nghị Sở Giáo dục và Đào tạo phối hợp Sở Nội vụ hoàn thành tuyển dụng trong năm, "
        "không để thiếu giáo viên đứng lớp.",
    ),
    DemoSlip(
        "Dạy thêm, học thêm trái quy định",
        "Cử tri phản ánh vẫn còn tình trạng giáo viên dạy thêm chính học sinh lớp mình ngoài nhà trường. Đề "
        "nghị Giám đốc Sở Giáo dục và Đào tạo cho biết kết quả kiểm tra, xử lý?",
        GD_DT,
        "giao-duc",
        ORAL_SESSION,
        D(2026, 7, 1),
        askers=1,
        answer="Qua kiểm tra, Sở đã xử lý 6 trường hợp vi phạm quy định về dạy thêm, học thêm và chỉ đạo "
        "các trường công khai đường dây nóng tiếp nhận phản ánh.",
        conclusion="Đề nghị tiếp tục kiểm tra, xử lý nghiêm vi phạm về dạy thêm, học thêm.",
    ),
    DemoSlip(
        "Tiến độ nâng cấp đường tỉnh ĐT 845",
        "Dự án nâng cấp, mở rộng đường tỉnh ĐT 845 đã nhiều lần điều chỉnh tiến độ, mặt đường hư hỏng gây "
        "mất an toàn giao thông. Đề nghị Giám đốc Sở Xây dựng cho biết nguyên nhân chậm tiến độ, trách "
        "nhiệm của chủ đầu tư, nhà thầu và thời điểm hoàn thành?",
        XAY_DUNG,
        "giao-thong",
        ORAL_SESSION,
        D(2026, 6, 24),
        askers=1,
        demo_delegate=True,
        answer="Dự án chậm do vướng mặt bằng tại một số đoạn qua khu dân cư và thiếu cát đắp nền; Sở đã "
        "yêu cầu nhà thầu tăng ca, thi công cuốn chiếu.",
        satisfaction=UNSAT,
        supplement="Làm rõ thêm: đã có văn bản nhắc nhở, đánh giá năng lực nhà thầu; phần mặt bằng còn "
        "lại được UBND các xã cam kết bàn giao trong tháng 8/2026; nếu nhà thầu tiếp tục chậm sẽ chấm dứt "
        "hợp đồng phần việc.",
        then=PARTLY,
        promises=(
            Promise("Thông xe kỹ thuật toàn tuyến nâng cấp đường tỉnh ĐT 845", D(2026, 12, 31)),
            Promise("Sửa chữa các đoạn mặt đường hư hỏng nặng trên ĐT 845 trước mùa mưa", D(2026, 8, 15)),
        ),
        conclusion="Đề nghị Sở Xây dựng kiểm điểm trách nhiệm chủ đầu tư, nhà thầu; báo cáo tiến độ ĐT 845 "
        "hằng tháng với Thường trực HĐND tỉnh.",
    ),
    DemoSlip(
        "Sạt lở bờ sông Tiền",
        "Tình trạng sạt lở bờ sông Tiền khu vực phường Hồng Ngự và xã Thanh Bình diễn biến phức tạp, đe dọa "
        "nhà cửa của hàng trăm hộ dân. Đề nghị Giám đốc Sở Nông nghiệp và Môi trường cho biết tiến độ các "
        "công trình kè và phương án di dời dân?",
        NN_MT,
        "moi-truong",
        ORAL_SESSION,
        D(2026, 6, 27),
        askers=3,
        answer="Tỉnh đã công bố tình huống khẩn cấp tại 3 điểm sạt lở, đang thi công kè bảo vệ bờ sông "
        "Tiền đoạn qua phường Hồng Ngự; 126 hộ trong vùng nguy hiểm được đưa vào kế hoạch di dời.",
        satisfaction=PARTLY,
        promises=(
            Promise(
                "Di dời các hộ dân trong vùng sạt lở đặc biệt nguy hiểm ven sông Tiền đến nơi an toàn",
                D(2026, 9, 15),
            ),
        ),
        conclusion="Đề nghị khẩn trương di dời dân ra khỏi vùng nguy hiểm trước mùa lũ và đẩy nhanh tiến "
        "độ thi công kè.",
    ),
    DemoSlip(
        "Ô nhiễm nước thải khu công nghiệp",
        "Người dân ven kênh gần các khu công nghiệp phản ánh nước thải có màu, mùi hôi, cá chết. Đề nghị "
        "Trưởng Ban Quản lý các khu công nghiệp tỉnh cho biết kết quả kiểm tra hệ thống xử lý nước thải "
        "tập trung và việc xử lý doanh nghiệp vi phạm?",
        BQL_KCN,
        "moi-truong",
        ORAL_SESSION,
        D(2026, 6, 30),
        askers=2,
        answer="Hệ thống xử lý nước thải tập trung đang vận hành vượt công suất thiết kế; Ban đã phối hợp "
        "Sở Nông nghiệp và Môi trường lấy mẫu, lập biên bản 2 doanh nghiệp xả thải vượt quy chuẩn.",
        satisfaction=UNSAT,
        promises=(
            Promise(
                "Kiểm tra, xử lý dứt điểm các doanh nghiệp xả nước thải vượt quy chuẩn ra kênh rạch và công "
                "khai kết quả",
                D(2026, 12, 15),
            ),
        ),
        conclusion="Đại biểu chưa đồng tình với nội dung trả lời; đề nghị Ban Quản lý các khu công nghiệp "
        "báo cáo bằng văn bản kết quả xử lý và phương án nâng công suất trạm xử lý nước thải.",
    ),
    DemoSlip(
        "Giải phóng mặt bằng cao tốc Cao Lãnh – An Hữu",
        "Công tác giải phóng mặt bằng dự án đường cao tốc Cao Lãnh – An Hữu còn vướng ở nhiều hộ dân do "
        "chưa thống nhất giá bồi thường, khu tái định cư chưa hoàn chỉnh. Đề nghị lãnh đạo UBND tỉnh cho "
        "biết giải pháp và thời hạn bàn giao mặt bằng?",
        UBND_TINH,
        "dat-dai",
        ORAL_SESSION,
        D(2026, 6, 25),
        askers=2,
        answer="UBND tỉnh đã phê duyệt giá đất cụ thể điều chỉnh, bố trí tạm cư cho các hộ chưa nhận nền tái "
        "định cư và thành lập tổ công tác vận động từng hộ.",
        satisfaction=SAT,
        promises=(
            Promise(
                "Bàn giao toàn bộ mặt bằng còn lại của dự án cao tốc Cao Lãnh – An Hữu cho chủ đầu tư",
                D(2027, 3, 31),
            ),
        ),
        conclusion="Đề nghị UBND tỉnh chỉ đạo quyết liệt, bảo đảm quyền lợi hợp pháp của người dân và bàn "
        "giao mặt bằng đúng cam kết.",
    ),
    DemoSlip(
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Việc cấp giấy chứng nhận quyền sử dụng đất lần đầu sau sắp xếp đơn vị hành chính còn chậm, hồ sơ "
        "tồn đọng. Đề nghị Giám đốc Sở Nông nghiệp và Môi trường cho biết số hồ sơ quá hạn và giải pháp?",
        NN_MT,
        "dat-dai",
        ORAL_SESSION,
        D(2026, 7, 2),
        askers=1,
        answer="Còn 1.240 hồ sơ quá hạn, chủ yếu do cập nhật địa danh mới trên bản đồ địa chính; Văn phòng "
        "đăng ký đất đai đã tăng cường nhân lực tiếp nhận tại các xã.",
        satisfaction=SAT,
        conclusion="Đề nghị giải quyết dứt điểm hồ sơ quá hạn, công khai tiến độ tại bộ phận một cửa.",
    ),
    # --- Between sessions, written ---------------------------------------------------------------------------
    DemoSlip(
        "Ô nhiễm kênh rạch do chăn nuôi",
        "Nhiều cơ sở chăn nuôi heo quy mô hộ gia đình xả chất thải trực tiếp ra kênh, ảnh hưởng nguồn nước "
        "sinh hoạt của người dân. Đề nghị Giám đốc Sở Nông nghiệp và Môi trường cho biết kết quả kiểm tra "
        "và biện pháp xử lý?",
        NN_MT,
        "moi-truong",
        None,
        D(2026, 8, 12),
        askers=1,
        demo_delegate=True,
        answer="Sở đã phối hợp UBND các xã kiểm tra 312 cơ sở chăn nuôi, xử phạt 17 cơ sở, hướng dẫn lắp "
        "đặt hầm biogas và đệm lót sinh học; sẽ kiểm tra lại trong quý IV/2026.",
        answer_days_early=3,
        satisfaction=SAT,
        promises=(
            Promise("Kiểm tra lại các cơ sở chăn nuôi đã bị xử phạt và báo cáo kết quả", D(2026, 12, 31)),
        ),
    ),
    DemoSlip(
        "Quốc lộ 30 xuống cấp đoạn qua xã Thanh Bình",
        "Đoạn Quốc lộ 30 qua xã Thanh Bình hư hỏng nặng, nhiều ổ gà gây tai nạn. Đề nghị Giám đốc Sở Xây "
        "dựng cho biết kế hoạch sửa chữa và trách nhiệm của đơn vị quản lý tuyến?",
        XAY_DUNG,
        "giao-thong",
        None,
        D(2026, 10, 20),
        askers=2,
    ),
    DemoSlip(
        "Tranh chấp đất đai đang giải quyết tại Tòa án",
        "Đề nghị UBND tỉnh xem xét lại bản án sơ thẩm về tranh chấp quyền sử dụng đất giữa hai hộ dân tại "
        "xã Tháp Mười.",
        UBND_TINH,
        "dat-dai",
        None,
        D(2026, 9, 22),
        askers=1,
        reject="Nội dung thuộc thẩm quyền giải quyết của Tòa án nhân dân, không thuộc phạm vi chất vấn của "
        "đại biểu HĐND tỉnh; Văn phòng đã hướng dẫn đại biểu chuyển kiến nghị của công dân đến cơ quan có "
        "thẩm quyền.",
    ),
    DemoSlip(
        "Xe đưa đón học sinh vùng sâu",
        "Học sinh ở các ấp vùng sâu sau khi sắp xếp điểm trường phải đi học xa hơn 5 km. Đề nghị Giám đốc Sở "
        "Giáo dục và Đào tạo cho biết tỉnh có chính sách hỗ trợ đưa đón học sinh hay không?",
        GD_DT,
        "giao-duc",
        None,
        None,
        askers=0,
        demo_delegate=True,
        draft=True,
    ),
)


@dataclass(frozen=True)
class Task:
    agency: str
    text: str
    due: dt.date


@dataclass(frozen=True)
class DemoResolution:
    """A resolution adopted on the last day of a held session, and its vote.

    ``reject`` and ``abstain`` are the votes against and not cast; everyone else present approves, except
    for a resolution that does not ``pass``: then not more than half of the delegates in office approve.
    """

    term: int
    session: int
    symbol: str
    kind: str
    title: str
    field: str
    agenda: str = ""  # the agenda item the resolution was adopted under, by its title
    reject: int = 0
    abstain: int = 0
    passes: bool = True
    tasks: tuple[Task, ...] = ()


NORMATIVE, INDIVIDUAL = Resolution.Kind.NORMATIVE, Resolution.Kind.INDIVIDUAL

RESOLUTIONS: tuple[DemoResolution, ...] = (
    DemoResolution(
        10,
        27,
        "22/2025/NQ-HĐND",
        NORMATIVE,
        "Quy định chính sách hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp trên địa bàn tỉnh",
        "nong-nghiep",
        "Nghị quyết quy định chính sách hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp",
        abstain=1,
    ),
    DemoResolution(
        10,
        27,
        "23/2025/NQ-HĐND",
        NORMATIVE,
        "Quy định chính sách hỗ trợ đóng bảo hiểm y tế cho người cao tuổi và hộ cận nghèo trên địa bàn tỉnh",
        "y-te",
        "Nghị quyết quy định chính sách hỗ trợ đóng bảo hiểm y tế cho người cao tuổi và hộ cận nghèo",
        tasks=(
            Task(
                BHXH,
                "Phối hợp Sở Y tế lập danh sách, cấp thẻ bảo hiểm y tế cho người cao tuổi và hộ cận nghèo được "
                "hỗ trợ",
                D(2025, 12, 31),
            ),
        ),
    ),
    DemoResolution(
        10,
        28,
        "41/NQ-HĐND",
        INDIVIDUAL,
        "Điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021–2025",
        "tai-chinh-ngan-sach",
        "Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021–2025",
        reject=2,
        abstain=1,
    ),
    DemoResolution(
        10,
        28,
        "42/2025/NQ-HĐND",
        NORMATIVE,
        "Quy định mức chi hỗ trợ hoạt động của ấp, khóm trên địa bàn tỉnh sau sắp xếp",
        "noi-vu",
        "Nghị quyết quy định mức chi hỗ trợ hoạt động của ấp, khóm sau sắp xếp",
    ),
    DemoResolution(
        10,
        29,
        "58/NQ-HĐND",
        INDIVIDUAL,
        "Dự toán thu, chi ngân sách nhà nước năm 2026 và phương án phân bổ ngân sách cấp tỉnh",
        "tai-chinh-ngan-sach",
        "Dự toán thu, chi ngân sách nhà nước năm 2026",
        abstain=1,
    ),
    DemoResolution(
        10,
        29,
        "59/NQ-HĐND",
        INDIVIDUAL,
        "Kế hoạch đầu tư công năm 2026",
        "tai-chinh-ngan-sach",
        "Kế hoạch đầu tư công năm 2026",
        reject=1,
        tasks=(
            Task(
                UBND_TINH,
                "Giao chi tiết kế hoạch vốn đầu tư công năm 2026, ưu tiên công trình chuyển tiếp và chống sạt "
                "lở",
                D(2026, 1, 31),
            ),
        ),
    ),
    DemoResolution(
        10,
        29,
        "60/2025/NQ-HĐND",
        NORMATIVE,
        "Quy định chính sách hỗ trợ nhà ở xã hội cho công nhân các khu công nghiệp trên địa bàn tỉnh",
        "xay-dung",
        "Nghị quyết quy định chính sách hỗ trợ nhà ở xã hội cho công nhân các khu công nghiệp",
        reject=1,
        abstain=2,
    ),
    DemoResolution(
        11,
        1,
        "03/NQ-HĐND",
        INDIVIDUAL,
        "Điều chỉnh chương trình giám sát của HĐND tỉnh năm 2026",
        "khac",
        "Nghị quyết về chương trình giám sát của HĐND tỉnh năm 2026 (điều chỉnh)",
    ),
    DemoResolution(
        11,
        2,
        "05/2026/NQ-HĐND",
        NORMATIVE,
        "Quy định chính sách thu hút bác sĩ về công tác tại trạm y tế xã, phường trên địa bàn tỉnh",
        "y-te",
        "Nghị quyết quy định chính sách thu hút bác sĩ về công tác tại trạm y tế xã, phường",
        abstain=2,
        tasks=(
            Task(
                Y_TE,
                "Ban hành kế hoạch tuyển chọn và bố trí bác sĩ được hưởng chính sách thu hút về trạm y tế xã, "
                "phường",
                D(2026, 12, 31),
            ),
        ),
    ),
    DemoResolution(
        11,
        2,
        "12/NQ-HĐND",
        INDIVIDUAL,
        "Phân bổ vốn khắc phục sạt lở bờ sông, kênh rạch năm 2026",
        "moi-truong",
        "Nghị quyết phân bổ vốn khắc phục sạt lở bờ sông, kênh rạch năm 2026",
        tasks=(
            Task(
                NN_MT,
                "Khởi công các công trình kè chống sạt lở cấp bách bờ sông Tiền được phân bổ vốn năm 2026",
                D(2027, 3, 31),
            ),
        ),
    ),
    DemoResolution(
        11,
        3,
        "17/2026/NQ-HĐND",
        NORMATIVE,
        "Điều chỉnh, bổ sung Bảng giá đất trên địa bàn tỉnh",
        "dat-dai",
        "Tờ trình về việc điều chỉnh, bổ sung Bảng giá đất trên địa bàn tỉnh",
        passes=False,
    ),
    DemoResolution(
        11,
        3,
        "18/2026/NQ-HĐND",
        NORMATIVE,
        "Quy định mức học phí đối với cơ sở giáo dục công lập năm học 2026–2027 trên địa bàn tỉnh",
        "giao-duc",
        "Nghị quyết quy định mức học phí đối với cơ sở giáo dục công lập năm học 2026–2027",
        reject=1,
        abstain=3,
        tasks=(
            Task(
                GD_DT,
                "Hướng dẫn các cơ sở giáo dục công lập thu học phí năm học 2026–2027 và thực hiện miễn, giảm "
                "theo quy định",
                D(2026, 9, 15),
            ),
        ),
    ),
)


# --- Writing ----------------------------------------------------------------------------------------------


def _at(day: dt.date) -> dt.datetime:
    """Mid-morning of a day, as the slip's creation time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


class SlipSeeder:
    def __init__(self, council: Council, term: Term, today: dt.date, *, with_users: bool):
        self.council, self.term, self.today = council, term, today
        users = {
            u.username: u for u in User.objects.filter(username__in=["vanphong", "thuongtruc", DEMO_DELEGATE])
        }
        self.office = users.get("vanphong") if with_users else None
        self.chair = users.get("thuongtruc") if with_users else None
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        mandates = sorted(
            Mandate.objects.filter(council=council, term=term).select_related("delegate__user"),
            key=lambda m: (m.delegate.full_name, m.start_date, m.pk),
        )
        self.demo = next(
            (m for m in mandates if m.delegate.user and m.delegate.user.username == DEMO_DELEGATE), None
        )
        standing = set(
            StandingPosition.objects.filter(mandate__term=term).values_list("mandate_id", flat=True)
        )
        self.pool = [m for m in mandates if m.pk not in standing and m != self.demo]
        if self.demo is None and self.pool:  # no demo accounts: an ordinary delegate stands in
            self.demo = self.pool.pop(0)
        self.demo_user = self.demo.delegate.user if self.demo is not None and with_users else None

    def askers(self, rng: random.Random) -> list[list[Mandate]]:
        """Who asks each slip: drawn for every slip, in order, whether or not it exists."""
        drawn = []
        for spec in SLIPS:
            others = rng.sample(self.pool, min(spec.askers, len(self.pool)))
            drawn.append(([self.demo] if spec.demo_delegate and self.demo else []) + others)
        return drawn

    def run(self) -> int:
        rng = random.Random(20260708)
        askers = self.askers(rng)
        if not self.pool:
            return 0
        existing = set(Interpellation.objects.filter(council=self.council).values_list("question", flat=True))
        sessions = {s.number: s for s in Session.objects.filter(term=self.term)}
        created = 0
        for spec, who in zip(SLIPS, askers, strict=True):
            if normalize(spec.question) in existing or not who:
                continue
            session = sessions.get(spec.session) if spec.session else None
            if spec.session:
                if session is None or session.end_date >= self.today:
                    continue  # the session is not held (yet)
                sitting = session.sittings.filter(kind=Sitting.Kind.INTERPELLATION).order_by("date").first()
                if sitting is None:
                    continue
                answered_on = sitting.date
            else:
                answered_on = None
                if spec.submitted and spec.submitted >= self.today:
                    continue
            self.write(spec, who, session, answered_on)
            created += 1
        return created

    def write(self, spec: DemoSlip, askers: list[Mandate], session: Session | None, answered_on) -> None:
        office = self.office
        author = self.demo_user if spec.draft else office
        mode = Interpellation.Mode.ORAL if session else Interpellation.Mode.WRITTEN
        extra = {"created_at": _at(spec.submitted)} if spec.submitted else {}
        slip = interpellation_draft(
            actor=author,
            council=self.council,
            term=self.term,
            askers=askers,
            agency=self.agencies[spec.agency],
            respondent_title=RESPONDENT[spec.agency],
            question=spec.question,
            topic=spec.topic,
            field=self.fields.get(spec.field),
            session=session,
            mode=mode,
            **extra,
        )
        if spec.draft:
            return
        interpellation_submit(slip, actor=office, on=spec.submitted)
        if spec.reject:
            interpellation_reject(slip, actor=office, reason=spec.reject)
            return
        interpellation_assign(slip, actor=office, mode=mode)
        if not spec.answer:
            return
        if answered_on is None:  # a written answer, a few days before it is due
            answered_on = min(slip.answer_due - spec.answer_days_early * DAY, self.today - DAY)
        respondent = RESPONDENT[spec.agency]
        interpellation_answer(
            slip, actor=office, answered_on=answered_on, answered_by=respondent, text=spec.answer
        )
        # The asking delegate's verdict: the demo delegate gives it, the Office records the others'.
        assessor = self.demo_user if askers[0] == self.demo and self.demo_user else office
        if spec.satisfaction:
            interpellation_assess(slip, actor=assessor, satisfaction=spec.satisfaction)
        if spec.supplement:
            interpellation_answer(
                slip, actor=office, answered_on=answered_on, answered_by=respondent, text=spec.supplement
            )
            interpellation_assess(slip, actor=assessor, satisfaction=spec.then)
        for promise in spec.promises:
            commitment_add(slip, actor=office, text=promise.text, due_date=promise.due)
        if spec.conclusion:
            interpellation_conclude(slip, actor=self.chair, conclusion=spec.conclusion)


def _vote_counts(spec: DemoResolution, total: int, rng: random.Random) -> tuple[int, int, int]:
    """(approve, reject, abstain) out of ``total`` delegates in office; a few are always absent."""
    present = total - rng.randint(2, max(2, total // 12))
    if spec.passes:
        return present - spec.reject - spec.abstain, spec.reject, spec.abstain
    approve = total // 2 - rng.randint(1, 4)
    reject = (present - approve) * 2 // 3
    return approve, reject, present - approve - reject


def seed_resolutions(council: Council, today: dt.date, *, office: User | None) -> int:
    terms = {t.number: t for t in Term.objects.filter(council=council)}
    sessions = {
        (s.term.number, s.number): s
        for s in Session.objects.filter(council=council, term__in=terms.values()).select_related("term")
    }
    existing = set(Resolution.objects.filter(council=council).values_list("symbol", flat=True))
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    fields = {f.code: f for f in Field.objects.filter(council=council)}
    rng = random.Random(20251211)
    seeds = [rng.getrandbits(32) for _ in RESOLUTIONS]
    created = 0
    for spec, seed in zip(RESOLUTIONS, seeds, strict=True):
        session = sessions.get((spec.term, spec.session))
        if normalize(spec.symbol) in existing or session is None or session.end_date >= today:
            continue
        adopted = session.end_date
        normative = spec.kind == NORMATIVE
        agenda_item = (
            AgendaItem.objects.filter(session=session, title__startswith=spec.agenda)
            .order_by("order")
            .first()
            if spec.agenda
            else None
        )
        resolution = resolution_create(
            actor=office,
            council=council,
            session=session,
            symbol=spec.symbol,
            kind=spec.kind,
            title=spec.title,
            field=fields.get(spec.field),
            agenda_item=agenda_item,
            adopted_on=adopted,
            signed_on=adopted + (3 if normative else 0) * DAY if spec.passes else None,
            effective_on=(adopted + 14 * DAY if normative else adopted) if spec.passes else None,
            published_on=adopted + 5 * DAY if normative and spec.passes else None,
        )
        approve, reject, abstain = _vote_counts(
            spec, delegates_in_office(council, adopted), random.Random(seed)
        )
        resolution_vote(
            resolution, actor=office, voted_on=adopted, approve=approve, reject=reject, abstain=abstain
        )
        for task in spec.tasks:
            resolution_task_add(
                resolution, actor=office, text=task.text, agency=agencies[task.agency], due_date=task.due
            )
        created += 1
    return created


def seed_slips(council: Council, *, with_users: bool) -> tuple[int, int]:
    """Create the missing demo interpellations (term XI) and resolutions; return how many of each.

    Mail is suppressed: commitments and resolution tasks open follow-ups with invented addresses.
    """
    today = timezone.localdate()
    office = User.objects.filter(username="vanphong").first() if with_users else None
    term = Term.objects.filter(council=council, number=11).first()
    with mail_suppressed():
        slips = SlipSeeder(council, term, today, with_users=with_users).run() if term else 0
        resolutions = seed_resolutions(council, today, office=office)
    return slips, resolutions
