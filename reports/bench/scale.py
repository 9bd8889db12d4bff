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
# The same roles in the first commune of the (first) province: the page mix is driven for both levels.
COMMUNE_USERS = {
    "bench_commune_office": Role.OFFICE,
    "bench_commune_leader": Role.LEADERSHIP,
    "bench_commune_delegate": Role.DELEGATE,
}
# The country after the 2025 reorganisation: 34 provincial councils and 3,321 commune-level councils.
COUNTRY_PROVINCES = 34
COUNTRY_COMMUNES = 3321
# The records of work per council at country scale, against the province set (at least 1,000,000 petitions).
COUNTRY_DENSITY = 0.308

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
    """One province and its communes: the province set on its own, or one province of the country set."""

    councils: int = 103  # the province and its communes
    years: int = 10
    seed: int = 2026
    until: dt.date = field(default_factory=timezone.localdate)
    density: float = 1.0  # records of work per council, against the province set
    index: int | None = None  # the province's place in the country set (None: the province set)

    def share(self, full: int, density: float | None = None) -> int:
        """A province-wide count (sized for 103 councils over 10 years) at this scale."""
        density = self.density if density is None else density
        return max(1, round(full * self.councils / 103 * self.years / 10 * density))

    @property
    def tag(self) -> str | None:
        """The province's number in the country set, part of its codes ("01" to "34")."""
        return None if self.index is None else f"{self.index + 1:02d}"

    @property
    def province_code(self) -> str:
        return PROVINCE_CODE if not self.index else f"{PROVINCE_CODE}-{self.tag}"

    def commune_code(self, number: int) -> str:
        return f"{PREFIX}{number:03d}" if self.tag is None else f"{PREFIX}{self.tag}-{number:03d}"

    @property
    def petitions(self) -> int:
        return self.share(100_000)

    @property
    def interpellations(self) -> int:
        return self.share(10_000)

    @property
    def sessions(self) -> int:  # sessions follow the number of councils, not the density of their work
        return self.share(500, density=1.0)

    @property
    def activities(self) -> int:
        return self.share(2_000)

    @property
    def letters(self) -> int:
        return self.share(20_000)


@dataclass
class CountryScale:
    """The country: COUNTRY_PROVINCES provinces sharing COUNTRY_COMMUNES communes, each written on its own."""

    provinces: int = COUNTRY_PROVINCES
    communes: int = COUNTRY_COMMUNES
    years: int = 10
    seed: int = 2026
    until: dt.date = field(default_factory=timezone.localdate)
    density: float = COUNTRY_DENSITY

    @property
    def councils(self) -> int:
        return self.provinces + self.communes

    def province(self, index: int) -> Scale:
        communes = self.communes // self.provinces + (1 if index < self.communes % self.provinces else 0)
        return Scale(
            councils=1 + communes,
            years=self.years,
            seed=self.seed * 100 + index,
            until=self.until,
            density=self.density,
            index=index,
        )

    @property
    def petitions(self) -> int:
        return sum(self.province(i).petitions for i in range(self.provinces))


def holds_other_data() -> bool:
    """Whether the database has councils that are not bench councils (a real or demo installation)."""
    return Council.objects.exclude(code__startswith=PREFIX).exists()


def loaded(scale: Scale) -> bool:
    province = Council.objects.filter(code=PROVINCE_CODE).first()
    return province is not None and Council.objects.filter(code__startswith=PREFIX).count() >= scale.councils


def loaded_kind() -> str | None:
    """Which bench set the database holds: "province", "country" (complete or not) or None."""
    if Council.objects.filter(code=f"{PREFIX}001").exists():
        return "province"
    if Council.objects.filter(code__regex=rf"^{PREFIX}[0-9]{{2}}-[0-9]{{3}}$").exists():
        return "country"
    return None


def province_loaded(scale: Scale) -> bool:
    """Whether this province of the country set was written (each province is written in one transaction)."""
    return Council.objects.filter(code=scale.province_code).exists()


def bulk(model, rows: Iterable) -> list:
    """Write the rows in batches of BATCH (no history rows: a measuring set, not an archive)."""
    rows = list(rows)
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    return created
