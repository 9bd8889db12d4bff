"""Personal data, declared once: which fields hold a person's identity or contact, and who may see them.

``MARKS`` below is the one registry. Every page, htmx partial, export, search, report and mail that shows a
record reads a field through a ``Redactor`` (``redactor_for(request)``, or ``Redactor.for_roles`` where there
is no request), which answers the value or "— hidden —" for the viewer's roles. ``PersonalDataMiddleware``
makes the request's redactor the active one, so the generic template filters (``cell``, ``detail_fields``,
``personal``) and the XLSX writers honour it without each view remembering to.

To mark a new field: add it to a ``Mark`` of its model (or a new ``Mark``) with the category it belongs to.
The URL-walking test (tests/test_privacy_walk.py) seeds a marker value into every marked field and checks
that no role outside the category ever receives it.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role

logger = logging.getLogger(__name__)

MASK = _("— hidden —")


@dataclass(frozen=True)
class Category:
    """A kind of personal data and who may see it."""

    code: str
    label: Promise
    # Roles that see every value of the category in their council.
    roles: frozenset[str]
    # Only holders of a role above whose assignment carries the flag "may see denouncers' identity".
    needs_protection_flag: bool = False
    # Delegates who took part in the record (attended the meeting, hosted the reception) see it too.
    participants: bool = False
    # The agency the record is assigned to sees it (it must answer the citizen's matter).
    assigned_agency: bool = False


CITIZEN = Category(
    "citizen",
    _("a citizen's identity and contact"),
    frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING}),
    participants=True,
)
DENOUNCER = Category(
    "denouncer",
    _("a denouncer's identity"),
    frozenset({Role.OFFICE, Role.ADMIN}),
    needs_protection_flag=True,
)
CITIZEN_MATTER = Category(
    "citizen_matter",
    _("a citizen's own matter, as written in a letter"),
    frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING}),
    assigned_agency=True,
)
EVIDENCE = Category(
    "evidence",
    _("answer and evidence files"),
    frozenset({Role.OFFICE, Role.ADMIN, Role.STANDING, Role.COMMITTEE_HEAD}),
    assigned_agency=True,
)
CATEGORIES = (CITIZEN, DENOUNCER, CITIZEN_MATTER, EVIDENCE)


@dataclass(frozen=True)
class Mark:
    """Fields of one model that hold personal data of a category (on every record, or only where ``when``)."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    category: Category | Callable[[Model], Category]
    # The fields are personal only on some records (e.g. a follow-up's text copied from a letter): ``when``
    # says it of one record, ``where`` of a queryset (the same condition, for search).
    when: Callable[[Model], bool] | None = None
    where: Q | None = None
    # (attribute holding the record it was taken at, path from that record to the users who took part).
    participants: tuple[tuple[str, str], ...] = ()
    # Attribute path to the id of the agency the record is assigned to.
    agency: str | None = None
    # The fields name or reach the person (name, phone, e-mail, address): anonymised when the retention period
    # after the matter's closing ends (voters/services/retention.py), and each showing of them is logged
    # (``PersonalDataAccess``). Content (a letter's text, minutes, evidence) is not contact: it is kept.
    contact: bool = False
    why: str = field(default="", compare=False)

    def category_of(self, obj: Model) -> Category:
        return self.category(obj) if callable(self.category) else self.category


def _letter_sender(letter) -> Category:
    return DENOUNCER if letter.protected else CITIZEN


def _from_letter(followup) -> bool:
    return followup.source_kind == "letter"


# The registry. Keep it the only place that says a field is personal.
MARKS: tuple[Mark, ...] = (
    Mark(
        "voters.VoterOpinion",
        ("voter_name", "voter_address"),
        CITIZEN,
        participants=(("meeting", "delegates__delegate__user"), ("reception", "hosts__delegate__user")),
        contact=True,
        why="the voter behind an opinion",
    ),
    Mark(
        "voters.Petition",
        ("contact_name", "contact_phone", "contact_email", "contact_address"),
        CITIZEN,
        contact=True,
        why="the citizen who submitted online",
    ),
    Mark(
        "voters.Letter",
        ("sender_name", "sender_address", "sender_phone"),
        _letter_sender,
        contact=True,
        why="a letter's sender; a denouncer's identity is protected (Law on Denunciation, art. 47)",
    ),
    Mark("voters.Letter", ("summary",), CITIZEN, why="a letter's content names its sender"),
    Mark(
        "voters.DataSubjectRequest",
        ("identifier",),
        CITIZEN,
        contact=True,
        why="the phone or e-mail of a person asking about their data",
    ),
    Mark(
        "voters.VoterMeeting",
        ("path", "original_name"),
        CITIZEN,
        participants=(("", "delegates__delegate__user"),),
        why="the minutes name the voters who spoke",
    ),
    Mark(
        "council.FollowUp",
        ("description",),
        CITIZEN_MATTER,
        when=_from_letter,
        where=Q(source_kind="letter"),
        agency="agency_id",
        why="the letter's content, copied for the agency that must answer it",
    ),
    Mark(
        "council.FollowUpEvent",
        ("text",),
        CITIZEN_MATTER,
        when=lambda event: event.followup.source_kind == "letter",
        where=Q(followup__source_kind="letter"),
        agency="followup.agency_id",
        why="answers and notes on a citizen's letter address the citizen",
    ),
    Mark(
        "council.Attachment",
        ("path", "original_name"),
        EVIDENCE,
        agency="followup.agency_id",
        why="answers and evidence name the citizens concerned",
    ),
)


def marks_for(model) -> list[Mark]:
    label = model._meta.label
    return [m for m in MARKS if m.model == label]


def mark_of(obj_or_model, name: str) -> Mark | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    label = model._meta.label
    for mark in MARKS:
        if mark.model == label and name in mark.fields:
            return mark
    return None


def contact_fields(model) -> tuple[str, ...]:
    """The fields of ``model`` that name or reach a person (``Mark.contact``), in the registry's order."""
    return tuple(name for mark in marks_for(model) if mark.contact for name in mark.fields)


def personal_fields(model) -> set[str]:
    return {name for mark in marks_for(model) for name in mark.fields}


def _attr_path(obj, path: str):
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part, None)
    return obj


class Redactor:
    """What one viewer may see of personal data: the roles they hold in a council (and who they are)."""

    def __init__(self, roles: Iterable[str] = (), *, user=None, council=None, protected=False, agencies=()):
        self.roles = frozenset(roles)
        self.user = user
        self.council = council
        self.protected = protected
        self.agencies = frozenset(agencies)
        self._took_part: dict[tuple, bool] = {}
        # Contact data and protected identities this viewer was shown: (label, pk) -> (fields, protected).
        # The request's viewer writes them to the access log once the response is built (``log_accesses``).
        self.revealed: dict[tuple[str, int], tuple[set[str], bool]] = {}

    @classmethod
    def for_user(cls, user, council) -> Redactor:
        from .permissions import role_context

        if user is None or not user.is_authenticated or council is None:
            return cls.nobody()
        context = role_context(user)
        roles = context.roles(council.pk)
        protected = context.sees_protected_identities(council.pk)
        agencies = context.agencies(council.pk) if Role.AGENCY in roles else ()
        return cls(roles, user=user, council=council, protected=protected, agencies=agencies)

    @classmethod
    def for_roles(cls, roles: Iterable[str]) -> Redactor:
        """A viewer known only by roles: a report's readers, a mail's recipients, a background task."""
        return cls(roles)

    @classmethod
    def for_agency(cls, agency_id: int) -> Redactor:
        """The respondents of one agency, e.g. the recipients of a mail to it."""
        return cls({Role.AGENCY}, agencies=[agency_id])

    @classmethod
    def nobody(cls) -> Redactor:
        """Sees no personal data at all (public pages, and anything rendered without an active viewer)."""
        return cls(())

    # --- categories -------------------------------------------------------------------------------------

    def sees_category(self, category: Category) -> bool:
        """Whether the viewer sees this category on every record, by role alone."""
        if not self.roles & category.roles:
            return False
        return self.protected or not category.needs_protection_flag

    def sees(self, obj: Model, name: str) -> bool:
        """Whether the viewer may see field ``name`` of ``obj`` (fields that are not personal: always).

        A contact field or protected identity that holds a value and is seen is noted for the access log."""
        mark = mark_of(obj, name)
        if mark is None or (mark.when is not None and not mark.when(obj)):
            return True
        allowed = self._sees_marked(obj, name, mark)
        if allowed and mark.contact:
            # A page that may show one of a person's contact fields shows them together (a letter's sender):
            # the log names every field of the mark that holds a value.
            for field_name in mark.fields:
                self.note(obj, field_name, mark)
        return allowed

    def note(self, obj: Model, name: str, mark: Mark) -> None:
        """Note that the viewer is shown contact field ``name`` of ``obj`` (when it holds a value)."""
        if obj.pk is None or getattr(obj, name, None) in (None, ""):
            return
        key = (obj._meta.label, obj.pk)
        fields, _protected = self.revealed.setdefault(key, (set(), mark.category_of(obj) is DENOUNCER))
        fields.add(name)

    def _sees_marked(self, obj: Model, name: str, mark: Mark) -> bool:
        category = mark.category_of(obj)
        if self.sees_category(category):
            return True
        if category.assigned_agency and mark.agency and _attr_path(obj, mark.agency) in self.agencies:
            return True
        if category.participants and mark.participants and self.user is not None:
            return self._participated(obj, mark)
        return False

    def _participated(self, obj, mark: Mark) -> bool:
        if not self.roles & {Role.DELEGATE, Role.GROUP_LEADER}:
            return False
        for holder_attr, path in mark.participants:
            holder = _attr_path(obj, holder_attr) if holder_attr else obj
            if holder is None:
                continue
            key = (holder._meta.label, holder.pk)
            if key not in self._took_part:
                self._took_part[key] = type(holder).objects.filter(pk=holder.pk, **{path: self.user}).exists()
            if self._took_part[key]:
                return True
        return False

    def sees_all(self, model, name: str) -> bool:
        """Whether the viewer sees field ``name`` on every record of ``model`` (for columns and search)."""
        mark = mark_of(model, name)
        if mark is None:
            return True
        if callable(mark.category):
            return all(self.sees_category(c) for c in CATEGORIES)
        return self.sees_category(mark.category)

    # --- values -----------------------------------------------------------------------------------------

    def value(self, obj: Model, name: str, default=""):
        """The field's value, or the mask if the viewer may not see it (empty values stay empty)."""
        raw = getattr(obj, name, default)
        if raw in (None, "") or self.sees(obj, name):
            return raw
        return MASK

    def search_q(self, model, text: str, queryset) -> Q | None:
        """Records of ``queryset`` found by ``text`` in the personal fields this viewer sees on every record
        (accent- and case-insensitive, like the folded search texts); None if the viewer sees none."""
        from .text import fold

        folded = fold(text or "")
        names = [
            n for n in sorted(personal_fields(model)) if n not in FILE_FIELDS and self.sees_all(model, n)
        ]
        if not folded or not names:
            return None
        matches = set()
        contact_hits: dict[int, set[str]] = {}
        for mark in marks_for(model):
            fields = [n for n in mark.fields if n in names]
            if not fields:
                continue
            rows = queryset.filter(mark.where) if mark.where is not None else queryset
            # Only records that hold a value are read (most petitions and opinions carry no contact at all):
            # the folding happens in Python, so the rows read must stay few.
            filled = Q()
            for name in fields:
                filled |= Q(**{f"{name}__gt": ""})
            rows = rows.filter(filled)
            for row in rows.order_by().values_list("pk", *fields):
                hit = [n for n, v in zip(fields, row[1:], strict=True) if folded in fold(str(v or ""))]
                if hit:
                    matches.add(row[0])
                    if mark.contact:
                        contact_hits.setdefault(row[0], set()).update(hit)
        if contact_hits:
            # A hit found by a person's name or contact reveals it: noted for the access log (one query).
            for obj in queryset.model._default_manager.filter(pk__in=list(contact_hits)):
                for name in contact_hits[obj.pk]:
                    mark = mark_of(obj, name)
                    if mark is not None:
                        self.note(obj, name, mark)
        return Q(pk__in=matches)


FILE_FIELDS = frozenset({"path", "original_name"})


def is_personal(obj: Model, name: str) -> bool:
    """Whether field ``name`` of this record holds personal data (whoever looks)."""
    mark = mark_of(obj, name)
    return mark is not None and (mark.when is None or mark.when(obj))


def searchable_text(obj: Model, names: Iterable[str]) -> str:
    """The folded search text of a record: its fields ``names`` that are not personal data.

    Stored search texts are shared by every reader of a list, so a personal value must never be in them;
    ``Redactor.search_q`` lets those who may see it find a record by it."""
    from .text import fold

    return fold(" ".join(str(getattr(obj, n, "") or "") for n in names if not is_personal(obj, n)))


_current: contextvars.ContextVar[Redactor | None] = contextvars.ContextVar("hdnd_redactor", default=None)


def current() -> Redactor:
    """The active viewer's redactor; with none active, nothing personal is shown (fail closed)."""
    return _current.get() or Redactor.nobody()


class active:
    """``with active(redactor):`` render something for a viewer outside a request (reports, mail, tasks)."""

    def __init__(self, redactor: Redactor):
        self.redactor = redactor

    def __enter__(self):
        self.token = _current.set(self.redactor)
        return self.redactor

    def __exit__(self, *exc):
        _current.reset(self.token)


def redactor_for(request) -> Redactor:
    """The request's viewer (built once per request, after its council is known)."""
    cached = getattr(request, "_hdnd_redactor", None)
    if cached is None:
        cached = Redactor.for_user(getattr(request, "user", None), getattr(request, "council", None))
        request._hdnd_redactor = cached
    return cached


class _RequestRedactor(Redactor):
    """The request's redactor, resolved on first use so pages that show nothing personal pay no query."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        # Only reached for attributes not set yet: resolve the real viewer once and copy its state.
        if name.startswith("__") or name == "_request":
            raise AttributeError(name)
        real = redactor_for(self._request)
        self.__dict__.update(real.__dict__)
        return getattr(real, name)


def note_shown(request, obj: Model) -> None:
    """Note for the access log that a page outside the redactor (the Django admin's change form, which shows
    the raw values) showed the record's contact fields that hold a value."""
    viewer = redactor_for(request)
    for name in contact_fields(type(obj)):
        mark = mark_of(obj, name)
        if mark is not None:
            viewer.note(obj, name, mark)


def log_accesses(request, response) -> None:
    """Write who was shown which citizen's contact data or protected identity in this request: one row per
    record, all in one ``bulk_create`` (a page is one insert, an export of many rows a few)."""
    from django.db import DatabaseError

    from .models import PersonalDataAccess

    viewer = getattr(request, "_hdnd_redactor", None)
    user = getattr(request, "user", None)
    if viewer is None or not viewer.revealed or user is None or not user.is_authenticated:
        return
    if response.get("Content-Disposition", "").startswith("attachment"):
        kind = PersonalDataAccess.Kind.EXPORT
    elif request.GET.get("q"):
        kind = PersonalDataAccess.Kind.SEARCH
    else:
        kind = PersonalDataAccess.Kind.VIEW
    council = getattr(request, "council", None)
    rows = [
        PersonalDataAccess(
            council=council,
            user=user,
            kind=kind,
            model=label,
            object_id=pk,
            fields=",".join(sorted(fields))[:300],
            protected=protected,
            path=request.path[:300],
        )
        for (label, pk), (fields, protected) in viewer.revealed.items()
    ]
    viewer.revealed.clear()
    try:
        PersonalDataAccess.objects.bulk_create(rows)
    except DatabaseError:  # the page was built: a failed log line is reported, never the reader's error
        logger.exception("Could not write %s personal data access rows", len(rows))


class PersonalDataMiddleware:
    """Make the request's viewer the active redactor while the response is built (pages, partials, files),
    then log the contact data and protected identities it was shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.redactor = _RequestRedactor(request)
        token = _current.set(request.redactor)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        log_accesses(request, response)
        return response
