"""Names the demo modules share: the demo council's agencies and the demo users who act in it."""

BHXH = "Bảo hiểm xã hội tỉnh"
BQLDA = "Ban Quản lý dự án đầu tư xây dựng tỉnh"
BQL_KCN = "Ban Quản lý các khu công nghiệp tỉnh"
DAN_TOC = "Sở Dân tộc và Tôn giáo"
DEMO_DELEGATE = "daibieu"
GD_DT = "Sở Giáo dục và Đào tạo"
NN_MT = "Sở Nông nghiệp và Môi trường"
NOI_VU = "Sở Nội vụ"
OFFICE_USER = "vanphong"
RESPONDENT_AGENCY = "Sở Y tế"  # the agency the demo user RESPONDENT_USER answers for
RESPONDENT_USER = "coquan"
TAI_CHINH = "Sở Tài chính"
THANH_TRA = "Thanh tra tỉnh"
TU_PHAP = "Sở Tư pháp"
UBND_TINH = "Ủy ban nhân dân tỉnh"
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
XAY_DUNG = "Sở Xây dựng"
Y_TE = "Sở Y tế"


def ubnd(unit: str) -> str:
    """The People's Committee of a commune or ward, e.g. ``ubnd("xã Tháp Mười")``."""
    return f"Ủy ban nhân dân {unit}"
