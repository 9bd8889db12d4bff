"""Communes as people write them, and dates as they type them: the readings every import shares."""

import datetime as dt
import io

import pytest
from django.utils import translation

from council.models import AdminUnit
from voters.intake import messages
from voters.intake.cells import check_date, parse_count, parse_date
from voters.intake.units import CommuneField, UnitResolver, resolve_unit

pytestmark = pytest.mark.django_db

MERGED = dt.date(2025, 6, 30)
FORMED = dt.date(2025, 7, 1)


def _unit(code, name, level, parent=None, *, old=False, predecessors=()):
    unit = AdminUnit.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        valid_from=None if old else FORMED,
        valid_to=MERGED if old else None,
    )
    unit.predecessors.set(predecessors)
    return unit


@pytest.fixture
def units(council):
    """Đồng Tháp before and after 1 July 2025: old districts and communes, and the communes they became."""
    province = AdminUnit.objects.create(code="87", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    hong_ngu = _unit("870", "Huyện Hồng Ngự", "district", province, old=True)
    thanh_binh = _unit("871", "Huyện Thanh Bình", "district", province, old=True)
    lai_vung = _unit("872", "Huyện Lai Vung", "district", province, old=True)
    sa_dec = _unit("873", "Thành phố Sa Đéc", "district", province, old=True)
    tan_hong = _unit("874", "Huyện Tân Hồng", "district", province, old=True)
    thuong_lac = _unit("29980", "Xã Thường Lạc", "commune", hong_ngu, old=True)
    thuong_thoi = _unit("29981", "Xã Thường Thới Hậu A", "commune", hong_ngu, old=True)
    tan_hoa_tb = _unit("30001", "Xã Tân Hòa", "commune", thanh_binh, old=True)
    tan_hoa_lv = _unit("30301", "Xã Tân Hòa", "commune", lai_vung, old=True)
    ward_1 = _unit("30250", "Phường 1", "ward", sa_dec, old=True)
    sa_rai = _unit("29900", "Thị trấn Sa Rài", "commune", tan_hong, old=True)
    return {
        "province": province,
        "thuong_phuoc": _unit(
            "29977", "Xã Thường Phước", "commune", province, predecessors=[thuong_lac, thuong_thoi]
        ),
        "tan_long": _unit("30010", "Xã Tân Long", "commune", province, predecessors=[tan_hoa_tb]),
        "phong_hoa": _unit("30310", "Xã Phong Hòa", "commune", province, predecessors=[tan_hoa_lv]),
        "sa_dec": _unit("30251", "Phường Sa Đéc", "ward", province, predecessors=[ward_1]),
        "tan_hong": _unit("29901", "Xã Tân Hồng", "commune", province, predecessors=[sa_rai]),
    }


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Xã Thường Phước", "thuong_phuoc"),
        ("thuong phuoc", "thuong_phuoc"),
        ("Xã Thường Lạc", "thuong_phuoc"),  # merged in 2025: today's commune
        ("X. Thường Lạc", "thuong_phuoc"),
        ("x.Thường Lạc", "thuong_phuoc"),
        ("Thuong Lac", "thuong_phuoc"),
        ("xã Thường Lạc, huyện Hồng Ngự", "thuong_phuoc"),
        ("Xã Thường Lạc huyện Hồng Ngự", "thuong_phuoc"),
        ("xã Thường Lạc, H. Hồng Ngự, tỉnh Đồng Tháp", "thuong_phuoc"),
        ("Tân Hòa, huyện Thanh Bình", "tan_long"),
        ("Xa Tan Hoa - H. Lai Vung", "phong_hoa"),
        ("Tân Hòa; Lai Vung", "phong_hoa"),
        ("P. 1", "sa_dec"),
        ("Phường 01", "sa_dec"),
        ("P.1, TP Sa Đéc", "sa_dec"),
        ("phường 1, thành phố Sa Đéc, Đồng Tháp", "sa_dec"),
        ("TP Sa Đéc", "sa_dec"),  # the former city, now the ward of that name
        ("TT. Sa Rài", "tan_hong"),
        ("thị trấn Sa Rài", "tan_hong"),
        ("Tân Hồng", "tan_hong"),
    ],
)
def test_a_commune_is_found_as_people_write_it(council, units, written, expected):
    assert UnitResolver(council).resolve(written) == units[expected]


def test_a_name_two_districts_had_lists_the_candidates_and_asks_for_the_district(council, units):
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Tân Hòa")
    message = str(error.value)
    assert "Xã Tân Hòa (Huyện Thanh Bình) → Xã Tân Long" in message
    assert "Xã Tân Hòa (Huyện Lai Vung) → Xã Phong Hòa" in message
    with translation.override("vi"), pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Tân Hòa")
    assert "hãy ghi thêm thành phố hoặc huyện" in str(error.value)


def test_a_district_without_that_commune_is_refused_with_the_candidates(council, units):
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Tân Hòa, huyện Hồng Ngự")
    message = str(error.value)
    assert "“huyện Hồng Ngự”" in message and "Huyện Thanh Bình" in message
    assert "huyen hong ngu" not in message  # what the clerk typed, never the folded form


def test_an_unknown_name_suggests_the_closest(council, units):
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Xã Thường Lạx")
    assert "Xã Thường Lạc (Huyện Hồng Ngự)" in str(error.value)
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Hà Nội")
    assert "Hà Nội" in str(error.value) and "?" not in str(error.value)


def test_a_commune_of_another_province_is_not_the_councils(council, units):
    elsewhere = AdminUnit.objects.create(code="80", name="Tỉnh Tây Ninh", level="province")
    AdminUnit.objects.create(code="28000", name="Xã Hòa Hội", level="commune", parent=elsewhere)
    with pytest.raises(ValueError):
        UnitResolver(council).resolve("Xã Hòa Hội")


def test_a_commune_council_finds_its_commune_and_the_ones_merged_into_it(council, other_council, units):
    other_council.admin_unit = units["thuong_phuoc"]
    other_council.save()
    assert resolve_unit("X. Thường Thới Hậu A", council=other_council) == units["thuong_phuoc"]
    with pytest.raises(ValueError):
        resolve_unit("Tân Hồng", council=other_council)


def test_forms_read_a_commune_through_the_same_resolver(council, units):
    field = CommuneField(council=council, required=False)
    assert field.clean("X. Thường Lạc, H. Hồng Ngự") == units["thuong_phuoc"]
    assert field.clean("") is None
    with pytest.raises(Exception) as error:
        field.clean("Tân Hòa")
    assert "Xã Tân Long" in str(error.value)


def test_the_resolver_reads_the_units_in_a_fixed_number_of_queries(
    council, units, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        resolver = UnitResolver(council)
    for name in ("Xã Tân Long", "Xã Phong Hòa", "Phường Sa Đéc"):  # today's units: no successor to look up
        with django_assert_max_num_queries(0):
            resolver.resolve(name)


# --- Wards numbered in several former cities (the demo's naming), kinds, suggestions ---------------------


@pytest.fixture
def wards(council):
    """Wards "Phường 1" of three former cities, named as the demo names them, and a commune become a ward."""
    province = AdminUnit.objects.create(code="82", name="Tỉnh Đồng Tháp", level="province")
    council.admin_unit = province
    council.save()
    old_province = _unit("87", "Tỉnh Đồng Tháp (trước 01/7/2025)", "province", old=True)
    province.predecessors.set([old_province])
    today = {}
    for code, city in (("866", "Cao Lãnh"), ("867", "Sa Đéc"), ("815", "Mỹ Tho")):
        district = _unit(code, f"Thành phố {city}", "district", old_province, old=True)
        ward_1 = _unit(f"{code}-01", f"Phường 1 (TP {city})", "ward", district, old=True)
        ward_2 = _unit(f"{code}-02", f"Phường 2 (TP {city})", "ward", district, old=True)
        today[city] = _unit(f"82-{code}", f"Phường {city}", "ward", province, predecessors=[ward_1, ward_2])
    # Formed in 2025 with no predecessor recorded: the records do not say which district it was in.
    today["Thường Lạc"] = _unit("82-900", "Phường Thường Lạc", "ward", province)
    today["Tân Hòa"] = _unit("82-901", "Xã Tân Hòa", "commune", province)
    today["Phường Tân Hòa"] = _unit("82-902", "Phường Tân Hòa", "ward", province)
    return today


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Phường 1, thành phố Sa Đéc", "Sa Đéc"),
        ("P.1, TP Cao Lãnh", "Cao Lãnh"),
        ("P. 1 TP. Mỹ Tho", "Mỹ Tho"),
        ("Phường 01 thành phố Sa Đéc", "Sa Đéc"),
        ("Phường 1 TP Sa Đéc", "Sa Đéc"),
        ("Phường 1 (TP Sa Đéc)", "Sa Đéc"),
        ("phuong 2 (Cao Lanh)", "Cao Lãnh"),
        ("Phường 1, Sa Đéc, tỉnh Đồng Tháp", "Sa Đéc"),
        ("Thuong Lac, huyện Hồng Ngự", "Thường Lạc"),
        ("Xã Tân Hòa", "Tân Hòa"),
        ("phường Tân Hòa", "Phường Tân Hòa"),
    ],
)
def test_a_ward_numbered_in_several_cities_is_found_with_its_city(council, wards, written, expected):
    assert UnitResolver(council).resolve(written) == wards[expected]


@pytest.mark.parametrize("written", ["Phường 1", "P. 1", "P.01"])
def test_a_ward_number_alone_lists_the_cities_and_asks_for_one(council, wards, written):
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve(written)
    with translation.override("en"):  # the message is rendered when read, in the reader's language
        message = str(error.value)
    assert f"“{written}” matches several communes" in message and "add the city or district" in message
    for city in ("Cao Lãnh", "Sa Đéc", "Mỹ Tho"):
        assert f"Phường 1 (TP {city}) → Phường {city}" in message
    assert "(Thành phố" not in message  # the unit's own name already says where it is
    assert "not a commune" not in message


def test_a_city_without_that_ward_is_refused_quoting_what_was_typed(council, wards):
    with translation.override("vi"), pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Phường 1, TP Gò Công")
    message = str(error.value)
    assert "“TP Gò Công”" in message and "go cong" not in message and "Phường 1 (TP Sa Đéc)" in message


def test_another_kind_is_read_with_a_note_only_when_it_is_the_only_unit_of_that_name(council, wards):
    resolver = UnitResolver(council)
    with translation.override("en"):
        reading = resolver.read("xã Thường Lạc")
        assert reading.unit == wards["Thường Lạc"]
        assert [str(n) for n in reading.notes] == ["“xã Thường Lạc” read as “Phường Thường Lạc”."]
        # A commune of that name exists: it is the one meant, no note.
        assert resolver.read("xã Tân Hòa").unit == wards["Tân Hòa"] and not resolver.read("xã Tân Hòa").notes
        with pytest.raises(ValueError) as error:
            resolver.read("thị trấn Tân Hòa")  # neither is a town: which one is meant?
        assert "write the one meant" in str(error.value)
    assert "Xã Tân Hòa" in str(error.value) and "Phường Tân Hòa" in str(error.value)
    assert resolver.read("Phường Thường Lạc").notes == []


def test_a_district_the_records_cannot_check_is_accepted_with_a_note(council, wards):
    with translation.override("en"):
        reading = UnitResolver(council).read("Thuong Lac, huyện Hồng Ngự")
        assert reading.unit == wards["Thường Lạc"]
        assert "“huyện Hồng Ngự” could not be checked" in str(reading.notes[0])


def test_an_unknown_name_suggests_only_close_names(council, wards):
    resolver = UnitResolver(council)
    with pytest.raises(ValueError) as error:
        resolver.resolve("Xã Không Tồn Tại")
    with translation.override("en"):
        assert str(error.value) == "“Xã Không Tồn Tại” is not a commune or ward of this council."
    with pytest.raises(ValueError) as error:
        resolver.resolve("Phường Sa Đét")
    assert "Phường Sa Đéc" in str(error.value)


def test_a_resolver_message_renders_in_the_language_it_is_read_in(council, wards):
    with pytest.raises(ValueError) as error:
        UnitResolver(council).resolve("Phường 1")
    stored = messages.dump(error.value)
    with translation.override("en"):
        assert "add the city or district" in messages.render(stored)
    with translation.override("vi"):
        assert "hãy ghi thêm thành phố" in messages.render(stored)


# --- Dates and counts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "05/10/2025",
        "5/10/2025",
        "05-10-2025",
        "5.10.2025",
        "2025-10-05",
        " 05/10/2025 ",
        "05/10/2025 08:30",
        dt.date(2025, 10, 5),
        dt.datetime(2025, 10, 5, 14, 0),  # noqa: DTZ001 - a spreadsheet's date and time carry no zone
    ],
)
def test_dates_are_read_in_the_forms_people_type(typed):
    assert parse_date(typed) == dt.date(2025, 10, 5)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31/02/2026", "not a real date"),
        ("2026-02-30", "not a real date"),
        ("05/13/2025", "not a real date"),
        ("05/10/25", "dd/mm/yyyy"),
        ("05/10-2025", "dd/mm/yyyy"),
        ("hôm qua", "dd/mm/yyyy"),
        (45930, "dd/mm/yyyy"),
        ("", "dd/mm/yyyy"),
    ],
)
def test_other_dates_are_a_clear_error(typed, said):
    with translation.override("en"), pytest.raises(ValueError) as error:
        parse_date(typed)
    with translation.override("en"):
        assert said in str(error.value)


def test_dates_in_the_future_or_before_1990_are_refused_where_the_record_forbids_them():
    today = dt.date(2026, 3, 1)
    assert check_date(today, today=today) == today
    with translation.override("en"):
        with pytest.raises(ValueError, match="in the future"):
            check_date(dt.date(2026, 3, 2), today=today)
        with pytest.raises(ValueError, match="1990"):
            check_date(dt.date(1989, 12, 31), today=today)
    assert check_date(dt.date(2026, 3, 2), today=today, future=True)


@pytest.mark.parametrize(("typed", "count"), [(3, 3), (3.0, 3), ("12", 12), ("5 cử tri", 5), ("7,0", 7)])
def test_a_number_of_voters_is_read_as_written(typed, count):
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["0", "nhiều", "-2", "1.5"])
def test_other_numbers_of_voters_are_refused(typed):
    with pytest.raises(ValueError):
        parse_count(typed)


def test_the_petition_import_reads_communes_and_dates_the_same_way(council, units):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from voters.intake import petitions

    workbook = Workbook()
    with translation.override("vi"):
        workbook.active.append([str(h) for _k, h in petitions.COLUMNS])
    for date, place in [
        ("2025-10-05", "X. Thường Lạc, H. Hồng Ngự"),
        ("5.10.2025", "Tan Hoa, huyen Lai Vung"),
    ]:
        workbook.active.append(
            ["", "", date, "", f"Kiến nghị {place}", f"Nội dung {date}", place, "", "", "", "", 1, ""]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = petitions.plan_import(SimpleUploadedFile("k.xlsx", buffer.getvalue()), council=council)
    assert [r.row["admin_unit"] for r in plan.rows] == [units["thuong_phuoc"], units["phong_hoa"]]
    assert {r.row["received_on"] for r in plan.rows} == {dt.date(2025, 10, 5)}


# --- The demo council's own units (what QA typed) ---------------------------------------------------------


@pytest.fixture
def demo_units(council):
    from demo.management.commands.seed_demo import Seeder

    council.admin_unit = Seeder().seed_admin_units()
    council.save()
    return {unit.name: unit for unit in AdminUnit.objects.filter(valid_to__isnull=True)}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thuong Lac, huyện Hồng Ngự", "Phường Thường Lạc"),
        ("Phường 1, thành phố Sa Đéc", "Phường Sa Đéc"),
        ("P.1, TP Cao Lãnh", "Phường Cao Lãnh"),
        ("Phường 1 TP. Mỹ Tho", "Phường Mỹ Tho"),
        ("Phường 2 (TP Sa Đéc)", "Phường Sa Đéc"),
        ("xã Thường Lạc", "Phường Thường Lạc"),
        ("thị trấn Mỹ An", "Xã Tháp Mười"),
    ],
)
def test_the_demo_councils_communes_are_read_as_the_help_text_promises(
    council, demo_units, written, expected
):
    assert UnitResolver(council).resolve(written) == demo_units[expected]


def test_the_demo_councils_ward_number_alone_asks_for_the_city(council, demo_units):
    resolver = UnitResolver(council)
    for written in ("Phường 1", "P. 1"):
        with pytest.raises(ValueError) as error:
            resolver.resolve(written)
        with translation.override("en"):
            message = str(error.value)
        assert "add the city or district" in message and "Phường 1 (TP Sa Đéc) → Phường Sa Đéc" in message
    with pytest.raises(ValueError) as error:
        resolver.resolve("Xã Không Tồn Tại")
    assert "?" not in str(error.value)
