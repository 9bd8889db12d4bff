"""Static data for the ``seed_demo`` command: a council modelled on Đồng Tháp after the 2025 merger.

The 102 commune-level units follow the 2025 arrangement of Đồng Tháp and Tiền Giang as far as it was
known when this was written; unit codes are demo codes, not the official statistical codes. People,
positions, e-mail addresses and phone numbers are invented.
"""

import datetime as dt

D = dt.date

MERGER_DATE = D(2025, 7, 1)
LAST_DAY_BEFORE_MERGER = D(2025, 6, 30)

# --- Administrative units -------------------------------------------------------------------------

PROVINCE = ("82", "Tỉnh Đồng Tháp")
OLD_PROVINCES = [
    ("87", "Tỉnh Đồng Tháp (trước 01/7/2025)"),
    ("82-TG", "Tỉnh Tiền Giang"),
]

# Former district-level units (abolished 1 July 2025): code, name, former province code, and the new
# commune-level units formed on their territory (separated by "; "), in the order the demo codes are numbered.
_DISTRICTS = [
    ("866", "Thành phố Cao Lãnh", "87", "Phường Cao Lãnh; Phường Mỹ Ngãi; Phường Mỹ Trà"),
    ("874", "Huyện Cao Lãnh", "87", "Xã Mỹ Thọ; Xã Phong Mỹ; Xã Ba Sao; Xã Bình Hàng Trung; Xã Mỹ Hiệp"),
    ("867", "Thành phố Sa Đéc", "87", "Phường Sa Đéc"),
    ("877", "Huyện Châu Thành (Đồng Tháp)", "87", "Xã Phú Hựu; Xã Tân Nhuận Đông; Xã Tân Phú Trung"),
    ("876", "Huyện Lai Vung", "87", "Xã Lai Vung; Xã Hòa Long; Xã Phong Hòa; Xã Tân Dương"),
    ("875", "Huyện Lấp Vò", "87", "Xã Lấp Vò; Xã Mỹ An Hưng; Xã Tân Khánh Trung; Xã Vĩnh Thạnh"),
    ("868", "Thành phố Hồng Ngự", "87", "Phường Hồng Ngự; Phường An Bình; Phường Thường Lạc"),
    ("870", "Huyện Hồng Ngự", "87", "Xã Thường Phước; Xã Long Khánh; Xã Long Phú Thuận"),
    ("869", "Huyện Tân Hồng", "87", "Xã Tân Hồng; Xã Tân Thành; Xã Tân Hộ Cơ; Xã An Phước"),
    (
        "871",
        "Huyện Tam Nông",
        "87",
        "Xã Tam Nông; Xã An Hòa; Xã Phú Thọ; Xã Tràm Chim; Xã Phú Cường; Xã An Long",
    ),
    ("872", "Huyện Thanh Bình", "87", "Xã Thanh Bình; Xã Tân Long; Xã Tân Thạnh; Xã Bình Thành"),
    (
        "873",
        "Huyện Tháp Mười",
        "87",
        "Xã Tháp Mười; Xã Thanh Mỹ; Xã Mỹ Quí; Xã Đốc Binh Kiều; Xã Trường Xuân; Xã Phương Thịnh",
    ),
    (
        "815",
        "Thành phố Mỹ Tho",
        "82-TG",
        "Phường Mỹ Tho; Phường Đạo Thạnh; Phường Mỹ Phong; Phường Thới Sơn; Phường Trung An",
    ),
    (
        "816",
        "Thành phố Gò Công",
        "82-TG",
        "Phường Gò Công; Phường Long Thuận; Phường Sơn Qui; Phường Bình Xuân",
    ),
    (
        "817",
        "Thị xã Cai Lậy",
        "82-TG",
        "Phường Cai Lậy; Phường Mỹ Phước Tây; Phường Thanh Hòa; Phường Nhị Quý",
    ),
    ("818", "Huyện Tân Phước", "82-TG", "Xã Tân Phước 1; Xã Tân Phước 2; Xã Tân Phước 3; Xã Hưng Thạnh"),
    (
        "819",
        "Huyện Cái Bè",
        "82-TG",
        "Xã Cái Bè; Xã Hậu Mỹ; Xã Hội Cư; Xã Mỹ Thiện; Xã Mỹ Đức Tây; Xã Mỹ Lợi; Xã Thanh Hưng; Xã An Hữu",
    ),
    (
        "820",
        "Huyện Cai Lậy",
        "82-TG",
        "Xã Bình Phú; Xã Hiệp Đức; Xã Ngũ Hiệp; Xã Long Tiên; Xã Mỹ Thành; Xã Thạnh Phú",
    ),
    (
        "821",
        "Huyện Châu Thành (Tiền Giang)",
        "82-TG",
        "Xã Châu Thành; Xã Tân Hương; Xã Long Hưng; Xã Long Định; Xã Vĩnh Kim; Xã Kim Sơn; Xã Bình Trưng",
    ),
    (
        "822",
        "Huyện Chợ Gạo",
        "82-TG",
        "Xã Chợ Gạo; Xã Mỹ Tịnh An; Xã Lương Hòa Lạc; Xã Tân Thuận Bình; Xã An Thạnh Thủy; Xã Bình Ninh",
    ),
    (
        "823",
        "Huyện Gò Công Tây",
        "82-TG",
        "Xã Vĩnh Bình; Xã Đồng Sơn; Xã Phú Thành; Xã Long Bình; Xã Vĩnh Hựu",
    ),
    (
        "824",
        "Huyện Gò Công Đông",
        "82-TG",
        "Xã Gò Công Đông; Xã Tân Điền; Xã Tân Hòa; Xã Tân Đông; Xã Gia Thuận",
    ),
    ("825", "Huyện Tân Phú Đông", "82-TG", "Xã Tân Thới; Xã Tân Phú Đông"),
]

DISTRICTS = [(code, name, province, units.split("; ")) for code, name, province, units in _DISTRICTS]
NEW_UNIT_COUNT = 102


def new_units() -> list[tuple[str, str]]:
    """The commune-level units of the merged province as (code, name), numbered in a fixed order."""
    names = [name for *_, units in DISTRICTS for name in units]
    return [(f"82-{n:03d}", name) for n, name in enumerate(names, start=1)]


# Former communes, wards and towns (valid until 30 June 2025): code, name, former district, successor.
OLD_COMMUNES = [
    ("866-01", "Phường 1 (TP Cao Lãnh)", "866", "Phường Cao Lãnh"),
    ("866-02", "Phường 2 (TP Cao Lãnh)", "866", "Phường Cao Lãnh"),
    ("866-03", "Xã Mỹ Tân", "866", "Phường Cao Lãnh"),
    ("866-04", "Phường Mỹ Phú", "866", "Phường Mỹ Trà"),
    ("866-05", "Phường Hòa Thuận", "866", "Phường Mỹ Trà"),
    ("866-06", "Xã Mỹ Trà", "866", "Phường Mỹ Trà"),
    ("867-01", "Phường 1 (TP Sa Đéc)", "867", "Phường Sa Đéc"),
    ("867-02", "Phường 2 (TP Sa Đéc)", "867", "Phường Sa Đéc"),
    ("867-03", "Xã Tân Quy Tây", "867", "Phường Sa Đéc"),
    ("873-01", "Thị trấn Mỹ An", "873", "Xã Tháp Mười"),
    ("873-02", "Xã Mỹ An", "873", "Xã Tháp Mười"),
    ("873-03", "Xã Mỹ Hòa", "873", "Xã Tháp Mười"),
    ("815-01", "Phường 1 (TP Mỹ Tho)", "815", "Phường Mỹ Tho"),
    ("815-04", "Phường 4 (TP Mỹ Tho)", "815", "Phường Mỹ Tho"),
    ("815-05", "Phường 5 (TP Mỹ Tho)", "815", "Phường Mỹ Tho"),
]

# --- Councils and terms ---------------------------------------------------------------------------

PROVINCE_COUNCIL = {
    "code": "dong-thap",
    "name": "Hội đồng nhân dân tỉnh Đồng Tháp",
    "short_name": "HĐND tỉnh Đồng Tháp",
    "place_name": "Đồng Tháp",
}
COMMUNE_COUNCIL = {
    "code": "xa-thap-muoi",
    "name": "Hội đồng nhân dân xã Tháp Mười",
    "short_name": "HĐND xã Tháp Mười",
    "place_name": "Tháp Mười",
}
COMMUNE_UNIT_NAME = "Xã Tháp Mười"

TERM_10 = {
    "number": 10,
    "name": "Khóa X, nhiệm kỳ 2021–2026",
    "start_date": D(2021, 6, 15),
    "end_date": D(2026, 3, 31),
}
TERM_11 = {
    "number": 11,
    "name": "Khóa XI, nhiệm kỳ 2026–2031",
    "start_date": D(2026, 4, 1),
    "end_date": D(2031, 3, 31),
}
COMMUNE_TERM = {
    "number": 1,
    "name": "Khóa I, nhiệm kỳ 2026–2031",
    "start_date": D(2026, 4, 1),
    "end_date": D(2031, 3, 31),
}

# Term XI constituencies: seats and the commune-level units they cover (85 seats in all).
_TERM_11_CONSTITUENCIES = [
    (4, "Phường Cao Lãnh; Phường Mỹ Ngãi; Phường Mỹ Trà"),
    (3, "Xã Mỹ Thọ; Xã Phong Mỹ; Xã Ba Sao; Xã Bình Hàng Trung; Xã Mỹ Hiệp"),
    (5, "Phường Sa Đéc; Xã Phú Hựu; Xã Tân Nhuận Đông; Xã Tân Phú Trung"),
    (4, "Xã Lai Vung; Xã Hòa Long; Xã Phong Hòa; Xã Tân Dương"),
    (4, "Xã Lấp Vò; Xã Mỹ An Hưng; Xã Tân Khánh Trung; Xã Vĩnh Thạnh"),
    (
        5,
        "Phường Hồng Ngự; Phường An Bình; Phường Thường Lạc; Xã Thường Phước; Xã Long Khánh; "
        "Xã Long Phú Thuận",
    ),
    (4, "Xã Tân Hồng; Xã Tân Thành; Xã Tân Hộ Cơ; Xã An Phước"),
    (4, "Xã Tam Nông; Xã An Hòa; Xã Phú Thọ; Xã Tràm Chim; Xã Phú Cường; Xã An Long"),
    (3, "Xã Thanh Bình; Xã Tân Long; Xã Tân Thạnh; Xã Bình Thành"),
    (5, "Xã Tháp Mười; Xã Thanh Mỹ; Xã Mỹ Quí; Xã Đốc Binh Kiều; Xã Trường Xuân; Xã Phương Thịnh"),
    (5, "Phường Mỹ Tho; Phường Đạo Thạnh; Phường Mỹ Phong; Phường Thới Sơn; Phường Trung An"),
    (4, "Phường Gò Công; Phường Long Thuận; Phường Sơn Qui; Phường Bình Xuân"),
    (4, "Phường Cai Lậy; Phường Mỹ Phước Tây; Phường Thanh Hòa; Phường Nhị Quý"),
    (3, "Xã Tân Phước 1; Xã Tân Phước 2; Xã Tân Phước 3; Xã Hưng Thạnh"),
    (4, "Xã Cái Bè; Xã Hậu Mỹ; Xã Hội Cư; Xã Mỹ Thiện"),
    (3, "Xã Mỹ Đức Tây; Xã Mỹ Lợi; Xã Thanh Hưng; Xã An Hữu"),
    (5, "Xã Bình Phú; Xã Hiệp Đức; Xã Ngũ Hiệp; Xã Long Tiên; Xã Mỹ Thành; Xã Thạnh Phú"),
    (5, "Xã Châu Thành; Xã Tân Hương; Xã Long Hưng; Xã Long Định; Xã Vĩnh Kim; Xã Kim Sơn; Xã Bình Trưng"),
    (4, "Xã Chợ Gạo; Xã Mỹ Tịnh An; Xã Lương Hòa Lạc; Xã Tân Thuận Bình; Xã An Thạnh Thủy; Xã Bình Ninh"),
    (4, "Xã Vĩnh Bình; Xã Đồng Sơn; Xã Phú Thành; Xã Long Bình; Xã Vĩnh Hựu"),
    (3, "Xã Gò Công Đông; Xã Tân Điền; Xã Tân Hòa; Xã Tân Đông; Xã Gia Thuận; Xã Tân Thới; Xã Tân Phú Đông"),
]

TERM_11_CONSTITUENCIES = [(seats, units.split("; ")) for seats, units in _TERM_11_CONSTITUENCIES]

# Term XI delegate groups: the place in the name and the constituency numbers they gather.
TERM_11_GROUPS = [
    ("phường Cao Lãnh", [1, 2]),
    ("phường Sa Đéc", [3]),
    ("xã Lai Vung", [4, 5]),
    ("phường Hồng Ngự", [6, 7]),
    ("xã Tam Nông", [8, 9]),
    ("xã Tháp Mười", [10]),
    ("phường Mỹ Tho", [11]),
    ("phường Gò Công", [12, 21]),
    ("phường Cai Lậy", [13, 17]),
    ("xã Cái Bè", [15, 16]),
    ("xã Châu Thành", [14, 18]),
    ("xã Chợ Gạo", [19, 20]),
]

# Term X constituencies, drawn on the former district-level units.
TERM_10_CONSTITUENCIES = [
    (4, ["866"]),
    (4, ["874"]),
    (3, ["867"]),
    (3, ["876"]),
    (3, ["875"]),
    (3, ["877"]),
    (4, ["868", "870"]),
    (3, ["869"]),
    (3, ["871"]),
    (3, ["872"]),
    (4, ["873"]),
    (4, ["815"]),
    (3, ["816"]),
    (3, ["817"]),
    (3, ["818"]),
    (5, ["819"]),
    (4, ["820"]),
    (4, ["821"]),
    (4, ["822"]),
    (5, ["823", "824", "825"]),
]

# Term X delegate groups, in the same order as the term XI groups (same localities).
TERM_10_GROUPS = [
    ("thành phố Cao Lãnh", [1, 2]),
    ("thành phố Sa Đéc", [3, 6]),
    ("huyện Lai Vung", [4, 5]),
    ("thành phố Hồng Ngự", [7, 8]),
    ("huyện Tam Nông", [9, 10]),
    ("huyện Tháp Mười", [11]),
    ("thành phố Mỹ Tho", [12]),
    ("thành phố Gò Công", [13, 20]),
    ("thị xã Cai Lậy", [14, 17]),
    ("huyện Cái Bè", [16]),
    ("huyện Châu Thành", [15, 18]),
    ("huyện Chợ Gạo", [19]),
]

# How many term X mandates each term X group holds (42 in all), and which groups saw a mandate end
# early and a by-election fill it: group index → (end date, end reason, by-election date).
TERM_10_GROUP_SIZES = [4, 3, 4, 5, 3, 3, 3, 3, 5, 3, 3, 3]
TERM_10_VACANCIES = {
    3: (D(2022, 9, 30), "resigned", D(2023, 5, 21)),
    8: (D(2023, 6, 30), "transferred", D(2024, 3, 24)),
}

# --- Committees, agencies, fields -----------------------------------------------------------------

COMMITTEES = [
    ("legal", "Ban Pháp chế"),
    ("economy_budget", "Ban Kinh tế - Ngân sách"),
    ("culture_society", "Ban Văn hóa - Xã hội"),
    ("ethnic", "Ban Dân tộc"),
]
COMMUNE_COMMITTEE_KINDS = ["economy_budget", "culture_society"]

# Committee kind → (number of deputy heads, number of ordinary members) in term XI.
COMMITTEE_SIZES = {"legal": (2, 6), "economy_budget": (2, 7), "culture_society": (1, 6), "ethnic": (1, 5)}

# Provincial agencies: name, short name, kind, mailbox domain (under dongthap.gov.vn), head's title.
AGENCIES = [
    ("Ủy ban nhân dân tỉnh", "UBND tỉnh", "peoples_committee", "ubnd", "Chủ tịch UBND tỉnh"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "department", "vpubnd", "Chánh Văn phòng"),
    ("Sở Tài chính", "", "department", "sotaichinh", "Giám đốc Sở"),
    ("Sở Xây dựng", "", "department", "soxaydung", "Giám đốc Sở"),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", "department", "sonnmt", "Giám đốc Sở"),
    ("Sở Y tế", "", "department", "soyte", "Giám đốc Sở"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "department", "sogddt", "Giám đốc Sở"),
    ("Sở Nội vụ", "", "department", "sonoivu", "Giám đốc Sở"),
    ("Sở Công Thương", "", "department", "socongthuong", "Giám đốc Sở"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "department", "sovhttdl", "Giám đốc Sở"),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", "department", "sokhcn", "Giám đốc Sở"),
    ("Sở Tư pháp", "", "department", "sotuphap", "Giám đốc Sở"),
    ("Sở Dân tộc và Tôn giáo", "", "department", "sodttg", "Giám đốc Sở"),
    ("Thanh tra tỉnh", "", "department", "thanhtra", "Chánh Thanh tra tỉnh"),
    ("Công an tỉnh", "", "department", "congan", "Giám đốc Công an tỉnh"),
    ("Bộ Chỉ huy Quân sự tỉnh", "", "department", "bchqs", "Chỉ huy trưởng"),
    ("Bảo hiểm xã hội tỉnh", "BHXH tỉnh", "department", "bhxh", "Giám đốc"),
    ("Thuế tỉnh Đồng Tháp", "Thuế tỉnh", "department", "thue", "Trưởng Thuế tỉnh"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "BQL các KCN", "department", "bqlkcn", "Trưởng Ban"),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", "BQLDA tỉnh", "department", "bqlda", "Giám đốc"),
    ("Công ty Điện lực Đồng Tháp", "PC Đồng Tháp", "other", "pcdongthap", "Giám đốc"),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Ủy ban MTTQ Việt Nam tỉnh",
        "fatherland_front",
        "mttq",
        "Chủ tịch",
    ),
    ("Tòa án nhân dân tỉnh", "TAND tỉnh", "court", "toaan", "Chánh án"),
    ("Viện kiểm sát nhân dân tỉnh", "VKSND tỉnh", "procuracy", "vks", "Viện trưởng"),
    ("Đoàn đại biểu Quốc hội tỉnh", "Đoàn ĐBQH tỉnh", "na_delegation", "doandbqh", "Trưởng Đoàn"),
    (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "council_office",
        "vpdbqh-hdnd",
        "Chánh Văn phòng",
    ),
]
AGENCY_PHONE_PREFIX = "0277 3"

# Commune People's Committees that answer the provincial council (kind commune_committee).
COMMUNE_COMMITTEE_UNITS = [
    "Phường Cao Lãnh",
    "Phường Mỹ Trà",
    "Phường Sa Đéc",
    "Phường Hồng Ngự",
    "Phường Mỹ Tho",
    "Phường Gò Công",
    "Phường Cai Lậy",
    "Xã Tháp Mười",
    "Xã Tân Hồng",
    "Xã Tam Nông",
    "Xã Thanh Bình",
    "Xã Lấp Vò",
    "Xã Lai Vung",
    "Xã Cái Bè",
    "Xã Chợ Gạo",
]

# The commune council's own agencies: name, short name, kind, e-mail, linked to the commune unit.
COMMUNE_AGENCIES = [
    (
        "Ủy ban nhân dân xã Tháp Mười",
        "UBND xã Tháp Mười",
        "commune_committee",
        "vanphong@xathapmuoi.dongthap.gov.vn",
        True,
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tháp Mười",
        "Ủy ban MTTQ xã Tháp Mười",
        "fatherland_front",
        "mttq@xathapmuoi.dongthap.gov.vn",
        False,
    ),
    ("Công an xã Tháp Mười", "", "other", "congan@xathapmuoi.dongthap.gov.vn", False),
]

FIELDS = [
    ("dat-dai", "Đất đai – Giải phóng mặt bằng"),
    ("giao-thong", "Giao thông"),
    ("xay-dung", "Xây dựng"),
    ("nong-nghiep", "Nông nghiệp"),
    ("moi-truong", "Môi trường"),
    ("y-te", "Y tế"),
    ("giao-duc", "Giáo dục"),
    ("lao-dong-viec-lam", "Lao động – Việc làm"),
    ("chinh-sach-xa-hoi", "Chính sách xã hội"),
    ("van-hoa-du-lich", "Văn hóa – Du lịch"),
    ("tai-chinh-ngan-sach", "Tài chính – Ngân sách"),
    ("an-ninh-trat-tu", "An ninh trật tự"),
    ("noi-vu", "Nội vụ"),
    ("khac", "Khác"),
]

# --- Calendar -------------------------------------------------------------------------------------


def _days(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str, str]]:
    count = (last - first).days + 1
    return [(first + dt.timedelta(days=n), name, "holiday") for n in range(count)]


# (date, name, kind): days off, and make-up working days on a weekend. Weekend rows inside a holiday
# period are stored too, so the calendar shows the whole break.
HOLIDAYS = [
    (D(2025, 1, 1), "Tết Dương lịch", "holiday"),
    *_days(D(2025, 1, 25), D(2025, 2, 2), "Tết Nguyên đán Ất Tỵ"),
    (D(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "holiday"),
    (D(2025, 4, 26), "Làm bù cho ngày nghỉ thứ Sáu 02/5/2025", "working_day"),
    (D(2025, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", "holiday"),
    (D(2025, 5, 1), "Ngày Quốc tế Lao động", "holiday"),
    (D(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)", "holiday"),
    *_days(D(2025, 5, 3), D(2025, 5, 4), "Nghỉ lễ 30/4 – 1/5 (cuối tuần)"),
    (D(2025, 9, 1), "Nghỉ Quốc khánh (ngày liền kề)", "holiday"),
    (D(2025, 9, 2), "Quốc khánh", "holiday"),
    (D(2026, 1, 1), "Tết Dương lịch", "holiday"),
    *_days(D(2026, 2, 14), D(2026, 2, 22), "Tết Nguyên đán Bính Ngọ"),
    (D(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "holiday"),
    (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương", "holiday"),
    (D(2026, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", "holiday"),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động", "holiday"),
    (D(2026, 9, 2), "Quốc khánh", "holiday"),
    (D(2026, 9, 3), "Nghỉ Quốc khánh (ngày liền kề)", "holiday"),
    (D(2027, 1, 1), "Tết Dương lịch", "holiday"),
    *_days(D(2027, 2, 4), D(2027, 2, 10), "Tết Nguyên đán Đinh Mùi"),
    (D(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "holiday"),
    (D(2027, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", "holiday"),
    (D(2027, 5, 1), "Ngày Quốc tế Lao động", "holiday"),
    (D(2027, 5, 3), "Nghỉ bù ngày Quốc tế Lao động", "holiday"),
    (D(2027, 9, 2), "Quốc khánh", "holiday"),
    (D(2027, 9, 3), "Nghỉ Quốc khánh (ngày liền kề)", "holiday"),
]

_NQLT = (
    "Nghị quyết liên tịch 525/2012/NQLT-UBTVQH13-ĐCTUBTWMTTQVN "
    "(được thay thế bởi Nghị quyết liên tịch năm 2025)"
)
_SUPERVISION_2015 = "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân 87/2015/QH13"
_SUPERVISION_2025 = "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân 121/2025/QH15"
_LOCAL_GOVERNMENT = "Luật Tổ chức chính quyền địa phương 72/2025/QH15"

DEADLINE_RULES = [
    {
        "code": "petition-answer",
        "name": "Trả lời kiến nghị cử tri",
        "days": 30,
        "day_type": "calendar",
        "direction": "after",
        "anchor": "transfer",
        "legal_basis": _NQLT,
        "valid_from": D(2021, 1, 1),
    },
    {
        "code": "interpellation-written-answer",
        "name": "Trả lời chất vấn bằng văn bản",
        "days": 20,
        "day_type": "calendar",
        "direction": "after",
        "anchor": "question",
        "legal_basis": f"{_SUPERVISION_2015}, Điều 62",
        "valid_from": D(2016, 7, 1),
        "valid_to": D(2026, 2, 28),
    },
    {
        "code": "interpellation-written-answer",
        "name": "Trả lời chất vấn bằng văn bản",
        "days": 15,
        "day_type": "working",
        "direction": "after",
        "anchor": "question",
        "legal_basis": _SUPERVISION_2025,
        "valid_from": D(2026, 3, 1),
    },
    {
        "code": "oversight-recommendation-answer",
        "name": "Trả lời kiến nghị giám sát",
        "days": 30,
        "day_type": "calendar",
        "direction": "after",
        "anchor": "oversight_report",
        "legal_basis": f"{_SUPERVISION_2015}; Nghị quyết 594/NQ-UBTVQH15",
        "valid_from": D(2021, 1, 1),
    },
    {
        "code": "session-documents-to-delegates",
        "name": "Gửi tài liệu kỳ họp đến đại biểu",
        "days": 7,
        "day_type": "calendar",
        "direction": "before",
        "anchor": "session_start",
        "legal_basis": _LOCAL_GOVERNMENT,
        "valid_from": D(2025, 7, 1),
    },
    {
        "code": "session-convening-notice",
        "name": "Thông báo triệu tập kỳ họp",
        "days": 10,
        "day_type": "calendar",
        "direction": "before",
        "anchor": "session_start",
        "legal_basis": _LOCAL_GOVERNMENT,
        "valid_from": D(2025, 7, 1),
    },
    {
        "code": "letter-processing",
        "name": "Xử lý đơn thư",
        "days": 10,
        "day_type": "working",
        "direction": "after",
        "anchor": "receipt",
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13",
        "valid_from": D(2014, 7, 1),
    },
    {
        "code": "complaint-transfer",
        "name": "Chuyển đơn khiếu nại, tố cáo đến cơ quan có thẩm quyền",
        "days": 10,
        "day_type": "working",
        "direction": "after",
        "anchor": "receipt",
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13; Luật Khiếu nại 02/2011/QH13; "
        "Luật Tố cáo 25/2018/QH14",
        "valid_from": D(2014, 7, 1),
    },
    {
        "code": "explanation-followup",
        "name": "Báo cáo kết quả thực hiện kết luận phiên giải trình",
        "days": 30,
        "day_type": "calendar",
        "direction": "after",
        "anchor": "explanation",
        "legal_basis": "Nghị quyết 594/NQ-UBTVQH15 hướng dẫn hoạt động giám sát của HĐND",
        "valid_from": D(2022, 9, 12),
    },
]

# --- People ---------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


SURNAMES = _words(
    "Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Huỳnh Võ Phan Đặng Bùi Đỗ Hồ Ngô Dương Đoàn Trương Lâm Châu "
    "Cao Mai Tô Lưu"
)
MALE_MIDDLE = _words("Văn Văn Hữu Minh Quốc Thanh Công Hoàng Đức Tấn Ngọc Phước")
FEMALE_MIDDLE = ["Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thị Thu", "Thị Kim", "Thị Mỹ", "Thị Hồng", "Thị Bích"]
MALE_GIVEN = _words(
    "Hùng Dũng Tuấn Phong Hải Long Sơn Thắng Hòa Nghĩa Tâm Trung Khánh Lộc Phúc Tài Thành Hiếu Nhân Quang "
    "Bình Cường Đạt Vinh Toàn Hậu Triều Kiệt Thiện Tín"
)
FEMALE_GIVEN = _words(
    "Lan Hương Hoa Mai Thảo Trang Hạnh Nga Phượng Diễm Thủy Linh Ngọc Yến Loan Tuyết Trinh Hằng "
    "Nhung Oanh Duyên"
)
# Delegates of other ethnic groups: full name, gender, ethnicity.
MINORITY_DELEGATES = [
    ("Thạch Chanh Thi", "male", "Khmer"),
    ("Sơn Thị Sóc Khia", "female", "Khmer"),
    ("Danh Hoàng Sơn", "male", "Khmer"),
    ("Lý Quốc Cường", "male", "Hoa"),
    ("Quách Mỹ Linh", "female", "Hoa"),
]
PROVINCE_DELEGATE_COUNT = 85
FEMALE_SHARE = 0.35

# Full-time positions of term XI, by the role they come with.
CHAIR_POSITION = "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"
VICE_CHAIR_POSITION = "Phó Chủ tịch HĐND tỉnh"
COUNCIL_WORKPLACE = "Hội đồng nhân dân tỉnh Đồng Tháp"

# Leading posts go to delegates born before this year; youth posts to those born in or after the next.
SENIOR_BORN_BEFORE = 1982
YOUNG_BORN_FROM = 1986

# Part-time provincial positions: position, workplace, and "female", "male" or "young" when that narrows
# the choice of holder.
PROVINCIAL_POSITIONS = [
    ("Bí thư Tỉnh ủy", "Tỉnh ủy Đồng Tháp", ""),
    ("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp", ""),
    ("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp", ""),
    ("Phó Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp", "female"),
    ("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh Đồng Tháp", ""),
    ("Giám đốc Sở Y tế", "Sở Y tế", ""),
    ("Giám đốc Sở Tài chính", "Sở Tài chính", ""),
    ("Giám đốc Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "female"),
    ("Giám đốc Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường", ""),
    ("Giám đốc Sở Nội vụ", "Sở Nội vụ", ""),
    ("Giám đốc Sở Xây dựng", "Sở Xây dựng", ""),
    ("Giám đốc Công an tỉnh", "Công an tỉnh Đồng Tháp", "male"),
    ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh Đồng Tháp", "male"),
    ("Chánh án Tòa án nhân dân tỉnh", "Tòa án nhân dân tỉnh Đồng Tháp", ""),
    ("Viện trưởng Viện kiểm sát nhân dân tỉnh", "Viện kiểm sát nhân dân tỉnh Đồng Tháp", ""),
    ("Chánh Thanh tra tỉnh", "Thanh tra tỉnh Đồng Tháp", ""),
    ("Chủ tịch Hội Nông dân tỉnh", "Hội Nông dân tỉnh Đồng Tháp", ""),
    ("Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Đồng Tháp", "female"),
    ("Chủ tịch Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh Đồng Tháp", ""),
    ("Bí thư Tỉnh đoàn", "Tỉnh đoàn Đồng Tháp", "young"),
    ("Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh Đồng Tháp", ""),
]

# Part-time local positions; {unit} is a commune or ward of the delegate's constituency.
LOCAL_POSITIONS = [
    ("Bí thư Đảng ủy {unit}", "Đảng ủy {unit}"),
    ("Chủ tịch UBND {unit}", "Ủy ban nhân dân {unit}"),
    ("Chủ tịch HĐND {unit}", "Hội đồng nhân dân {unit}"),
    ("Chủ tịch Ủy ban MTTQ Việt Nam {unit}", "Ủy ban MTTQ Việt Nam {unit}"),
    ("Hiệu trưởng Trường Trung học phổ thông {place}", "Trường THPT {place}"),
    ("Giám đốc Trung tâm Y tế khu vực {place}", "Trung tâm Y tế khu vực {place}"),
    ("Giám đốc Hợp tác xã Nông nghiệp {place}", "Hợp tác xã Nông nghiệp {place}"),
    ("Trưởng Công an {unit}", "Công an {unit}"),
    ("Phó Bí thư Đảng ủy {unit}", "Đảng ủy {unit}"),
    ("Phó Chủ tịch UBND {unit}", "Ủy ban nhân dân {unit}"),
    ("Trưởng khoa Sư phạm", "Trường Đại học Đồng Tháp"),
    ("Giảng viên chính, Khoa Kinh tế", "Trường Đại học Tiền Giang"),
    ("Bác sĩ, Trưởng khoa Nội tổng hợp", "Bệnh viện Đa khoa Đồng Tháp"),
    ("Bác sĩ, Phó Giám đốc", "Bệnh viện Đa khoa tỉnh Tiền Giang"),
    ("Giám đốc Công ty Cổ phần Xuất nhập khẩu Sen Hồng", "Công ty Cổ phần Xuất nhập khẩu Sen Hồng"),
    ("Trưởng Văn phòng Luật sư Sen Hồng", "Đoàn Luật sư tỉnh Đồng Tháp"),
    ("Nông dân sản xuất, kinh doanh giỏi", "{Unit}"),
]

# Local posts whose holders are the first choice as delegate-group leaders.
LEADING_POSTS = ("Bí thư Đảng ủy", "Chủ tịch UBND", "Chủ tịch HĐND", "Phó Bí thư Đảng ủy")

# Posts that several delegates may hold at once; every other post has one holder.
REPEATABLE_POSITIONS = {"Nông dân sản xuất, kinh doanh giỏi"}

# Part-time positions held in term X (before the merger); {district} is the former district-level unit.
TERM_10_POSITIONS = [
    ("Chủ tịch UBND {district}", "Ủy ban nhân dân {district}"),
    ("Phó Chủ tịch UBND {district}", "Ủy ban nhân dân {district}"),
    ("Chủ tịch HĐND {district}", "Hội đồng nhân dân {district}"),
    ("Trưởng phòng Tài chính - Kế hoạch {district}", "Ủy ban nhân dân {district}"),
    ("Giám đốc Trung tâm Y tế {district}", "Trung tâm Y tế {district}"),
    ("Chủ tịch Ủy ban MTTQ Việt Nam {district}", "Ủy ban MTTQ Việt Nam {district}"),
    ("Phó Giám đốc Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
    ("Phó Giám đốc Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường"),
    ("Phó Giám đốc Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Phó Giám đốc Sở Giao thông vận tải", "Sở Giao thông vận tải"),
    ("Trưởng phòng Đào tạo", "Trường Đại học Tiền Giang"),
    ("Giám đốc Hợp tác xã Nông nghiệp", "Hợp tác xã Nông nghiệp {district}"),
]

# Delegates of the commune council: full name, gender, birth date, position, full-time.
COMMUNE_DELEGATES = [
    ("Nguyễn Văn Thuận", "male", D(1972, 3, 14), "Bí thư Đảng ủy, Chủ tịch HĐND xã", False),
    ("Lê Thị Kim Cúc", "female", D(1980, 11, 2), "Phó Chủ tịch HĐND xã", True),
    ("Trần Minh Trí", "male", D(1984, 6, 21), "Trưởng Ban Kinh tế - Ngân sách HĐND xã", True),
    ("Võ Thị Ngọc Hân", "female", D(1988, 9, 9), "Trưởng Ban Văn hóa - Xã hội HĐND xã", True),
    ("Phạm Hữu Lợi", "male", D(1976, 1, 30), "Chủ tịch UBND xã", False),
]
COMMUNE_WORKPLACE = "Xã Tháp Mười"

# --- Demo users -----------------------------------------------------------------------------------

# username, full name (a linked delegate's name replaces it), what the account demonstrates.
DEMO_USERS = [
    ("vanphong", "Trần Thị Mai", "Văn phòng (office) — HĐND tỉnh và HĐND xã Tháp Mười"),
    ("thuongtruc", "", "Thường trực HĐND (standing) — Chủ tịch HĐND tỉnh"),
    ("truongban", "", "Trưởng Ban Kinh tế - Ngân sách (committee_head)"),
    ("totruong", "", "Tổ trưởng Tổ đại biểu số 1 (group_leader)"),
    ("daibieu", "", "Đại biểu HĐND tỉnh (delegate)"),
    ("lanhdao", "Nguyễn Thanh Bình", "Ban Thường vụ Tỉnh ủy (leadership)"),
    ("coquan", "Huỳnh Văn Phát", "Cơ quan trả lời: Sở Y tế (agency)"),
    ("admin", "Quản trị hệ thống", "Quản trị (admin, superuser)"),
]
