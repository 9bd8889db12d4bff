"""Voters and citizens: voter meetings and the opinions voters raise there or through any other channel,
the petitions those opinions are consolidated into (each transferred to an agency and followed up until
answered, reported and closed), citizen reception and letters."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models.files import StoredFileFields
from council.models.followups import SourceKind, followups_relation
from council.models.querysets import CouncilQuerySet


class Channel(models.TextChoices):
    MEETING = "meeting", _("Voter meeting")
    RECEPTION = "reception", _("Citizen reception")
    LETTER = "letter", _("Letter")
    HOTLINE = "hotline", _("Hotline")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    WEB = "web", _("Public web form")
    ZALO = "zalo", _("Zalo")
    PRESS = "press", _("Press")
    CONSULTATION = "consultation", _("Consultation")


# The built-in channels every council has (their codes are data: opinions and letters store the code). The
# pages record through the first four themselves (a meeting, a reception, a letter, the public form), so
# those are never switched off; the others, and the channels the Office adds, come and go with its work.
SYSTEM_CHANNELS = frozenset({Channel.MEETING, Channel.RECEPTION, Channel.LETTER, Channel.WEB})
# Kinds an added channel may take: a built-in behaviour that needs no linked record (a meeting, a reception
# or a letter is always the built-in channel itself).
ADDED_CHANNEL_KINDS = (
    Channel.HOTLINE,
    Channel.EMAIL,
    Channel.POST,
    Channel.WEB,
    Channel.ZALO,
    Channel.PRESS,
    Channel.CONSULTATION,
)
# Not a channel: the petitions figures' name for a petition recorded with no opinion behind it.
RESERVED_CHANNEL_CODES = frozenset({"direct"})


def channel_label(code: str, name: str | None = "") -> str:
    """A channel's name: the Office's own, else the built-in one (translated when shown), else its code."""
    if name:
        return name
    if code in Channel.values:
        return Channel(code).label
    return code


def builtin_order(code: str) -> int:
    """Where a built-in channel sits among the council's channels until the Office moves it."""
    return (Channel.values.index(code) + 1) * 10


class OutreachChannelQuerySet(CouncilQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def of_kind(self, kind: str):
        """The council's channels with a built-in behaviour, e.g. every consultation channel."""
        return self.filter(kind=kind)


class OutreachChannel(models.Model):
    """A way voters and citizens reach the council (a hotline, a Zalo account, a Facebook page …).

    The Office maintains them: the built-in ones every council has (``Channel``), and its own. A record
    stores the channel's ``code``, which never changes once used; a channel no longer used is switched off,
    never deleted. A built-in channel keeps ``name`` empty and shows its standard name, translated."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    code = models.SlugField(
        _("code"),
        max_length=15,
        allow_unicode=False,
        help_text=_("Short, without accents, e.g. “facebook”; it cannot change once the channel is used."),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty on a built-in channel to keep its standard name."),
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("works as"),
        max_length=15,
        choices=Channel.choices,
        blank=True,
        help_text=_("A built-in channel whose behaviour it shares, if any (e.g. consultation)."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    started_on = models.DateField(_("in use since"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OutreachChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach channel")
        verbose_name_plural = _("outreach channels")
        ordering = ["council", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="outreach_channel_code_once"),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("voters:outreach_channel_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return str(channel_label(self.code, self.name))

    @property
    def builtin(self) -> bool:
        return self.code in Channel.values

    def clean(self):
        errors = {}
        if self.code in RESERVED_CHANNEL_CODES:
            errors["code"] = _("This code is reserved; choose another.")
        if self.builtin:
            self.kind = self.code
            if not self.is_active and self.code in SYSTEM_CHANNELS:
                errors["is_active"] = _(
                    "The pages record opinions through this channel themselves: it stays in use."
                )
        else:
            if not self.name.strip():
                errors["name"] = _("Name the channel.")
            if self.kind and self.kind not in ADDED_CHANNEL_KINDS:
                errors["kind"] = _("An added channel cannot work as a meeting, a reception or a letter.")
        if errors:
            raise ValidationError(errors)


def channel_error(council_id, code: str, *, was: str | None = None):
    """Why ``code`` may not be a new record's channel in the council (None if it may).

    A record keeps the channel it was saved with even after the Office switches that channel off; a built-in
    channel the council has not written down yet is in use (councils created later get them implicitly)."""
    if not code or code == was or council_id is None:
        return None
    rows = OutreachChannel.objects.filter(council_id=council_id, code=code)
    row = rows.values_list("is_active", "name").first()
    if row is None:
        if code in Channel.values:
            return None
        return _("“%(code)s” is not a channel of this council.") % {"code": code}
    if not row[0]:
        return _("The channel “%(name)s” is no longer in use.") % {"name": channel_label(code, row[1])}
    return None


class ChannelNameQuerySet(CouncilQuerySet):
    def with_channel_name(self):
        """Join in the council's name of each row's channel, so a list shows channel names at no extra query
        (``get_channel_display``)."""
        names = OutreachChannel.objects.filter(council=OuterRef("council"), code=OuterRef("channel"))
        return self.annotate(channel_name=Coalesce(Subquery(names.values("name")[:1]), Value("")))


class ChannelFieldMixin:
    """A record that stores a channel code: validated against the council's channels, named from them."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_channel = instance.__dict__.get("channel")
        return instance

    def get_channel_display(self) -> str:
        name = getattr(self, "channel_name", None)
        if name is None:  # not joined in by with_channel_name(): one query, for a single record's page
            name = (
                OutreachChannel.objects.filter(council_id=self.council_id, code=self.channel)
                .values_list("name", flat=True)
                .first()
            )
        return str(channel_label(self.channel, name))

    def channel_errors(self) -> dict:
        message = channel_error(self.council_id, self.channel, was=getattr(self, "_loaded_channel", None))
        return {"channel": message} if message else {}


class Competence(models.TextChoices):
    COMMUNE = "commune", _("Commune level")
    PROVINCE = "province", _("Province level")
    CENTRAL = "central", _("Central level")


# A voter meeting may be entered ahead, once planned, with the delegates down for it (they are told and it is
# in their calendars); its opinions are recorded once it is held.
PLANNED_AHEAD = dt.timedelta(days=366)


class VoterMeeting(StoredFileFields):
    """A voter meeting (tiếp xúc cử tri), co-organised with the Fatherland Front; its minutes are kept."""

    class Kind(models.TextChoices):
        BEFORE_SESSION = "before_session", _("Before a session")
        AFTER_SESSION = "after_session", _("After a session")
        THEMATIC = "thematic", _("Thematic")
        BY_FIELD = "by_field", _("By field")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices, default=Format.IN_PERSON)
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    place_detail = models.CharField(_("meeting place"), max_length=300, blank=True)
    session = models.ForeignKey(
        "council_sessions.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_meetings",
        help_text=_("The session the meeting is held before or after."),
    )
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    delegates = models.ManyToManyField(
        "delegates.Mandate", verbose_name=_("delegates present"), blank=True, related_name="voter_meetings"
    )
    co_organiser = models.CharField(
        _("Fatherland Front co-organiser"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Ủy ban MTTQ Việt Nam xã Tân Hồng”."),
    )
    attendance = models.PositiveIntegerField(_("voters attending"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[delegates])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter meeting")
        verbose_name_plural = _("voter meetings")
        ordering = ["council", "-date", "-pk"]

    def is_held(self, today: dt.date | None = None) -> bool:
        """Whether the meeting has taken place (a planned one waits for its day to record opinions)."""
        return self.date <= (today or timezone.localdate())

    def __str__(self):
        where = self.place_detail or (self.place.name if self.place_id else "")
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y} {where}".strip()

    def get_absolute_url(self) -> str:
        return reverse("voters:meeting_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate() + PLANNED_AHEAD:
            errors["date"] = _("A meeting is planned at most a year ahead.")
        if self.format == self.Format.IN_PERSON and not self.place_id:
            errors["place"] = _("Choose the commune or ward where the meeting was held.")
        if self.kind in (self.Kind.BEFORE_SESSION, self.Kind.AFTER_SESSION) and not self.session_id:
            errors["session"] = _("Choose the session the meeting is held before or after.")
        if self.kind == self.Kind.BY_FIELD and not self.field_id:
            errors["field"] = _("Choose the field of the meeting.")
        for name in ("session", "field"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)


class Reception(models.Model):
    """A citizen reception (tiếp công dân) held by the Standing Committee or by delegates."""

    class Host(models.TextChoices):
        STANDING = "standing", _("The Standing Committee")
        DELEGATE = "delegate", _("Delegates")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    date = models.DateField(_("date"))
    host = models.CharField(_("held by"), max_length=10, choices=Host.choices)
    hosts = models.ManyToManyField("delegates.Mandate", verbose_name=_("delegates receiving"), blank=True)
    place = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    place_detail = models.CharField(_("meeting place"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[hosts])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen reception")
        verbose_name_plural = _("citizen receptions")
        ordering = ["council", "-date", "-pk"]

    def __str__(self):
        return f"{_('Citizen reception')} {self.date:%d/%m/%Y} {self.place_detail}".strip()

    def get_absolute_url(self) -> str:
        return reverse("voters:reception_detail", args=[self.pk])


class Letter(ChannelFieldMixin, models.Model):
    """A citizen's letter: a complaint, a denunciation or feedback. A denouncer's identity is protected."""

    FOLLOWUP_SOURCE_KIND = SourceKind.LETTER

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")
        FEEDBACK = "feedback", _("Petition or feedback")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        CLASSIFIED = "classified", _("Classified")
        GUIDED = "guided", _("Sender guided")
        TRANSFERRED = "transferred", _("Transferred")
        MONITORED = "monitored", _("Monitored")
        ARCHIVED = "archived", _("Archived as ineligible")
        RESULT = "result", _("Agency's result received")
        CLOSED = "closed", pgettext_lazy("letter state", "Closed")

    # Where a letter may go from each state: LETTER_WORKFLOW in voters/workflows.py.

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    # A code of the council's channels (OutreachChannel), checked in clean(): the Office adds channels.
    channel = models.CharField(_("received by"), max_length=15, default=Channel.POST)
    received_on = models.DateField(_("received on"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    sender_address = models.CharField(_("sender's address"), max_length=300, blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=30, blank=True)
    admin_unit = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    summary = models.TextField(_("content"))
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    agency = models.ForeignKey(
        "council.Agency", verbose_name=_("transferred to"), on_delete=models.PROTECT, null=True, blank=True
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECEIVED)
    SEARCH_FIELDS = ("summary",)  # folded into search_text on every save (council.services.record_save)
    search_text = models.TextField(editable=False, blank=True)
    followups = followups_relation()
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = ChannelNameQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["council", "-received_on", "-pk"]

    def __str__(self):
        # Never the content: it names the sender, and a letter's name is shown wherever it is linked.
        return _("%(kind)s received %(date)s (no. %(number)s)") % {
            "kind": self.get_kind_display(),
            "date": f"{self.received_on:%d/%m/%Y}" if self.received_on else "",
            "number": self.pk or "—",
        }

    def get_absolute_url(self) -> str:
        return reverse("voters:letter_detail", args=[self.pk])

    @property
    def protected(self) -> bool:
        """A denouncer's name, address and phone are shown only to authorised Office staff."""
        return self.kind == self.Kind.DENUNCIATION

    def clean(self):
        errors = {}
        if not self.anonymous and not self.sender_name.strip():
            errors["sender_name"] = _("Name the sender, or mark the letter anonymous.")
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("The date received cannot be in the future.")
        if self.duplicate_of_id and (
            self.duplicate_of_id == self.pk or self.duplicate_of.council_id != self.council_id
        ):
            errors["duplicate_of"] = _("Choose another letter of this council.")
        errors.update(self.channel_errors())
        if errors:
            raise ValidationError(errors)


class Petition(models.Model):
    """A consolidated voter petition: one issue raised in one or more opinions, tracked to an answer."""

    FOLLOWUP_SOURCE_KIND = SourceKind.PETITION
    # A citizen's contact details are shown only in the Office's box on the page, never in the general grid.
    DETAIL_HIDDEN = ("contact_name", "contact_phone", "contact_email", "contact_address", "external_id")

    class State(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        CLASSIFIED = "classified", _("Classified")
        TRANSFERRED = "transferred", _("Transferred to the agency")
        TO_NA_DELEGATION = "to_na", _("Sent to the National Assembly delegation")
        REVIEWED = "reviewed", _("Answer reviewed")
        REPORTED = "reported", _("Reported at a session")
        INFORMED = "informed", _("Voters informed")
        CLOSED = "closed", pgettext_lazy("petition state", "Resolved")
        ROADMAP = "roadmap", _("In progress with a roadmap")
        UNRESOLVED = "unresolved", _("Unresolved, re-monitored")
        MERGED = "merged", _("Merged into another petition")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    code = models.CharField(_("tracking code"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("petition"))
    field = models.ForeignKey(
        "council.Field", verbose_name=_("field"), on_delete=models.PROTECT, null=True, blank=True
    )
    admin_unit = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    competence = models.CharField(
        _("level of competence"), max_length=10, choices=Competence.choices, blank=True
    )
    committee = models.ForeignKey(
        "council.Committee", verbose_name=_("lead committee"), on_delete=models.PROTECT, null=True, blank=True
    )
    agency = models.ForeignKey(
        "council.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.RECORDED)
    voters_count = models.PositiveIntegerField(_("voters who raised it"), default=1)
    received_on = models.DateField(_("first received on"))
    session = models.ForeignKey(
        "council_sessions.Session",
        verbose_name=_("reported at session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    roadmap = models.TextField(_("roadmap"), blank=True)
    answer_summary = models.TextField(
        _("answer for the public"), blank=True, help_text=_("Shown on the public lookup once published.")
    )
    published = models.BooleanField(_("answer published"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    # Contact details of a citizen who submitted online: never shown publicly.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    # A citizen who submitted online consented to the processing notice of this version, at this time.
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True, editable=False)
    notice = models.ForeignKey(
        "council.ProcessingNotice",
        verbose_name=_("processing notice consented to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    SEARCH_FIELDS = (
        "code",
        "title",
        "text",
    )  # folded into search_text on every save (council.services.record_save)
    search_text = models.TextField(editable=False, blank=True)
    # The terms the duplicate finder compares (voters/matching): address and opening formula left out.
    match_terms = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    followups = followups_relation()
    history = HistoricalRecords(excluded_fields=["search_text", "match_terms"])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter petition")
        verbose_name_plural = _("voter petitions")
        ordering = ["council", "-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "external_id"],
                condition=~Q(external_id=""),
                name="petition_external_id_once",
            )
        ]
        indexes = [
            models.Index(fields=["council", "state"], name="petition_state"),
            # The list's order: its first page is read from the index, not by sorting every match.
            models.Index(fields=["council", "-received_on", "-id"], name="petition_council_received"),
            # The Office's search by a citizen's name or contact reads the petitions that hold one
            # (council/personal_data.py, search_q): those few, not every petition of the council.
            models.Index(
                fields=["council"],
                name="petition_with_contact",
                condition=Q(contact_name__gt="")
                | Q(contact_phone__gt="")
                | Q(contact_email__gt="")
                | Q(contact_address__gt=""),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("voters:petition_detail", args=[self.pk])

    def clean(self):
        errors = {}
        for name in ("field", "committee", "agency"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        if errors:
            raise ValidationError(errors)


class OpinionQuerySet(ChannelNameQuerySet):
    def pending(self):
        """Opinions still to consolidate: in no petition and not answered on the spot."""
        return self.filter(petition__isnull=True, spot_answer="")


class VoterOpinion(ChannelFieldMixin, models.Model):
    """One raw statement of voters, at a meeting or through another channel; consolidated into a petition."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    # A code of the council's channels (OutreachChannel), checked in clean(): the Office adds channels.
    channel = models.CharField(_("channel"), max_length=15)
    meeting = models.ForeignKey(
        VoterMeeting,
        verbose_name=_("voter meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    reception = models.ForeignKey(
        Reception,
        verbose_name=_("citizen reception"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    letter = models.ForeignKey(
        Letter,
        verbose_name=_("letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    received_on = models.DateField(_("received on"))
    text = models.TextField(_("opinion"))
    voter_name = models.CharField(_("voter"), max_length=200, blank=True)
    voter_address = models.CharField(_("voter's address"), max_length=300, blank=True)
    admin_unit = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    voters_count = models.PositiveIntegerField(_("voters raising it"), default=1)
    field = models.ForeignKey(
        "council.Field",
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("As the minutes name it; a petition made of opinions of one field takes it."),
    )
    spot_answer = models.TextField(
        _("answered on the spot"),
        blank=True,
        help_text=_("What the delegates or officials answered at once."),
    )
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
    )
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    SEARCH_FIELDS = ("text",)  # folded into search_text on every save (council.services.record_save)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter opinion")
        verbose_name_plural = _("voter opinions")
        ordering = ["council", "received_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "external_id"],
                condition=~Q(external_id=""),
                name="opinion_external_id_once",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        errors = {}
        if not self.text.strip():
            errors["text"] = _("Write what the voters said.")
        if self.voters_count < 1:
            errors["voters_count"] = _("At least one voter raised it.")
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("The date received cannot be in the future.")
        if self.channel == Channel.MEETING and not self.meeting_id and not self.external_id:
            # Imported rows from the Office's old spreadsheets name no meeting record.
            errors["meeting"] = _("An opinion from a meeting belongs to that meeting.")
        for name in ("meeting", "reception", "letter", "petition", "field"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and self.council_id and related.council_id != self.council_id:
                errors[name] = _("This belongs to another council.")
        errors.update(self.channel_errors())
        if errors:
            raise ValidationError(errors)


class MediaProduct(StoredFileFields):
    """A media product the council commissioned: a special page, a TV or radio programme, reportage."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper special page")
        TELEVISION = "television", _("Television programme")
        RADIO = "radio", _("Radio programme")
        REPORTAGE = "reportage", _("Reportage")
        ONLINE = "online", _("Online article or video")

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    outlet = models.CharField(_("outlet"), max_length=200, help_text=_("e.g. “Báo Đồng Tháp”."))
    topic = models.CharField(_("topic"), max_length=300)
    published_on = models.DateField(_("published on"))
    cost = models.PositiveBigIntegerField(_("cost (VND)"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("media product")
        verbose_name_plural = _("media products")
        ordering = ["council", "-published_on", "pk"]

    def __str__(self):
        return f"{self.topic} ({self.outlet})"


class OutreachEvent(models.Model):
    """An event or meeting the council held to reach voters and the public."""

    council = models.ForeignKey("council.Council", verbose_name=_("council"), on_delete=models.PROTECT)
    title = models.CharField(_("event"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    attendance = models.PositiveIntegerField(_("people attending"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["council", "-date", "pk"]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"


from .consultations import Consultation, ConsultationResponseCount  # noqa: E402, F401 - models of this app
from .matching.models import PetitionTerm, Synonym, TermFrequency  # noqa: E402, F401 - models of this app
from .subject_requests import DataSubjectRequest  # noqa: E402, F401 - a model of this app in its own module
