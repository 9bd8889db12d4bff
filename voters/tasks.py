"""Voters' tasks: thin functions that load ids and call the services."""

from celery import shared_task


@shared_task
def import_check_task(job_id: int) -> bool:
    """Check a queued petition workbook and store its preview (a no-op when the job is not queued)."""
    from .import_jobs import import_check

    return import_check(job_id)


@shared_task
def import_apply_task(job_id: int) -> bool:
    """Write a confirmed petition workbook, every row or none (a no-op when the job is not queued)."""
    from .import_jobs import import_apply

    return import_apply(job_id)


@shared_task
def import_jobs_sweep_task() -> int:
    """Mark import jobs whose worker died as failed, expire old previews, queue again lost messages."""
    from .import_jobs import sweep

    return sweep()


@shared_task
def match_frequencies_task(council_id: int) -> int:
    """Recount the council's term frequencies for the duplicate finder."""
    from .matching.index import rebuild_frequencies

    return rebuild_frequencies(council_id)


@shared_task
def match_reindex_task(council_id: int) -> int:
    """Index the council's petitions again (after its synonyms changed) and recount."""
    from .matching.index import reindex_council

    return reindex_council(council_id)


@shared_task
def match_nightly_task() -> int:
    """Every night: index petitions not yet indexed and recount every council's term frequencies."""
    from .matching.index import nightly

    return nightly()


@shared_task
def classifier_train_task(council_id: int) -> bool:
    """Train the council's classifier of petitions again; say whether it has a field model now."""
    from .matching.classifier import classifier_train

    return classifier_train(council_id)["field"] is not None


@shared_task
def classifier_nightly_task() -> int:
    """Every night: train every council's classifier of petitions on what its Office classified."""
    from .matching.classifier import classifier_train_all

    return classifier_train_all()


@shared_task
def personal_data_anonymise_task() -> dict[str, int]:
    """Anonymise citizens' contact data past their retention period (voters/services/retention.py)."""
    from .services.retention import personal_data_anonymise

    return personal_data_anonymise()
