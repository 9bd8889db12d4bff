from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Council core")

    def ready(self):
        from functools import partial

        from django.core.signals import request_finished, request_started

        from .observability import init_error_tracking
        from .resilience import mark_request

        # In the quick start, tasks queued while serving a request run on a background thread (resilience).
        request_started.connect(partial(mark_request, True), weak=False, dispatch_uid="hdnd-request-started")
        request_finished.connect(
            partial(mark_request, False), weak=False, dispatch_uid="hdnd-request-finished"
        )
        init_error_tracking()

        # Integer ``__in`` lookups drop ids beyond the column's range instead of failing (council/lookups.py).
        from .lookups import register as register_bounded_lookups

        register_bounded_lookups()

        # Failed passwords, lockouts and sign-outs go to the sign-in log (council/signin_middleware.py).
        from .signin_middleware import connect_signin_log

        connect_signin_log()
