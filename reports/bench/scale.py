"""The bench data set's size, its vocabulary, and how its rows are written."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from council.models import Council, Role

PREFIX = "bench-"
PROVINCE_CODE = f"{PREFIX}province"
BATCH = 5000
PASSWORD_USERS = {
    "bench_office": Role.OFFICE,
    "bench_leader": Role.LEADERSHIP,
    "bench_delegate": Role.DELEGATE,
}

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Kim", "Đức", "Hoàng"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]
FIELDS = [
    "Y tế",
    "Giáo dục",
    "Giao thông",
    "Đất đai",
    "Môi trường",
    "Nông nghiệp",
    "Lao động – Việc làm",
    "Xây dựng",
    "An sinh xã hội",
    "Điện",
    "Nước sạch",
    "An ninh trật tự",
]
ISSUES = [
    ("Sạt lở bờ sông", "đề nghị sớm xây kè chống sạt lở, di dời các hộ dân trong vùng nguy hiểm"),
    ("Đường liên ấp xuống cấp", "đề nghị nâng cấp, sửa chữa mặt đường trước mùa mưa"),
    ("Trạm y tế thiếu thuốc", "đề nghị bổ sung thuốc bảo hiểm y tế và bác sĩ cho trạm y tế xã"),
    ("Thiếu giáo viên", "đề nghị bố trí đủ giáo viên tiểu học và mầm non"),
    ("Ô nhiễm nguồn nước", "đề nghị kiểm tra cơ sở xả thải ra kênh, bảo đảm nước sạch cho người dân"),
    ("Chậm cấp giấy chứng nhận quyền sử dụng đất", "đề nghị rút ngắn thời gian giải quyết hồ sơ đất đai"),
    ("Giá lúa thấp", "đề nghị hỗ trợ tiêu thụ lúa và kiểm soát giá vật tư nông nghiệp"),
    ("Mất điện thường xuyên", "đề nghị ngành điện nâng cấp đường dây, hạn chế cắt điện giờ cao điểm"),
    ("Chế độ người có công", "đề nghị giải quyết dứt điểm hồ sơ chế độ chính sách người có công"),
    ("Tái định cư chậm", "đề nghị đẩy nhanh bố trí tái định cư cho hộ bị thu hồi đất"),
]


@dataclass
class Scale:
    councils: int = 103  # the province and its communes
    years: int = 10
    seed: int = 2026
    until: dt.date = field(default_factory=timezone.localdate)

    def share(self, full: int) -> int:
        """A province-wide count (sized for 103 councils over 10 years) at this scale."""
        return max(1, round(full * self.councils / 103 * self.years / 10))

    @property
    def petitions(self) -> int:
        return self.share(100_000)

    @property
    def interpellations(self) -> int:
        return self.share(10_000)

    @property
    def sessions(self) -> int:
        return self.share(500)

    @property
    def activities(self) -> int:
        return self.share(2_000)

    @property
    def letters(self) -> int:
        return self.share(20_000)


def holds_other_data() -> bool:
    """Whether the database has councils that are not bench councils (a real or demo installation)."""
    return Council.objects.exclude(code__startswith=PREFIX).exists()


def loaded(scale: Scale) -> bool:
    province = Council.objects.filter(code=PROVINCE_CODE).first()
    return province is not None and Council.objects.filter(code__startswith=PREFIX).count() >= scale.councils


def bulk(model, rows: Iterable) -> list:
    """Write the rows in batches of BATCH (no history rows: a measuring set, not an archive)."""
    rows = list(rows)
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    return created
