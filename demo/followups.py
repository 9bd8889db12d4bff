"""Demo follow-ups for ``seed_demo``: about forty items of the Đồng Tháp council in every state.

Every item is written through the follow-up services, never by a direct model write, and is looked up by
its subject first, so a second run creates nothing. Dates are laid out relative to the day the seed
runs, so whenever it runs there are overdue items, items due in exactly 7, 3 and 1 working days (the
reminder steps), items in progress, answered, verified, sent back, reopened and escalated.

Petitions, names and numbers are invented.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from council.models import (
    Agency,
    Council,
    DeadlineRule,
    Field,
    FollowUp,
    User,
)
from council.services import (
    followup_answer,
    followup_change_due,
    followup_escalate,
    followup_note,
    followup_open,
    followup_reopen,
    followup_verify,
    milestone_add,
    milestone_done,
    next_escalation,
)
from council.services.followups import mail_suppressed
from council.text import normalize
from council.workdays import WorkCalendar, apply_rule, rule_in_force
from demo.names import (
    BHXH,
    BQL_KCN,
    BQLDA,
    CONG_AN,
    CONG_THUONG,
    DAN_TOC,
    DIEN_LUC,
    GD_DT,
    NN_MT,
    NOI_VU,
    RESPONDENT_AGENCY,
    TAI_CHINH,
    THANH_TRA,
    TU_PHAP,
    UBND_TINH,
    VHTTDL,
    XAY_DUNG,
    Y_TE,
    ubnd,
)

DAY = dt.timedelta(days=1)
OVERRIDE_REASON = "Theo chỉ đạo của Thường trực HĐND"

# Deadline rule codes (see ``demo.council.DEADLINE_RULES``).
PETITION = "petition-answer"
RECOMMENDATION = "oversight-recommendation-answer"
INTERPELLATION = "interpellation-written-answer"
LETTER = "letter-processing"

# Agencies, by their name in ``demo.council``.


@dataclass(frozen=True)
class DemoFollowUp:
    """One demo item and what happens to it after it is opened.

    ``timing`` places it relative to today: ``("ago", n)`` assigned n days ago; ``("overdue", n)`` due n
    days ago; ``("due_in", n)`` due in exactly n working days. The due date comes from ``rule`` unless
    ``term`` (calendar days from assignment to the due date) or ``override`` (an explicit due date set
    by the Standing Committee, ``assigned_ago`` days after assignment) says otherwise.

    ``steps`` are taken in order: ("progress", %, text), ("done", text), ("cannot", text, explanation),
    ("verify", outcome, text[, close]), ("reopen", reason), ("escalate", text), ("extend", days, reason),
    ("due", days from today, reason), ("milestone", title, due after assignment, done after assignment
    or None), ("note", text).
    """

    reference: str
    kind: str
    agency: str
    field: str
    title: str
    description: str
    timing: tuple[str, int]
    rule: str = ""
    term: int = 0
    override: bool = False
    assigned_ago: int = 10
    coordinating: tuple[str, ...] = ()
    leadership: bool = False
    steps: tuple[tuple, ...] = ()


F = DemoFollowUp

FOLLOWUPS: list[DemoFollowUp] = [
    # --- Voter petitions forwarded to the agencies (30 days to answer) ---------------------------------
    F(
        "KN-2026-0001",
        "petition",
        XAY_DUNG,
        "giao-thong",
        "Cử tri xã Tháp Mười kiến nghị sớm nâng cấp tuyến đường ĐT 845 đoạn qua ấp 3",
        "Tuyến ĐT 845 đoạn qua ấp 3, xã Tháp Mười xuống cấp nghiêm trọng, nhiều ổ gà, mùa mưa ngập nước "
        "gây mất an toàn giao thông. Đề nghị Sở Xây dựng khảo sát, bố trí vốn sửa chữa, nâng cấp tuyến "
        "đường và trả lời cử tri.",
        ("overdue", 25),
        rule=PETITION,
        coordinating=(ubnd("xã Tháp Mười"),),
        leadership=True,
        steps=(
            ("note", "Đã điện thoại nhắc chuyên viên phụ trách của Sở Xây dựng; Sở hẹn trả lời trong tuần."),
            ("escalate", "Văn phòng nhắc lần 1: kiến nghị cử tri đã quá hạn trả lời."),
            ("escalate", "Báo cáo Thường trực HĐND tỉnh để có ý kiến với UBND tỉnh về việc chậm trả lời."),
        ),
    ),
    F(
        "KN-2026-0002",
        "petition",
        Y_TE,
        "y-te",
        "Cử tri phường Mỹ Tho phản ánh tình trạng quá tải, chờ khám lâu tại Bệnh viện Đa khoa tỉnh Tiền Giang",
        "Người bệnh phải chờ khám từ sáng sớm đến trưa, khu vực chờ chật hẹp, thiếu ghế ngồi. Đề nghị Sở Y "
        "tế có giải pháp giảm quá tải, mở rộng đặt lịch khám trực tuyến và trả lời cử tri.",
        ("overdue", 10),
        rule=PETITION,
        steps=(("escalate", "Nhắc Sở Y tế trả lời kiến nghị cử tri đã quá hạn."),),
    ),
    F(
        "KN-2026-0003",
        "petition",
        Y_TE,
        "y-te",
        "Cử tri xã Tân Hồng kiến nghị bổ sung bác sĩ cho Trạm Y tế xã",
        "Trạm Y tế xã hiện chỉ có một y sĩ và hai điều dưỡng, chưa có bác sĩ khám chữa bệnh bảo hiểm y tế. "
        "Đề nghị Sở Y tế điều động, luân phiên bác sĩ về công tác tại trạm.",
        ("due_in", 7),
        rule=PETITION,
    ),
    F(
        "KN-2026-0004",
        "petition",
        NN_MT,
        "moi-truong",
        "Cử tri xã Long Khánh kiến nghị khẩn cấp xử lý sạt lở bờ sông Tiền đoạn qua ấp Long Thạnh",
        "Bờ sông Tiền đoạn qua ấp Long Thạnh sạt lở dài khoảng 120 m, uy hiếp 15 căn nhà và tuyến đường "
        "liên ấp. Đề nghị khẩn trương gia cố, di dời các hộ trong vùng nguy hiểm.",
        ("due_in", 3),
        rule=PETITION,
        override=True,
        assigned_ago=12,
        steps=(
            ("progress", 40, "Đã khảo sát hiện trạng, di dời tạm 6 hộ; đang lập phương án gia cố khẩn cấp."),
        ),
    ),
    F(
        "KN-2026-0005",
        "petition",
        GD_DT,
        "giao-duc",
        "Cử tri xã Cái Bè kiến nghị xây dựng thêm phòng học cho Trường Tiểu học Cái Bè",
        "Trường đang phải học hai ca, nhiều lớp học nhờ phòng chức năng. Đề nghị bố trí vốn xây dựng thêm "
        "8 phòng học trong kế hoạch năm học tới.",
        ("due_in", 1),
        rule=PETITION,
    ),
    F(
        "KN-2026-0006",
        "petition",
        DIEN_LUC,
        "khac",
        "Cử tri xã Tam Nông kiến nghị nâng cấp lưới điện hạ thế ấp Phú Hòa, điện yếu vào giờ cao điểm",
        "Vào buổi tối, điện áp cuối nguồn ấp Phú Hòa thấp, các hộ không sử dụng được máy bơm, tủ lạnh. Đề "
        "nghị ngành điện nâng công suất trạm biến áp và cải tạo đường dây.",
        ("ago", 40),
        rule=PETITION,
        steps=(
            (
                "done",
                "Công ty đã thay máy biến áp 100 kVA bằng máy 250 kVA và cải tạo 1,2 km đường dây hạ thế; "
                "công trình đã đóng điện, điện áp cuối nguồn bảo đảm theo quy định.",
            ),
        ),
    ),
    F(
        "KN-2026-0007",
        "petition",
        TAI_CHINH,
        "tai-chinh-ngan-sach",
        "Cử tri xã Lấp Vò kiến nghị bố trí ngân sách làm đường giao thông nông thôn ấp Bình Hiệp",
        "Tuyến đường đất dài 2,5 km, mùa mưa lầy lội, học sinh đi lại khó khăn. Nhân dân sẵn sàng hiến đất, "
        "đóng góp ngày công; đề nghị tỉnh hỗ trợ xi măng, kinh phí theo phương thức Nhà nước và nhân dân cùng làm.",
        ("ago", 50),
        rule=PETITION,
        steps=(
            (
                "cannot",
                "Sở Tài chính đã rà soát nguồn vốn và có văn bản trả lời cử tri.",
                "Vốn ngân sách tỉnh năm 2026 đã phân bổ hết theo Nghị quyết của HĐND tỉnh. Đề nghị UBND xã "
                "Lấp Vò đưa tuyến đường vào kế hoạch đầu tư công trung hạn 2026–2030 để xem xét bố trí.",
            ),
        ),
    ),
    F(
        "KN-2026-0008",
        "petition",
        XAY_DUNG,
        "giao-thong",
        "Cử tri xã Thanh Bình kiến nghị sửa chữa cầu Kênh Xáng bị xuống cấp",
        "Mặt cầu bong tróc, lan can gãy, xe tải trên 5 tấn vẫn lưu thông qua cầu. Đề nghị kiểm định, sửa "
        "chữa và cắm biển hạn chế tải trọng.",
        ("ago", 230),
        rule=PETITION,
        steps=(
            (
                "done",
                "Đã cắm biển hạn chế tải trọng 5 tấn, thay lan can và thảm lại mặt cầu; nghiệm thu đưa vào sử dụng.",
            ),
            ("verify", "done", "Tổ đại biểu kiểm tra thực tế: cầu đã được sửa chữa, cử tri đồng tình."),
        ),
    ),
    F(
        "KN-2026-0009",
        "petition",
        BHXH,
        "chinh-sach-xa-hoi",
        "Cử tri phường Sa Đéc phản ánh việc cấp lại thẻ bảo hiểm y tế cho người cao tuổi còn chậm",
        "Nhiều người cao tuổi bị mất, hỏng thẻ phải chờ hơn một tháng mới được cấp lại. Đề nghị rút ngắn "
        "thời gian, hướng dẫn sử dụng thẻ bảo hiểm y tế trên ứng dụng VNeID.",
        ("ago", 200),
        rule=PETITION,
        steps=(
            (
                "done",
                "BHXH tỉnh đã cấp lại thẻ trong ngày khi người dân đề nghị tại bộ phận một cửa và phối hợp "
                "Công an tỉnh hướng dẫn sử dụng thẻ trên VNeID tại các khu phố.",
            ),
            ("verify", "done", "Trả lời đầy đủ; cử tri không còn phản ánh."),
        ),
    ),
    F(
        "KN-2026-0010",
        "petition",
        NN_MT,
        "moi-truong",
        "Cử tri xã Lai Vung phản ánh ô nhiễm mùi hôi, nước thải từ các cơ sở chăn nuôi heo tập trung",
        "Một số cơ sở chăn nuôi heo xả nước thải chưa qua xử lý ra kênh nội đồng, mùi hôi ảnh hưởng đời "
        "sống các hộ dân xung quanh. Đề nghị kiểm tra, xử lý nghiêm.",
        ("ago", 150),
        rule=PETITION,
        coordinating=(ubnd("xã Lai Vung"),),
        steps=(
            (
                "done",
                "Sở đã phối hợp UBND xã kiểm tra 4 cơ sở, nhắc nhở và yêu cầu cam kết bảo vệ môi trường.",
            ),
            (
                "verify",
                "unsatisfactory",
                "Trả lời chưa nêu kết quả quan trắc, chưa xử phạt các cơ sở vi phạm và chưa có thời hạn khắc phục.",
            ),
            ("escalate", "Nhắc Sở bổ sung kết quả xử lý và thời hạn khắc phục."),
        ),
    ),
    F(
        "KN-2026-0011",
        "petition",
        NOI_VU,
        "noi-vu",
        "Cử tri kiến nghị sớm giải quyết chế độ cho người hoạt động không chuyên trách cấp xã dôi dư sau sắp xếp",
        "Sau khi sắp xếp đơn vị hành chính cấp xã, nhiều người hoạt động không chuyên trách nghỉ việc nhưng "
        "chưa được chi trả chế độ hỗ trợ. Đề nghị rà soát, chi trả dứt điểm.",
        ("ago", 180),
        rule=PETITION,
        steps=(
            ("done", "Đã chi trả chế độ cho 1.126/1.340 người; số còn lại đang hoàn thiện hồ sơ."),
            (
                "verify",
                "partly_done",
                "Thực hiện được phần lớn; số còn lại theo dõi trong báo cáo chung.",
                True,
            ),
        ),
    ),
    F(
        "KN-2026-0012",
        "petition",
        CONG_AN,
        "an-ninh-trat-tu",
        "Cử tri phường Cao Lãnh phản ánh tình trạng tụ tập đua xe trái phép vào ban đêm trên đường ven sông",
        "Vào tối thứ Bảy, Chủ nhật, nhiều nhóm thanh thiếu niên tụ tập chạy xe tốc độ cao, lạng lách, gây "
        "mất an ninh trật tự. Đề nghị tăng cường tuần tra, xử lý.",
        ("ago", 15),
        rule=PETITION,
        steps=(
            (
                "progress",
                50,
                "Đã tăng cường tuần tra vào ban đêm, lập biên bản xử lý 12 trường hợp, tạm giữ 9 phương tiện.",
            ),
        ),
    ),
    F(
        "KN-2026-0013",
        "petition",
        Y_TE,
        "y-te",
        "Cử tri phường Cai Lậy phản ánh tình trạng thiếu thuốc bảo hiểm y tế tại Trung tâm Y tế khu vực Cai Lậy",
        "Người bệnh có thẻ bảo hiểm y tế phải tự mua một số thuốc điều trị bệnh mạn tính bên ngoài. Đề nghị "
        "bảo đảm đủ thuốc theo danh mục.",
        ("ago", 12),
        rule=PETITION,
        steps=(
            (
                "progress",
                30,
                "Trung tâm đã mua sắm bổ sung 18 mặt hàng thuốc; đang chờ kết quả đấu thầu tập trung.",
            ),
        ),
    ),
    F(
        "KN-2026-0014",
        "petition",
        Y_TE,
        "y-te",
        "Cử tri xã Chợ Gạo kiến nghị sớm đưa vào sử dụng khu điều trị mới của Trung tâm Y tế khu vực Chợ Gạo",
        "Khu điều trị nội trú mới đã xây xong nhưng chưa đưa vào sử dụng, trong khi khu cũ xuống cấp, "
        "người bệnh phải nằm ghép.",
        ("ago", 35),
        rule=PETITION,
        steps=(
            (
                "done",
                "Sở Y tế đã bố trí kinh phí mua sắm trang thiết bị; khu điều trị mới đưa vào sử dụng từ đầu "
                "tháng, tiếp nhận 120 giường bệnh.",
            ),
        ),
    ),
    F(
        "KN-2026-0015",
        "petition",
        ubnd("phường Mỹ Tho"),
        "xay-dung",
        "Cử tri phường Mỹ Tho kiến nghị lắp đặt đèn chiếu sáng công cộng tuyến đường ven sông Bảo Định",
        "Tuyến đường ven sông Bảo Định thiếu đèn chiếu sáng, buổi tối tối tăm, tiềm ẩn nguy cơ mất an toàn "
        "giao thông và trộm cắp.",
        ("ago", 160),
        rule=PETITION,
        steps=(
            ("done", "UBND phường đã lắp đặt 42 bộ đèn LED chiếu sáng trên toàn tuyến."),
            ("verify", "done", "Đã thực hiện."),
            (
                "reopen",
                "Tại buổi tiếp xúc cử tri sau kỳ họp, cử tri tiếp tục phản ánh nhiều bộ đèn đã hư hỏng, "
                "không sáng trở lại.",
            ),
            ("due", 20, "Mở lại theo phản ánh của cử tri; giao UBND phường khắc phục trong 20 ngày."),
        ),
    ),
    F(
        "KN-2026-0016",
        "petition",
        CONG_THUONG,
        "khac",
        "Cử tri phường Sa Đéc kiến nghị sửa chữa, chống dột nhà lồng chợ Sa Đéc",
        "Mái tôn nhà lồng chợ bị thủng nhiều chỗ, mùa mưa dột, hàng hóa của tiểu thương bị ướt, nền chợ "
        "trơn trượt.",
        ("overdue", 5),
        rule=PETITION,
        coordinating=(ubnd("phường Sa Đéc"),),
        steps=(
            ("progress", 30, "Đã khảo sát, lập dự toán sửa chữa mái tôn; đang trình phê duyệt kinh phí."),
        ),
    ),
    F(
        "KN-2026-0017",
        "petition",
        VHTTDL,
        "van-hoa-du-lich",
        "Cử tri xã Tháp Mười kiến nghị đầu tư sân thể thao, nhà văn hóa cho các ấp mới sáp nhập",
        "Sau sáp nhập, nhiều ấp chưa có nhà văn hóa, sân thể thao; thanh niên không có nơi sinh hoạt, luyện "
        "tập. Đề nghị hỗ trợ đầu tư thiết chế văn hóa, thể thao cơ sở.",
        ("ago", 5),
        rule=PETITION,
    ),
    F(
        "KN-2026-0018",
        "petition",
        ubnd("xã Tân Hồng"),
        "nong-nghiep",
        "Cử tri xã Tân Hồng kiến nghị nạo vét kênh nội đồng phục vụ sản xuất vụ Đông Xuân",
        "Kênh nội đồng ấp Tân Hòa bị bồi lắng, không đủ nước tưới cho khoảng 300 ha lúa vụ Đông Xuân.",
        ("ago", 210),
        rule=PETITION,
        steps=(
            (
                "cannot",
                "UBND xã đã khảo sát và trả lời cử tri.",
                "Kinh phí nạo vét khoảng 2,8 tỷ đồng, vượt khả năng cân đối của ngân sách xã.",
            ),
            (
                "verify",
                "not_done",
                "Thường trực HĐND thống nhất kết thúc theo dõi; đề nghị UBND tỉnh xem xét đưa vào kế hoạch "
                "thủy lợi năm sau.",
                True,
            ),
        ),
    ),
    # --- Oversight recommendations (30 days to report) ------------------------------------------------
    F(
        "GS-2026-0001",
        "recommendation",
        UBND_TINH,
        "tai-chinh-ngan-sach",
        "Chỉ đạo xử lý dứt điểm các công trình đầu tư công chậm tiến độ, giải ngân thấp năm 2026",
        "Theo báo cáo kết quả giám sát chuyên đề của Thường trực HĐND tỉnh về thực hiện kế hoạch đầu tư "
        "công năm 2026: đề nghị UBND tỉnh chỉ đạo rà soát, điều chuyển vốn các dự án không có khả năng giải "
        "ngân, xử lý trách nhiệm chủ đầu tư chậm tiến độ, báo cáo kết quả về Thường trực HĐND tỉnh.",
        ("overdue", 20),
        rule=RECOMMENDATION,
        coordinating=(TAI_CHINH, BQLDA),
        leadership=True,
        steps=(("escalate", "Nhắc UBND tỉnh báo cáo kết quả thực hiện kiến nghị giám sát."),),
    ),
    F(
        "GS-2026-0002",
        "recommendation",
        GD_DT,
        "giao-duc",
        "Rà soát, sắp xếp các điểm trường lẻ xuống cấp, bảo đảm an toàn cho học sinh",
        "Qua giám sát của Ban Văn hóa - Xã hội, nhiều điểm trường lẻ xuống cấp, thiếu nhà vệ sinh, nước "
        "sạch. Đề nghị rà soát toàn bộ, xây dựng lộ trình sắp xếp và sửa chữa.",
        ("ago", 20),
        rule=RECOMMENDATION,
        steps=(
            ("milestone", "Rà soát hiện trạng các điểm trường lẻ", 5, 8),
            ("milestone", "Trình UBND tỉnh phương án sắp xếp, sửa chữa", 25, None),
            ("progress", 50, "Đã rà soát 214 điểm trường lẻ; đang hoàn thiện phương án trình UBND tỉnh."),
        ),
    ),
    F(
        "GS-2026-0003",
        "recommendation",
        Y_TE,
        "y-te",
        "Khắc phục tình trạng chậm đấu thầu, thiếu thuốc và vật tư y tế tại các cơ sở khám chữa bệnh công lập",
        "Kết quả giám sát cho thấy nhiều gói thầu thuốc chậm tổ chức, một số bệnh viện thiếu vật tư tiêu "
        "hao. Đề nghị Sở Y tế báo cáo nguyên nhân, giải pháp khắc phục trước kỳ họp.",
        ("due_in", 1),
        rule=RECOMMENDATION,
        override=True,
        assigned_ago=14,
    ),
    F(
        "GS-2026-0004",
        "recommendation",
        NN_MT,
        "dat-dai",
        "Đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất lần đầu cho các hồ sơ tồn đọng",
        "Đến thời điểm giám sát còn hơn 3.000 hồ sơ đăng ký cấp giấy chứng nhận lần đầu tồn đọng, quá hạn. "
        "Đề nghị có kế hoạch giải quyết dứt điểm.",
        ("ago", 45),
        rule=RECOMMENDATION,
        steps=(
            (
                "done",
                "Sở đã ban hành kế hoạch, giải quyết 2.870 hồ sơ tồn đọng; số còn lại thiếu giấy tờ, đã "
                "hướng dẫn người dân bổ sung.",
            ),
        ),
    ),
    F(
        "GS-2026-0005",
        "recommendation",
        TAI_CHINH,
        "tai-chinh-ngan-sach",
        "Xây dựng phương án xử lý trụ sở, tài sản công dôi dư sau sắp xếp đơn vị hành chính",
        "Nhiều trụ sở cấp huyện, cấp xã cũ bỏ trống sau sắp xếp, xuống cấp. Đề nghị có phương án sử dụng cho "
        "trường học, trạm y tế, nhà văn hóa hoặc bán đấu giá theo quy định.",
        ("ago", 250),
        rule=RECOMMENDATION,
        steps=(
            ("done", "UBND tỉnh đã phê duyệt phương án xử lý 186 cơ sở nhà, đất dôi dư."),
            ("verify", "done", "Phương án đã được phê duyệt và công khai."),
        ),
    ),
    F(
        "GS-2026-0006",
        "recommendation",
        BQL_KCN,
        "moi-truong",
        "Hoàn thiện hệ thống xử lý nước thải tập trung Khu công nghiệp Sa Đéc, chấm dứt xả thải vượt chuẩn",
        "Kết quả quan trắc cho thấy nước thải sau xử lý của khu công nghiệp có thông số vượt quy chuẩn. Đề "
        "nghị nâng cấp hệ thống xử lý, lắp quan trắc tự động, kiểm soát các doanh nghiệp đấu nối.",
        ("ago", 120),
        rule=RECOMMENDATION,
        coordinating=(NN_MT,),
        leadership=True,
        steps=(
            ("done", "Ban đã yêu cầu chủ đầu tư hạ tầng nâng cấp hệ thống xử lý nước thải."),
            (
                "verify",
                "unsatisfactory",
                "Trả lời chung chung, chưa có lộ trình, kinh phí và kết quả quan trắc sau nâng cấp.",
            ),
            ("escalate", "Nhắc Ban Quản lý bổ sung báo cáo."),
            ("escalate", "Báo cáo UBND tỉnh chỉ đạo Ban Quản lý các khu công nghiệp thực hiện kiến nghị."),
        ),
    ),
    F(
        "GS-2026-0007",
        "recommendation",
        XAY_DUNG,
        "xay-dung",
        "Tăng cường quản lý trật tự xây dựng, xử lý công trình xây dựng không phép tại các phường",
        "Qua giám sát, còn nhiều công trình xây dựng không phép, sai phép chưa được xử lý dứt điểm. Đề nghị "
        "rà soát, xử lý và báo cáo kết quả.",
        ("ago", 90),
        rule=RECOMMENDATION,
        steps=(
            ("done", "Đã kiểm tra 312 công trình, xử phạt 47 trường hợp vi phạm."),
            (
                "verify",
                "partly_done",
                "Còn 19 công trình vi phạm chưa bị buộc tháo dỡ; đề nghị báo cáo tiếp kết quả cưỡng chế.",
            ),
        ),
    ),
    F(
        "GS-2026-0008",
        "recommendation",
        NOI_VU,
        "noi-vu",
        "Bố trí đủ công chức văn hóa – xã hội cho các xã, phường sau sắp xếp",
        "Nhiều xã, phường mới thiếu công chức văn hóa – xã hội, ảnh hưởng thực hiện chính sách an sinh. Đề "
        "nghị rà soát, bố trí đủ theo vị trí việc làm.",
        ("ago", 40),
        rule=RECOMMENDATION,
        steps=(
            (
                "cannot",
                "Sở Nội vụ đã báo cáo kết quả rà soát.",
                "Biên chế công chức cấp xã năm 2026 đã được giao hết, tỉnh không còn chỉ tiêu bổ sung; Sở sẽ "
                "tham mưu điều động nội bộ giữa các xã thừa, thiếu.",
            ),
        ),
    ),
    # --- Commitments made at interpellation sessions ---------------------------------------------------
    F(
        "CV-2026-0001",
        "commitment",
        Y_TE,
        "y-te",
        "Giám đốc Sở Y tế cam kết bảo đảm đủ thuốc, vật tư y tế thiết yếu tại các trạm y tế xã",
        "Tại phiên chất vấn, Giám đốc Sở Y tế cam kết hoàn thành mua sắm tập trung, bảo đảm đủ thuốc và "
        "vật tư y tế thiết yếu tại 100% trạm y tế xã, báo cáo kết quả bằng văn bản đến Thường trực HĐND tỉnh.",
        ("due_in", 3),
        term=45,
    ),
    F(
        "CV-2026-0002",
        "commitment",
        GD_DT,
        "giao-duc",
        "Giám đốc Sở GD&ĐT cam kết sửa chữa nhà vệ sinh, công trình nước sạch tại các trường học vùng sâu",
        "Tại phiên chất vấn, Giám đốc Sở Giáo dục và Đào tạo cam kết hoàn thành sửa chữa nhà vệ sinh, công "
        "trình nước sạch tại 38 trường học vùng sâu trước khi kết thúc học kỳ.",
        ("ago", 60),
        term=120,
        steps=(
            ("milestone", "Khảo sát nhu cầu sửa chữa tại các trường", 10, 12),
            ("milestone", "Hoàn thành sửa chữa 38 trường", 100, None),
            ("progress", 65, "Đã hoàn thành sửa chữa 25/38 trường; 13 trường đang thi công."),
        ),
    ),
    F(
        "CV-2026-0003",
        "commitment",
        CONG_AN,
        "an-ninh-trat-tu",
        "Trả lời bằng văn bản chất vấn của đại biểu về tình trạng lừa đảo qua mạng, chiếm đoạt tài sản",
        "Đại biểu chất vấn về giải pháp phòng ngừa, xử lý tội phạm lừa đảo qua mạng; do hết thời gian phiên "
        "chất vấn, Giám đốc Công an tỉnh trả lời bằng văn bản.",
        ("due_in", 7),
        rule=INTERPELLATION,
    ),
    F(
        "CV-2026-0004",
        "commitment",
        CONG_THUONG,
        "khac",
        "Giám đốc Sở Công Thương cam kết kiểm tra, xử lý kinh doanh xăng dầu không bảo đảm chất lượng",
        "Tại phiên chất vấn, Giám đốc Sở Công Thương cam kết tổ chức kiểm tra chuyên đề các cửa hàng xăng "
        "dầu, xử lý nghiêm vi phạm và công khai kết quả.",
        ("ago", 200),
        term=90,
        steps=(
            (
                "done",
                "Đã kiểm tra 156 cửa hàng, xử phạt 11 cửa hàng vi phạm, công khai trên cổng thông tin của Sở.",
            ),
            ("verify", "done", "Đã thực hiện đúng cam kết."),
        ),
    ),
    F(
        "CV-2026-0005",
        "commitment",
        NN_MT,
        "nong-nghiep",
        "Giám đốc Sở NN&MT cam kết hoàn thành nạo vét kênh Nguyễn Văn Tiếp đoạn qua xã Tháp Mười",
        "Tại phiên chất vấn, Giám đốc Sở Nông nghiệp và Môi trường cam kết hoàn thành nạo vét kênh Nguyễn "
        "Văn Tiếp đoạn qua xã Tháp Mười, bảo đảm tưới tiêu và giao thông thủy.",
        ("ago", 150),
        term=60,
        leadership=True,
        steps=(
            ("extend", 60, "UBND tỉnh đồng ý gia hạn do thi công bị gián đoạn trong mùa lũ."),
            (
                "progress",
                70,
                "Đã nạo vét được 7/10 km; nhà thầu tăng cường thiết bị để hoàn thành phần còn lại.",
            ),
        ),
    ),
    F(
        "CV-2026-0006",
        "commitment",
        NOI_VU,
        "noi-vu",
        "Giám đốc Sở Nội vụ cam kết giải quyết dứt điểm chính sách cho người nghỉ việc do sắp xếp bộ máy",
        "Tại phiên chất vấn, Giám đốc Sở Nội vụ cam kết hoàn thành thẩm định, trình phê duyệt chính sách "
        "cho toàn bộ cán bộ, công chức nghỉ việc do sắp xếp tổ chức bộ máy.",
        ("ago", 70),
        term=60,
        steps=(("done", "Đã trình phê duyệt và chi trả chính sách cho 100% trường hợp đủ điều kiện."),),
    ),
    F(
        "CV-2026-0007",
        "commitment",
        VHTTDL,
        "van-hoa-du-lich",
        "Giám đốc Sở VHTTDL cam kết trình phương án bảo tồn, phát huy giá trị Khu di tích Gò Tháp",
        "Tại phiên chất vấn, Giám đốc Sở Văn hóa, Thể thao và Du lịch cam kết trình UBND tỉnh phương án bảo "
        "tồn, tu bổ và phát triển du lịch tại Khu di tích quốc gia đặc biệt Gò Tháp.",
        ("ago", 10),
        term=120,
    ),
    # --- Tasks set by the council's resolutions ------------------------------------------------------
    F(
        "NQ-2026-0001",
        "resolution_task",
        TAI_CHINH,
        "tai-chinh-ngan-sach",
        "Phân bổ chi tiết vốn đầu tư công năm 2026 cho các dự án khởi công mới",
        "Thực hiện Nghị quyết của HĐND tỉnh về kế hoạch đầu tư công năm 2026: tham mưu UBND tỉnh phân bổ "
        "chi tiết vốn cho các dự án khởi công mới, báo cáo Thường trực HĐND tỉnh.",
        ("ago", 80),
        term=150,
        coordinating=(BQLDA,),
        steps=(
            ("milestone", "Trình UBND tỉnh phương án phân bổ chi tiết", 20, 18),
            ("milestone", "Giao vốn cho các chủ đầu tư", 60, None),
            (
                "progress",
                50,
                "UBND tỉnh đã phê duyệt phương án; đang hoàn thiện thủ tục giao vốn cho 24 dự án.",
            ),
        ),
    ),
    F(
        "NQ-2026-0002",
        "resolution_task",
        GD_DT,
        "giao-duc",
        "Triển khai Nghị quyết quy định mức hỗ trợ học phí cho học sinh trung học phổ thông",
        "Hướng dẫn các trường, địa phương thực hiện hỗ trợ học phí theo Nghị quyết của HĐND tỉnh; báo cáo "
        "kết quả chi trả.",
        ("ago", 220),
        term=60,
        steps=(
            ("done", "Đã hướng dẫn và chi trả hỗ trợ học phí cho 58.400 học sinh."),
            ("verify", "done", "Hoàn thành."),
        ),
    ),
    F(
        "NQ-2026-0003",
        "resolution_task",
        NOI_VU,
        "noi-vu",
        "Xây dựng Đề án thu hút, đãi ngộ nguồn nhân lực chất lượng cao theo Nghị quyết của HĐND tỉnh",
        "Trình UBND tỉnh Đề án thu hút, đãi ngộ người có trình độ cao về công tác tại tỉnh, làm căn cứ trình "
        "HĐND tỉnh ban hành chính sách.",
        ("overdue", 12),
        term=90,
    ),
    F(
        "NQ-2026-0004",
        "resolution_task",
        XAY_DUNG,
        "xay-dung",
        "Công bố danh mục dự án nhà ở xã hội và kế hoạch phát triển nhà ở năm 2027",
        "Thực hiện Nghị quyết của HĐND tỉnh về chương trình phát triển nhà ở: công bố danh mục dự án nhà ở "
        "xã hội, quỹ đất dành cho nhà ở xã hội và kế hoạch năm 2027.",
        ("due_in", 7),
        term=90,
    ),
    F(
        "NQ-2026-0005",
        "resolution_task",
        DAN_TOC,
        "chinh-sach-xa-hoi",
        "Hỗ trợ đất ở, nhà ở cho hộ đồng bào dân tộc thiểu số nghèo theo Nghị quyết của HĐND tỉnh",
        "Triển khai hỗ trợ đất ở, nhà ở cho 85 hộ đồng bào Khmer, Hoa nghèo chưa có nhà ở ổn định trong năm 2026.",
        ("ago", 100),
        term=90,
        steps=(
            (
                "cannot",
                "Sở đã báo cáo kết quả thực hiện.",
                "Đã hỗ trợ nhà ở cho 61 hộ; 24 hộ chưa có quỹ đất phù hợp nên không thể hoàn thành trong năm "
                "2026, đề nghị chuyển sang năm 2027.",
            ),
        ),
    ),
    # --- Tasks the Office sets for agencies ---------------------------------------------------------
    F(
        "VP-2026-0001",
        "office_task",
        NN_MT,
        "dat-dai",
        "Xem xét, giải quyết đơn của ông Nguyễn Văn Tám, xã Mỹ Thọ khiếu nại về bồi thường khi thu hồi đất",
        "Văn phòng chuyển đơn của công dân đến Sở Nông nghiệp và Môi trường xem xét, giải quyết theo thẩm "
        "quyền và thông báo kết quả cho Thường trực HĐND tỉnh.",
        ("due_in", 3),
        rule=LETTER,
    ),
    F(
        "VP-2026-0002",
        "office_task",
        Y_TE,
        "y-te",
        "Báo cáo tình hình thực hiện chính sách bảo hiểm y tế phục vụ giám sát chuyên đề",
        "Phục vụ giám sát chuyên đề của Ban Văn hóa - Xã hội, đề nghị Sở Y tế báo cáo tình hình khám chữa "
        "bệnh bảo hiểm y tế, cung ứng thuốc và thanh quyết toán chi phí năm 2026.",
        ("ago", 5),
        term=20,
    ),
    F(
        "VP-2026-0003",
        "office_task",
        TU_PHAP,
        "khac",
        "Báo cáo tình hình thi hành pháp luật về xử lý vi phạm hành chính phục vụ phiên giải trình",
        "Phục vụ phiên giải trình của Ban Pháp chế, đề nghị Sở Tư pháp báo cáo tình hình thi hành pháp luật "
        "về xử lý vi phạm hành chính trên địa bàn tỉnh.",
        ("ago", 120),
        term=20,
        steps=(
            ("done", "Sở Tư pháp đã gửi báo cáo số liệu và đánh giá theo đề cương."),
            ("verify", "done", "Đã nhận báo cáo, phục vụ phiên giải trình."),
        ),
    ),
    F(
        "VP-2026-0004",
        "office_task",
        THANH_TRA,
        "khac",
        "Báo cáo kết quả giải quyết các vụ việc khiếu nại đông người, kéo dài",
        "Đề nghị Thanh tra tỉnh báo cáo kết quả rà soát, giải quyết các vụ việc khiếu nại đông người, phức "
        "tạp, kéo dài trên địa bàn tỉnh.",
        ("ago", 25),
        term=45,
        steps=(
            ("progress", 40, "Đã rà soát 17 vụ việc; đang tổng hợp kết quả giải quyết của các địa phương."),
        ),
    ),
    F(
        "VP-2026-0005",
        "office_task",
        ubnd("phường Cao Lãnh"),
        "xay-dung",
        "Xem xét đơn của bà Lê Thị Hoa phản ánh việc lấn chiếm hành lang thoát nước tại khóm 3",
        "Văn phòng chuyển đơn của công dân đến UBND phường Cao Lãnh xem xét, giải quyết theo thẩm quyền và "
        "thông báo kết quả cho Thường trực HĐND tỉnh.",
        ("overdue", 8),
        rule=LETTER,
    ),
]


# --- Dates ------------------------------------------------------------------------------------------


def _backdate(council: Council, code: str, due: dt.date, today: dt.date, calendar: WorkCalendar):
    """The assignment date from which a version of rule ``code`` gives ``due``, with that version."""
    for version in DeadlineRule.objects.filter(council=council, code=code).order_by("-valid_from"):
        if version.direction != DeadlineRule.Direction.AFTER:
            continue
        if version.day_type == DeadlineRule.DayType.CALENDAR:
            assigned = due - version.days * DAY
        else:
            assigned = calendar.shift(due, version.days, backwards=True)
        if (
            assigned <= today
            and rule_in_force(council, code, assigned) == version
            and apply_rule(version, assigned) == due
        ):
            return assigned, version
    return None


def _working_day(calendar: WorkCalendar, day: dt.date, *, backwards: bool = True) -> dt.date:
    """``day`` if it is a working day, else the nearest working day before (or after) it."""
    step = -DAY if backwards else DAY
    while not calendar.is_working_day(day):
        day += step
    return day


def schedule(spec: DemoFollowUp, council: Council, today: dt.date, calendar: WorkCalendar):
    """(assigned date, rule, explicit due date or None, override reason) for an item.

    Papers are signed on working days, so assignment dates and explicit due dates fall on working days
    where that does not move an item off its mark (due exactly n working days ahead, or n days overdue).
    """
    how, n = spec.timing
    if how == "ago":
        assigned = _working_day(calendar, today - n * DAY)
        if spec.term:
            due = _working_day(calendar, assigned + spec.term * DAY, backwards=False)
            return assigned, None, due, ""
        return assigned, rule_in_force(council, spec.rule, assigned), None, ""
    due = _working_day(calendar, today - n * DAY) if how == "overdue" else calendar.shift(today, n)
    if spec.rule and not spec.override:
        found = _backdate(council, spec.rule, due, today, calendar)
        if found is not None and how == "overdue":
            # Only "past due" matters here: move to a working day, a little further overdue.
            assigned = _working_day(calendar, found[0])
            return assigned, rule_in_force(council, spec.rule, assigned), None, ""
        if found is not None:
            return found[0], found[1], None, ""
    if spec.rule:
        assigned = min(_working_day(calendar, today - spec.assigned_ago * DAY), due)
        return assigned, rule_in_force(council, spec.rule, assigned), due, OVERRIDE_REASON
    return min(today, _working_day(calendar, due - spec.term * DAY)), None, due, ""


# --- Writing ----------------------------------------------------------------------------------------


class FollowUpSeeder:
    def __init__(self, council: Council, *, office: User | None, respondent: User | None):
        self.council = council
        self.office = office
        self.respondent = respondent
        self.today = timezone.localdate()
        self.calendar = WorkCalendar.load(council, self.today - 400 * DAY, self.today + 400 * DAY)
        self.agencies = {a.name: a for a in Agency.objects.filter(council=council)}
        self.fields = {f.code: f for f in Field.objects.filter(council=council)}

    def agency_actor(self, followup: FollowUp) -> User | None:
        return self.respondent if followup.agency.name == RESPONDENT_AGENCY else None

    def run(self) -> int:
        # Keyed by subject, not reference: a petition's follow-up takes the petition's tracking code once the
        # voters demo records the petition behind it (demo.voters.VotersSeeder.adopt_followups).
        existing = set(
            FollowUp.objects.filter(
                council=self.council, title__in=[normalize(s.title) for s in FOLLOWUPS]
            ).values_list("title", flat=True)
        )
        created = 0
        for spec in FOLLOWUPS:
            if normalize(spec.title) not in existing:
                self.create(spec)
                created += 1
        return created

    def create(self, spec: DemoFollowUp) -> FollowUp:
        assigned, rule, due, reason = schedule(spec, self.council, self.today, self.calendar)
        followup = followup_open(
            actor=self.office,
            council=self.council,
            agency=self.agencies[spec.agency],
            title=spec.title,
            description=spec.description,
            assigned_date=assigned,
            source_kind=spec.kind,
            rule=rule,
            due_date=due,
            override_reason=reason,
            field=self.fields[spec.field],
            coordinating_agencies=[self.agencies[name] for name in spec.coordinating],
            report_to_leadership=spec.leadership,
            reference=spec.reference,
        )
        for step in spec.steps:
            self.take(followup, *step)
            # The services re-read the row under a lock; refresh so the next step sees their changes.
            followup.refresh_from_db()
        return followup

    def take(self, followup: FollowUp, action: str, *args) -> None:
        office, agency = self.office, self.agency_actor(followup)
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
                followup, actor=office, outcome=outcome, text=text, close=close[0] if close else None
            )
        elif action == "reopen":
            followup_reopen(followup, actor=office, reason=args[0])
        elif action == "escalate":
            step = next_escalation(followup, self.today)
            if step is None:
                raise ValueError(f"{followup.reference}: no escalation step is due")
            followup_escalate(followup, actor=office, step=step, text=args[0])
        elif action == "extend":
            days, reason = args
            followup_change_due(
                followup, actor=office, due_date=followup.due_date + days * DAY, reason=reason
            )
        elif action == "due":
            days, reason = args
            followup_change_due(followup, actor=office, due_date=self.today + days * DAY, reason=reason)
        elif action == "milestone":
            title, due_after, done_after = args
            milestone = milestone_add(
                followup, actor=agency, title=title, due_date=followup.assigned_date + due_after * DAY
            )
            if done_after is not None:
                done_on = min(self.today, followup.assigned_date + done_after * DAY)
                milestone_done(milestone, actor=agency, done_on=done_on)
        elif action == "note":
            followup_note(followup, actor=office, text=args[0])
        else:
            raise ValueError(f"Unknown demo step {action!r}")


def seed_followups(council: Council, *, with_users: bool) -> int:
    """Create the missing demo follow-ups of ``council``; return how many were created.

    Mail is suppressed: the demo agencies' addresses are invented.
    """
    office = User.objects.filter(username="vanphong").first() if with_users else None
    respondent = User.objects.filter(username="coquan").first() if with_users else None
    # The demo agencies' addresses are invented: record everything, mail nobody.
    with mail_suppressed():
        return FollowUpSeeder(council, office=office, respondent=respondent).run()
