"""Demo sessions for ``seed_demo``: the Đồng Tháp council's sessions of terms X and XI.

Each session comes with its sittings, its agenda (planned minutes, and actual minutes once it is held) and
the speeches logged at it, all written through ``sessions.services``, never by a direct model write. A
session is looked up by (term, number) first and skipped, with everything it holds, when it exists, so a
second run creates nothing.

Everything is drawn from one seeded generator and planned in memory before anything is written: each
session gets its own seed up front, so what one session holds does not depend on which others exist.
Only the state depends on the day of the run: a session still to come is "convened", with its sittings
and planned agenda but no speeches.

The targets come out mixed on purpose: T4 improves session after session (less presentation, more
discussion); at the latest held session of term XI one or two delegate groups have not spoken in the
plenary (T2 not met) while T2 is met at the earlier ones; a few term XI delegates never contribute (T3
shows who is still at zero). Speeches and their summaries are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from council.models import Agency, Council, Field, Term, User
from delegates.models import GroupMembership, Mandate
from demo.names import UBND_TINH
from demo.slips import seed_slips
from sessions.models import Commitment, Interpellation, Resolution, ResolutionTask, Session, Sitting, Speech
from sessions.services import agenda_item_create, session_create, sitting_create, speech_log

DAY = dt.timedelta(days=1)
PLACE = "Hội trường HĐND tỉnh, phường Cao Lãnh"

# Share of the delegates in office who take part in a held session, and of the term XI delegates
# (ordinary group members) who never contribute in the term.
PRESENCE = 0.88
SILENT_IN_TERM_XI = 5


@dataclass(frozen=True)
class Item:
    """An agenda item template; ``points`` are what delegates say about it (none: nobody debates it)."""

    title: str
    presenter: str
    field: str
    presentation: int
    discussion: int
    points: tuple[str, ...] = ()
    core: bool = False


@dataclass(frozen=True)
class Question:
    """An interpellation topic: the official who answers, for which agency, and the questions put."""

    agency: str
    official: str
    questions: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class DemoSession:
    term: int
    number: int
    kind: str
    title: str
    start: dt.date
    days: int
    decision: str
    items: tuple[Item, ...]
    questions: tuple[Question, ...] = ()
    # Discussion share of the actual minutes (T4), rising session after session.
    share: float = 0.5
    # Plenary-silent groups whatever the day (term XI's latest held session gets one or two anyway).
    silent_groups: int = 0

    @property
    def end(self) -> dt.date:
        return self.start + (self.days - 1) * DAY


# --- Agendas --------------------------------------------------------------------------------------------

INTERPELLATION_ITEM = Item(
    "Chất vấn và trả lời chất vấn",
    "Thường trực HĐND tỉnh",
    "khac",
    5,
    120,
    core=True,
)


def mid_year(year: int) -> tuple[Item, ...]:
    return (
        Item(
            f"Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm {year}; nhiệm vụ, giải pháp 6 tháng cuối năm",
            "Phó Chủ tịch UBND tỉnh",
            "khac",
            30,
            60,
            (
                "Đề nghị làm rõ nguyên nhân tăng trưởng GRDP 6 tháng chưa đạt kịch bản đề ra",
                "Kiến nghị có giải pháp tiêu thụ lúa, trái cây khi giá giảm sâu vào vụ thu hoạch",
                "Đề nghị đánh giá sát hơn tình hình lao động mất việc làm tại các khu công nghiệp",
                "Đề nghị tập trung tháo gỡ vướng mắc mặt bằng cho các dự án giao thông trọng điểm",
            ),
            core=True,
        ),
        Item(
            f"Báo cáo tình hình thực hiện dự toán ngân sách nhà nước 6 tháng đầu năm {year}",
            "Giám đốc Sở Tài chính",
            "tai-chinh-ngan-sach",
            20,
            30,
            (
                "Đề nghị làm rõ nguyên nhân thu tiền sử dụng đất đạt thấp so với dự toán",
                "Kiến nghị đẩy nhanh giải ngân vốn đầu tư công, xử lý trách nhiệm chủ đầu tư chậm giải ngân",
                "Đề nghị rà soát các khoản chi thường xuyên chưa thật sự cần thiết",
            ),
            core=True,
        ),
        Item(
            f"Báo cáo tình hình thực hiện kế hoạch đầu tư công 6 tháng đầu năm {year}",
            "Giám đốc Sở Tài chính",
            "tai-chinh-ngan-sach",
            15,
            25,
            (
                "Đề nghị điều chuyển vốn từ các dự án chậm giải ngân sang dự án có khả năng hấp thụ vốn",
                "Đề nghị công khai danh sách các dự án chậm tiến độ kéo dài",
            ),
        ),
        Item(
            "Tờ trình về việc điều chỉnh, bổ sung Bảng giá đất trên địa bàn tỉnh",
            "Giám đốc Sở Nông nghiệp và Môi trường",
            "dat-dai",
            15,
            35,
            (
                "Đề nghị rà soát giá đất ven các tuyến đường mới mở cho sát giá thị trường",
                "Lo ngại giá đất tăng làm tăng nghĩa vụ tài chính của người dân khi chuyển mục đích sử dụng đất",
                "Đề nghị làm rõ căn cứ xác định hệ số điều chỉnh giá đất giữa các xã, phường sau sắp xếp",
            ),
        ),
        Item(
            "Nghị quyết quy định chính sách hỗ trợ đóng bảo hiểm y tế cho người cao tuổi và hộ cận nghèo",
            "Giám đốc Sở Y tế",
            "y-te",
            10,
            25,
            (
                "Đề nghị mở rộng đối tượng hỗ trợ cho người từ 70 đến dưới 75 tuổi",
                "Đề nghị đánh giá khả năng cân đối ngân sách khi nâng mức hỗ trợ",
            ),
        ),
        Item(
            "Nghị quyết quy định chính sách hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp",
            "Giám đốc Sở Nông nghiệp và Môi trường",
            "nong-nghiep",
            10,
            25,
            (
                "Đề nghị đơn giản hóa hồ sơ để hợp tác xã tiếp cận được chính sách",
                "Kiến nghị ưu tiên hỗ trợ vùng nguyên liệu lúa chất lượng cao và xoài xuất khẩu",
            ),
        ),
        Item(
            "Thông báo của Ủy ban MTTQ Việt Nam tỉnh về ý kiến, kiến nghị của cử tri và Nhân dân",
            "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
            "khac",
            15,
            15,
            ("Đề nghị trả lời dứt điểm các kiến nghị cử tri kéo dài qua nhiều kỳ họp",),
        ),
        Item(
            f"Nghị quyết quy định mức học phí đối với cơ sở giáo dục công lập năm học {year}–{year + 1}",
            "Giám đốc Sở Giáo dục và Đào tạo",
            "giao-duc",
            10,
            20,
            (
                "Đề nghị giữ ổn định mức học phí ở vùng nông thôn, vùng khó khăn",
                "Đề nghị làm rõ lộ trình miễn học phí và nguồn bù cho các trường",
            ),
        ),
        INTERPELLATION_ITEM,
    )


def year_end(year: int) -> tuple[Item, ...]:
    return (
        Item(
            f"Báo cáo tình hình kinh tế – xã hội năm {year}; kế hoạch phát triển kinh tế – xã hội năm {year + 1}",
            "Chủ tịch UBND tỉnh",
            "khac",
            35,
            70,
            (
                "Đề nghị xác định chỉ tiêu tăng trưởng năm tới phù hợp với khả năng thực hiện",
                "Kiến nghị có giải pháp căn cơ cho tình trạng sạt lở bờ sông Tiền, sông Hậu",
                "Đề nghị quan tâm hạ tầng giao thông kết nối vùng Đồng Tháp Mười",
                "Đề nghị đánh giá tác động của việc sắp xếp đơn vị hành chính đến phục vụ người dân",
            ),
            core=True,
        ),
        Item(
            f"Dự toán thu, chi ngân sách nhà nước năm {year + 1} và phương án phân bổ ngân sách cấp tỉnh",
            "Giám đốc Sở Tài chính",
            "tai-chinh-ngan-sach",
            25,
            40,
            (
                "Đề nghị bố trí đủ kinh phí cho các xã, phường mới sau sắp xếp",
                "Đề nghị làm rõ cơ sở dự toán thu tiền sử dụng đất năm tới",
                "Kiến nghị ưu tiên vốn cho y tế cơ sở và trường học xuống cấp",
            ),
            core=True,
        ),
        Item(
            f"Kế hoạch đầu tư công năm {year + 1}",
            "Giám đốc Sở Tài chính",
            "tai-chinh-ngan-sach",
            15,
            30,
            (
                "Đề nghị không dàn trải, tập trung vốn cho các công trình chuyển tiếp",
                "Đề nghị bổ sung dự án nâng cấp đê bao chống lũ vào danh mục",
            ),
        ),
        Item(
            f"Tờ trình về Bảng giá đất áp dụng từ ngày 01/01/{year + 1}",
            "Giám đốc Sở Nông nghiệp và Môi trường",
            "dat-dai",
            20,
            45,
            (
                "Đề nghị làm rõ phương pháp định giá đất nông nghiệp giữa các khu vực",
                "Lo ngại giá đất tăng mạnh ảnh hưởng đến bồi thường và thuế của người dân",
                "Đề nghị có lộ trình điều chỉnh giá đất phù hợp thu nhập của người dân",
            ),
        ),
        Item(
            "Nghị quyết quy định chính sách hỗ trợ cán bộ, công chức, viên chức dôi dư do sắp xếp đơn vị "
            "hành chính",
            "Giám đốc Sở Nội vụ",
            "noi-vu",
            10,
            25,
            (
                "Đề nghị mở rộng chính sách cho người hoạt động không chuyên trách ở ấp, khóm",
                "Đề nghị giải quyết dứt điểm chế độ cho người nghỉ việc trong năm",
            ),
        ),
        Item(
            f"Nghị quyết về chương trình giám sát của HĐND tỉnh năm {year + 1}",
            "Phó Chủ tịch HĐND tỉnh",
            "khac",
            10,
            15,
            ("Đề nghị bổ sung nội dung giám sát việc giải quyết kiến nghị cử tri về đất đai",),
        ),
        Item(
            "Nghị quyết quy định chính sách hỗ trợ nhà ở xã hội cho công nhân các khu công nghiệp",
            "Giám đốc Sở Xây dựng",
            "xay-dung",
            10,
            25,
            (
                "Đề nghị làm rõ quỹ đất dành cho nhà ở xã hội tại các khu công nghiệp",
                "Kiến nghị hỗ trợ lãi suất cho công nhân mua nhà ở xã hội",
            ),
        ),
        Item(
            "Báo cáo kết quả giám sát chuyên đề việc thực hiện chính sách bảo hiểm y tế",
            "Trưởng Ban Văn hóa - Xã hội HĐND tỉnh",
            "y-te",
            15,
            20,
            (
                "Đề nghị khắc phục tình trạng thiếu thuốc bảo hiểm y tế tại trạm y tế xã",
                "Đề nghị có giải pháp nâng tỷ lệ bao phủ bảo hiểm y tế hộ gia đình",
            ),
        ),
        INTERPELLATION_ITEM,
    )


THEMATIC_X = (
    Item(
        "Nghị quyết quy định tổ chức các cơ quan chuyên môn thuộc UBND tỉnh sau sắp xếp",
        "Giám đốc Sở Nội vụ",
        "noi-vu",
        15,
        30,
        (
            "Đề nghị bảo đảm bố trí cán bộ đúng chuyên môn khi hợp nhất các sở",
            "Đề nghị rà soát chức năng, tránh chồng chéo giữa các cơ quan sau hợp nhất",
        ),
    ),
    Item(
        "Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2021–2025",
        "Giám đốc Sở Tài chính",
        "tai-chinh-ngan-sach",
        15,
        30,
        (
            "Đề nghị làm rõ các dự án bị cắt giảm vốn và lý do",
            "Kiến nghị ưu tiên vốn cho các dự án chống sạt lở cấp bách",
        ),
    ),
    Item(
        "Nghị quyết quy định mức chi hỗ trợ hoạt động của ấp, khóm sau sắp xếp",
        "Giám đốc Sở Nội vụ",
        "noi-vu",
        10,
        20,
        ("Đề nghị nâng mức hỗ trợ cho ấp, khóm có quy mô dân số lớn sau sáp nhập",),
    ),
)

CLOSING_X = (
    Item(
        "Báo cáo tổng kết hoạt động của HĐND tỉnh nhiệm kỳ 2021–2026",
        "Chủ tịch HĐND tỉnh",
        "noi-vu",
        20,
        40,
        (
            "Đề nghị đánh giá rõ kết quả thực hiện các kiến nghị sau giám sát trong nhiệm kỳ",
            "Đề nghị nêu bài học kinh nghiệm về tiếp xúc cử tri sau sắp xếp đơn vị hành chính",
        ),
        core=True,
    ),
    Item(
        "Nghị quyết về chính sách hỗ trợ cán bộ dôi dư sau sắp xếp đơn vị hành chính",
        "Giám đốc Sở Nội vụ",
        "noi-vu",
        10,
        25,
        ("Đề nghị mở rộng đối tượng hỗ trợ cho người hoạt động không chuyên trách ở ấp, khóm",),
    ),
)

INAUGURAL_XI = (
    Item(
        "Báo cáo kết quả bầu cử đại biểu HĐND tỉnh khóa XI, nhiệm kỳ 2026–2031 và kết quả xác nhận tư cách "
        "đại biểu",
        "Phó Chủ tịch Ủy ban bầu cử tỉnh",
        "noi-vu",
        20,
        0,
    ),
    Item(
        "Bầu Chủ tịch, Phó Chủ tịch HĐND tỉnh, Trưởng ban, Phó Trưởng ban các Ban của HĐND tỉnh khóa XI",
        "Chủ tọa kỳ họp",
        "noi-vu",
        25,
        10,
    ),
    Item(
        "Bầu Chủ tịch, Phó Chủ tịch và Ủy viên UBND tỉnh nhiệm kỳ 2026–2031",
        "Chủ tịch HĐND tỉnh",
        "noi-vu",
        20,
        10,
    ),
    Item(
        "Báo cáo tình hình kinh tế – xã hội quý I và nhiệm vụ trọng tâm năm 2026",
        "Chủ tịch UBND tỉnh",
        "khac",
        20,
        45,
        (
            "Đề nghị sớm ổn định tổ chức bộ máy các xã, phường mới để phục vụ người dân",
            "Kiến nghị giải pháp tiêu thụ lúa Đông Xuân khi giá giảm",
            "Đề nghị chuẩn bị phương án phòng, chống hạn mặn cuối mùa khô",
        ),
    ),
    Item(
        "Nghị quyết về chương trình giám sát của HĐND tỉnh năm 2026 (điều chỉnh)",
        "Phó Chủ tịch HĐND tỉnh",
        "khac",
        10,
        20,
        ("Đề nghị đưa nội dung giám sát việc sắp xếp trụ sở dôi dư sau sáp nhập vào chương trình",),
    ),
)

THEMATIC_XI = (
    Item(
        "Nghị quyết thông qua danh mục bổ sung các dự án cần thu hồi đất năm 2026",
        "Giám đốc Sở Nông nghiệp và Môi trường",
        "dat-dai",
        15,
        30,
        (
            "Đề nghị làm rõ nguồn vốn bồi thường cho các dự án được bổ sung",
            "Đề nghị công khai phương án tái định cư trước khi thu hồi đất",
        ),
    ),
    Item(
        "Nghị quyết phân bổ vốn khắc phục sạt lở bờ sông, kênh rạch năm 2026",
        "Giám đốc Sở Nông nghiệp và Môi trường",
        "moi-truong",
        10,
        25,
        (
            "Kiến nghị ưu tiên các điểm sạt lở đặc biệt nguy hiểm trên sông Tiền",
            "Đề nghị có phương án di dời dân khỏi vùng sạt lở",
        ),
    ),
    Item(
        "Nghị quyết quy định chính sách thu hút bác sĩ về công tác tại trạm y tế xã, phường",
        "Giám đốc Sở Y tế",
        "y-te",
        10,
        25,
        (
            "Đề nghị nâng mức hỗ trợ ban đầu để đủ sức thu hút bác sĩ trẻ",
            "Đề nghị có chính sách nhà ở công vụ cho bác sĩ về xã vùng sâu",
        ),
    ),
)

# --- Interpellation topics --------------------------------------------------------------------------------

Y_TE = Question(
    "Sở Y tế",
    "Giám đốc Sở Y tế",
    (
        "Chất vấn về tình trạng thiếu thuốc, vật tư y tế tại bệnh viện tuyến tỉnh",
        "Chất vấn về việc chậm thanh toán chi phí khám chữa bệnh bảo hiểm y tế cho trạm y tế xã",
        "Chất vấn về tình trạng quá tải tại Bệnh viện Đa khoa tỉnh",
        "Chất vấn về giải pháp giữ chân nhân lực y tế ở tuyến cơ sở",
    ),
    "Trả lời chất vấn về cung ứng thuốc, vật tư y tế và nhân lực y tế cơ sở; nêu giải pháp và thời hạn "
    "khắc phục",
)
NN_MT = Question(
    "Sở Nông nghiệp và Môi trường",
    "Giám đốc Sở Nông nghiệp và Môi trường",
    (
        "Chất vấn về tiến độ cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Chất vấn về ô nhiễm nguồn nước kênh rạch từ cơ sở chăn nuôi",
        "Chất vấn về quản lý khai thác cát trên sông Tiền",
    ),
    "Trả lời chất vấn về cấp giấy chứng nhận quyền sử dụng đất và quản lý tài nguyên nước",
)
XAY_DUNG = Question(
    "Sở Xây dựng",
    "Giám đốc Sở Xây dựng",
    (
        "Chất vấn về các tuyến đường tỉnh xuống cấp chưa được sửa chữa",
        "Chất vấn về tiến độ các dự án nhà ở xã hội",
        "Chất vấn về an toàn giao thông tại các bến phà, bến đò ngang",
    ),
    "Trả lời chất vấn về duy tu đường tỉnh và tiến độ nhà ở xã hội",
)
GD_DT = Question(
    "Sở Giáo dục và Đào tạo",
    "Giám đốc Sở Giáo dục và Đào tạo",
    (
        "Chất vấn về tình trạng thiếu giáo viên tiểu học và mầm non",
        "Chất vấn về việc sắp xếp điểm trường sau sáp nhập xã",
        "Chất vấn về dạy thêm, học thêm trái quy định",
    ),
    "Trả lời chất vấn về tuyển dụng giáo viên và sắp xếp mạng lưới trường lớp",
)
TAI_CHINH = Question(
    "Sở Tài chính",
    "Giám đốc Sở Tài chính",
    (
        "Chất vấn về giải ngân vốn đầu tư công chậm",
        "Chất vấn về xử lý trụ sở dôi dư sau sắp xếp",
    ),
    "Trả lời chất vấn về giải ngân vốn đầu tư công và xử lý tài sản công dôi dư",
)

# --- The sessions -----------------------------------------------------------------------------------------

D = dt.date

SESSIONS: list[DemoSession] = [
    DemoSession(
        10,
        27,
        Session.Kind.REGULAR,
        "Kỳ họp thứ 27 – kỳ họp thường lệ giữa năm 2025",
        D(2025, 7, 9),
        3,
        "96/QĐ-HĐND",
        mid_year(2025),
        (Y_TE, NN_MT),
        share=0.40,
        silent_groups=1,
    ),
    DemoSession(
        10,
        28,
        Session.Kind.THEMATIC,
        "Kỳ họp thứ 28 – kỳ họp chuyên đề",
        D(2025, 10, 14),
        1,
        "12/QĐ-HĐND",
        THEMATIC_X,
        share=0.44,
    ),
    DemoSession(
        10,
        29,
        Session.Kind.REGULAR,
        "Kỳ họp thứ 29 – kỳ họp thường lệ cuối năm 2025",
        D(2025, 12, 9),
        3,
        "45/QĐ-HĐND",
        year_end(2025),
        (Y_TE, XAY_DUNG),
        share=0.47,
    ),
    DemoSession(
        10,
        30,
        Session.Kind.THEMATIC,
        "Kỳ họp thứ 30 – kỳ họp cuối nhiệm kỳ",
        D(2026, 3, 10),
        1,
        "07/QĐ-HĐND",
        CLOSING_X,
        (TAI_CHINH,),
        share=0.49,
    ),
    DemoSession(
        11,
        1,
        Session.Kind.INAUGURAL,
        "Kỳ họp thứ nhất",
        D(2026, 4, 8),
        2,
        "01/QĐ-HĐND",
        INAUGURAL_XI,
        share=0.50,
    ),
    DemoSession(
        11,
        2,
        Session.Kind.THEMATIC,
        "Kỳ họp thứ hai – kỳ họp chuyên đề",
        D(2026, 5, 20),
        1,
        "08/QĐ-HĐND",
        THEMATIC_XI,
        share=0.54,
    ),
    DemoSession(
        11,
        3,
        Session.Kind.REGULAR,
        "Kỳ họp thứ ba – kỳ họp thường lệ giữa năm 2026",
        D(2026, 7, 7),
        3,
        "27/QĐ-HĐND",
        mid_year(2026),
        (Y_TE, GD_DT),
        share=0.58,
    ),
    DemoSession(
        11,
        4,
        Session.Kind.REGULAR,
        "Kỳ họp thứ tư – kỳ họp thường lệ cuối năm 2026",
        D(2026, 12, 8),
        3,
        "63/QĐ-HĐND",
        year_end(2026),
        (Y_TE, TAI_CHINH),
        share=0.61,
    ),
]

# Sittings by kind of session: (day, kind, starts, ends, title, role). The role says who speaks there.
T = dt.time
PLENARY, GROUP, INTERPELLATION = (
    Sitting.Kind.PLENARY,
    Sitting.Kind.GROUP_DISCUSSION,
    Sitting.Kind.INTERPELLATION,
)
LAYOUTS = {
    Session.Kind.REGULAR: [
        (0, PLENARY, T(7, 30), T(11, 30), "Phiên khai mạc, nghe các báo cáo, tờ trình", "opening"),
        (0, GROUP, T(13, 30), T(17, 0), "Thảo luận tổ", "group"),
        (1, PLENARY, T(7, 30), T(11, 30), "Phiên thảo luận tại hội trường", "plenary"),
        (1, INTERPELLATION, T(13, 30), T(17, 0), "Phiên chất vấn và trả lời chất vấn", "interpellation"),
        (2, PLENARY, T(8, 0), T(11, 0), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
    Session.Kind.THEMATIC: [
        (0, PLENARY, T(7, 30), T(8, 30), "Phiên khai mạc, nghe các tờ trình", "opening"),
        (0, GROUP, T(8, 30), T(10, 0), "Thảo luận tổ", "group"),
        (0, PLENARY, T(10, 0), T(11, 30), "Phiên thảo luận tại hội trường", "plenary"),
        (0, PLENARY, T(14, 0), T(15, 30), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
    Session.Kind.INAUGURAL: [
        (
            0,
            PLENARY,
            T(7, 30),
            T(11, 30),
            "Phiên khai mạc, bầu các chức danh của HĐND và UBND tỉnh",
            "opening",
        ),
        (0, GROUP, T(13, 30), T(15, 30), "Thảo luận tổ", "group"),
        (0, PLENARY, T(15, 30), T(17, 0), "Phiên thảo luận tại hội trường", "plenary"),
        (1, PLENARY, T(8, 0), T(10, 30), "Phiên bế mạc, biểu quyết thông qua các nghị quyết", "closing"),
    ],
}


# --- Planning, without touching the database ----------------------------------------------------------------


@dataclass
class Member:
    mandate: Mandate
    group: int  # the delegate group's pk


@dataclass
class PlannedSpeech:
    kind: str
    member: Member | None
    item: int  # index into the session's agenda
    seconds: int
    summary: str
    question: Question | None = None  # for an official's answer


@dataclass
class PlannedSitting:
    day: dt.date
    kind: str
    start: dt.time
    end: dt.time
    title: str
    speeches: list[PlannedSpeech] = field(default_factory=list)


@dataclass
class PlannedItem:
    template: Item
    planned_presentation: int = 0
    planned_discussion: int = 0
    actual_presentation: int | None = None
    actual_discussion: int | None = None


@dataclass
class Plan:
    spec: DemoSession
    state: str
    agenda: list[PlannedItem]
    sittings: list[PlannedSitting]

    def contributors(self) -> set[int]:
        return {
            s.member.mandate.pk
            for sitting in self.sittings
            for s in sitting.speeches
            if s.member is not None and s.kind in Speech.CONTRIBUTIONS
        }


def _agenda(spec: DemoSession, rng: random.Random) -> list[PlannedItem]:
    """The core items and a draw of the others: 5–8 items in a regular session, all in the others."""
    items = list(spec.items)
    if spec.kind == Session.Kind.REGULAR:
        core = [i for i in items if i.core]
        extra = rng.sample([i for i in items if not i.core], rng.randint(5, 8) - len(core))
        items = [i for i in items if i in core or i in extra]
    return [PlannedItem(item) for item in items]


def _spread(total: int, weights: list[float]) -> list[int]:
    """``total`` minutes shared out in proportion to ``weights`` (largest remainder, zero stays zero)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    result = [int(x) for x in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - result[i], reverse=True)
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def _planned(minutes: int, factor: float, weight: int) -> int:
    """A planned duration: whole five minutes, at least five for an item that has that part at all."""
    return max(5, 5 * round(minutes * factor / 5)) if weight else 0


def _minutes(spec: DemoSession, agenda: list[PlannedItem], sittings, held: bool, rng: random.Random) -> None:
    """Planned minutes for every session, actual ones for a held session.

    T4 improves session after session: the discussion (plenary speeches, answers and the chair's
    moderation) gets ``spec.share`` of the actual time, the presentations the rest. Presentations ran
    shorter than planned and the discussion longer.
    """
    weights_p = [i.template.presentation * rng.uniform(0.8, 1.2) for i in agenda]
    weights_d = [i.template.discussion * rng.uniform(0.7, 1.3) for i in agenda]
    if not held:
        discussion = sum(i.template.discussion for i in agenda)
        presentation = round(discussion * (1 - spec.share) / spec.share)
        for item, p, d in zip(
            agenda, _spread(presentation, weights_p), _spread(discussion, weights_d), strict=True
        ):
            item.planned_presentation = _planned(p, 1, item.template.presentation)
            item.planned_discussion = _planned(d, 1, item.template.discussion)
        return
    spoken = sum(s.seconds for sitting in sittings if sitting.kind != GROUP for s in sitting.speeches)
    discussion = round(spoken / 60) + rng.randint(10, 30)
    presentation = round(discussion * (1 - spec.share) / spec.share)
    actual_p, actual_d = _spread(presentation, weights_p), _spread(discussion, weights_d)
    for item, p, d in zip(agenda, actual_p, actual_d, strict=True):
        item.actual_presentation, item.actual_discussion = p, d
        item.planned_presentation = _planned(p, rng.uniform(1.05, 1.3), item.template.presentation)
        item.planned_discussion = _planned(d, rng.uniform(0.75, 0.95), item.template.discussion)


def _speech(rng: random.Random, kind: str, member: Member | None, agenda, debated: list[int], **extra):
    item = rng.choices(debated, weights=[agenda[i].template.discussion for i in debated])[0]
    point = rng.choice(agenda[item].template.points) if agenda[item].template.points else ""
    summary = (
        f"Tranh luận, làm rõ thêm: {point[:1].lower()}{point[1:]}" if kind == Speech.Kind.DEBATE else point
    )
    return PlannedSpeech(kind, member, item, rng.randint(180, 600), summary, **extra)


def plan_session(
    spec: DemoSession,
    rng: random.Random,
    members: list[Member],
    never: set[int],
    silent: int,
    today: dt.date,
    *,
    latest_held: bool,
    catch_up: set[int] | None = None,
) -> Plan:
    """The session's agenda, sittings and speeches.

    ``never`` are mandates that never contribute; ``silent`` is how many delegate groups make no plenary
    contribution; delegates not in ``catch_up`` (when given) all speak in the group discussion.
    """
    held = spec.end < today
    if held:
        state = Session.State.CLOSED if latest_held else Session.State.PUBLISHED
    else:
        state = Session.State.IN_SESSION if spec.start <= today else Session.State.CONVENED
    agenda = _agenda(spec, rng)
    debated = [i for i, a in enumerate(agenda) if a.template.points and a.template is not INTERPELLATION_ITEM]
    questioned = next((i for i, a in enumerate(agenda) if a.template is INTERPELLATION_ITEM), None)
    sittings = [
        PlannedSitting(spec.start + offset * DAY, kind, start, end, title)
        for offset, kind, start, end, title, _role in LAYOUTS[spec.kind]
    ]
    roles = [layout[-1] for layout in LAYOUTS[spec.kind]]

    # Who takes part at all: most, not all, of the delegates in office on the first day.
    active = [m for m in members if m.mandate.is_active_on(spec.start) and m.mandate.pk not in never]
    present = [m for m in active if rng.random() < PRESENCE]
    groups = sorted({m.group for m in members if m.mandate.is_active_on(spec.start)})
    quiet = set(rng.sample(groups, silent)) if silent else set()

    for sitting, role in zip(sittings, roles, strict=True):
        if sitting.day >= today or role in ("opening", "closing"):
            continue
        if role == "group":
            for member in active:
                late = catch_up is not None and member.mandate.pk not in catch_up
                if late or (member in present and rng.random() < 0.8):
                    for _ in range(2 if rng.random() < 0.25 else 1):
                        sitting.speeches.append(_speech(rng, Speech.Kind.DISCUSSION, member, agenda, debated))
        elif role == "plenary":
            for group in groups:
                if group in quiet:
                    continue
                pool = [m for m in present if m.group == group] or [m for m in active if m.group == group]
                for n, member in enumerate(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 2, 3))))):
                    kind = Speech.Kind.DEBATE if n and rng.random() < 0.4 else Speech.Kind.DISCUSSION
                    sitting.speeches.append(_speech(rng, kind, member, agenda, debated))
            rng.shuffle(sitting.speeches)
            if spec.kind != Session.Kind.INAUGURAL:
                explanation = _speech(rng, Speech.Kind.ANSWER, None, agenda, debated)
                explanation.item = 0
                explanation.summary = "Giải trình, làm rõ các vấn đề đại biểu quan tâm tại phiên thảo luận"
                sitting.speeches.append(explanation)
        elif role == "interpellation":
            askers = [m for m in present if m.group not in quiet]
            for question in spec.questions:
                for member in rng.sample(askers, rng.randint(3, 5)):
                    sitting.speeches.append(
                        PlannedSpeech(
                            Speech.Kind.INTERPELLATION,
                            member,
                            questioned,
                            rng.randint(180, 420),
                            rng.choice(question.questions),
                        )
                    )
                for _ in range(rng.randint(1, 2)):
                    answer = PlannedSpeech(
                        Speech.Kind.ANSWER, None, questioned, rng.randint(300, 600), question.answer, question
                    )
                    sitting.speeches.append(answer)
    _minutes(spec, agenda, sittings, held, rng)
    return Plan(spec, state, agenda, sittings)


# --- Writing ------------------------------------------------------------------------------------------------


def _members(term: Term) -> list[Member]:
    """The term's mandates with their delegate group, in the same order whatever the database."""
    group_of = {}
    for membership in GroupMembership.objects.filter(group__term=term).order_by("start_date"):
        group_of.setdefault(membership.mandate_id, membership.group_id)
    mandates = Mandate.objects.filter(term=term).select_related("delegate")
    members = [Member(m, group_of[m.pk]) for m in mandates if m.pk in group_of]
    return sorted(members, key=lambda m: (m.mandate.delegate.full_name, m.mandate.start_date))


def _never_speaking(members: list[Member], rng: random.Random) -> set[int]:
    """A few ordinary part-time members of term XI, from different groups, who never contribute (T3 at
    zero)."""
    roles = dict(
        GroupMembership.objects.filter(mandate__in=[m.mandate for m in members]).values_list(
            "mandate_id", "role"
        )
    )
    chosen: dict[int, int] = {}
    for member in rng.sample(members, len(members)):
        mandate = member.mandate
        ordinary = (
            roles.get(mandate.pk) == GroupMembership.Role.MEMBER
            and mandate.kind == Mandate.Kind.PART_TIME
            and mandate.delegate.user_id is None  # not a demo account's delegate
        )
        if ordinary and member.group not in chosen:
            chosen[member.group] = member.mandate.pk
        if len(chosen) == SILENT_IN_TERM_XI:
            break
    return set(chosen.values())


def _write(plan: Plan, council: Council, term: Term, actor: User | None, agencies, fields) -> None:
    spec = plan.spec
    session = session_create(
        actor=actor,
        council=council,
        term=term,
        number=spec.number,
        kind=spec.kind,
        title=spec.title,
        state=plan.state,
        start_date=spec.start,
        end_date=spec.end,
        place=PLACE,
        convening_decision=spec.decision,
    )
    items = [
        agenda_item_create(
            actor=actor,
            council=council,
            session=session,
            order=n,
            title=planned.template.title,
            presenter=planned.template.presenter,
            field=fields.get(planned.template.field),
            planned_presentation=planned.planned_presentation,
            planned_discussion=planned.planned_discussion,
            actual_presentation=planned.actual_presentation,
            actual_discussion=planned.actual_discussion,
        )
        for n, planned in enumerate(plan.agenda, start=1)
    ]
    for planned in plan.sittings:
        sitting = sitting_create(
            actor=actor,
            council=council,
            session=session,
            kind=planned.kind,
            date=planned.day,
            start_time=planned.start,
            end_time=planned.end,
            title=planned.title,
        )
        for speech in planned.speeches:
            if speech.member is not None:
                speaker = {"mandate": speech.member.mandate}
            elif speech.question is not None:
                speaker = {"official": speech.question.official, "agency": agencies[speech.question.agency]}
            else:
                speaker = {"official": "Phó Chủ tịch UBND tỉnh", "agency": agencies[UBND_TINH]}
            speech_log(
                actor=actor,
                sitting=sitting,
                kind=speech.kind,
                agenda_item=items[speech.item] if speech.item is not None else None,
                duration_seconds=speech.seconds,
                summary=speech.summary,
                **speaker,
            )


def seed_sessions(council: Council, *, with_users: bool) -> int:
    """Create the missing demo sessions of ``council`` with all they hold; return how many were created."""
    actor = User.objects.filter(username="vanphong").first() if with_users else None
    today = timezone.localdate()
    terms = {t.number: t for t in Term.objects.filter(council=council, number__in={s.term for s in SESSIONS})}
    if len(terms) < len({s.term for s in SESSIONS}):
        return 0
    rng = random.Random(2026)
    seeds = [rng.getrandbits(64) for _ in SESSIONS]
    members = {number: _members(term) for number, term in terms.items()}
    never = {10: set(), 11: _never_speaking(members[11], rng)}
    held = [s for s in SESSIONS if s.end < today]
    latest = max(held, key=lambda s: s.start) if held else None
    latest_xi = max((s for s in held if s.term == 11), key=lambda s: s.start, default=None)
    existing = set(Session.objects.filter(term__in=terms.values()).values_list("term__number", "number"))
    agencies = {a.name: a for a in Agency.objects.filter(council=council)}
    fields = {f.code: f for f in Field.objects.filter(council=council)}
    # Every session is planned, in order, even one that exists: who has spoken so far in the term
    # decides who catches up at the latest held session of term XI.
    spoken: dict[int, set[int]] = {number: set() for number in terms}
    created = 0
    for spec, seed in zip(SESSIONS, seeds, strict=True):
        last_of_xi = spec is latest_xi
        silent = spec.silent_groups or (random.Random(seed ^ 1).choice((1, 2)) if last_of_xi else 0)
        plan = plan_session(
            spec,
            random.Random(seed),
            members[spec.term],
            never[spec.term],
            silent,
            today,
            latest_held=spec is latest,
            catch_up=spoken[spec.term] if last_of_xi else None,
        )
        spoken[spec.term] |= plan.contributors()
        if (spec.term, spec.number) not in existing:
            _write(plan, council, terms[spec.term], actor, agencies, fields)
            created += 1
    # Interpellations and resolutions at (and between) the held sessions, now that these exist.
    seed_slips(council, with_users=with_users)
    return created


def sessions_summary(council: Council) -> str:
    """One line on the council's sessions: how many (held), sittings, agenda items and speeches."""
    sessions = Session.objects.filter(council=council).aggregate(
        total=Count("pk"),
        held=Count("pk", filter=Q(state__in=[Session.State.CLOSED, Session.State.PUBLISHED])),
    )
    speeches = Speech.objects.filter(council=council).aggregate(
        total=Count("pk"), answers=Count("pk", filter=Q(mandate__isnull=True))
    )
    sittings = Sitting.objects.filter(council=council).count()
    slips = Interpellation.objects.filter(council=council).aggregate(
        total=Count("pk"), between=Count("pk", filter=Q(session__isnull=True))
    )
    commitments = Commitment.objects.filter(interpellation__council=council).count()
    resolutions = list(Resolution.objects.filter(council=council).select_related("vote"))
    failed = sum(1 for r in resolutions if hasattr(r, "vote") and not r.vote.passed)
    tasks = ResolutionTask.objects.filter(resolution__council=council).count()
    return (
        f"  Sessions of {council.short_name}: {sessions['total']} (held {sessions['held']}), "
        f"sittings {sittings}, speeches {speeches['total']} (by officials {speeches['answers']}), "
        f"interpellations {slips['total']} (between sessions {slips['between']}, commitments {commitments}), "
        f"resolutions {len(resolutions)} (not passed {failed}, tasks {tasks})"
    )
