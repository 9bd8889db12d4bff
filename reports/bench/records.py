"""The bench's records: petitions, letters, interpellations and oversight, each with its follow-ups."""

import datetime as dt

from django.utils import timezone

from council.models import Council, FollowUp
from council.models.followups import AgencyStatus, CouncilStatus, SourceKind
from council.text import fold
from oversight.models import OversightActivity, OversightProgram, Recommendation
from sessions.models import Commitment, Interpellation
from voters.models import Channel, Letter, Petition, VoterOpinion

from .scale import ISSUES, bulk


class Records:
    """The part of the generator that writes the records of work and their follow-ups."""

    # ---------------------------------------------------------------- follow-ups

    def _followup(self, council_id, kind, source_id, ref, title, text, agency, field_, assigned) -> FollowUp:
        due = assigned + dt.timedelta(days=30)
        if due < self.scale.until - dt.timedelta(days=60) or self.rng.random() < 0.3:
            answered = assigned + dt.timedelta(days=self.rng.randrange(5, 50))
            answered = min(answered, self.scale.until)
            closed = (
                answered + dt.timedelta(days=10)
                if answered + dt.timedelta(days=10) < self.scale.until
                else None
            )
            status = dict(
                agency_status=AgencyStatus.DONE,
                first_answered_on=answered,
                progress=100,
                council_status=CouncilStatus.DONE if closed else CouncilStatus.OPEN,
                closed_on=closed,
            )
        else:
            status = dict(agency_status=AgencyStatus.NOT_STARTED)
        return FollowUp(
            council_id=council_id,
            source_kind=kind,
            source_type=self.types[kind],
            source_id=source_id,
            reference=ref,
            title=title[:300],
            description=text,
            agency=agency,
            field=field_,
            assigned_date=assigned,
            due_date=due,
            search_text=fold(f"{ref} {title} {text}"),
            report_to_leadership=kind == SourceKind.RECOMMENDATION and self.rng.random() < 0.1,
            **status,
        )

    # ---------------------------------------------------------------- voters

    def petitions(self, councils: list[Council]) -> None:
        weights = [30] + [1] * (len(councils) - 1)  # the province gathers about a quarter of the petitions
        owners = self.rng.choices(councils, weights=weights, k=self.scale.petitions)
        petitions, opinions = [], []
        channels = [Channel.MEETING] * 6 + [Channel.RECEPTION, Channel.LETTER, Channel.WEB, Channel.HOTLINE]
        for i, c in enumerate(owners):
            code = f"B{self.scale.tag or ''}{i:07d}"
            issue, ask = self.rng.choice(ISSUES)
            unit = self.rng.choice(self.units) if c.level == Council.Level.PROVINCE else c.admin_unit
            title = f"{issue} tại {unit.name}"
            day = self.day()
            state = self.rng.choice(
                ["recorded", "classified", "transferred", "transferred", "reviewed", "closed"]
            )
            petitions.append(
                Petition(
                    council=c,
                    code=code,
                    title=title,
                    text=f"Cử tri {unit.name} {ask}.",
                    field=self.rng.choice(self.fields[c.pk]),
                    admin_unit=unit,
                    agency=self.rng.choice(self.agencies[c.pk]),
                    competence="province" if c.level == Council.Level.PROVINCE else "commune",
                    state=state,
                    received_on=day,
                    voters_count=self.rng.randrange(1, 40),
                    search_text=fold(f"{code} {title} {ask}"),
                    created_at=timezone.now(),
                )
            )
        petitions = bulk(Petition, petitions)
        for p in petitions:
            for _ in range(1 + (self.rng.random() < 0.3)):
                opinions.append(
                    VoterOpinion(
                        council_id=p.council_id,
                        channel=self.rng.choice(channels),
                        received_on=p.received_on,
                        text=p.text,
                        petition=p,
                        admin_unit=p.admin_unit,
                        search_text=fold(p.text),
                    )
                )
        bulk(VoterOpinion, opinions)
        followups = [
            self._followup(
                p.council_id,
                SourceKind.PETITION,
                p.pk,
                p.code,
                p.title,
                p.text,
                p.agency,
                p.field,
                p.received_on + dt.timedelta(days=7),
            )
            for p in petitions
            if p.state in ("transferred", "reviewed", "closed")
            and p.received_on + dt.timedelta(days=7) <= self.scale.until
        ]
        bulk(FollowUp, followups)
        self.out(
            f"  petitions {len(petitions)}, opinions {len(opinions)}, petition follow-ups {len(followups)}"
        )

    def letters(self, councils: list[Council]) -> None:
        owners = self.rng.choices(councils, weights=[30] + [1] * (len(councils) - 1), k=self.scale.letters)
        letters = [
            Letter(
                council=c,
                kind=self.rng.choice(["complaint", "denunciation", "feedback", "feedback"]),
                channel=self.rng.choice([Channel.POST, Channel.RECEPTION, Channel.EMAIL]),
                received_on=self.day(),
                summary=f"Đơn về {self.rng.choice(ISSUES)[0].lower()}",
                state="closed",
                agency=self.rng.choice(self.agencies[c.pk]),
                search_text="",
            )
            for c in owners
        ]
        # As letter_create: a letter's content is personal data, kept out of its stored search text.
        bulk(Letter, letters)
        self.out(f"  letters {len(letters)}")

    # ---------------------------------------------------------------- interpellations and oversight

    def interpellations(self, councils: list[Council]) -> None:
        sessions = self.session_list
        rows = []
        for _ in range(self.scale.interpellations):
            s = self.rng.choice(sessions)
            issue, ask = self.rng.choice(ISSUES)
            rows.append(
                Interpellation(
                    council_id=s.council_id,
                    term_id=s.term_id,
                    session=s,
                    question=f"Chất vấn về {issue.lower()}: {ask}",
                    topic=issue,
                    field=self.rng.choice(self.fields[s.council_id]),
                    agency=self.rng.choice(self.agencies[s.council_id]),
                    respondent_title="Giám đốc Sở",
                    mode="oral",
                    state="answered",
                    submitted_on=s.start_date - dt.timedelta(days=5),
                )
            )
        rows = bulk(Interpellation, rows)
        through = Interpellation.askers.through
        bulk(
            through,
            (
                through(interpellation_id=i.pk, mandate_id=self.rng.choice(self.mandates[i.term_id]).pk)
                for i in rows
            ),
        )
        commitments = bulk(
            Commitment,
            (Commitment(interpellation=i, text=f"Khắc phục {i.topic.lower()} trong năm") for i in rows[::2]),
        )
        by_pk = {i.pk: i for i in rows}
        bulk(
            FollowUp,
            (
                self._followup(
                    by_pk[c.interpellation_id].council_id,
                    SourceKind.COMMITMENT,
                    c.pk,
                    f"CV-{c.pk}",
                    c.text,
                    c.text,
                    by_pk[c.interpellation_id].agency,
                    by_pk[c.interpellation_id].field,
                    by_pk[c.interpellation_id].submitted_on + dt.timedelta(days=10),
                )
                for c in commitments
            ),
        )
        self.out(f"  interpellations {len(rows)}, commitments {len(commitments)}")

    def oversight(self, councils: list[Council]) -> None:
        programs = bulk(
            OversightProgram,
            (
                OversightProgram(council=c, year=y, title=f"Chương trình giám sát năm {y}")
                for c in councils
                for y in range(self.first_year, self.scale.until.year + 1)
            ),
        )
        by_key = {(p.council_id, p.year): p for p in programs}
        owners = self.rng.choices(councils, weights=[15] + [1] * (len(councils) - 1), k=self.scale.activities)
        activities = []
        for c in owners:
            start = self.day(end=self.scale.until - dt.timedelta(days=30))
            issue, _ask = self.rng.choice(ISSUES)
            activities.append(
                OversightActivity(
                    council=c,
                    program=by_key[(c.pk, start.year)],
                    kind=self.rng.choice(["thematic", "regular", "re_oversight"]),
                    title=f"Giám sát {issue.lower()}",
                    lead_body="standing",
                    state="closed",
                    period_start=start,
                    period_end=start + dt.timedelta(days=20),
                )
            )
        activities = bulk(OversightActivity, activities)
        recommendations = bulk(
            Recommendation,
            (
                Recommendation(activity=a, text=f"Kiến nghị {n + 1}: {a.title}")
                for a in activities
                for n in range(3)
            ),
        )
        by_pk = {a.pk: a for a in activities}
        bulk(
            FollowUp,
            (
                self._followup(
                    by_pk[r.activity_id].council_id,
                    SourceKind.RECOMMENDATION,
                    r.pk,
                    f"KNGS-{r.pk}",
                    r.text,
                    r.text,
                    self.rng.choice(self.agencies[by_pk[r.activity_id].council_id]),
                    None,
                    by_pk[r.activity_id].period_end,
                )
                for r in recommendations
            ),
        )
        self.out(f"  oversight activities {len(activities)}, recommendations {len(recommendations)}")
