import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from council.text import fold, normalize

_BASES = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# No mark, huyền, sắc, hỏi, ngã, nặng.
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_VOWELS = set("aăâeêioôơuưy")


def _vietnamese_letters() -> list[str]:
    letters = []
    for base in _BASES:
        for case in (base, base.upper()):
            tones = _TONES if base in _VOWELS else [""]
            letters += [unicodedata.normalize("NFC", case + tone) for tone in tones]
    return letters


VIETNAMESE_LETTERS = _vietnamese_letters()
vietnamese_text = st.text(alphabet=st.sampled_from([*VIETNAMESE_LETTERS, " ", " ", "\t"]), max_size=60)
# What keyboards and pasted documents send: the same words precomposed or decomposed.
typed_vietnamese = st.builds(unicodedata.normalize, st.sampled_from(["NFC", "NFD"]), vietnamese_text)


def test_the_alphabet_has_every_toned_vowel():
    assert "ự" in VIETNAMESE_LETTERS
    assert "Ẫ" in VIETNAMESE_LETTERS
    assert all(len(letter) == 1 for letter in VIETNAMESE_LETTERS)


def test_normalize_composes_decomposed_input_and_strips_blanks():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    assert decomposed != "Nguyễn Thị Hồng"

    result = normalize(f"  {decomposed}\n")

    assert result == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", result)


def test_normalize_keeps_inner_spacing():
    assert normalize(" Ban  Pháp chế ") == "Ban  Pháp chế"


def test_fold_removes_marks_and_case():
    assert fold("Giải phóng Mặt bằng") == "giai phong mat bang"


def test_fold_turns_d_with_stroke_into_d():
    assert fold("Đồng Tháp") == "dong thap"
    assert fold("đường") == "duong"


def test_fold_of_plain_lowercase_text_is_itself():
    assert fold("giai phong mat bang") == "giai phong mat bang"


def test_fold_collapses_whitespace():
    assert fold("  Sở   Tài\tchính \n") == "so tai chinh"


def test_fold_matches_decomposed_and_composed_spellings():
    assert fold(unicodedata.normalize("NFD", "Quốc hội")) == fold("Quốc hội") == "quoc hoi"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_leaves_no_combining_marks(text):
    assert not any(unicodedata.combining(ch) for ch in fold(text))


@given(vietnamese_text)
def test_fold_of_vietnamese_is_plain_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()


@given(typed_vietnamese)
def test_fold_ignores_normalization(text):
    assert fold(normalize(text)) == fold(text)


@given(typed_vietnamese)
def test_normalize_is_nfc_and_idempotent(text):
    result = normalize(text)
    assert unicodedata.is_normalized("NFC", result)
    assert normalize(result) == result
    assert result == result.strip()


def test_natural_key_orders_numbered_groups_as_people_count():
    from council.text import natural_key

    names = ["Tổ số 10 – Cái Bè", "Tổ số 2 – Sa Đéc", "Tổ số 1 – Cao Lãnh"]
    assert sorted(names, key=natural_key) == ["Tổ số 1 – Cao Lãnh", "Tổ số 2 – Sa Đéc", "Tổ số 10 – Cái Bè"]


def test_a_control_character_folds_to_a_space():
    assert fold("cầu\x00Tân\tHồng\x07") == "cau tan hong"
