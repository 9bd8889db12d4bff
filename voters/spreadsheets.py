"""The petition workbook moved to voters/intake/petitions.py; these names stay importable from here."""

from .intake.petitions import (  # noqa: F401 - re-exported for callers written before the split
    COLUMNS,
    NEW,
    PREVIEW_ROWS,
    ImportPlan,
    ImportResult,
    apply_import,
    import_petitions,
    petitions_xlsx,
    plan_import,
    text_limits,
)
