"""Demo voters' data for ``seed_demo``: a year of the Đồng Tháp council's work with voters and citizens.

Eighteen voter meetings before and after the sessions, thematic and by field, in person and online, each
with the delegates present, the Fatherland Front co-organiser, the attendance and what voters raised; four
citizen receptions; opinions that came by hotline, e-mail, post, Zalo, the press, consultations on draft
resolutions and the public web form; about seventy petitions consolidated from them in every state of the
workflow (recorded, classified, transferred — some overdue, some answered and awaiting review —, sent to the
National Assembly delegation, reviewed, reported at a session, voters informed, resolved, on a roadmap,
unresolved, merged), with three pairs of near-identical recorded petitions still waiting to be merged and
opinions of the latest meetings not yet consolidated; and eleven letters (complaints, denunciations — one
anonymous —, feedback) in every state, one a duplicate of another.

Everything is written through ``voters.services`` and the follow-up services, never by a direct model
write, inside ``mail_suppressed()`` (the agencies' addresses are invented), by the demo Office user; the
answers of the Department of Health come from its demo respondent. A meeting or reception is looked up by
the external id of its first opinion, a loose opinion by its own, a petition by its external id
("demo-kn-001"), a public submission by its contact e-mail and a letter by its content, and skipped when it
exists, so a second run creates nothing.

Dates are laid out relative to the day the seed runs over the year before it (no meeting is ever in the
future); a meeting before or after a session is attached to the nearest session of the council on the
right side of its date, and a petition is reported at the first session held at least 25 days after it
was transferred. The delegates present are drawn, with a seeded generator, from the mandates in office on
the day whose delegate group covers the commune; the demo delegate attends three meetings of his group.

Voters, citizens, answers and numbers are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import AdminUnit, Agency, Committee, Council, CouncilStatus, Field, FollowUp, Term, User
from council.services import followup_answer, followup_change_due, followup_verify
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar
from delegates.models import DelegateGroup, GroupMembership, Mandate, StandingPosition
from demo import council as demo_data
from demo.names import (
    BHXH,
    BQLDA,
    CONG_AN,
    CONG_THUONG,
    DEMO_DELEGATE,
    DIEN_LUC,
    GD_DT,
    NN_MT,
    NOI_VU,
    OFFICE_USER,
    RESPONDENT_AGENCY,
    RESPONDENT_USER,
    THANH_TRA,
    UBND_TINH,
    VHTTDL,
    XAY_DUNG,
    Y_TE,
    ubnd,
)
from sessions.models import Session
from voters import communications
from voters.matching.classifier import classifier_train
from voters.matching.index import rebuild_frequencies
from voters.matching.models import Synonym
from voters.matching.services import synonyms_load_defaults
from voters.models import (
    Channel,
    Competence,
    Letter,
    MediaProduct,
    OutreachEvent,
    Petition,
    Reception,
    VoterMeeting,
    VoterOpinion,
)
from voters.services import (
    letter_create,
    letter_handle,
    meeting_create,
    opinion_add,
    petition_adopt_followup,
    petition_attach,
    petition_classify,
    petition_conclude,
    petition_create,
    petition_followup,
    petition_inform,
    petition_merge,
    petition_report,
    petition_review,
    petition_transfer,
    public_submit,
    reception_create,
)

DAY = dt.timedelta(days=1)

Kind = VoterMeeting.Kind
Format = VoterMeeting.Format
State = Petition.State
LetterKind = Letter.Kind
LetterState = Letter.State
Host = Reception.Host

EXTERNAL_PREFIX = "demo-"

# A petition is reported at the first session held this long after it was transferred.
REPORT_AFTER_DAYS = 25

# Agencies, by their name in ``demo.council``.


# The committee that reviews the answers, by field.
COMMITTEE_OF_FIELD = {
    "dat-dai": "economy_budget",
    "giao-thong": "economy_budget",
    "xay-dung": "economy_budget",
    "nong-nghiep": "economy_budget",
    "moi-truong": "economy_budget",
    "tai-chinh-ngan-sach": "economy_budget",
    "y-te": "culture_society",
    "giao-duc": "culture_society",
    "lao-dong-viec-lam": "culture_society",
    "chinh-sach-xa-hoi": "culture_society",
    "van-hoa-du-lich": "culture_society",
    "an-ninh-trat-tu": "legal",
    "noi-vu": "legal",
    "khac": "legal",
}
REVIEW_TEXT = {
    CouncilStatus.DONE: "Nội dung trả lời đầy đủ, đúng thẩm quyền; kiến nghị đã được giải quyết.",
    CouncilStatus.PARTLY_DONE: "Kiến nghị mới được giải quyết một phần; đề nghị tiếp tục thực hiện theo lộ trình "
    "đã cam kết và báo cáo kết quả.",
    CouncilStatus.NOT_DONE: "Kiến nghị chưa được giải quyết; đề nghị cơ quan tiếp tục xem xét, có giải pháp và "
    "thời hạn cụ thể.",
}


# --- What is seeded ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """An opinion: what voters said, how many raised it, who (optional), and an answer given on the spot."""

    text: str
    voters: int = 1
    name: str = ""
    address: str = ""
    spot: str = ""
    unit: str = ""  # a commune or ward other than the meeting's, by its name


@dataclass(frozen=True)
class DemoMeeting:
    """A voter meeting ``day`` days before the run; its opinions are keyed "<key>-01", "<key>-02", …"""

    key: str
    kind: str
    day: int
    place: str  # a commune or ward in force, by its name; "" for an online meeting with no main venue
    venue: str
    attendance: int
    opinions: tuple[Op, ...]
    format: str = Format.IN_PERSON
    field: str = ""
    delegates: int = 3
    demo_delegate: bool = False
    notes: str = ""


@dataclass(frozen=True)
class DemoReception:
    key: str
    day: int
    host: str
    place: str
    venue: str
    opinions: tuple[Op, ...]
    notes: str = ""


@dataclass(frozen=True)
class Loose:
    """An opinion received outside meetings and receptions."""

    key: str
    channel: str
    day: int
    op: Op


@dataclass(frozen=True)
class DemoLetter:
    """A letter and what the Office did with it.

    ``sender`` is (name, address, phone), None for an anonymous letter. ``steps`` are taken in order: a
    letter state ("classified", note), ("transferred", agency, note), …; ("answer", status, text) for the
    agency's answer to the follow-up opened on transfer and ("verify", outcome, text) for the Office's.
    ``opinion`` is what the letter asks of the council, recorded as an opinion keyed "<key>".
    """

    key: str
    kind: str
    channel: str
    day: int
    sender: tuple[str, str, str] | None
    unit: str
    summary: str
    steps: tuple[tuple, ...] = ()
    duplicate_of: str = ""
    opinion: str = ""


@dataclass(frozen=True)
class Kn:
    """A petition consolidated from the opinions ``sources`` and taken as far as ``state``.

    ``lag``: days from the last source to the transfer. ``answer``: ("done", text), ("cannot", text,
    explanation) or ("progress", %, text). ``review``: the committee's outcome (text by default from
    ``REVIEW_TEXT``). ``inform``: what voters were told (by default the agency's answer). ``extend``: on a
    roadmap, the follow-up's due date moves this many days past the run. ``attach``: opinions added once it
    is done; ``merge_into``: a duplicate merged into that petition.
    """

    key: str
    title: str
    sources: tuple[str, ...]
    state: str
    field: str = ""
    competence: str = Competence.PROVINCE
    agency: str = ""
    lag: int = 10
    answer: tuple = ()
    review: str = CouncilStatus.DONE
    inform: str = ""
    publish: bool = True
    roadmap: str = ""
    extend: int = 0
    attach: tuple[str, ...] = ()
    merge_into: str = ""


@dataclass(frozen=True)
class Submission:
    """A citizen's petition sent through the public web form, and how far the Office took it."""

    name: str
    phone: str
    email: str
    address: str
    unit: str
    title: str
    text: str
    classify: tuple[str, str, str] | None = None  # (field, competence, agency)


# --- Voter meetings ---------------------------------------------------------------------------------------

MEETINGS: tuple[DemoMeeting, ...] = (
    DemoMeeting(
        "tx01",
        Kind.BEFORE_SESSION,
        362,
        "Xã Tân Hồng",
        "Hội trường UBND xã Tân Hồng",
        135,
        (
            Op(
                "Tuyến ĐT 843 đoạn từ chợ Sa Rài đến cửa khẩu Dinh Bà xuống cấp, nhiều ổ gà, mùa mưa đọng nước "
                "gây nguy hiểm cho người đi đường; đề nghị tỉnh sớm sửa chữa.",
                18,
            ),
            Op(
                "Giá lúa vụ Thu Đông giảm mạnh, thương lái ép giá; đề nghị có chính sách thu mua tạm trữ lúa và "
                "hỗ trợ lãi suất vốn vay cho nông dân.",
                22,
            ),
            Op(
                "Trạm Y tế xã thường xuyên thiếu thuốc trong danh mục bảo hiểm y tế, người bệnh phải tự mua thuốc "
                "bên ngoài.",
                9,
            ),
            Op(
                "Nhiều hộ dân ở cụm dân cư Gò Da đã ở ổn định hơn mười năm nhưng vẫn chưa được cấp giấy chứng "
                "nhận quyền sử dụng đất.",
                7,
                "Ông Trần Văn Lợi",
                "cụm dân cư Gò Da, xã Tân Hồng",
            ),
            Op(
                "Hỏi thời gian chi trả tiền hỗ trợ lúa giống cho diện tích bị thiệt hại do mưa lũ tháng 10.",
                4,
                spot="Lãnh đạo UBND xã cho biết kinh phí hỗ trợ đã được phân bổ, sẽ chi trả xong trước ngày "
                "15/12 tại trụ sở các ấp.",
            ),
        ),
    ),
    DemoMeeting(
        "tx02",
        Kind.BEFORE_SESSION,
        358,
        "Phường Mỹ Tho",
        "Nhà văn hóa khu phố 5, phường Mỹ Tho",
        110,
        (
            Op(
                "Khu phố 3 và khu phố 5 thường xuyên ngập khi triều cường kết hợp mưa lớn; cống thoát nước nhỏ, "
                "bị bồi lắng, đề nghị cải tạo.",
                16,
            ),
            Op(
                "Hỏi tiến độ dự án mở rộng đường Lý Thường Kiệt và thời điểm công bố phương án bồi thường.",
                8,
                spot="Đại diện UBND phường cho biết dự án đang lập báo cáo nghiên cứu khả thi, phương án bồi "
                "thường sẽ được niêm yết công khai tại khu phố.",
            ),
            Op(
                "Đề nghị tăng cường kiểm tra an toàn thực phẩm tại chợ Mỹ Tho và các quán ăn đường phố, nhất là "
                "dịp cuối năm.",
                5,
            ),
            Op(
                "Mức trợ cấp xã hội hàng tháng cho người cao tuổi, người khuyết tật còn thấp so với giá cả; đề "
                "nghị tỉnh nâng mức chuẩn trợ giúp xã hội.",
                12,
            ),
        ),
    ),
    DemoMeeting(
        "tx03",
        Kind.AFTER_SESSION,
        340,
        "Xã Thanh Bình",
        "Hội trường Đảng ủy xã Thanh Bình",
        150,
        (
            Op(
                "Bờ sông Tiền đoạn qua ấp Tân Thuận tiếp tục sạt lở, nhiều hộ phải di dời khẩn cấp; đề nghị sớm "
                "đầu tư kè chống sạt lở.",
                25,
            ),
            Op(
                "Cầu Ông Kho trên đường liên ấp bị lún, lan can hư hỏng, xe tải vẫn lưu thông; đề nghị sửa chữa "
                "và cắm biển hạn chế tải trọng.",
                11,
            ),
            Op(
                "Đề nghị nâng cấp Trường Tiểu học Thanh Bình 2, điểm lẻ ấp Bình Chánh: phòng học xuống cấp, "
                "thiếu nhà vệ sinh đạt chuẩn.",
                6,
            ),
            Op(
                "Hỏi chính sách hỗ trợ chuyển đổi nghề, ổn định cuộc sống cho các hộ phải di dời khỏi vùng sạt "
                "lở.",
                5,
                "Bà Nguyễn Thị Mỹ",
                "ấp Tân Thuận, xã Thanh Bình",
            ),
        ),
    ),
    DemoMeeting(
        "tx04",
        Kind.THEMATIC,
        325,
        "Xã Mỹ Hiệp",
        "Hội trường Hợp tác xã xoài Mỹ Xương, xã Mỹ Hiệp",
        90,
        (
            Op(
                "Giá xoài cát Hòa Lộc, xoài Đài Loan giảm mạnh, thương lái thu mua thấp hơn giá thành; đề nghị "
                "tỉnh hỗ trợ kết nối tiêu thụ, xúc tiến xuất khẩu.",
                20,
            ),
            Op(
                "Đề nghị hỗ trợ cấp mã số vùng trồng và chứng nhận VietGAP cho các tổ hợp tác trồng xoài.",
                10,
                spot="Đại diện Sở Nông nghiệp và Môi trường cho biết Sở sẽ tổ chức tập huấn, hướng dẫn hồ sơ cấp "
                "mã số vùng trồng ngay trong quý I.",
            ),
            Op(
                "Kênh nội đồng Mỹ Xương bồi lắng, mùa khô thiếu nước tưới; đề nghị nạo vét kênh.",
                8,
            ),
            Op(
                "Đề nghị có chính sách bảo hiểm nông nghiệp cho cây ăn trái khi bị thiệt hại do thời tiết bất "
                "thường.",
                6,
            ),
        ),
        notes="Tiếp xúc cử tri chuyên đề với nông dân trồng xoài và sản xuất lúa.",
    ),
    DemoMeeting(
        "tx05",
        Kind.BY_FIELD,
        300,
        "Phường Sa Đéc",
        "Hội trường Trung tâm Y tế khu vực Sa Đéc",
        85,
        (
            Op(
                "Phụ cấp ưu đãi nghề của nhân viên y tế cơ sở thấp, nhiều bác sĩ trẻ nghỉ việc; đề nghị nâng "
                "mức phụ cấp ưu đãi theo nghề.",
                15,
            ),
            Op(
                "Đề nghị tỉnh có chính sách hỗ trợ riêng để thu hút bác sĩ về công tác tại trạm y tế xã.",
                12,
            ),
            Op(
                "Chậm thanh toán chi phí khám chữa bệnh bảo hiểm y tế vượt dự toán cho các cơ sở y tế công lập.",
                8,
            ),
            Op(
                "Trang thiết bị chẩn đoán hình ảnh của Trung tâm Y tế khu vực Sa Đéc đã cũ, thường xuyên hư "
                "hỏng; đề nghị đầu tư mới.",
                6,
            ),
        ),
        field="y-te",
        notes="Tiếp xúc cử tri là cán bộ, nhân viên ngành y tế.",
    ),
    DemoMeeting(
        "tx06",
        Kind.AFTER_SESSION,
        220,
        "Xã Tháp Mười",
        "Hội trường UBND xã Tháp Mười",
        160,
        (
            Op(
                "Đề nghị chi trả dứt điểm tiền bồi thường, hỗ trợ cho các hộ bị thu hồi đất làm dự án nâng cấp "
                "ĐT 845 đoạn qua xã; nhiều hộ chưa nhận đủ tiền.",
                14,
            ),
            Op(
                "Trường THCS Mỹ An thiếu phòng học bộ môn, nhiều phòng học xuống cấp, mùa mưa bị dột.",
                9,
            ),
            Op(
                "Nước máy ở ấp 3 thường xuyên bị đục, có mùi phèn, áp lực yếu vào giờ cao điểm.",
                14,
                "Bà Lê Thị Hạnh",
                "ấp 3, xã Tháp Mười",
            ),
            Op(
                "Người dân phải đi lại nhiều lần khi làm thủ tục đăng ký biến động đất đai sau khi sáp nhập "
                "xã; đề nghị hướng dẫn rõ thủ tục, thời hạn.",
                7,
                spot="Lãnh đạo UBND xã tiếp thu; bộ phận một cửa xã sẽ niêm yết quy trình, thời hạn giải quyết "
                "và bố trí công chức hướng dẫn tại chỗ.",
            ),
        ),
    ),
    DemoMeeting(
        "tx07",
        Kind.THEMATIC,
        205,
        "Xã An Hữu",
        "Nhà văn hóa ấp 4, xã An Hữu",
        95,
        (
            Op(
                "Giá bồi thường đất nông nghiệp của dự án đường cao tốc Cao Lãnh – An Hữu thấp hơn giá thị "
                "trường; đề nghị xem xét điều chỉnh đơn giá bồi thường.",
                32,
            ),
            Op(
                "Đề nghị sớm bố trí khu tái định cư; các hộ đã bàn giao mặt bằng cho dự án cao tốc phải thuê nhà "
                "ở tạm hơn một năm.",
                18,
            ),
            Op(
                "Xe chở vật liệu của dự án cao tốc làm hư hỏng đường giao thông nông thôn, bụi nhiều vào mùa "
                "khô; đề nghị nhà thầu sửa chữa, tưới nước chống bụi.",
                11,
            ),
            Op(
                "Đề nghị hỗ trợ đào tạo nghề, giới thiệu việc làm cho lao động bị thu hồi hết đất sản xuất.",
                9,
            ),
        ),
        notes="Tiếp xúc cử tri chuyên đề với các hộ dân bị ảnh hưởng bởi dự án đường cao tốc Cao Lãnh – An Hữu.",
    ),
    DemoMeeting(
        "tx08",
        Kind.BEFORE_SESSION,
        195,
        "Phường Cao Lãnh",
        "Điểm cầu chính tại Hội trường UBND phường Cao Lãnh, kết nối trực tuyến với các điểm cầu xã Mỹ Thọ, "
        "Phong Mỹ, Ba Sao và Mỹ Hiệp",
        240,
        (
            Op(
                "Đường Nguyễn Thái Học ngập sâu sau mỗi cơn mưa lớn; đề nghị cải tạo hệ thống thoát nước.",
                20,
            ),
            Op(
                "Đề nghị đẩy nhanh dự án nâng cấp Quốc lộ 30 đoạn qua xã Phong Mỹ; công trình thi công kéo dài "
                "gây bụi, mất an toàn giao thông.",
                10,
                unit="Xã Phong Mỹ",
            ),
            Op(
                "Người cao tuổi ở nông thôn gặp khó khăn khi làm thủ tục trên ứng dụng VNeID; đề nghị bố trí "
                "cán bộ hướng dẫn tại ấp.",
                8,
                unit="Xã Ba Sao",
            ),
            Op(
                "Nhà văn hóa ấp Mỹ Thạnh mới xây đã thấm dột; đề nghị kiểm tra chất lượng công trình.",
                4,
                unit="Xã Ba Sao",
                spot="Lãnh đạo UBND xã Ba Sao cho biết đã yêu cầu nhà thầu sửa chữa trong thời gian bảo hành.",
            ),
        ),
        format=Format.ONLINE,
        delegates=3,
        demo_delegate=True,
    ),
    DemoMeeting(
        "tx09",
        Kind.AFTER_SESSION,
        175,
        "Phường Gò Công",
        "Hội trường UBND phường Gò Công",
        125,
        (
            Op(
                "Mùa khô nước mặn xâm nhập sâu, nhiều hộ thiếu nước sinh hoạt; đề nghị mở rộng mạng lưới cấp "
                "nước sạch đến các khu phố ven biển.",
                24,
            ),
            Op(
                "Đê biển Gò Công đoạn qua khu phố Lăng Hoàng Gia có dấu hiệu sạt lở; đề nghị kiểm tra, gia cố "
                "trước mùa mưa bão.",
                12,
            ),
            Op(
                "Đề nghị công khai danh sách hộ nghèo, hộ cận nghèo được hỗ trợ xây nhà ở.",
                6,
            ),
            Op(
                "Xe tải chở vật liệu chạy quá tốc độ trên đường Nguyễn Trọng Dân vào giờ học sinh tan trường; "
                "đề nghị tăng cường tuần tra, xử lý.",
                7,
            ),
        ),
    ),
    DemoMeeting(
        "tx10",
        Kind.BEFORE_SESSION,
        165,
        "Xã Mỹ Thọ",
        "Hội trường UBND xã Mỹ Thọ",
        140,
        (
            Op(
                "Cầu Rạch Chanh trên đường liên ấp Mỹ Phú bị xuống cấp, mặt cầu nứt; đề nghị xây mới.",
                15,
            ),
            Op(
                "Đề nghị tăng cường kiểm tra giá, chất lượng phân bón và thuốc bảo vệ thực vật; xử lý hàng giả, "
                "hàng kém chất lượng.",
                10,
            ),
            Op(
                "Thẻ bảo hiểm y tế của hộ cận nghèo năm 2026 cấp chậm, nhiều người đi khám phải tự chi trả.",
                8,
            ),
            Op(
                "Hỏi thời gian cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở cụm dân cư Mỹ Thọ mở rộng.",
                5,
                spot="Lãnh đạo UBND xã cho biết hồ sơ đã đo đạc xong, dự kiến cấp giấy trong tháng 8.",
            ),
        ),
        demo_delegate=True,
    ),
    DemoMeeting(
        "tx11",
        Kind.BEFORE_SESSION,
        160,
        "Xã Cái Bè",
        "Hội trường UBND xã Cái Bè",
        130,
        (
            Op(
                "Sầu riêng bị trả về do vướng kiểm tra chất vàng O, cadimi khi xuất khẩu, giá giảm sâu; đề nghị "
                "hỗ trợ nông dân, doanh nghiệp kiểm nghiệm và truy xuất nguồn gốc.",
                30,
            ),
            Op(
                "Chợ nổi Cái Bè ngày càng thưa thớt; đề nghị có đề án bảo tồn, phát triển du lịch chợ nổi.",
                6,
            ),
            Op(
                "Sạt lở bờ sông Tiền tại cù lao Tân Phong uy hiếp nhà dân và vườn cây ăn trái.",
                12,
            ),
            Op(
                "Đề nghị xây cầu dân sinh thay đò ngang ấp Hậu Thành để học sinh đi học an toàn.",
                9,
                spot="Đại biểu ghi nhận, sẽ đề nghị UBND xã đưa vào kế hoạch đầu tư công năm 2027.",
            ),
        ),
    ),
    DemoMeeting(
        "tx12",
        Kind.AFTER_SESSION,
        135,
        "Xã Long Khánh",
        "Hội trường UBND xã Long Khánh",
        115,
        (
            Op(
                "Sạt lở bờ sông Tiền đoạn ấp Long Thạnh ngày càng nghiêm trọng; đề nghị khẩn cấp xây kè, di dời "
                "các hộ trong vùng nguy hiểm.",
                26,
            ),
            Op(
                "Đề nghị bố trí nền tái định cư với giá phù hợp cho các hộ phải di dời khỏi vùng sạt lở.",
                15,
                spot="Lãnh đạo UBND xã cho biết khu tái định cư Long Khánh A đang hoàn thiện hạ tầng, ưu tiên bố "
                "trí cho các hộ trong vùng sạt lở.",
            ),
            Op(
                "Đề nghị Quốc hội sửa đổi Luật Phòng, chống thiên tai, nâng mức hỗ trợ di dời khẩn cấp cho hộ "
                "dân vùng sạt lở.",
                7,
            ),
        ),
    ),
    DemoMeeting(
        "tx13",
        Kind.BY_FIELD,
        120,
        "Xã Tam Nông",
        "Hội trường Trường THPT Tràm Chim, xã Tam Nông",
        70,
        (
            Op(
                "Thiếu giáo viên tiểu học và mầm non, nhiều lớp phải ghép; đề nghị sớm tuyển dụng đủ biên chế "
                "được giao.",
                14,
            ),
            Op(
                "Đề nghị Bộ Giáo dục và Đào tạo hướng dẫn chế độ phụ cấp cho giáo viên dạy tại các điểm trường "
                "lẻ sau khi sắp xếp đơn vị hành chính.",
                8,
            ),
            Op(
                "Nhà vệ sinh, bếp ăn bán trú của nhiều trường tiểu học xuống cấp; đề nghị bố trí kinh phí sửa "
                "chữa.",
                9,
            ),
        ),
        field="giao-duc",
        notes="Tiếp xúc cử tri là cán bộ quản lý, giáo viên ngành giáo dục.",
    ),
    DemoMeeting(
        "tx14",
        Kind.THEMATIC,
        95,
        "Xã Tân Hương",
        "Nhà văn hóa Khu công nghiệp Tân Hương",
        180,
        (
            Op(
                "Công nhân thuê trọ gần khu công nghiệp phải trả tiền điện, nước cao hơn giá quy định.",
                25,
                spot="Đại diện Sở Công Thương cho biết sẽ kiểm tra, xử lý chủ nhà trọ thu sai giá ngay trong tháng.",
            ),
            Op(
                "Đề nghị xây dựng nhà ở xã hội, nhà trẻ cho con công nhân gần Khu công nghiệp Tân Hương.",
                20,
            ),
            Op(
                "Một số doanh nghiệp chậm đóng bảo hiểm xã hội, người lao động nghỉ việc không chốt được sổ.",
                12,
                spot="Đại diện Bảo hiểm xã hội tỉnh đề nghị người lao động cung cấp thông tin để cơ quan bảo "
                "hiểm thanh tra, đôn đốc doanh nghiệp.",
            ),
            Op(
                "Đề nghị sửa đổi Bộ luật Lao động về giới hạn giờ làm thêm và tăng lương tối thiểu vùng cho khu "
                "vực nông thôn có khu công nghiệp.",
                10,
            ),
        ),
        notes="Tiếp xúc cử tri là công nhân, người lao động tại các khu công nghiệp.",
    ),
    DemoMeeting(
        "tx15",
        Kind.BY_FIELD,
        40,
        "",
        "Trực tuyến qua hệ thống hội nghị truyền hình của tỉnh, 12 điểm cầu tại các xã, phường",
        320,
        (
            Op(
                "Hồ sơ đề nghị công nhận người có công của một số thân nhân liệt sĩ tồn đọng lâu, chưa được giải "
                "quyết.",
                6,
                unit="Xã Tháp Mười",
            ),
            Op(
                "Đề nghị nâng mức hỗ trợ mua thẻ bảo hiểm y tế cho người thuộc hộ cận nghèo lên 100%.",
                15,
                unit="Phường Cai Lậy",
            ),
            Op(
                "Người khuyết tật nặng chậm nhận trợ cấp sau khi chuyển hồ sơ về xã mới.",
                5,
                unit="Xã Lai Vung",
            ),
            Op(
                "Đề nghị sửa chữa nhà tình nghĩa đã xuống cấp của các gia đình chính sách.",
                7,
                unit="Xã Chợ Gạo",
            ),
            Op(
                "Hỏi thủ tục hưởng trợ cấp mai táng phí cho người có công.",
                2,
                unit="Phường Sa Đéc",
                spot="Đại diện Sở Nội vụ hướng dẫn thân nhân nộp hồ sơ tại bộ phận một cửa xã, phường.",
            ),
        ),
        format=Format.ONLINE,
        field="chinh-sach-xa-hoi",
        delegates=4,
        notes="Tiếp xúc cử tri là người có công, hộ nghèo, người khuyết tật.",
    ),
    DemoMeeting(
        "tx16",
        Kind.BEFORE_SESSION,
        18,
        "Xã Lấp Vò",
        "Hội trường UBND xã Lấp Vò",
        145,
        (
            Op(
                "Kênh Xáng Lấp Vò bị bồi lắng, lục bình dày đặc, ghe xuồng đi lại khó khăn; đề nghị nạo vét.",
                12,
            ),
            Op("Đề nghị lắp đặt đèn chiếu sáng tuyến đường ven kênh ấp Bình Thạnh 1.", 6),
            Op("Giá lúa Thu Đông thấp trong khi chi phí phân bón, thuốc bảo vệ thực vật tăng.", 15),
            Op("Trạm y tế xã chưa có máy siêu âm, xét nghiệm; người dân phải lên tuyến trên.", 5),
            Op("Đề nghị mở tuyến xe buýt từ xã Lấp Vò đến phường Sa Đéc.", 4),
            Op(
                "Bị thu hồi đất làm đường nhưng chưa được chi trả tiền bồi thường phần cây trồng, vật kiến trúc.",
                3,
                "Ông Nguyễn Văn Bé",
                "ấp Bình Hòa, xã Lấp Vò",
            ),
        ),
    ),
    DemoMeeting(
        "tx17",
        Kind.BEFORE_SESSION,
        12,
        "Phường Mỹ Trà",
        "Nhà văn hóa khóm Mỹ Phú, phường Mỹ Trà",
        120,
        (
            Op(
                "Đề nghị lắp đặt đèn tín hiệu giao thông tại ngã tư Phạm Hữu Lầu – Tôn Đức Thắng, thường xuyên "
                "xảy ra va chạm.",
                10,
            ),
            Op("Tình trạng lấn chiếm vỉa hè, lòng đường để buôn bán tại khu vực chợ Mỹ Trà.", 6),
            Op("Đề nghị sớm bàn giao nền tái định cư khu dân cư Mỹ Trà cho các hộ bị giải tỏa.", 9),
            Op("Nhiều tuyến hẻm trong khóm Mỹ Phú chưa có cống thoát nước.", 5),
            Op("Quán karaoke hoạt động gây ồn sau 22 giờ; đề nghị kiểm tra, xử lý.", 4),
            Op("Phụ huynh phản ánh nhiều khoản thu đầu năm học chưa được công khai rõ ràng.", 7),
        ),
        demo_delegate=True,
    ),
    DemoMeeting(
        "tx18",
        Kind.BEFORE_SESSION,
        6,
        "Xã Chợ Gạo",
        "Hội trường UBND xã Chợ Gạo",
        130,
        (
            Op(
                "Giá thanh long ruột đỏ giảm sâu, nhiều nhà vườn thua lỗ; đề nghị hỗ trợ tìm đầu ra và chuyển "
                "đổi cây trồng.",
                18,
            ),
            Op("Sà lan trọng tải lớn lưu thông trên kênh Chợ Gạo gây sạt lở bờ kênh.", 11),
            Op("Đề nghị sớm hoàn thành nâng cấp Quốc lộ 50 đoạn qua xã Chợ Gạo.", 9),
            Op("Nước sinh hoạt bị nhiễm mặn vào mùa khô ở các ấp ven sông.", 8),
            Op(
                "Hỏi chính sách hỗ trợ đóng bảo hiểm xã hội tự nguyện cho nông dân.",
                3,
                spot="Đại diện Bảo hiểm xã hội tỉnh đã giải thích mức hỗ trợ của Nhà nước và của tỉnh.",
            ),
            Op("Đề nghị bố trí thêm bác sĩ cho trạm y tế xã.", 4),
        ),
    ),
)

# --- Citizen receptions ---------------------------------------------------------------------------------

PROVINCE_RECEPTION = "Trụ sở Tiếp công dân tỉnh, phường Cao Lãnh"

RECEPTIONS: tuple[DemoReception, ...] = (
    DemoReception(
        "tcd1",
        330,
        Host.STANDING,
        "Phường Cao Lãnh",
        PROVINCE_RECEPTION,
        (
            Op(
                "Diện tích đất bị thu hồi cho dự án cao tốc Cao Lãnh – An Hữu đo đạc thực tế lớn hơn diện tích "
                "được bồi thường; giá bồi thường thấp.",
                1,
                "Bà Lê Thị Sáu",
                "ấp 2, xã An Hữu",
                unit="Xã An Hữu",
            ),
            Op(
                "Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho phần đất gia đình sử dụng ổn định từ "
                "năm 1990.",
                1,
                "Ông Phan Văn Năm",
                "khóm 4, phường Mỹ Ngãi",
                spot="Thường trực HĐND tỉnh hướng dẫn công dân nộp hồ sơ tại UBND phường Mỹ Ngãi; đề nghị "
                "phường xem xét, trả lời trong 30 ngày.",
                unit="Phường Mỹ Ngãi",
            ),
        ),
        notes="Tiếp công dân định kỳ của Thường trực HĐND tỉnh.",
    ),
    DemoReception(
        "tcd2",
        235,
        Host.STANDING,
        "Phường Cao Lãnh",
        PROVINCE_RECEPTION,
        (
            Op(
                "Cơ sở chăn nuôi heo gần khu dân cư ấp Rọc Muống gây ô nhiễm mùi, nước thải xả thẳng ra kênh.",
                1,
                "Ông Võ Văn Tư",
                "ấp Rọc Muống, xã Tân Hồng",
                unit="Xã Tân Hồng",
            ),
            Op(
                "Đề nghị xem xét lại việc điều chỉnh trợ cấp ưu đãi của mẹ là người có công sau khi chuyển hồ sơ "
                "về phường Sa Đéc.",
                1,
                "Bà Huỳnh Thị Lệ",
                "khóm 1, phường Sa Đéc",
                unit="Phường Sa Đéc",
            ),
            Op(
                "Khiếu nại việc xử phạt vi phạm hành chính về xây dựng.",
                1,
                "Ông Đỗ Văn Phúc",
                "ấp Hòa Hưng, xã Cái Bè",
                unit="Xã Cái Bè",
                spot="Hướng dẫn công dân gửi đơn khiếu nại đến Chủ tịch UBND xã Cái Bè là người có thẩm quyền "
                "giải quyết lần đầu.",
            ),
        ),
        notes="Tiếp công dân định kỳ của Thường trực HĐND tỉnh.",
    ),
    DemoReception(
        "tcd3",
        88,
        Host.DELEGATE,
        "Xã Tháp Mười",
        "Trụ sở UBND xã Tháp Mười",
        (
            Op(
                "Đường đal ấp 2 xuống cấp, nhiều đoạn bể, trẻ em đi học bằng xe đạp dễ té ngã; đề nghị nâng cấp.",
                1,
                "Ông Lý Văn Mười",
                "ấp 2, xã Tháp Mười",
            ),
            Op(
                "Phản ánh thương lái ép giá lúa khi thu hoạch rộ.",
                1,
                "Bà Trương Thị Nga",
                "ấp 5, xã Tháp Mười",
                spot="Đại biểu ghi nhận, sẽ tổng hợp gửi Sở Công Thương cùng các ý kiến về giá lúa.",
            ),
        ),
        notes="Tiếp công dân của Tổ đại biểu HĐND tỉnh tại địa phương.",
    ),
    DemoReception(
        "tcd4",
        25,
        Host.DELEGATE,
        "Phường Hồng Ngự",
        "Trụ sở HĐND và UBND phường Hồng Ngự",
        (
            Op(
                "Bờ sông Tiền khu vực giáp ranh xã Long Khánh tiếp tục sạt lở, nhà cửa bị nứt; đề nghị sớm xây kè.",
                1,
                "Ông Châu Văn Tài",
                "khóm An Lộc, phường Hồng Ngự",
            ),
            Op(
                "Chợ Hồng Ngự xuống cấp, mái che dột, mùa mưa tiểu thương không buôn bán được.",
                1,
                "Bà Tô Thị Ánh",
                "khóm 3, phường Hồng Ngự",
            ),
            Op(
                "Phản ánh tình trạng khai thác cát trái phép vào ban đêm trên sông Tiền.",
                1,
                "Ông Bùi Văn Hiệp",
                "khóm An Thịnh, phường Hồng Ngự",
                spot="Đại biểu đề nghị Công an phường phối hợp Công an tỉnh kiểm tra, xử lý.",
            ),
        ),
        notes="Tiếp công dân của Tổ đại biểu HĐND tỉnh tại địa phương.",
    ),
)

# --- Opinions through the other channels -----------------------------------------------------------------

LOOSE: tuple[Loose, ...] = (
    Loose(
        "dd1",
        Channel.HOTLINE,
        350,
        Op(
            "Đường ĐT 843 đoạn qua xã Tân Hồng nhiều ổ gà, xe máy té ngã; đề nghị sửa chữa.",
            unit="Xã Tân Hồng",
        ),
    ),
    Loose(
        "bc1",
        Channel.PRESS,
        260,
        Op(
            "Báo và Phát thanh, Truyền hình Đồng Tháp phản ánh: sạt lở bờ sông Tiền ấp Tân Thuận, xã Thanh Bình "
            "uy hiếp nhà dân, đề nghị xây kè.",
            unit="Xã Thanh Bình",
        ),
    ),
    Loose(
        "bd1",
        Channel.POST,
        280,
        Op(
            "Thư cử tri ấp Tân Thuận đề nghị sớm xây kè bảo vệ bờ sông Tiền, các hộ đã phải dời nhà hai lần.",
            4,
            "Ông Nguyễn Văn Thành",
            "ấp Tân Thuận, xã Thanh Bình",
            unit="Xã Thanh Bình",
        ),
    ),
    Loose(
        "gy1",
        Channel.CONSULTATION,
        240,
        Op(
            "Góp ý dự thảo Nghị quyết về Bảng giá đất: giá đất nông nghiệp ven quốc lộ, đường tỉnh chưa sát giá "
            "thị trường, ảnh hưởng quyền lợi người bị thu hồi đất.",
            3,
            unit="Xã Cái Bè",
        ),
    ),
    Loose(
        "em1",
        Channel.EMAIL,
        155,
        Op(
            "Thẻ bảo hiểm y tế hộ cận nghèo năm 2026 vẫn chưa được cấp, đi khám phải trả toàn bộ chi phí.",
            name="Bà Đoàn Thị Thu",
            address="ấp Mỹ Phú, xã Mỹ Thọ",
            unit="Xã Mỹ Thọ",
        ),
    ),
    Loose(
        "dd2",
        Channel.HOTLINE,
        170,
        Op("Khu phố ven biển phường Gò Công thiếu nước ngọt sinh hoạt mùa khô.", 2, unit="Phường Gò Công"),
    ),
    Loose(
        "zl2",
        Channel.ZALO,
        120,
        Op(
            "Điện chập chờn, mất điện nhiều lần trong ngày ở ấp Tân Hòa Thành, xã Tân Phước 2.",
            3,
            unit="Xã Tân Phước 2",
        ),
    ),
    Loose(
        "bc2",
        Channel.PRESS,
        50,
        Op(
            "Báo và Phát thanh, Truyền hình Đồng Tháp phản ánh: bến phà Tân Long quá tải vào giờ cao điểm, "
            "người dân chờ lâu.",
            unit="Xã Tân Long",
        ),
    ),
    Loose(
        "gy2",
        Channel.CONSULTATION,
        45,
        Op(
            "Góp ý dự thảo Nghị quyết về chính sách thu hút nhân lực y tế: đề nghị nâng mức hỗ trợ ban đầu cho "
            "bác sĩ về xã vùng sâu.",
            2,
            unit="Xã Tân Hồng",
        ),
    ),
    Loose(
        "zl3",
        Channel.ZALO,
        30,
        Op("Phản ánh tình trạng đốt rơm rạ sau thu hoạch gây khói bụi ở khu dân cư.", 2, unit="Xã Tam Nông"),
    ),
    Loose(
        "zl1",
        Channel.ZALO,
        15,
        Op(
            "De nghi nao vet kenh Xang Lap Vo, kenh boi lang va luc binh day dac, ghe xuong di lai kho khan.",
            unit="Xã Lấp Vò",
        ),
    ),
    Loose(
        "dd3",
        Channel.HOTLINE,
        9,
        Op(
            "Cử tri đề nghị lắp đèn tín hiệu giao thông ở ngã tư Phạm Hữu Lầu - Tôn Đức Thắng, phường Mỹ Trà vì "
            "thường xuyên xảy ra va chạm.",
            unit="Phường Mỹ Trà",
        ),
    ),
    Loose(
        "em2",
        Channel.EMAIL,
        4,
        Op(
            "Đề nghị hỗ trợ nhà vườn trồng thanh long ruột đỏ khi giá giảm sâu, tìm đầu ra cho trái thanh long.",
            name="Ông Phạm Văn Lộc",
            address="ấp Thạnh Hòa, xã Chợ Gạo",
            unit="Xã Chợ Gạo",
        ),
    ),
)

# --- Letters ----------------------------------------------------------------------------------------------

LETTERS: tuple[DemoLetter, ...] = (
    DemoLetter(
        "lt01",
        LetterKind.FEEDBACK,
        Channel.POST,
        215,
        ("Ông Trương Văn Hòa", "ấp An Thạnh, xã An Hữu", "0908 215 334"),
        "Xã An Hữu",
        "Đơn kiến nghị của ông Trương Văn Hòa, ấp An Thạnh, xã An Hữu đề nghị xem xét nâng đơn giá bồi thường đất "
        "nông nghiệp bị thu hồi cho dự án đường cao tốc Cao Lãnh – An Hữu.",
        (
            ("classified", ""),
            ("monitored", "Nội dung đã được tổng hợp vào kiến nghị cử tri, HĐND tỉnh theo dõi."),
        ),
        opinion="Đề nghị nâng đơn giá bồi thường đất nông nghiệp bị thu hồi cho dự án cao tốc Cao Lãnh – An Hữu.",
    ),
    DemoLetter(
        "lt02",
        LetterKind.COMPLAINT,
        Channel.POST,
        95,
        ("Bà Trần Thị Bảy", "khóm 2, phường Cai Lậy", "0913 480 762"),
        "Phường Cai Lậy",
        "Đơn khiếu nại của bà Trần Thị Bảy về việc chưa được hưởng chế độ thờ cúng liệt sĩ sau khi chuyển hồ sơ từ "
        "huyện cũ về phường Cai Lậy.",
        (
            ("classified", ""),
            (
                "guided",
                "Đã có văn bản hướng dẫn bà gửi đơn đến Chủ tịch UBND phường Cai Lậy là người có thẩm quyền.",
            ),
            ("closed", "Công dân đã nộp hồ sơ tại UBND phường Cai Lậy."),
        ),
    ),
    DemoLetter(
        "lt03",
        LetterKind.FEEDBACK,
        Channel.EMAIL,
        70,
        ("Ông Võ Văn Tư", "ấp Rọc Muống, xã Tân Hồng", "0939 702 118"),
        "Xã Tân Hồng",
        "Thư điện tử của ông Võ Văn Tư tiếp tục phản ánh cơ sở chăn nuôi heo ở ấp Rọc Muống, xã Tân Hồng xả nước "
        "thải ra kênh sau khi đã được kiểm tra.",
        (("classified", ""), ("monitored", "Đã gộp vào kiến nghị đang theo dõi về cơ sở chăn nuôi.")),
        opinion="Cơ sở chăn nuôi heo ấp Rọc Muống vẫn xả nước thải ra kênh sau khi đã được kiểm tra, xử phạt.",
    ),
    DemoLetter(
        "lt04",
        LetterKind.DENUNCIATION,
        Channel.POST,
        40,
        ("Bà Nguyễn Thị Hồng Nhung", "ấp Phú Hòa, xã Tam Nông", "0987 440 215"),
        "Xã Tam Nông",
        "Đơn tố cáo công chức địa chính xã Tam Nông đòi tiền của người dân khi làm thủ tục cấp giấy chứng nhận "
        "quyền sử dụng đất.",
        (
            ("classified", ""),
            ("transferred", THANH_TRA, "Chuyển Thanh tra tỉnh xem xét, giải quyết theo thẩm quyền."),
        ),
    ),
    DemoLetter(
        "lt05",
        LetterKind.DENUNCIATION,
        Channel.POST,
        20,
        None,
        "Xã Thường Phước",
        "Đơn không ký tên tố cáo việc khai thác cát trái phép vào ban đêm trên sông Tiền đoạn qua xã Thường Phước "
        "và có sự bao che của cán bộ địa phương.",
        (
            (
                "archived",
                "Đơn tố cáo nặc danh không đủ điều kiện thụ lý; thông tin được chuyển cơ quan chức năng tham khảo.",
            ),
        ),
    ),
    DemoLetter(
        "lt06",
        LetterKind.COMPLAINT,
        Channel.RECEPTION,
        30,
        ("Ông Đặng Văn Lực", "ấp Long Thành, xã Lai Vung", "0916 301 559"),
        "Xã Lai Vung",
        "Đơn khiếu nại của ông Đặng Văn Lực đối với quyết định buộc tháo dỡ phần nhà xây dựng lấn hành lang kênh "
        "của UBND xã Lai Vung.",
        (
            ("classified", ""),
            ("transferred", ubnd("xã Lai Vung"), "Chuyển UBND xã Lai Vung giải quyết theo thẩm quyền."),
            (
                "answer",
                "done",
                "UBND xã Lai Vung đã thụ lý, tổ chức đối thoại và ban hành quyết định giải quyết khiếu nại lần đầu.",
            ),
            ("result", "Đã nhận quyết định giải quyết khiếu nại lần đầu của UBND xã Lai Vung."),
        ),
    ),
    DemoLetter(
        "lt07",
        LetterKind.FEEDBACK,
        Channel.EMAIL,
        12,
        ("Ông Lâm Văn Khánh", "khóm 6, phường Sa Đéc", "0907 612 480"),
        "Phường Sa Đéc",
        "Thư điện tử của ông Lâm Văn Khánh phản ánh thái độ phục vụ chưa đúng mực của nhân viên tiếp đón tại "
        "Trung tâm Y tế khu vực Sa Đéc.",
        (
            ("classified", ""),
            ("transferred", Y_TE, "Chuyển Sở Y tế kiểm tra, trả lời công dân."),
            (
                "answer",
                "done",
                "Sở Y tế đã chỉ đạo Trung tâm Y tế khu vực Sa Đéc kiểm điểm nhân viên, xin lỗi người bệnh và tổ "
                "chức tập huấn kỹ năng giao tiếp.",
            ),
            ("verify", "done", "Đã trả lời công dân; công dân thống nhất."),
            ("result", "Đã nhận báo cáo kết quả của Sở Y tế."),
            ("closed", "Đã thông báo kết quả cho công dân."),
        ),
    ),
    DemoLetter(
        "lt08",
        LetterKind.COMPLAINT,
        Channel.POST,
        8,
        ("Ông Trương Văn Hòa", "ấp An Thạnh, xã An Hữu", "0908 215 334"),
        "Xã An Hữu",
        "Đơn khiếu nại của ông Trương Văn Hòa đối với quyết định phê duyệt phương án bồi thường, hỗ trợ khi thu "
        "hồi đất thực hiện dự án đường cao tốc Cao Lãnh – An Hữu.",
    ),
    DemoLetter(
        "lt09",
        LetterKind.COMPLAINT,
        Channel.POST,
        3,
        ("Ông Trương Văn Hòa", "ấp An Thạnh, xã An Hữu", "0908 215 334"),
        "Xã An Hữu",
        "Đơn khiếu nại (gửi lần hai) của ông Trương Văn Hòa đối với quyết định phê duyệt phương án bồi thường, hỗ "
        "trợ dự án đường cao tốc Cao Lãnh – An Hữu.",
        (("archived", "Đơn trùng nội dung với đơn đã nhận, đang được xử lý."),),
        duplicate_of="lt08",
    ),
    DemoLetter(
        "lt10",
        LetterKind.DENUNCIATION,
        Channel.EMAIL,
        6,
        ("Ông Huỳnh Văn Tài", "ấp Bình Thạnh, xã Chợ Gạo", "0945 618 027"),
        "Xã Chợ Gạo",
        "Đơn tố cáo nhà thầu thi công tuyến đường giao thông nông thôn ấp Bình Thạnh, xã Chợ Gạo không đúng thiết "
        "kế, bê tông mỏng hơn hồ sơ.",
        (("classified", "Đủ điều kiện thụ lý; chờ xác định cơ quan có thẩm quyền."),),
    ),
    DemoLetter(
        "lt11",
        LetterKind.COMPLAINT,
        Channel.POST,
        50,
        ("Bà Lê Thị Tuyết", "ấp Mỹ Hưng, xã Mỹ Hiệp", "0968 105 733"),
        "Xã Mỹ Hiệp",
        "Đơn của bà Lê Thị Tuyết về tranh chấp ranh giới đất với hộ liền kề tại ấp Mỹ Hưng, xã Mỹ Hiệp.",
        (
            ("classified", ""),
            (
                "guided",
                "Tranh chấp đất đai: hướng dẫn bà đề nghị UBND xã Mỹ Hiệp hòa giải, sau đó khởi kiện tại Tòa án "
                "nếu không thành.",
            ),
        ),
    ),
)

# --- Petitions --------------------------------------------------------------------------------------------

PETITIONS: tuple[Kn, ...] = (
    # From the meetings before and after the last session of term X: answered, reported and concluded.
    Kn(
        "001",
        "Sửa chữa tuyến ĐT 843 đoạn từ chợ Sa Rài đến cửa khẩu Dinh Bà",
        ("tx01-01",),
        State.CLOSED,
        "giao-thong",
        agency=XAY_DUNG,
        answer=(
            "done",
            "Sở Xây dựng đã sửa chữa, thảm bê tông nhựa 6,5 km mặt đường ĐT 843 đoạn từ chợ Sa Rài đến cửa khẩu "
            "Dinh Bà, hoàn thành tháng 3/2026.",
        ),
    ),
    Kn(
        "072",
        "Sửa chữa đường ĐT 843 đoạn qua xã Tân Hồng",
        ("dd1",),
        State.MERGED,
        merge_into="001",
    ),
    Kn(
        "002",
        "Chính sách thu mua tạm trữ lúa và hỗ trợ lãi suất cho nông dân khi giá lúa giảm",
        ("tx01-02",),
        State.INFORMED,
        "nong-nghiep",
        Competence.CENTRAL,
        inform="Kiến nghị đã được Đoàn đại biểu Quốc hội tỉnh tổng hợp gửi Quốc hội. Bộ Nông nghiệp và Môi trường "
        "trả lời: Chính phủ đã chỉ đạo các ngân hàng thương mại cho vay thu mua lúa gạo với lãi suất ưu đãi; "
        "chính sách tạm trữ được xem xét khi giá lúa xuống dưới giá thành sản xuất.",
        attach=("tcd3-02",),
    ),
    Kn(
        "003",
        "Thiếu thuốc bảo hiểm y tế tại Trạm Y tế xã Tân Hồng",
        ("tx01-03",),
        State.CLOSED,
        "y-te",
        agency=Y_TE,
        answer=(
            "done",
            "Sở Y tế đã điều chuyển thuốc từ Trung tâm Y tế khu vực về trạm và tổ chức đấu thầu tập trung bổ sung "
            "42 hoạt chất; trạm y tế đã đủ thuốc thiết yếu trong danh mục bảo hiểm y tế.",
        ),
    ),
    Kn(
        "004",
        "Cấp giấy chứng nhận quyền sử dụng đất cho các hộ ở cụm dân cư Gò Da",
        ("tx01-04",),
        State.INFORMED,
        "dat-dai",
        Competence.COMMUNE,
        ubnd("xã Tân Hồng"),
        answer=(
            "done",
            "UBND xã Tân Hồng đã đo đạc, lập hồ sơ và cấp giấy chứng nhận cho 46/52 hộ; 6 hộ còn lại đang bổ sung "
            "giấy tờ thừa kế.",
        ),
    ),
    Kn(
        "005",
        "Chống ngập khu phố 3 và khu phố 5, phường Mỹ Tho",
        ("tx02-01",),
        State.CLOSED,
        "xay-dung",
        Competence.COMMUNE,
        ubnd("phường Mỹ Tho"),
        answer=(
            "done",
            "UBND phường Mỹ Tho đã nạo vét 2,1 km cống, lắp van ngăn triều tại 4 cửa xả; khu phố 3 và khu phố 5 "
            "không còn ngập trong đợt triều cường tháng 10.",
        ),
    ),
    Kn(
        "007",
        "Kiểm tra an toàn thực phẩm tại chợ Mỹ Tho và quán ăn đường phố",
        ("tx02-03",),
        State.INFORMED,
        "y-te",
        agency=Y_TE,
        answer=(
            "done",
            "Đoàn liên ngành đã kiểm tra 86 cơ sở, xử phạt 9 cơ sở vi phạm, tiêu hủy 120 kg thực phẩm không rõ "
            "nguồn gốc; kết quả được công khai trên trang thông tin của Sở.",
        ),
    ),
    Kn(
        "008",
        "Nâng mức chuẩn trợ giúp xã hội cho người cao tuổi, người khuyết tật",
        ("tx02-04",),
        State.ROADMAP,
        "chinh-sach-xa-hoi",
        agency=Y_TE,
        answer=(
            "cannot",
            "Sở Y tế đã tham mưu UBND tỉnh phương án nâng mức chuẩn trợ giúp xã hội.",
            "Ngân sách năm 2026 không bố trí kịp; cần trình HĐND tỉnh ban hành nghị quyết áp dụng từ năm 2027.",
        ),
        review=CouncilStatus.PARTLY_DONE,
        inform="Sở Y tế trả lời: ngân sách năm 2026 chưa bố trí kịp để nâng mức chuẩn trợ giúp xã hội; UBND tỉnh "
        "trình HĐND tỉnh nghị quyết nâng mức chuẩn của tỉnh tại kỳ họp cuối năm 2026, áp dụng từ ngày 01/01/2027.",
        roadmap="UBND tỉnh trình HĐND tỉnh nghị quyết nâng mức chuẩn trợ giúp xã hội của tỉnh tại kỳ họp cuối năm "
        "2026, áp dụng từ ngày 01/01/2027.",
        extend=45,
    ),
    Kn(
        "009",
        "Đầu tư kè chống sạt lở bờ sông Tiền đoạn ấp Tân Thuận, xã Thanh Bình",
        ("tx03-01", "tx03-04"),
        State.ROADMAP,
        "moi-truong",
        agency=NN_MT,
        answer=(
            "cannot",
            "Đã di dời khẩn cấp 14 hộ, gia cố tạm 200 m bờ sông bằng cừ tràm.",
            "Chưa đủ vốn xây kè kiên cố trong năm 2026; dự án được đưa vào kế hoạch đầu tư công trung hạn "
            "2026–2030.",
        ),
        review=CouncilStatus.PARTLY_DONE,
        inform="Sở Nông nghiệp và Môi trường trả lời: đã di dời khẩn cấp 14 hộ và gia cố tạm 200 m bờ sông; kè "
        "kiên cố dài 1,4 km được đưa vào kế hoạch đầu tư công trung hạn 2026–2030.",
        roadmap="Kè chống sạt lở ấp Tân Thuận dài 1,4 km: phê duyệt dự án trong quý I/2027, khởi công quý II/2027, "
        "hoàn thành năm 2028.",
        extend=200,
        attach=("bd1",),
    ),
    Kn(
        "079",
        "Sạt lở bờ sông Tiền ấp Tân Thuận uy hiếp nhà dân (báo chí phản ánh)",
        ("bc1",),
        State.MERGED,
        merge_into="009",
    ),
    Kn(
        "010",
        "Sửa chữa cầu Ông Kho trên đường liên ấp, xã Thanh Bình",
        ("tx03-02",),
        State.CLOSED,
        "giao-thong",
        Competence.COMMUNE,
        ubnd("xã Thanh Bình"),
        answer=(
            "done",
            "UBND xã Thanh Bình đã cắm biển hạn chế tải trọng 3 tấn, thay lan can và gia cố mố cầu Ông Kho.",
        ),
    ),
    Kn(
        "011",
        "Nâng cấp Trường Tiểu học Thanh Bình 2, điểm lẻ ấp Bình Chánh",
        ("tx03-03",),
        State.INFORMED,
        "giao-duc",
        agency=GD_DT,
        answer=(
            "done",
            "Trường đã được sửa chữa 4 phòng học và xây mới khu nhà vệ sinh đạt chuẩn bằng nguồn kinh phí sự "
            "nghiệp giáo dục năm 2026.",
        ),
    ),
    Kn(
        "012",
        "Hỗ trợ tiêu thụ, xúc tiến xuất khẩu xoài khi giá giảm",
        ("tx04-01",),
        State.INFORMED,
        "nong-nghiep",
        agency=CONG_THUONG,
        answer=(
            "done",
            "Sở Công Thương đã tổ chức 3 hội nghị kết nối cung cầu, đưa xoài vào hệ thống siêu thị và hỗ trợ 5 "
            "hợp tác xã ký hợp đồng xuất khẩu sang Hàn Quốc, Úc.",
        ),
    ),
    Kn(
        "014",
        "Nạo vét kênh nội đồng Mỹ Xương phục vụ tưới tiêu",
        ("tx04-03",),
        State.CLOSED,
        "nong-nghiep",
        agency=NN_MT,
        answer=("done", "Kênh Mỹ Xương dài 3,2 km đã được nạo vét xong trước vụ Hè Thu 2026."),
    ),
    Kn(
        "015",
        "Chính sách bảo hiểm nông nghiệp cho cây ăn trái",
        ("tx04-04",),
        State.TO_NA_DELEGATION,
        "nong-nghiep",
        Competence.CENTRAL,
    ),
    Kn(
        "016",
        "Nâng mức phụ cấp ưu đãi theo nghề cho nhân viên y tế cơ sở",
        ("tx05-01",),
        State.REPORTED,
        "y-te",
        Competence.CENTRAL,
    ),
    Kn(
        "017",
        "Chính sách của tỉnh thu hút bác sĩ về công tác tại trạm y tế xã",
        ("tx05-02",),
        State.ROADMAP,
        "y-te",
        agency=Y_TE,
        answer=(
            "cannot",
            "Sở Y tế đã xây dựng dự thảo nghị quyết về chính sách thu hút nhân lực y tế tuyến xã.",
            "Cần lấy ý kiến các sở, ngành và Nhân dân, đánh giá tác động của chính sách trước khi trình HĐND "
            "tỉnh; không thể ban hành trong năm 2026.",
        ),
        review=CouncilStatus.PARTLY_DONE,
        inform="Sở Y tế trả lời: đã xây dựng dự thảo nghị quyết về chính sách thu hút, đãi ngộ bác sĩ về công tác "
        "tại trạm y tế xã; sau khi lấy ý kiến các sở, ngành và Nhân dân sẽ trình HĐND tỉnh trong năm 2027.",
        roadmap="Trình HĐND tỉnh nghị quyết về chính sách thu hút, đãi ngộ nhân lực y tế tuyến xã trong năm 2027.",
        extend=120,
        attach=("gy2",),
    ),
    Kn(
        "018",
        "Thanh toán chi phí khám chữa bệnh bảo hiểm y tế vượt dự toán",
        ("tx05-03",),
        State.CLOSED,
        "y-te",
        agency=BHXH,
        answer=(
            "done",
            "Bảo hiểm xã hội tỉnh đã thanh toán xong chi phí vượt dự toán năm 2025 cho 27 cơ sở khám chữa bệnh.",
        ),
    ),
    Kn(
        "019",
        "Đầu tư trang thiết bị chẩn đoán hình ảnh cho Trung tâm Y tế khu vực Sa Đéc",
        ("tx05-04",),
        State.INFORMED,
        "y-te",
        agency=Y_TE,
        answer=(
            "done",
            "Sở Y tế đã bố trí kinh phí mua máy X-quang kỹ thuật số và máy siêu âm màu cho Trung tâm Y tế khu "
            "vực Sa Đéc, đưa vào sử dụng từ tháng 5/2026.",
        ),
        publish=False,
    ),
    # From the meetings of spring 2026 (term XI): reported at the mid-year session, some concluded.
    Kn(
        "020",
        "Chi trả dứt điểm bồi thường dự án nâng cấp ĐT 845 đoạn qua xã Tháp Mười",
        ("tx06-01",),
        State.CLOSED,
        "dat-dai",
        Competence.COMMUNE,
        ubnd("xã Tháp Mười"),
        answer=("done", "UBND xã Tháp Mười đã chi trả xong tiền bồi thường, hỗ trợ cho 38 hộ còn lại."),
    ),
    Kn(
        "021",
        "Xây dựng phòng học bộ môn, sửa chữa phòng học Trường THCS Mỹ An",
        ("tx06-02",),
        State.ROADMAP,
        "giao-duc",
        agency=GD_DT,
        answer=(
            "cannot",
            "Đã sửa chữa mái 6 phòng học; dự án xây 6 phòng học bộ môn đã được phê duyệt chủ trương đầu tư.",
            "Vốn xây dựng các phòng học bộ môn chỉ được bố trí trong kế hoạch năm 2027.",
        ),
        review=CouncilStatus.PARTLY_DONE,
        roadmap="Khởi công xây dựng 6 phòng học bộ môn Trường THCS Mỹ An trong quý I/2027, hoàn thành trước năm "
        "học 2027–2028.",
        extend=300,
    ),
    Kn(
        "022",
        "Chất lượng nước máy ấp 3, xã Tháp Mười",
        ("tx06-03",),
        State.REPORTED,
        "moi-truong",
        agency=NN_MT,
        answer=(
            "done",
            "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn đã thay vật liệu lọc, tăng công suất trạm bơm; "
            "chất lượng nước đạt quy chuẩn theo kết quả xét nghiệm tháng 6/2026.",
        ),
    ),
    Kn(
        "024",
        "Điều chỉnh đơn giá bồi thường đất nông nghiệp dự án đường cao tốc Cao Lãnh – An Hữu",
        ("tcd1-01", "tx07-01"),
        State.UNRESOLVED,
        "dat-dai",
        agency=UBND_TINH,
        answer=(
            "cannot",
            "UBND tỉnh đã chỉ đạo rà soát lại diện tích đo đạc và đơn giá bồi thường.",
            "Đơn giá bồi thường được xác định theo giá đất cụ thể đã phê duyệt; chỉ có thể điều chỉnh khi có căn "
            "cứ pháp lý mới.",
        ),
        review=CouncilStatus.NOT_DONE,
        inform="UBND tỉnh trả lời: đã rà soát lại diện tích đo đạc, bổ sung bồi thường cho 12 hộ có chênh lệch "
        "diện tích; đơn giá bồi thường giữ theo giá đất cụ thể đã phê duyệt. HĐND tỉnh tiếp tục giám sát.",
        attach=("lt01",),
    ),
    Kn(
        "025",
        "Bố trí khu tái định cư cho các hộ bàn giao mặt bằng dự án cao tốc Cao Lãnh – An Hữu",
        ("tx07-02",),
        State.REPORTED,
        "dat-dai",
        agency=BQLDA,
        answer=(
            "done",
            "Khu tái định cư An Hữu đã hoàn thành hạ tầng; đã tổ chức bốc thăm, giao 64 nền cho các hộ.",
        ),
    ),
    Kn(
        "026",
        "Sửa chữa đường giao thông nông thôn bị hư hỏng do xe phục vụ dự án cao tốc",
        ("tx07-03",),
        State.CLOSED,
        "giao-thong",
        agency=BQLDA,
        answer=(
            "done",
            "Nhà thầu đã sửa chữa 2,8 km đường giao thông nông thôn và bố trí xe tưới nước chống bụi hằng ngày.",
        ),
    ),
    Kn(
        "027",
        "Đào tạo nghề, giới thiệu việc làm cho lao động bị thu hồi hết đất sản xuất",
        ("tx07-04",),
        State.REPORTED,
        "lao-dong-viec-lam",
        agency=NOI_VU,
        answer=(
            "done",
            "Sở Nội vụ đã tổ chức 4 lớp đào tạo nghề miễn phí và 2 phiên giao dịch việc làm tại xã An Hữu cho "
            "215 lao động.",
        ),
    ),
    Kn(
        "028",
        "Cải tạo hệ thống thoát nước đường Nguyễn Thái Học, phường Cao Lãnh",
        ("tx08-01",),
        State.INFORMED,
        "xay-dung",
        Competence.COMMUNE,
        ubnd("phường Cao Lãnh"),
        answer=(
            "done",
            "UBND phường Cao Lãnh đã thay mới 850 m cống thoát nước và nâng cao độ mặt đường đoạn trũng.",
        ),
    ),
    Kn(
        "029",
        "Đẩy nhanh tiến độ nâng cấp Quốc lộ 30 đoạn qua xã Phong Mỹ",
        ("tx08-02",),
        State.CLOSED,
        "giao-thong",
        agency=XAY_DUNG,
        answer=(
            "done",
            "Dự án đã hoàn thành, thông xe toàn tuyến đoạn qua xã Phong Mỹ từ tháng 9/2026.",
        ),
    ),
    Kn(
        "030",
        "Hướng dẫn người cao tuổi sử dụng ứng dụng VNeID",
        ("tx08-03",),
        State.CLOSED,
        "an-ninh-trat-tu",
        agency=CONG_AN,
        answer=(
            "done",
            "Công an tỉnh đã bố trí tổ công tác hướng dẫn sử dụng VNeID tại 100% ấp, khóm của các xã, phường.",
        ),
    ),
    Kn(
        "069",
        "Điều chỉnh trợ cấp ưu đãi người có công sau khi chuyển hồ sơ về phường Sa Đéc",
        ("tcd2-02",),
        State.REPORTED,
        "chinh-sach-xa-hoi",
        agency=NOI_VU,
        answer=(
            "done",
            "Sở Nội vụ đã rà soát hồ sơ, điều chỉnh đúng mức trợ cấp và truy lĩnh phần chênh lệch cho bà Lê Thị "
            "Mận (mẹ của bà Huỳnh Thị Lệ).",
        ),
    ),
    Kn(
        "068",
        "Xử lý ô nhiễm của cơ sở chăn nuôi heo ấp Rọc Muống, xã Tân Hồng",
        ("tcd2-01",),
        State.UNRESOLVED,
        "moi-truong",
        agency=NN_MT,
        answer=(
            "done",
            "Đoàn kiểm tra đã xử phạt chủ cơ sở 45 triệu đồng và buộc xây dựng hệ thống xử lý nước thải.",
        ),
        inform="Sở Nông nghiệp và Môi trường trả lời: đã xử phạt chủ cơ sở và buộc xây dựng hệ thống xử lý nước "
        "thải. Cử tri tiếp tục phản ánh nước thải xả ra kênh; HĐND tỉnh yêu cầu kiểm tra lại.",
        attach=("lt03",),
    ),
    Kn(
        "081",
        "Điều chỉnh giá đất nông nghiệp ven quốc lộ, đường tỉnh trong Bảng giá đất",
        ("gy1",),
        State.INFORMED,
        "dat-dai",
        agency=NN_MT,
        answer=(
            "done",
            "Đã tiếp thu, điều chỉnh tăng giá đất nông nghiệp vị trí 1 ven quốc lộ, đường tỉnh từ 10% đến 25% "
            "trong dự thảo Bảng giá đất trình HĐND tỉnh.",
        ),
    ),
    # From the meetings of summer 2026: answered and reviewed, awaiting the year-end session.
    Kn(
        "034",
        "Công khai danh sách hộ nghèo, cận nghèo được hỗ trợ nhà ở, phường Gò Công",
        ("tx09-03",),
        State.REVIEWED,
        "chinh-sach-xa-hoi",
        Competence.COMMUNE,
        ubnd("phường Gò Công"),
        answer=("done", "Danh sách đã được niêm yết tại trụ sở phường và nhà văn hóa các khu phố."),
    ),
    Kn(
        "036",
        "Xây mới cầu Rạch Chanh trên đường liên ấp Mỹ Phú, xã Mỹ Thọ",
        ("tx10-01",),
        State.REVIEWED,
        "giao-thong",
        agency=XAY_DUNG,
        answer=(
            "cannot",
            "Đã gia cố tạm mặt cầu, cắm biển hạn chế tải trọng.",
            "Chưa bố trí được vốn xây mới trong năm 2026; sẽ đề xuất vào kế hoạch năm 2027.",
        ),
        review=CouncilStatus.PARTLY_DONE,
    ),
    Kn(
        "037",
        "Kiểm tra giá, chất lượng phân bón, thuốc bảo vệ thực vật",
        ("tx10-02",),
        State.REVIEWED,
        "nong-nghiep",
        agency=CONG_THUONG,
        answer=(
            "done",
            "Đã kiểm tra 64 cửa hàng vật tư nông nghiệp, xử phạt 7 cơ sở kinh doanh phân bón giả, kém chất lượng.",
        ),
    ),
    Kn(
        "038",
        "Cấp thẻ bảo hiểm y tế cho người thuộc hộ cận nghèo năm 2026",
        ("tx10-03",),
        State.REVIEWED,
        "y-te",
        agency=BHXH,
        answer=(
            "done",
            "Đã cấp xong thẻ bảo hiểm y tế năm 2026 cho 18.240 người thuộc hộ cận nghèo; người dân được hoàn trả "
            "chi phí đã tự chi trả trong thời gian chờ thẻ.",
        ),
    ),
    Kn(
        "074",
        "Chậm cấp thẻ bảo hiểm y tế hộ cận nghèo, xã Mỹ Thọ",
        ("em1",),
        State.MERGED,
        merge_into="038",
    ),
    Kn(
        "041",
        "Đề án bảo tồn, phát triển du lịch chợ nổi Cái Bè",
        ("tx11-02",),
        State.REVIEWED,
        "van-hoa-du-lich",
        agency=VHTTDL,
        answer=(
            "done",
            "Đang xây dựng Đề án bảo tồn chợ nổi Cái Bè gắn với du lịch sông nước, trình UBND tỉnh trong quý "
            "I/2027.",
        ),
    ),
    Kn(
        "078",
        "Điện chập chờn, mất điện thường xuyên ở xã Tân Phước 2",
        ("zl2",),
        State.REVIEWED,
        "khac",
        agency=DIEN_LUC,
        answer=(
            "done",
            "Đã thay máy biến áp, cải tạo 3 km đường dây trung thế cấp điện cho ấp Tân Hòa Thành.",
        ),
    ),
    # Transferred: some answered and awaiting review, some in progress, some overdue, some not yet due.
    Kn(
        "032",
        "Mở rộng mạng lưới cấp nước sạch đến các khu phố ven biển phường Gò Công",
        ("tx09-01", "dd2"),
        State.TRANSFERRED,
        "moi-truong",
        agency=NN_MT,
        answer=("progress", 30, "Đã lắp 12 bồn chứa nước ngọt tạm; đang lập dự án kéo dài tuyến ống 6 km."),
    ),
    Kn(
        "033",
        "Kiểm tra, gia cố đê biển Gò Công đoạn qua khu phố Lăng Hoàng Gia",
        ("tx09-02",),
        State.TRANSFERRED,
        "moi-truong",
        agency=NN_MT,
    ),
    Kn(
        "035",
        "Xử lý xe tải chạy quá tốc độ trên đường Nguyễn Trọng Dân giờ tan trường",
        ("tx09-04",),
        State.TRANSFERRED,
        "an-ninh-trat-tu",
        agency=CONG_AN,
        answer=(
            "done",
            "Công an tỉnh đã bố trí tổ tuần tra vào giờ tan trường, xử lý 37 trường hợp chạy quá tốc độ.",
        ),
    ),
    Kn(
        "040",
        "Hỗ trợ kiểm nghiệm, truy xuất nguồn gốc sầu riêng xuất khẩu",
        ("tx11-01",),
        State.TRANSFERRED,
        "nong-nghiep",
        agency=NN_MT,
        answer=(
            "done",
            "Đã phối hợp các phòng thí nghiệm hỗ trợ 50% chi phí kiểm nghiệm vàng O, cadimi cho hợp tác xã; "
            "cấp thêm 28 mã số vùng trồng sầu riêng.",
        ),
    ),
    Kn(
        "042",
        "Xử lý sạt lở bờ sông Tiền tại cù lao Tân Phong, xã Cái Bè",
        ("tx11-03",),
        State.TRANSFERRED,
        "moi-truong",
        agency=NN_MT,
        answer=(
            "progress",
            50,
            "Đã cắm biển cảnh báo, di dời 5 hộ; đang khảo sát địa hình để lập phương án kè.",
        ),
    ),
    Kn(
        "044",
        "Khẩn cấp xây kè chống sạt lở bờ sông Tiền đoạn ấp Long Thạnh, xã Long Khánh",
        ("tx12-01",),
        State.TRANSFERRED,
        "moi-truong",
        agency=NN_MT,
        attach=("tx12-02", "tcd4-01"),
    ),
    Kn(
        "046",
        "Sửa đổi Luật Phòng, chống thiên tai, nâng mức hỗ trợ di dời khẩn cấp vùng sạt lở",
        ("tx12-03",),
        State.TO_NA_DELEGATION,
        "moi-truong",
        Competence.CENTRAL,
    ),
    Kn(
        "048",
        "Tuyển dụng đủ giáo viên tiểu học, mầm non theo biên chế được giao",
        ("tx13-01",),
        State.TRANSFERRED,
        "giao-duc",
        agency=GD_DT,
        answer=(
            "done",
            "Đã tổ chức kỳ tuyển dụng tháng 9/2026, tuyển 312 giáo viên tiểu học và mầm non, bố trí về các "
            "trường còn thiếu.",
        ),
    ),
    Kn(
        "049",
        "Hướng dẫn chế độ phụ cấp cho giáo viên dạy tại điểm trường lẻ sau sắp xếp",
        ("tx13-02",),
        State.TO_NA_DELEGATION,
        "giao-duc",
        Competence.CENTRAL,
    ),
    Kn(
        "050",
        "Sửa chữa nhà vệ sinh, bếp ăn bán trú các trường tiểu học xã Tam Nông",
        ("tx13-03",),
        State.TRANSFERRED,
        "giao-duc",
        Competence.COMMUNE,
        ubnd("xã Tam Nông"),
    ),
    Kn(
        "053",
        "Xây dựng nhà ở xã hội, nhà trẻ cho công nhân Khu công nghiệp Tân Hương",
        ("tx14-02",),
        State.TRANSFERRED,
        "xay-dung",
        agency=XAY_DUNG,
        answer=(
            "cannot",
            "Đã rà soát quỹ đất 20% trong khu công nghiệp dành cho nhà ở xã hội.",
            "Chưa có nhà đầu tư đăng ký dự án nhà ở xã hội tại Khu công nghiệp Tân Hương; tỉnh đang kêu gọi đầu tư.",
        ),
    ),
    Kn(
        "055",
        "Sửa đổi Bộ luật Lao động về giờ làm thêm và lương tối thiểu vùng",
        ("tx14-04",),
        State.TO_NA_DELEGATION,
        "lao-dong-viec-lam",
        Competence.CENTRAL,
    ),
    Kn(
        "056",
        "Giải quyết hồ sơ công nhận người có công tồn đọng",
        ("tx15-01",),
        State.TRANSFERRED,
        "chinh-sach-xa-hoi",
        agency=NOI_VU,
        lag=14,
    ),
    Kn(
        "057",
        "Nâng mức hỗ trợ mua thẻ bảo hiểm y tế cho người thuộc hộ cận nghèo lên 100%",
        ("tx15-02",),
        State.TRANSFERRED,
        "y-te",
        agency=Y_TE,
        lag=16,
        answer=("progress", 20, "Đang tính toán nhu cầu kinh phí để tham mưu UBND tỉnh trình HĐND tỉnh."),
    ),
    Kn(
        "062",
        "Chi trả bồi thường cây trồng, vật kiến trúc cho hộ bị thu hồi đất làm đường, xã Lấp Vò",
        ("tx16-06",),
        State.TRANSFERRED,
        "dat-dai",
        Competence.COMMUNE,
        ubnd("xã Lấp Vò"),
        lag=5,
    ),
    Kn(
        "070",
        "Nâng cấp đường đal ấp 2, xã Tháp Mười",
        ("tcd3-01",),
        State.TRANSFERRED,
        "giao-thong",
        Competence.COMMUNE,
        ubnd("xã Tháp Mười"),
        answer=("done", "UBND xã đã đưa tuyến đường vào kế hoạch, khởi công nâng cấp 1,2 km đường đal ấp 2."),
    ),
    Kn(
        "080",
        "Giảm quá tải bến phà Tân Long giờ cao điểm",
        ("bc2",),
        State.TRANSFERRED,
        "giao-thong",
        agency=XAY_DUNG,
        answer=("done", "Đã bổ sung 1 phà 100 tấn hoạt động vào giờ cao điểm sáng và chiều."),
    ),
    # Classified, not yet transferred.
    Kn(
        "058",
        "Chậm chi trả trợ cấp cho người khuyết tật nặng sau khi chuyển hồ sơ về xã mới",
        ("tx15-03",),
        State.CLASSIFIED,
        "chinh-sach-xa-hoi",
        agency=Y_TE,
    ),
    Kn(
        "059",
        "Sửa chữa nhà tình nghĩa của các gia đình chính sách",
        ("tx15-04",),
        State.CLASSIFIED,
        "chinh-sach-xa-hoi",
        agency=NOI_VU,
    ),
    Kn(
        "061",
        "Lắp đèn chiếu sáng đường ven kênh ấp Bình Thạnh 1, xã Lấp Vò",
        ("tx16-02",),
        State.CLASSIFIED,
        "xay-dung",
        Competence.COMMUNE,
        ubnd("xã Lấp Vò"),
    ),
    Kn(
        "064",
        "Xử lý lấn chiếm vỉa hè, lòng đường khu vực chợ Mỹ Trà",
        ("tx17-02",),
        State.CLASSIFIED,
        "an-ninh-trat-tu",
        Competence.COMMUNE,
        ubnd("phường Mỹ Trà"),
    ),
    Kn(
        "071",
        "Sửa chữa chợ Hồng Ngự bị dột, xuống cấp",
        ("tcd4-02",),
        State.CLASSIFIED,
        "xay-dung",
        Competence.COMMUNE,
        ubnd("phường Hồng Ngự"),
    ),
    # Recorded: three pairs of duplicates waiting to be merged, and one more.
    Kn("060", "Nạo vét kênh Xáng Lấp Vò bị bồi lắng", ("tx16-01",), State.RECORDED),
    Kn("077", "Nạo vét kênh Xáng, xã Lấp Vò", ("zl1",), State.RECORDED),
    Kn(
        "063",
        "Lắp đèn tín hiệu giao thông ngã tư Phạm Hữu Lầu – Tôn Đức Thắng",
        ("tx17-01",),
        State.RECORDED,
    ),
    Kn(
        "073",
        "Đèn tín hiệu giao thông tại ngã tư Phạm Hữu Lầu - Tôn Đức Thắng, phường Mỹ Trà",
        ("dd3",),
        State.RECORDED,
    ),
    Kn("066", "Hỗ trợ nông dân trồng thanh long khi giá giảm sâu", ("tx18-01",), State.RECORDED),
    Kn("075", "Hỗ trợ nhà vườn thanh long ruột đỏ tìm đầu ra", ("em2",), State.RECORDED),
    Kn("065", "Bàn giao nền tái định cư khu dân cư Mỹ Trà", ("tx17-03",), State.RECORDED),
)

SUBMISSIONS: tuple[Submission, ...] = (
    Submission(
        "Nguyễn Thị Thu Trang",
        "0918 234 567",
        "thutrang.demo@example.com",
        "khu phố 2, phường Mỹ Phong",
        "Phường Mỹ Phong",
        "Lắp camera an ninh, tăng cường tuần tra đường ven sông Tiền phường Mỹ Phong",
        "Tuyến đường ven sông Tiền ở khu phố 2 về đêm vắng, thiếu đèn, thời gian gần đây xảy ra nhiều vụ trộm "
        "cắp xe máy. Đề nghị lắp camera an ninh và tăng cường tuần tra.",
    ),
    Submission(
        "Lê Văn Hậu",
        "0907 345 678",
        "levanhau.demo@example.com",
        "ấp Tân Hòa, xã Tân Phước 1",
        "Xã Tân Phước 1",
        "Vớt lục bình, khơi thông kênh Nguyễn Tấn Thành",
        "Kênh Nguyễn Tấn Thành đoạn qua ấp Tân Hòa bị lục bình che kín, nước tù đọng, ảnh hưởng tưới tiêu và "
        "giao thông thủy. Đề nghị tổ chức vớt lục bình, khơi thông dòng chảy.",
    ),
    Submission(
        "Trần Quốc Bảo",
        "0939 456 789",
        "quocbao.demo@example.com",
        "ấp Thới Bình, phường Thới Sơn",
        "Phường Thới Sơn",
        "Đưa nước sạch về cù lao Thới Sơn",
        "Nhiều hộ dân trên cù lao Thới Sơn vẫn dùng nước giếng khoan, nước sông lắng phèn. Đề nghị sớm kéo "
        "đường ống nước sạch và công khai tiến độ thực hiện.",
        classify=("xay-dung", Competence.PROVINCE, XAY_DUNG),
    ),
)


# --- Writing ----------------------------------------------------------------------------------------------


def opinion_key(prefix: str, n: int) -> str:
    return f"{prefix}-{n:02d}"


def external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}yk-{key}"


def petition_external(key: str) -> str:
    return f"{EXTERNAL_PREFIX}kn-{key}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# An answer that names its author is published as it is; any other is introduced by the agency's name.
NAMED = ("UBND ",)


def public_answer(spec: Kn) -> str:
    """What voters are told by default: the agency's answer (its account, not its explanation)."""
    text = spec.answer[1] if spec.answer[0] == "cannot" else spec.answer[-1]
    named = text.startswith((spec.agency, *NAMED))
    return text if named else f"{spec.agency} trả lời: {_lower_first(text)}"


# The former district each commune or ward of the merged province was formed on (term X groups cover those).
DISTRICT_OF = {unit: name for _code, name, _province, units in demo_data.DISTRICTS for unit in units}


class VotersSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council, self.office, self.respondent = council, office, respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 400 * DAY, self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.committees = {c.kind: c for c in Committee.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}
        self.units = {u.name: u for u in AdminUnit.objects.current()}
        self.terms = list(Term.objects.filter(council=council).order_by("start_date"))
        self.sessions = list(Session.objects.filter(council=council).order_by("start_date", "pk"))
        self.demo_delegate = list(
            Mandate.objects.filter(council=council, delegate__user__username=DEMO_DELEGATE)
        )
        self.opinions: dict[str, VoterOpinion] = {}

    # Dates

    def workday(self, day: dt.date) -> dt.date:
        """The nearest working day on or before ``day``."""
        while not self.calendar.is_working_day(day):
            day -= DAY
        return day

    def ago(self, days: int) -> dt.date:
        return self.workday(self.today - days * DAY)

    def term_on(self, day: dt.date) -> Term | None:
        return next((t for t in self.terms if t.start_date <= day <= t.end_date), None)

    # Sessions

    def session_for(self, kind: str, day: dt.date) -> Session | None:
        if kind == Kind.BEFORE_SESSION:
            ahead = [s for s in self.sessions if s.start_date >= day]
            return ahead[0] if ahead else (self.sessions[-1] if self.sessions else None)
        if kind == Kind.AFTER_SESSION:
            behind = [s for s in self.sessions if s.end_date <= day]
            return behind[-1] if behind else (self.sessions[0] if self.sessions else None)
        return None

    def report_session(self, transferred: dt.date) -> Session | None:
        held = [s for s in self.sessions if s.end_date < self.today]
        later = [s for s in held if s.start_date >= transferred + REPORT_AFTER_DAYS * DAY]
        return later[0] if later else (held[-1] if held else None)

    # Delegates

    def mandates_on(self, day: dt.date, place: AdminUnit | None) -> list[Mandate]:
        """Mandates in office on ``day`` of the delegate groups that cover ``place`` (all of them for none)."""
        term = self.term_on(day)
        if term is None:
            return []
        mandates = Mandate.objects.filter(council=self.council, term=term).active_on(day)
        if place is not None:
            names = {place.name}
            if place.name in DISTRICT_OF:
                names.add(DISTRICT_OF[place.name])
            groups = DelegateGroup.objects.filter(term=term, admin_units__name__in=names)
            members = GroupMembership.objects.filter(group__in=groups).active_on(day).values("mandate")
            mandates = mandates.filter(pk__in=members)
        return sorted(mandates.select_related("delegate"), key=lambda m: (m.delegate.full_name, m.pk))

    def standing_on(self, day: dt.date) -> list[Mandate]:
        """The chair and vice-chairs in office on ``day`` (term X keeps no positions: the posts on the mandates
        stand in for them)."""
        term = self.term_on(day)
        if term is None:
            return []
        positions = (
            StandingPosition.objects.filter(mandate__term=term)
            .active_on(day)
            .filter(role__in=[StandingPosition.Role.CHAIR, StandingPosition.Role.VICE_CHAIR])
            .select_related("mandate")
            .order_by("role", "pk")
        )
        found = [p.mandate for p in positions]
        if not found:
            found = list(
                Mandate.objects.filter(
                    council=self.council, term=term, position__startswith="Phó Chủ tịch HĐND"
                )
                .active_on(day)
                .order_by("pk")
            )
        return found

    def demo_delegate_on(self, day: dt.date) -> list[Mandate]:
        return [
            m for m in self.demo_delegate if m.start_date <= day and (m.end_date is None or m.end_date >= day)
        ]

    # Opinions

    def opinion(self, key: str, channel: str, op: Op, **where) -> VoterOpinion:
        unit = self.units.get(op.unit) if op.unit else where.pop("admin_unit", None)
        where.pop("admin_unit", None)
        opinion = opinion_add(
            actor=self.office,
            council=self.council,
            channel=channel,
            text=op.text,
            voters_count=op.voters,
            voter_name=op.name,
            voter_address=op.address,
            spot_answer=op.spot,
            admin_unit=unit,
            external_id=external(key),
            **where,
        )
        self.opinions[key] = opinion
        return opinion

    # Meetings and receptions

    def meeting(self, spec: DemoMeeting, rng: random.Random) -> None:
        day = self.ago(spec.day)
        place = self.units[spec.place] if spec.place else None
        pool = self.mandates_on(day, place)
        delegates = rng.sample(pool, min(len(pool), spec.delegates))
        if spec.demo_delegate:
            delegates += [m for m in self.demo_delegate_on(day) if m not in delegates]
        front = (
            f"Ủy ban MTTQ Việt Nam {_lower_first(place.name)}"
            if place is not None
            else "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh"
        )
        meeting = meeting_create(
            actor=self.office,
            council=self.council,
            delegates=delegates,
            kind=spec.kind,
            format=spec.format,
            date=day,
            place=place,
            place_detail=spec.venue,
            session=self.session_for(spec.kind, day),
            field=self.fields[spec.field] if spec.field else None,
            co_organiser=front,
            attendance=spec.attendance,
            notes=spec.notes,
        )
        for n, op in enumerate(spec.opinions, start=1):
            self.opinion(opinion_key(spec.key, n), Channel.MEETING, op, meeting=meeting)

    def reception(self, spec: DemoReception, rng: random.Random) -> None:
        day = self.ago(spec.day)
        place = self.units[spec.place]
        if spec.host == Host.STANDING:
            hosts = self.standing_on(day)[:2]
        else:
            pool = self.mandates_on(day, place)
            hosts = rng.sample(pool, min(len(pool), 2))
        reception = reception_create(
            actor=self.office,
            council=self.council,
            hosts=hosts,
            date=day,
            host=spec.host,
            place=place,
            place_detail=spec.venue,
            notes=spec.notes,
        )
        for n, op in enumerate(spec.opinions, start=1):
            self.opinion(
                opinion_key(spec.key, n), Channel.RECEPTION, op, reception=reception, admin_unit=place
            )

    # Letters

    def letter(self, spec: DemoLetter, letters: dict[str, Letter]) -> Letter:
        name, address, phone = spec.sender or ("", "", "")
        letter = letter_create(
            actor=self.office,
            council=self.council,
            kind=spec.kind,
            channel=spec.channel,
            received_on=self.ago(spec.day),
            anonymous=spec.sender is None,
            sender_name=name,
            sender_address=address,
            sender_phone=phone,
            admin_unit=self.units.get(spec.unit),
            summary=spec.summary,
            duplicate_of=letters.get(spec.duplicate_of),
        )
        if spec.opinion:
            self.opinion(
                spec.key,
                Channel.LETTER,
                Op(spec.opinion, name=name, address=address, unit=spec.unit),
                letter=letter,
                received_on=letter.received_on,
            )
        for step in spec.steps:
            action, *args = step
            if action == "answer":
                self.answer(self.letter_followup(letter), *args)
            elif action == "verify":
                outcome, text = args
                followup_verify(self.letter_followup(letter), actor=self.office, outcome=outcome, text=text)
            elif action == LetterState.TRANSFERRED:
                agency, note = args
                letter = letter_handle(
                    letter, actor=self.office, to=action, agency=self.agencies[agency], note=note
                )
            else:
                letter = letter_handle(letter, actor=self.office, to=action, note=args[0] if args else "")
        return letter

    @staticmethod
    def letter_followup(letter: Letter) -> FollowUp:
        return (
            FollowUp.objects.filter(source_type__model="letter", source_id=letter.pk).order_by("-pk").first()
        )

    # Follow-ups

    def answer(self, followup: FollowUp, status: str, *args) -> None:
        actor = self.respondent if followup.agency.name == RESPONDENT_AGENCY else None
        if status == "done":
            followup_answer(followup, actor=actor, status="done", text=args[0])
        elif status == "cannot":
            text, explanation = args
            followup_answer(followup, actor=actor, status="cannot_do", text=text, explanation=explanation)
        elif status == "progress":
            progress, text = args
            followup_answer(followup, actor=actor, status="in_progress", progress=progress, text=text)
        else:
            raise ValueError(f"Unknown demo answer {status!r}")
        followup.refresh_from_db()

    # Petitions

    def petition(self, spec: Kn, existing: dict[str, Petition]) -> Petition | None:
        sources = [self.opinions.get(key) for key in spec.sources]
        if any(o is None or o.petition_id for o in sources):
            return None  # its opinions were not seeded here (or were consolidated by hand): leave it
        petition = petition_create(
            actor=self.office,
            council=self.council,
            title=spec.title,
            opinions=sources,
            external_id=petition_external(spec.key),
        )
        if spec.state == State.MERGED:
            target = existing.get(spec.merge_into)
            if target is not None:
                petition_merge(target, actor=self.office, duplicate=petition)
            return petition
        # Its later opinions and its duplicates join it while it is being consolidated, before any answer (an
        # answered petition takes no more opinions).
        if spec.attach:
            self.attach(petition, spec.attach)
        for duplicate in PETITIONS:
            if duplicate.merge_into == spec.key and duplicate.key not in existing:
                existing[spec.key] = petition
                merged = self.petition(duplicate, existing)
                if merged is not None:
                    existing[duplicate.key] = merged
                petition.refresh_from_db()
        if spec.state == State.RECORDED:
            return petition
        central = spec.competence == Competence.CENTRAL
        petition = petition_classify(
            petition,
            actor=self.office,
            field=self.fields[spec.field],
            competence=spec.competence,
            committee=self.committees.get(COMMITTEE_OF_FIELD[spec.field]),
            agency=None if central else self.agencies[spec.agency],
        )
        if spec.state == State.CLASSIFIED:
            return petition
        last = max(o.received_on for o in sources)
        transferred = self.workday(min(last + spec.lag * DAY, self.today))
        transferred = max(transferred, last)
        petition_transfer(petition, actor=self.office, assigned_date=transferred)
        if spec.state == State.TO_NA_DELEGATION:
            return petition
        followup = petition_followup(petition)
        if followup is not None and spec.answer:
            self.answer(followup, *spec.answer)
        if spec.state == State.TRANSFERRED:
            return petition
        if followup is not None:
            petition = petition_review(
                petition, actor=self.office, outcome=spec.review, text=REVIEW_TEXT[spec.review]
            )
        if spec.state == State.REVIEWED:
            return petition
        session = self.report_session(transferred)
        if session is None:  # no session held yet: it waits to be reported
            return petition
        petition = petition_report(petition, actor=self.office, session=session)
        if spec.state == State.REPORTED:
            return petition
        summary = spec.inform or public_answer(spec)
        petition = petition_inform(petition, actor=self.office, answer_summary=summary, publish=spec.publish)
        if spec.state == State.INFORMED:
            return petition
        petition = petition_conclude(petition, actor=self.office, outcome=spec.state, roadmap=spec.roadmap)
        if spec.extend:
            followup = petition_followup(petition)
            if followup is not None and followup.is_open:
                followup_change_due(
                    followup,
                    actor=self.office,
                    due_date=self.today + spec.extend * DAY,
                    reason="Theo lộ trình giải quyết đã báo cáo HĐND tỉnh.",
                )
        return petition

    def adopt_followups(self) -> None:
        """The demo follow-ups opened as petitions (demo.followups) get their petition record, so the
        agency portal, the follow-up pages and the reports show tracking codes a citizen can look up."""
        waiting = FollowUp.objects.filter(
            council=self.council, source_kind=Petition.FOLLOWUP_SOURCE_KIND, source_id__isnull=True
        ).order_by("pk")
        for followup in waiting:
            received = min(followup.assigned_date - 5 * DAY, self.today)
            with transaction.atomic():
                opinion = opinion_add(
                    actor=self.office,
                    council=self.council,
                    channel=Channel.HOTLINE,
                    received_on=received,
                    text=followup.description,
                )
                petition_adopt_followup(followup, actor=self.office, opinions=[opinion])

    def attach(self, petition: Petition, keys: tuple[str, ...]) -> None:
        opinions = [self.opinions[k] for k in keys if k in self.opinions and not self.opinions[k].petition_id]
        if opinions:
            petition_attach(petition, actor=self.office, opinions=opinions)

    def submission(self, spec: Submission) -> None:
        petition = public_submit(
            council=self.council,
            name=spec.name,
            phone=spec.phone,
            email=spec.email,
            address=spec.address,
            admin_unit=self.units.get(spec.unit),
            title=spec.title,
            text=spec.text,
        )
        if spec.classify:
            field, competence, agency = spec.classify
            petition_classify(
                petition,
                actor=self.office,
                field=self.fields[field],
                competence=competence,
                committee=self.committees.get(COMMITTEE_OF_FIELD[field]),
                agency=self.agencies[agency],
            )

    def run(self) -> None:
        if not self.terms or not self.sessions:
            return
        if not Synonym.objects.filter(council=self.council).exists():
            synonyms_load_defaults(actor=self.office, council=self.council)
        self.opinions = {
            o.external_id.removeprefix(f"{EXTERNAL_PREFIX}yk-"): o
            for o in VoterOpinion.objects.filter(council=self.council, external_id__startswith=external(""))
        }
        # One seed per meeting and reception, drawn in order, so who attends one does not depend on which
        # others exist.
        rng = random.Random(2026)
        seeds = [rng.getrandbits(64) for _ in MEETINGS + RECEPTIONS]
        for spec, seed in zip(MEETINGS, seeds[: len(MEETINGS)], strict=True):
            if opinion_key(spec.key, 1) not in self.opinions:
                self.meeting(spec, random.Random(seed))
        for spec, seed in zip(RECEPTIONS, seeds[len(MEETINGS) :], strict=True):
            if opinion_key(spec.key, 1) not in self.opinions:
                self.reception(spec, random.Random(seed))
        for spec in LOOSE:
            if spec.key not in self.opinions:
                self.opinion(spec.key, spec.channel, spec.op, received_on=self.ago(spec.day))
        letters = {
            spec.key: letter
            for spec in LETTERS
            if (
                letter := Letter.objects.filter(council=self.council, summary=normalize(spec.summary)).first()
            )
            is not None
        }
        for spec in LETTERS:
            if spec.key not in letters:
                letters[spec.key] = self.letter(spec, letters)
        petitions = {
            p.external_id.removeprefix(f"{EXTERNAL_PREFIX}kn-"): p
            for p in Petition.objects.filter(
                council=self.council, external_id__startswith=petition_external("")
            )
        }
        for spec in PETITIONS:
            if spec.key in petitions:
                continue
            petition = self.petition(spec, petitions)
            if petition is not None:
                petitions[spec.key] = petition
                if spec.attach:
                    self.attach(petition, spec.attach)
        self.adopt_followups()
        submitted = set(
            Petition.objects.filter(
                council=self.council, contact_email__in=[s.email for s in SUBMISSIONS]
            ).values_list("contact_email", flat=True)
        )
        for spec in SUBMISSIONS:
            if spec.email not in submitted:
                self.submission(spec)
        rebuild_frequencies(self.council)  # the duplicate finder's weights, as the nightly task would
        classifier_train(self.council)  # the suggested classification, as the nightly task would


def seed_voters(province: Council, *, with_users: bool) -> None:
    """Create the missing demo voter meetings, receptions, opinions, petitions and letters of ``province``.
    Mail is suppressed: the demo agencies' addresses are invented."""
    office = User.objects.filter(username=OFFICE_USER).first() if with_users else None
    respondent = User.objects.filter(username=RESPONDENT_USER).first() if with_users else None
    with mail_suppressed():
        VotersSeeder(province, office=office, respondent=respondent).run()
    seed_communications(province, office=office)


# Media products and outreach events of the year (communications work): (days ago, kind, outlet, topic, cost).
MEDIA = [
    (
        250,
        "newspaper",
        "Báo và Phát thanh, Truyền hình Đồng Tháp",
        "Chuyên trang “Tiếng nói cử tri” số 1",
        18_000_000,
    ),
    (
        160,
        "television",
        "Báo và Phát thanh, Truyền hình Đồng Tháp",
        "Chuyên mục “Đại biểu dân cử” kỳ họp thứ nhất",
        25_000_000,
    ),
    (120, "radio", "Đài Truyền thanh xã Tháp Mười", "Trả lời kiến nghị cử tri về sạt lở bờ sông", None),
    (
        45,
        "reportage",
        "Báo Nhân dân",
        "Phóng sự: Giám sát việc giải quyết kiến nghị cử tri tại Đồng Tháp",
        30_000_000,
    ),
    (10, "online", "Cổng thông tin điện tử HĐND tỉnh", "Video tóm tắt kỳ họp thứ ba", None),
]
EVENTS = [
    (200, "Họp mặt báo chí nhân kỷ niệm Ngày Báo chí cách mạng Việt Nam", "Hội trường HĐND tỉnh", 60),
    (90, "Gặp gỡ cử tri trẻ: “Thanh niên với hoạt động của HĐND”", "Nhà Văn hóa phường Cao Lãnh", 150),
    (20, "Tọa đàm đổi mới tiếp xúc cử tri trực tuyến", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", 45),
]


def seed_communications(province: Council, *, office) -> None:
    """A few media products and outreach events, dated back from today; looked up by topic or title."""
    today = timezone.localdate()
    for days, kind, outlet, topic, cost in MEDIA:
        if not MediaProduct.objects.filter(council=province, topic=topic).exists():
            communications.media_create(
                actor=office,
                council=province,
                kind=kind,
                outlet=outlet,
                topic=topic,
                published_on=today - dt.timedelta(days=days),
                cost=cost,
            )
    for days, title, place, attendance in EVENTS:
        if not OutreachEvent.objects.filter(council=province, title=title).exists():
            communications.event_create(
                actor=office,
                council=province,
                title=title,
                date=today - dt.timedelta(days=days),
                place=place,
                attendance=attendance,
                participants="Thường trực HĐND tỉnh, đại biểu HĐND tỉnh, phóng viên, cử tri",
            )


def voters_summary(council: Council) -> str:
    """One line on the council's work with voters: meetings, opinions, petitions by stage, receptions, letters."""
    opinions = VoterOpinion.objects.filter(council=council).aggregate(
        total=Count("pk"), loose=Count("pk", filter=Q(petition__isnull=True))
    )
    petitions = Petition.objects.filter(council=council).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(state__in=[State.RECORDED, State.CLASSIFIED])),
        with_agencies=Count("pk", filter=Q(state__in=[State.TRANSFERRED, State.TO_NA_DELEGATION])),
        concluded=Count("pk", filter=Q(state__in=[State.CLOSED, State.ROADMAP, State.UNRESOLVED])),
        merged=Count("pk", filter=Q(state=State.MERGED)),
        published=Count("pk", filter=Q(published=True)),
    )
    letters = Letter.objects.filter(council=council).aggregate(
        total=Count("pk"),
        denunciations=Count("pk", filter=Q(kind=LetterKind.DENUNCIATION)),
        open=Count("pk", filter=~Q(state__in=[LetterState.ARCHIVED, LetterState.CLOSED])),
    )
    followups = FollowUp.objects.filter(council=council, source_type__model="petition")
    line = _(
        "Voters of %(council)s: %(meetings)s voter meetings, %(opinions)s opinions (not consolidated "
        "%(loose)s), %(petitions)s petitions (to classify or transfer %(pending)s, with the agencies "
        "%(with_agencies)s, overdue %(overdue)s, concluded %(concluded)s, merged %(merged)s, answers published "
        "%(published)s), %(receptions)s citizen receptions, %(letters)s letters (denunciations "
        "%(denunciations)s, open %(open_letters)s)"
    ) % {
        "council": council.short_name,
        "meetings": VoterMeeting.objects.filter(council=council).count(),
        "opinions": opinions["total"],
        "loose": opinions["loose"],
        "petitions": petitions["total"],
        "pending": petitions["pending"],
        "with_agencies": petitions["with_agencies"],
        "overdue": followups.overdue(timezone.localdate()).count(),
        "concluded": petitions["concluded"],
        "merged": petitions["merged"],
        "published": petitions["published"],
        "receptions": Reception.objects.filter(council=council).count(),
        "letters": letters["total"],
        "denunciations": letters["denunciations"],
        "open_letters": letters["open"],
    }
    return f"  {line}"
