import pytest

from council.models import AdminUnit


@pytest.fixture
def unit(council):
    """A commune of the council's province (after the 2025 merger), where petitions and meetings are."""
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    return AdminUnit.objects.create(code="29927", name="Xã Tân Hồng", level="commune", parent=province)
