"""Load a demo provincial council (Đồng Tháp after the 2025 merger) with a commune council and demo users.

Idempotent: every row is looked up by its natural key first and created through the services only
when missing, so running the command again changes nothing. The whole scenario is read from
``demo/data/*.json`` (``demo.loader``): units, councils and calendar (``demo.reference``), the delegates
(``demo.roster``), the logins (``demo.users``), then meetings, petitions, follow-ups, sessions, oversight,
delegates' work, directives and the notices waiting for the demo users (``demo.notifications``), each step
taken on the day it would have been taken (``demo.clock.as_of``), so answers are on time or late and each
quarter's figures are realistic. This module holds only the run
order and the summary.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import (
    AdminUnit,
    Agency,
    Committee,
    Constituency,
    Council,
    DeadlineRule,
    Field,
    FollowUp,
    FollowUpEvent,
    Holiday,
    Milestone,
    RoleAssignment,
    Term,
    User,
)
from council.services.outbox import mail_suppressed
from delegates.models import (
    CommitteeMembership,
    Delegate,
    DelegateGroup,
    GroupMembership,
    Mandate,
    StandingPosition,
)
from demo.delegates import delegate_work_summary, seed_delegate_work
from demo.directives import directives_summary, seed_directives
from demo.documents import seed_session_documents
from demo.followups import COMMUNE_FOLLOWUPS, seed_followups
from demo.mfa import seed_authenticators
from demo.notifications import notifications_summary, seed_notifications
from demo.oversight import oversight_summary, seed_oversight
from demo.party import party_summary, seed_party
from demo.reference import ReferenceSeeder, council_named
from demo.reports import reports_summary, seed_reports
from demo.roster import seed_commune_delegates, seed_roster
from demo.sessions import seed_sessions, sessions_summary
from demo.users import seed_users
from demo.voters import seed_voters, voters_summary
from notifications.models import Notification

COUNTED_MODELS = [
    AdminUnit,
    Council,
    Term,
    Constituency,
    Committee,
    Agency,
    Field,
    Holiday,
    DeadlineRule,
    Delegate,
    Mandate,
    DelegateGroup,
    GroupMembership,
    CommitteeMembership,
    StandingPosition,
    User,
    RoleAssignment,
    FollowUp,
    FollowUpEvent,
    Milestone,
    Notification,
]


class Seeder(ReferenceSeeder):
    """The run order: reference data, delegates, logins, then the scenario of each subject."""

    def council_with_reference(self, spec: dict, parent: Council | None) -> tuple[Council, dict]:
        """A council with its terms, constituencies, groups, committees, agencies and calendar."""
        council = self.council(spec, parent)
        made: dict = {"terms": {}, "constituencies": {}, "groups": {}}
        for plan in spec["terms"]:
            term = self.term(council, plan)
            made["terms"][term.number] = term
            made["constituencies"][term.number] = self.constituencies(council, term, plan["constituencies"])
            made["groups"][term.number] = self.groups(
                council, term, plan["groups"], made["constituencies"][term.number]
            )
        made["committees"] = self.committees(council, spec["committees"])
        made["agencies"] = self.agencies(council, spec["agencies"])
        self.calendar_and_rules(council)
        return council, made

    def run(self, *, with_users: bool) -> list[tuple[str, str, str]]:
        self.seed_admin_units()
        province_spec, commune_spec = council_named("province"), council_named("commune")
        province, made = self.council_with_reference(province_spec, None)
        delegates = seed_roster(
            province, made["terms"], made["constituencies"], made["groups"], made["committees"]
        )
        commune, commune_made = self.council_with_reference(commune_spec, province)
        (commune_term,) = commune_made["terms"].values()
        seed_commune_delegates(commune, commune_term, commune_spec["delegates"])

        logins = seed_users(delegates) if with_users else []
        # After the users, so the Office and the agency respondent appear as the actors. Demo follow-ups
        # are invented petitions: only for a demo installation, never with --no-users on a real one.
        if with_users:
            seed_followups(province, with_users=with_users)
            seed_followups(commune, COMMUNE_FOLLOWUPS, with_users=with_users)
            # Sessions, sittings, agenda and speeches (invented too), logged by the Office.
            seed_sessions(province, with_users=with_users)
            # The coming session's documents, sent to the delegates (one late, one not yet).
            seed_session_documents(province)
            # Oversight programmes, activities, surveys, recommendations (on the sessions' resolutions),
            # explanation sessions and hearings (invented too).
            seed_oversight(province, with_users=with_users)
            # Voter meetings, receptions, opinions, petitions in every state and letters (invented too).
            seed_voters(province, with_users=with_users)
            # Training, group meetings, action programmes, evaluations and emulation (invented too).
            seed_delegate_work(province, with_users=with_users)
            seed_directives(province, with_users=with_users)
            # The Party delegation of the current term, its assigned fields and field reports.
            seed_party(province, with_users=with_users)
        # The scorecard's targets are reference data; the issued proactive report is demo content. The
        # figures are computed here once, at the end, not after every write (see ``handle``).
        seed_reports(province, with_users=with_users)
        seed_reports(commune, with_users=False)
        if with_users:
            # Last, once every record it tells of exists: the notices in the demo users' centres.
            seed_notifications(province)
        return logins


@contextmanager
def quiet_logger(name: str, level: int = logging.WARNING):
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(max(level, previous))
    try:
        yield
    finally:
        logger.setLevel(previous)


def followup_summary(council: Council) -> str:
    """One line on a council's follow-ups: how many, and how many open, overdue and closed."""
    items = FollowUp.objects.filter(council=council)
    line = _(
        "Follow-ups of %(council)s: %(total)s (open %(open)s, overdue %(overdue)s, awaiting verification "
        "%(awaiting)s, closed %(closed)s)"
    ) % {
        "council": council.short_name,
        "total": items.count(),
        "open": items.open().count(),
        "overdue": items.overdue(timezone.localdate()).count(),
        "awaiting": items.awaiting_verification().count(),
        "closed": items.closed().count(),
    }
    return f"  {line}"


class Command(BaseCommand):
    help = (
        "Load a demo council modelled on Đồng Tháp (province, 102 communes, terms X and XI, delegates, "
        "committees, agencies, holidays, deadline rules, a year of sessions, oversight, voters' work and "
        "follow-ups in every state) plus a commune council with a few follow-ups of its own, and demo users. "
        "Safe to run again: only missing rows are created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help=(
                "Load only the reference data (units, councils, terms, delegates, committees, agencies, "
                "calendar, deadline rules, scorecard targets): no user accounts and none of the invented "
                "petitions, follow-ups or sessions (the only mode allowed with DEBUG off)."
            ),
        )

    def handle(self, *args, no_users: bool = False, verbosity: int = 1, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                _(
                    "Refusing to create demo users while DEBUG is off: their password is public. "
                    "Run with --no-users to load the demo data without user accounts."
                )
            )
        before = {model: model.objects.count() for model in COUNTED_MODELS}
        # New follow-ups queue mail, and each commit kicks the outbox sweep (run in-process without Redis):
        # keep its per-task log lines out of the summary.
        # The demo's history is mailed to nobody (the demo logins have addresses, for what is done later).
        # The stored figures are refreshed once at the end (``seed_reports``), not scheduled after each of
        # the seed's thousands of writes.
        with (
            quiet_logger("celery.app.trace"),
            override_settings(SUMMARY_REFRESH_AFTER_WRITES=False),
            transaction.atomic(),
            mail_suppressed(),
        ):
            logins = Seeder().run(with_users=not no_users)
            # Two-factor sign-in is mandatory for the Office and the administrator: their authenticators are
            # made here, not only when printed, so a quiet run leaves nothing for the next one to add.
            keys = seed_authenticators([username for username, _name, _description in logins])
        if verbosity < 1:
            return
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo data (table: rows, new this run)")))
        for model in COUNTED_MODELS:
            total = model.objects.count()
            self.stdout.write(
                f"  {model._meta.verbose_name_plural!s:<32} {total:>5}  (+{total - before[model]})"
            )
        province = Council.objects.filter(code=council_named("province")["code"]).first()
        commune = Council.objects.filter(code=council_named("commune")["code"]).first()
        if province is not None:
            self.stdout.write(followup_summary(province))
            self.stdout.write(sessions_summary(province))
            self.stdout.write(oversight_summary(province))
            self.stdout.write(voters_summary(province))
            self.stdout.write(delegate_work_summary(province))
            self.stdout.write(directives_summary(province))
            self.stdout.write(party_summary(province))
            self.stdout.write(reports_summary(province))
            self.stdout.write(notifications_summary(province))
        if commune is not None:
            self.stdout.write(followup_summary(commune))
        if logins:
            self.stdout.write(
                self.style.MIGRATE_HEADING(_("Demo logins — password: %s") % settings.DEMO_PASSWORD)
            )
            for username, full_name, description in logins:
                self.stdout.write(f"  {username:<11} {full_name:<26} {description}")
            if keys:
                self.stdout.write(
                    self.style.MIGRATE_HEADING(
                        _(
                            "Two-factor sign-in keys (add one to an authenticator app, or print the current "
                            "code with `python manage.py demo_code <login>`)"
                        )
                    )
                )
                for username, key in keys:
                    self.stdout.write(f"  {username:<11} {key}")
