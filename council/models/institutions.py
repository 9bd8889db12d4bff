"""The institutional core: councils, administrative units, terms, committees, agencies, fields."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .querysets import CouncilQuerySet


class Council(models.Model):
    """An elected People's Council (HĐND) of a province or a commune."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        COMMUNE = "commune", _("Commune")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    admin_unit = models.ForeignKey(
        "council.AdminUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
    )
    place_name = models.CharField(
        _("place name"), max_length=100, help_text=_("Used in document dates, e.g. “Đồng Tháp”.")
    )
    suggest_after_days = models.PositiveSmallIntegerField(
        _("suggest for the next session after (days overdue)"),
        default=30,
        help_text=_(
            "A recommendation or commitment this many days past its due date, or judged unsatisfactory, "
            "is proposed for an explanation session, interpellation or re-oversight."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True) | Q(level="commune"),
                name="council_province_has_no_parent",
            ),
        ]

    def __str__(self):
        return self.name


class AdminUnitQuerySet(models.QuerySet):
    def current(self):
        """Units in force today, below the province (what groups and constituencies are made of)."""
        return self.filter(valid_to__isnull=True).exclude(level=AdminUnit.Level.PROVINCE)

    def within(self, council):
        """The units of the council's territory, those merged into it included.

        A province's: the province, its communes, wards and (former) districts and their communes, and the
        same below the provinces merged into it in 2025; a commune's: itself and the communes merged into
        it. Forms offer these only: one deployment for the whole country holds every unit of the country,
        and a province's clerk picks among its own (a few hundred options, not thousands). A council
        without a territory set sees every unit, as before.
        """
        unit = council.admin_unit_id
        if unit is None:
            return self
        through = AdminUnit.predecessors.through
        merged = through.objects.filter(from_adminunit_id=unit).values("to_adminunit_id")
        if council.level != "province":
            return self.filter(Q(pk=unit) | Q(pk__in=merged))
        return self.filter(
            Q(pk=unit)
            | Q(parent_id=unit)
            | Q(parent__parent_id=unit)
            | Q(parent_id__in=merged)
            | Q(parent__parent_id__in=merged)
        )


class AdminUnit(models.Model):
    """A province, commune, ward or special zone, with validity dates so 2025 mergers stay traceable.

    Administrative units are national reference data shared by every council, not owned by one.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province / centrally-run city")
        DISTRICT = "district", _("District (abolished 1 July 2025)")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        SPECIAL_ZONE = "special_zone", _("Special zone")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("predecessors"),
        symmetrical=False,
        blank=True,
        related_name="successors",
        help_text=_("Units merged into this one."),
    )
    history = HistoricalRecords(m2m_fields=[predecessors])

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="adminunit_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["parent", "level"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity cannot precede its start.")})


class Term(models.Model):
    """A five-year term of a council (nhiệm kỳ / khóa)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="terms"
    )
    number = models.PositiveSmallIntegerField(_("term number"), help_text=_("e.g. 11 for “khóa XI”."))
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “Khóa XI, nhiệm kỳ 2026–2031”."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["council", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="term_end_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("The end of the term must be after its start.")})

    def contains(self, day) -> bool:
        return self.start_date <= day <= self.end_date


class Constituency(models.Model):
    """An electoral unit (đơn vị bầu cử) of one term."""

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.PROTECT)
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="constituencies"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1, validators=[MinValueValidator(1)])
    admin_units = models.ManyToManyField(AdminUnit, verbose_name=_("administrative units"), blank=True)
    history = HistoricalRecords(m2m_fields=[admin_units])

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        ordering = ["term", "number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="constituency_unique_number"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="constituency_seats_positive"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.term_id and self.council_id and self.term.council_id != self.council_id:
            raise ValidationError({"term": _("The term belongs to another council.")})


class Committee(models.Model):
    """A committee (Ban) of the council."""

    class Kind(models.TextChoices):
        LEGAL = "legal", _("Legal Affairs Committee")
        ECONOMY_BUDGET = "economy_budget", _("Economy and Budget Committee")
        CULTURE_SOCIETY = "culture_society", _("Culture and Society Committee")
        ETHNIC = "ethnic", _("Ethnic Affairs Committee")
        URBAN = "urban", _("Urban Affairs Committee")

    COMMUNE_KINDS = (Kind.ECONOMY_BUDGET, Kind.CULTURE_SOCIETY)

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["council", "kind"]
        constraints = [models.UniqueConstraint(fields=["council", "kind"], name="committee_unique_kind")]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.council_id
            and self.council.level == Council.Level.COMMUNE
            and self.kind not in self.COMMUNE_KINDS
        ):
            raise ValidationError(
                {"kind": _("A commune council has only the Economy–Budget and Culture–Society committees.")}
            )


class Agency(models.Model):
    """A body that answers petitions, interpellations and recommendations."""

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee")
        DEPARTMENT = "department", _("Department or provincial agency")
        COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
        COURT = "court", _("People's Court")
        PROCURACY = "procuracy", _("People's Procuracy")
        NA_DELEGATION = "na_delegation", _("National Assembly delegation")
        COUNCIL_OFFICE = "council_office", _("Council Office")
        COUNCIL_BODY = "council_body", _("A body of the council (tracked directive items)")
        OTHER = "other", _("Other")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="agencies"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    admin_unit = models.ForeignKey(
        AdminUnit, verbose_name=_("administrative unit"), on_delete=models.PROTECT, null=True, blank=True
    )
    emails = models.CharField(
        _("contact e-mails"),
        max_length=500,
        blank=True,
        help_text=_("Separate several addresses with commas or semicolons."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    head_title = models.CharField(_("head's title"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["council", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="agency_unique_name")]

    def __str__(self):
        return self.short_name or self.name

    @property
    def email_list(self) -> list[str]:
        return [e for e in re.split(r"[,;\s]+", self.emails) if e]

    def clean(self):
        from django.core.validators import validate_email

        # Clerks separate addresses with commas, semicolons or spaces; store them one way.
        self.emails = ", ".join(self.email_list)
        for address in self.email_list:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {"emails": _("“%(address)s” is not a valid e-mail address.") % {"address": address}}
                ) from None


class Field(models.Model):
    """A policy field (lĩnh vực) used to classify petitions, questions and recommendations."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="fields"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], name="field_unique_code"),
            models.UniqueConstraint(fields=["council", "name"], name="field_unique_name"),
        ]

    def __str__(self):
        return self.name
