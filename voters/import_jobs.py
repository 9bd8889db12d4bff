"""Workbook imports as background jobs: the check (preview) and the write run as tasks.

One machinery for every kind of import (``BackgroundJob.kind``): the petition workbook, and a meeting's
opinions (``job.params["meeting"]``); ``WORK`` says, per kind, how to check a file, what its preview is and
how to write it.

The upload is kept in private storage and a BackgroundJob row is queued; ``import_check_task`` reads the
file, checks every row and stores the preview (counts, the rows that change, the row errors) on the job;
the confirmation queues ``import_apply_task``, which checks the file again and, if it still does what the
preview showed, writes every row or none. The page polls the row and shows its progress. Neither step runs
inside a request, so a 3,000-row import never meets gunicorn's timeout.

A run whose worker died leaves its row RUNNING with a stale heartbeat: the sweep (beat, and every look at
the job page) marks it failed with a clear message; nothing was written, as the write is one transaction.
"""

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.models import BackgroundJob, Council, User
from council.queue import enqueue
from council.uploads import inspect_upload, private_storage

from .intake import messages, opinions, petitions

logger = logging.getLogger(__name__)

KIND = BackgroundJob.Kind.PETITION_IMPORT
State, Phase = BackgroundJob.State, BackgroundJob.Phase

JOB_PREFIX = "imports/jobs"
# A run renews its heartbeat at least every PROGRESS_EVERY rows; one older than this died with its worker.
STALE_AFTER = dt.timedelta(minutes=2)
# A queued job whose message was lost (broker down) is queued again after this.
QUEUED_STALE_AFTER = dt.timedelta(minutes=2)
# A checked file waits this long for its confirmation (long enough for any check, and a lunch break).
PREVIEW_KEPT = dt.timedelta(hours=24)


def jobs_visible_to(council: Council, kind: str = KIND):
    """The council's import jobs of one kind (the view has already required the Office's right)."""
    return BackgroundJob.objects.filter(council=council, kind=kind)


# --- Starting, confirming, cancelling (the web side) -------------------------------------------------------


def import_start(
    *, council: Council, actor: User | None, upload, kind: str = KIND, params: dict | None = None
) -> BackgroundJob:
    """Keep the upload privately and queue its check; return the job. ValidationError for a bad file."""
    if kind not in WORK:
        raise ValueError(f"No import of kind {kind!r}")
    # Size and type at once: a wrong file is refused on the form, not later.
    if inspect_upload(upload).kind != "xlsx":
        raise ValidationError(_("The file could not be read as an Excel workbook."))
    upload.seek(0)
    path = private_storage.save(f"{JOB_PREFIX}/{secrets.token_urlsafe(18)}.xlsx", upload)
    try:
        with transaction.atomic():
            job = BackgroundJob.objects.create(
                council=council,
                kind=kind,
                params=params or {},
                phase=Phase.CHECK,
                state=State.QUEUED,
                step=_("Waiting to be checked"),
                file_name=(getattr(upload, "name", "") or "")[:255],
                file_path=path,
                created_by=actor,
            )
            _queue(job)
    except Exception:
        private_storage.delete(path)
        raise
    return job


def _queue(job: BackgroundJob) -> None:
    task = "voters.tasks.import_check_task" if job.phase == Phase.CHECK else "voters.tasks.import_apply_task"
    # The row is queued in the database: if the broker is down, the sweep queues it again.
    enqueue(task, job.pk)


def _expired_message() -> str:
    return _("The checked file has expired or was already imported: choose it again.")


@transaction.atomic
def import_confirm(job: BackgroundJob, *, actor: User | None, digest: str) -> BackgroundJob:
    """Queue the write of a checked file, if the preview the user confirmed is still the job's."""
    job = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if job.phase == Phase.APPLY and job.state in (State.QUEUED, State.RUNNING, State.DONE):
        return job  # a second click on Confirm: the write is already under way
    preview = job.result or {}
    if job.phase != Phase.CHECK or job.state != State.DONE or preview.get("errors") or not job.file_path:
        raise ValidationError(_expired_message())
    if not digest or not secrets.compare_digest(
        str(preview.get("digest", "")).encode(), str(digest).encode("utf-8", "replace")
    ):
        raise ValidationError(_("The check changed since this page was shown: review it again."))
    if not (preview.get("created") or preview.get("changed")):
        raise ValidationError(_("Nothing to import: every row is unchanged."))
    job.phase, job.state, job.progress, job.error = Phase.APPLY, State.QUEUED, 0, ""
    job.step = _("Waiting to be written")
    job.save(update_fields=["phase", "state", "progress", "step", "error", "updated_at"])
    _queue(job)
    return job


@transaction.atomic
def import_cancel(job: BackgroundJob, *, actor: User | None) -> BackgroundJob:
    """Drop a job that has not started writing, and its file; nothing is written."""
    job = BackgroundJob.objects.select_for_update().get(pk=job.pk)
    if job.phase == Phase.APPLY and job.state in (State.QUEUED, State.RUNNING, State.DONE):
        raise ValidationError(_("The import is already being written; it can no longer be cancelled."))
    if job.state in (State.QUEUED, State.RUNNING, State.DONE):
        job.state, job.step = State.CANCELLED, _("Cancelled; nothing was written.")
        job.run_token = ""  # a check still running finds the job taken from it and stops
        job.save(update_fields=["state", "step", "run_token", "updated_at"])
    _delete_file(job)
    return job


# --- The runs (the task side) ------------------------------------------------------------------------------


def _claim(job_id: int, phase: str) -> str | None:
    """Take a queued job's run; the run's token, or None when someone else holds it or it is not queued."""
    token = secrets.token_hex(16)
    taken = BackgroundJob.objects.filter(pk=job_id, phase=phase, state=State.QUEUED).update(
        state=State.RUNNING,
        run_token=token,
        heartbeat=timezone.now(),
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    return token if taken else None


def _live_key(job_id: int) -> str:
    return f"job-live:{job_id}"


class _Progress:
    """Report a run's progress: on the row (durable, also the heartbeat) or, inside the write's transaction
    (where an update of the row would be invisible until the commit), in the cache."""

    def __init__(self, job_id: int, token: str, *, start: int = 0, end: int = 100):
        self.job_id, self.token, self.start, self.end = job_id, token, start, end
        self.in_cache = False

    def part(self, start: int, end: int, *, in_cache: bool = False) -> "_Progress":
        part = _Progress(self.job_id, self.token, start=start, end=end)
        part.in_cache = in_cache
        return part

    def __call__(self, percent: int, step: str) -> None:
        percent = self.start + max(0, min(100, percent)) * (self.end - self.start) // 100
        step = str(step)[:200]
        if self.in_cache:
            cache.set(_live_key(self.job_id), {"progress": percent, "step": step, "at": timezone.now()}, 3600)
            return
        BackgroundJob.objects.filter(pk=self.job_id, run_token=self.token, state=State.RUNNING).update(
            progress=percent, step=step, heartbeat=timezone.now()
        )


class _Heartbeat:
    """Renew a write's heartbeat on the row from a thread (its own connection) while the write's transaction
    runs, so a long write never looks dead even without the cache. Not on SQLite, whose one writer is the
    write itself (there, in the quick start, the cache in the same process carries the heartbeat)."""

    EVERY = 20

    def __init__(self, job_id: int, token: str):
        self.job_id, self.token = job_id, token
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"import-{job_id}-heartbeat", daemon=True)
        self.enabled = connection.vendor != "sqlite"

    def _beat(self) -> None:
        try:
            while not self.stop.wait(self.EVERY):
                try:
                    BackgroundJob.objects.filter(
                        pk=self.job_id, run_token=self.token, state=State.RUNNING
                    ).update(heartbeat=timezone.now())
                except Exception:  # a missed beat is retried; the write itself decides
                    logger.warning(
                        "Could not renew the heartbeat of import job %s", self.job_id, exc_info=True
                    )
        finally:
            connection.close()  # the thread's own connection

    def __enter__(self):
        if self.enabled:
            self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self.stop.set()
            self.thread.join(timeout=self.EVERY + 5)


def _finish(job_id: int, token: str, **fields) -> bool:
    """Record a run's outcome, if the run still holds the job (it may have been cancelled or swept)."""
    fields.setdefault("heartbeat", timezone.now())
    done = BackgroundJob.objects.filter(pk=job_id, run_token=token, state=State.RUNNING).update(
        updated_at=timezone.now(), **fields
    )
    cache.delete(_live_key(job_id))
    return bool(done)


def _petition_preview(plan: petitions.ImportPlan) -> dict:
    """What the page shows of a plan (JSON): the counts, the digest and the first rows that matter."""
    rows = []
    labels = {str(label): label for _key, label in petitions.COLUMNS}  # a column's name, shown translated
    for item in plan.shown[: petitions.PREVIEW_ROWS]:
        rows.append(
            {
                "number": item.number,
                "action": item.action,
                "petition": item.petition.pk if item.petition else None,
                "code": item.petition.code if item.petition else "",
                "title": item.row.get("title", "") if item.action == petitions.NEW else "",
                "diffs": [[messages.dump(labels.get(label, label)), *rest] for label, *rest in item.diffs],
                "notes": [messages.dump(note) for note in item.notes],
            }
        )
    return {
        "created": plan.created,
        "changed": plan.changed,
        "unchanged": plan.unchanged,
        "digest": plan.digest(),
        "rows": rows,
        "listed_of": len(plan.shown),
        "errors": [],
    }


def _petition_apply(plan: petitions.ImportPlan, job: BackgroundJob, progress) -> dict:
    result = petitions.apply_import(plan, council=job.council, actor=job.created_by, progress=progress)
    return {
        "created": result.created,
        "changed": result.changed,
        "unchanged": result.unchanged,
        "written": [
            {"petition": pk, "code": code, "action": action}
            for pk, code, action in result.written[: petitions.PREVIEW_ROWS]
        ],
    }


def _opinion_apply(plan: opinions.OpinionPlan, job: BackgroundJob, progress) -> dict:
    written = opinions.apply_import(plan, actor=job.created_by, progress=progress)
    return {"created": len(written), "skipped": plan.skipped, "meeting": plan.meeting.pk}


@dataclass(frozen=True)
class Work:
    """How one kind of import checks a file, shows its plan and writes it."""

    plan: Callable  # (file, job, progress) -> a plan with digest(); ValidationError listing the row errors
    preview: Callable  # plan -> the JSON the job page shows (with "created", "digest", "errors")
    apply: Callable  # (plan, job, progress) -> the JSON of what was written, inside the write's transaction
    writing: str  # the step shown while the rows are written


WORK: dict[str, Work] = {
    BackgroundJob.Kind.PETITION_IMPORT: Work(
        plan=lambda file, job, progress: petitions.plan_import(file, council=job.council, progress=progress),
        preview=_petition_preview,
        apply=_petition_apply,
        writing=gettext_lazy("Writing the petitions"),
    ),
    BackgroundJob.Kind.OPINION_IMPORT: Work(
        plan=lambda file, job, progress: opinions.plan_import(
            file, meeting=opinions.meeting_of(job), progress=progress
        ),
        preview=opinions.preview,
        apply=_opinion_apply,
        writing=gettext_lazy("Writing the opinions"),
    ),
}


def _plan(job: BackgroundJob, progress):
    try:
        stored = private_storage.open(job.file_path, "rb")
    except (FileNotFoundError, ValueError) as error:
        raise ValidationError(_expired_message()) from error
    with stored:
        return WORK[job.kind].plan(stored, job, progress)


def import_check(job_id: int) -> bool:
    """Check a queued job's file and store its preview or its row errors; False if there was nothing to do."""
    token = _claim(job_id, Phase.CHECK)
    if token is None:
        return False
    job = BackgroundJob.objects.select_related("council").get(pk=job_id)
    progress = _Progress(job_id, token)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            plan = _plan(job, progress)
        except ValidationError as error:
            if _finish(
                job_id,
                token,
                state=State.DONE,
                progress=100,
                step=_("Checked: nothing can be imported."),
                # Stored as msgids and parameters: the page shows them in its reader's language.
                result={"errors": [messages.dump(m) for m in messages.error_messages(error)]},
            ):
                _delete_file(job)
            return True
        except Exception:
            logger.exception("The check of import job %s failed", job_id)
            if _finish(
                job_id,
                token,
                state=State.FAILED,
                error=_(
                    "The check stopped on an unexpected error; nothing was written. "
                    "Try again, or tell the administrator."
                ),
            ):
                _delete_file(job)
            return True
        _finish(
            job_id,
            token,
            state=State.DONE,
            progress=100,
            step=_("Checked."),
            result=WORK[job.kind].preview(plan),
        )
    return True


class _Taken(Exception):
    """The job was taken from this run (swept as dead, or cancelled): roll its writes back."""


def import_apply(job_id: int) -> bool:
    """Check a confirmed job's file again and write it, every row or none; record the outcome."""
    token = _claim(job_id, Phase.APPLY)
    if token is None:
        return False
    job = BackgroundJob.objects.select_related("council", "created_by").get(pk=job_id)
    progress = _Progress(job_id, token)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            plan = _plan(job, progress.part(0, 30))
            if plan.digest() != (job.result or {}).get("digest"):
                # Someone changed the petitions since the preview: show what the import would do now.
                preview = WORK[job.kind].preview(plan)
                preview["moved"] = True
                _finish(
                    job_id,
                    token,
                    phase=Phase.CHECK,
                    state=State.DONE,
                    progress=100,
                    step=_("Checked again."),
                    result=preview,
                )
                return True
            progress(30, WORK[job.kind].writing)
            with _Heartbeat(job_id, token), transaction.atomic():
                outcome = dict(job.result or {})
                outcome["imported"] = WORK[job.kind].apply(plan, job, progress.part(30, 100, in_cache=True))
                # The outcome is recorded in the same transaction: if the sweep took the job meanwhile
                # (its heartbeat looked stale), the rows are rolled back with it, never written unrecorded.
                if not _finish(
                    job_id, token, state=State.DONE, progress=100, step=_("Imported."), result=outcome
                ):
                    raise _Taken
        except _Taken:
            return True
        except ValidationError as error:
            failure = _("Nothing was imported: %(reason)s") % {"reason": " ".join(error.messages)}
        except Exception:
            logger.exception("The write of import job %s failed", job_id)
            failure = _(
                "The import stopped on an unexpected error; nothing was written. "
                "Try again, or tell the administrator."
            )
        else:
            _delete_file(job)
            return True
        if _finish(job_id, token, state=State.FAILED, error=failure):
            _delete_file(job)
    return True


def _delete_file(job: BackgroundJob) -> None:
    if job.file_path:
        private_storage.delete(job.file_path)
        BackgroundJob.objects.filter(pk=job.pk).update(file_path="")
        job.file_path = ""


# --- What a look at the job shows, and the sweep -----------------------------------------------------------


def live(job: BackgroundJob) -> BackgroundJob:
    """The job with the progress a write in progress keeps in the cache (its row changes only at the end)."""
    if job.state == State.RUNNING and job.phase == Phase.APPLY:
        current = cache.get(_live_key(job.pk))
        if current and current.get("progress", 0) >= job.progress:
            job.progress, job.step = current["progress"], current["step"]
            if job.heartbeat is None or current["at"] > job.heartbeat:
                job.heartbeat = current["at"]
    return job


def _preview_expired(job: BackgroundJob, now) -> bool:
    return (
        job.state == State.DONE
        and job.phase == Phase.CHECK
        and bool(job.file_path)
        and job.updated_at < now - PREVIEW_KEPT
    )


def sweep_job(job: BackgroundJob, *, now=None) -> BackgroundJob:
    """Mark the job failed if its worker died, expire an old preview, queue again a lost message."""
    now = now or timezone.now()
    job = live(job)
    if job.state == State.RUNNING and (job.heartbeat is None or job.heartbeat < now - STALE_AFTER):
        message = _(
            "The work stopped without finishing (its worker was interrupted); nothing was written. "
            "Choose the file again."
        )
        if BackgroundJob.objects.filter(pk=job.pk, state=State.RUNNING, run_token=job.run_token).update(
            state=State.FAILED, error=message, run_token="", updated_at=now
        ):
            logger.warning("Import job %s had a stale heartbeat: marked failed", job.pk)
            cache.delete(_live_key(job.pk))
            _delete_file(job)
            job.state, job.error = State.FAILED, message
    elif job.state == State.QUEUED and job.updated_at < now - QUEUED_STALE_AFTER:
        BackgroundJob.objects.filter(pk=job.pk, state=State.QUEUED).update(updated_at=now)
        _queue(job)  # a run already queued claims it first; the other one is a no-op
    elif _preview_expired(job, now) and BackgroundJob.objects.filter(
        pk=job.pk, state=State.DONE, phase=Phase.CHECK
    ).update(state=State.FAILED, error=_expired_message(), updated_at=now):
        _delete_file(job)
        job.state, job.error = State.FAILED, _expired_message()
    return job


def sweep(now=None) -> int:
    """The periodic sweep of every council's import jobs; how many it looked at. Idempotent."""
    now = now or timezone.now()
    candidates = BackgroundJob.objects.filter(kind__in=list(WORK)).filter(
        Q(state=State.RUNNING, heartbeat__lt=now - STALE_AFTER)
        | Q(state=State.RUNNING, heartbeat__isnull=True)
        | Q(state=State.QUEUED, updated_at__lt=now - QUEUED_STALE_AFTER)
        | (Q(state=State.DONE, phase=Phase.CHECK, updated_at__lt=now - PREVIEW_KEPT) & ~Q(file_path=""))
    )
    count = 0
    for job in candidates.iterator():
        with translation.override(settings.LANGUAGE_CODE):
            sweep_job(job, now=now)
        count += 1
    return count
