"""What a petition says, as terms to compare: the voters' address and the opening formula taken out, the
Office's synonyms folded into one term, then syllables and pairs of adjacent syllables, accent-insensitive.

"Cử tri xã Tân Hồng, huyện Tân Hồng đề nghị: nâng cấp tuyến đường ĐT 843" gives the terms of "nâng cấp
tuyến đường ĐT 843" alone: every petition of that commune opens the same way, and the words they share by
formula made unrelated petitions look alike.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from council.text import fold as fold_text

# Folding word by word is most of the work, and a council's petitions reuse a few thousand words.
fold = functools.lru_cache(maxsize=200_000)(fold_text)

# Words that name an administrative unit: the capitalised name (or number) after them is an address.
UNIT_WORDS = (
    ("thi", "tran"),
    ("thi", "xa"),
    ("thanh", "pho"),
    ("to", "dan", "pho"),
    ("khu", "pho"),
    ("xa",),
    ("phuong",),
    ("huyen",),
    ("quan",),
    ("tinh",),
    ("tp",),
    ("tx",),
    ("tt",),
    ("ap",),
    ("thon",),
    ("khom",),
    ("xom",),
    ("buon",),
    ("dac", "khu"),
    ("p",),
    ("x",),
    ("q",),
    ("h",),
)
# The verb that ends the opening formula "Cử tri ... đề nghị:".
OPENING_VERBS = (
    ("de", "nghi"),
    ("kien", "nghi"),
    ("phan", "anh"),
    ("de", "xuat"),
    ("mong", "muon"),
    ("yeu", "cau"),
    ("cho", "rang"),
    ("bay", "to"),
    ("hoi",),
    ("kien", "nghi", "de", "nghi"),
)
OPENING_REACH = 40  # syllables: a formula longer than this is not a formula
# Function words and the petition's own formulae: never evidence that two petitions raise the same issue.
STOP_SYLLABLES = frozenset(
    [
        "va",
        "cua",
        "cac",
        "cho",
        "tai",
        "tren",
        "la",
        "co",
        "duoc",
        "nhung",
        "nay",
        "do",
        "voi",
        "trong",
        "den",
        "thi",
        "the",
        "nhu",
        "ve",
        "theo",
        "can",
        "phai",
        "se",
        "da",
        "dang",
        "hien",
        "nay",
        "mot",
        "so",
        "nhieu",
        "hon",
        "rat",
        "de",
        "khi",
        "neu",
        "vi",
        "nen",
        "ma",
        "con",
        "cung",
        "tu",
        "sau",
        "truoc",
        "viec",
        "nguoi",
        "dan",
        "cu",
        "tri",
        "nghi",
        "kien",
        "xem",
        "xet",
        "quan",
        "tam",
        "chi",
        "dao",
        "som",
        "giai",
        "quyet",
        "dia",
        "ban",
        "ubnd",
        "hdnd",
        "uy",
        "ban",
        "nhan",
        "dan",
        "hoi",
        "dong",
        "tinh",
        "huyen",
        "xa",
        "phuong",
        "thi",
        "tran",
        "chua",
        "khong",
        "them",
        "moi",
        "tung",
    ]
)
# Words of the petition's own formulae and of any administrative text ("phản ánh tình trạng", "đề xuất",
# "người dân", "cơ quan chức năng"): two petitions sharing them share nothing about their issue.
STOP_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "phan anh",
        "de xuat",
        "mong muon",
        "yeu cau",
        "bay to",
        "cho rang",
        "cho biet",
        "tinh trang",
        "nguoi dan",
        "nhan dan",
        "co quan",
        "chuc nang",
        "lien quan",
        "thuc hien",
        "trien khai",
        "tao dieu",
        "dieu kien",
        "dia phuong",
        "hien tai",
        "thoi gian",
        "ho tro",
    )
)
SYNONYM_JOINER = "_"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_ABBREVIATED_UNIT = re.compile(r"\b(TP|TX|TT|Tp|Tx|P|X|Q|H)\.\s*")  # "TP. Cao Lãnh", "P.1", "X. Tân Hồng"
_BREAK = re.compile(r"[.;:!?\n()\[\]\"“”]+")


@dataclass(frozen=True)
class Synonyms:
    """The Office's paraphrase list: every variant maps to one canonical term.

    A variant is matched with its accents ("ấp" is a hamlet, "áp" in "áp dụng" is not), or without them in a
    text typed without any."""

    accented: dict = field(default_factory=dict)  # first word → [(variant words, canonical)], longest first
    plain: dict = field(default_factory=dict)  # the same, folded

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]]) -> "Synonyms":
        accented: dict[str, list] = {}
        plain: dict[str, list] = {}
        for group in groups:
            variants = [tuple(lower_words(v)) for v in group if lower_words(v)]
            if len(variants) < 2:
                continue
            canonical = SYNONYM_JOINER.join(fold(w) for w in variants[0])
            for variant in variants:
                accented.setdefault(variant[0], []).append((variant, canonical))
                folded = tuple(fold(w) for w in variant)
                plain.setdefault(folded[0], []).append((folded, canonical))
        for table in (accented, plain):
            for entries in table.values():
                entries.sort(key=lambda entry: -len(entry[0]))
        return cls(accented, plain)

    def apply(self, words: list[str], *, accented: bool) -> list[str]:
        """Replace each variant in ``words`` (lower-case, with accents unless ``accented`` is false)."""
        table = self.accented if accented else self.plain
        if not table:
            return words
        out, i = [], 0
        while i < len(words):
            for variant, canonical in table.get(words[i], ()):
                if tuple(words[i : i + len(variant)]) == variant:
                    out.append(canonical)
                    i += len(variant)
                    break
            else:
                out.append(words[i])
                i += 1
        return out


def lower_words(text: str) -> list[str]:
    """The words of a text in lower case, accents kept (NFC): how a synonym variant is compared."""
    return [w.lower() for w in _TOKEN.findall(unicodedata.normalize("NFC", text or ""))]


NO_SYNONYMS = Synonyms()


def _starts(folded: list[str], at: int, phrases) -> int:
    """The length of the first (longest) phrase found at ``at`` (0 if none)."""
    for phrase in _by_first(phrases).get(folded[at], ()):
        if tuple(folded[at : at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


@functools.cache
def _by_first(phrases: tuple) -> dict:
    table: dict[str, list] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        table.setdefault(phrase[0], []).append(phrase)
    return table


COMMUNE_WORDS = (("thi", "tran"), ("dac", "khu"), ("xa",), ("phuong",), ("tt",), ("p",), ("x",))
COMMUNE_MARK = "#"
# Works a commune asks for for itself: the same request from two communes is two petitions ("build the
# school of commune A", "build the school of commune B"), unlike a policy asked for by voters everywhere.
WORKS_TERMS = frozenset(
    (
        "xay dung",
        "nang cap",
        "sua chua",
        "tu sua",
        "cai tao",
        "nao vet",
        "phu song",
        "lap dat",
        "be tong",
        "kien co",
        "xay ke",
        "dau tu",
    )
)


def communes(text: str) -> frozenset[str]:
    """The communes and wards a text names ("xã Tân Hồng" → "tan hong"), folded."""
    text = _ABBREVIATED_UNIT.sub(r"\1 ", unicodedata.normalize("NFC", text or ""))
    found = set()
    for part in _BREAK.split(text):
        tokens = _TOKEN.findall(part)
        folded = [fold(t) for t in tokens]
        for i in range(len(tokens)):
            length = _starts(folded, i, COMMUNE_WORDS)
            if length and i + length < len(tokens) and tokens[i + length][:1].isupper():
                j = i + length
                while j < len(tokens) and _is_name(tokens[j]):
                    j += 1
                found.add(" ".join(folded[i + length : j]))
    return frozenset(found)


def unit_name(name: str) -> str:
    """An administrative unit's own name without its kind: "Xã Tân Hồng" → "tan hong"."""
    words = fold_text(name).split()
    length = _starts(words, 0, COMMUNE_WORDS) if words else 0
    return " ".join(words[length:])


def _is_name(token: str) -> bool:
    return token[:1].isupper() or token.isdigit()


def _strip_addresses(tokens: list[str]) -> list[str]:
    """Drop "xã Tân Hồng", "huyện Hồng Ngự", "TP. Cao Lãnh", "ấp 3": a unit word followed by its name."""
    folded = [fold(t) for t in tokens]
    kept, i = [], 0
    while i < len(tokens):
        length = _starts(folded, i, UNIT_WORDS)
        if length and i + length < len(tokens) and _is_name(tokens[i + length]):
            i += length
            while i < len(tokens) and _is_name(tokens[i]):
                i += 1
            continue
        kept.append(tokens[i])
        i += 1
    return kept


def _strip_opening(words: list) -> list:
    """Drop the opening formula "cử tri (…) đề nghị" if the text starts with one (``None`` marks a break)."""
    folded = [fold(w) if w else w for w in words]
    start = 2 if folded[:3] == ["y", "kien", "cu"] else 0
    if folded[start : start + 2] != ["cu", "tri"]:
        return words
    for at in range(start + 2, min(len(words), start + OPENING_REACH)):
        length = _starts(folded, at, OPENING_VERBS)
        if length:
            return words[at + length :]
    return words


def segments(text: str) -> list[list[str]]:
    """The text's words in lower case, in runs between punctuation, without address and opening formula."""
    text = _ABBREVIATED_UNIT.sub(r"\1 ", unicodedata.normalize("NFC", text or ""))
    words: list = []
    for part in _BREAK.split(text):
        words.extend(t.lower() for t in _strip_addresses(_TOKEN.findall(part)) if t.strip("_"))
        words.append(None)
    runs, run = [], []
    for word in _strip_opening(words):
        if word is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(word)
    return runs


PLACE_MARK = "@"
DOCUMENT_MARK = "§"
EVIDENCE_MARKS = (PLACE_MARK, COMMUNE_MARK, DOCUMENT_MARK)  # terms that are evidence, not words to weigh
# A legal document's number and year ("Nghị định 136/2013/NĐ-CP", "Quyết định số 290/2005/QĐ-TTg"), not a
# date ("01/7/2021", "27/7"): the number is not preceded by a day, the year has four digits.
_DOCUMENT = re.compile(r"(?<![\d/])(\d{1,4})\s*/\s*((?:19|20)\d{2})(?!\d)")


def documents(text: str) -> frozenset[str]:
    """The legal documents a text cites, as number/year ("136/2013"): two petitions about two different
    decrees ask for different things, however alike their words."""
    return frozenset(f"{number}/{year}" for number, year in _DOCUMENT.findall(text or ""))


def features(text: str, synonyms: Synonyms = NO_SYNONYMS, *, unit: str = "") -> frozenset[str]:
    """The terms of a text: content syllables and pairs of adjacent syllables ("phan bon"), synonyms joined;
    and, as evidence rather than words to weigh, the places it names ("@thon toa"), the communes of its
    voters ("#tan hong", with ``unit``, the name of the commune recorded with it) and the legal documents it
    cites ("§136/2013")."""
    terms: set[str] = {PLACE_MARK + place for place in places(text)}
    terms.update(DOCUMENT_MARK + document for document in documents(text))
    terms.update(COMMUNE_MARK + name for name in communes(text))
    if unit and unit_name(unit):
        terms.add(COMMUNE_MARK + unit_name(unit))
    accented = fold_text(text or "") != (text or "").lower()
    for words in segments(text):
        run = [
            word if SYNONYM_JOINER in word else fold(word)
            for word in synonyms.apply(words, accented=accented)
        ]
        for i, syllable in enumerate(run):
            if syllable not in STOP_SYLLABLES:
                terms.add(syllable)
            if i + 1 < len(run):
                pair = (syllable, run[i + 1])
                if not (pair[0] in STOP_SYLLABLES and pair[1] in STOP_SYLLABLES) and pair not in STOP_PAIRS:
                    terms.add(f"{pair[0]} {pair[1]}")
    return frozenset(terms)


# Words after which a name says where the thing asked for is: "cầu treo tại thôn Toa", "đường ĐT 843"
# (with their accents: "tuyến" is a road, "Tuyên" the start of a province's name). A number names a hamlet
# or a road.
NUMBERED_ANCHORS = (
    "thôn",
    "ấp",
    "khóm",
    "xóm",
    "bản",
    "tổ dân phố",
    "khu phố",
    "quốc lộ",
    "tỉnh lộ",
    "ql",
    "đt",
    "tổ",
)
NAMED_ANCHORS = (
    "cánh đồng",
    "khu vực",
    "làng",
    "buôn",
    "cầu",
    "sông",
    "suối",
    "đường",
    "kênh",
    "hồ",
    "đập",
    "chợ",
    "trường",
    "đèo",
    "bến",
    "núi",
    "khu",
    "cụm",
    "tuyến",
    "tại",
    "qua",
    "ở",
)
_NUMBERED = tuple(tuple(a.split()) for a in NUMBERED_ANCHORS)
_ANCHORS = tuple(sorted(_NUMBERED + tuple(tuple(a.split()) for a in NAMED_ANCHORS), key=len, reverse=True))
# Communes, districts and provinces name the voters' address, not the thing asked for.
_HAMLETS = {("ap",), ("thon",), ("khom",), ("xom",), ("to", "dan", "pho"), ("khu", "pho")}
ADDRESS_WORDS = tuple(w for w in UNIT_WORDS if w not in _HAMLETS)


def places(text: str) -> frozenset[str]:
    """The named places and works a petition is about ("toa", "ben ganh", "thon 20"), folded: two requests for
    the same kind of work in differently named places are different issues."""
    text = _ABBREVIATED_UNIT.sub(r"\1 ", unicodedata.normalize("NFC", text or ""))
    found: set[str] = set()
    for part in _BREAK.split(text):
        tokens = _TOKEN.findall(part)
        lower = [t.lower() for t in tokens]
        folded = [fold(t) for t in tokens]
        i = 0
        while i < len(tokens):
            address = _starts(folded, i, ADDRESS_WORDS)
            if address and i + address < len(tokens) and tokens[i + address][:1].isupper():
                i += address
                while i < len(tokens) and _is_name(tokens[i]):
                    i += 1
                continue
            anchor = _starts(lower, i, _ANCHORS)
            if anchor:
                j = i + anchor
                while j < len(tokens) and _starts(lower, j, _ANCHORS) and tokens[j][:1].isupper():
                    j += _starts(lower, j, _ANCHORS)  # "khu vực Thôn Khuổi Phìn": the name is "Khuổi Phìn"
                k = j
                numbered = tuple(lower[i : i + anchor]) in _NUMBERED
                while k < len(tokens) and (tokens[k][:1].isupper() or (numbered and tokens[k][:1].isdigit())):
                    k += 1
                if k > j:
                    found.add(" ".join(folded[j:k]))
                    i = k
                    continue
            i += 1
    return frozenset(found)
