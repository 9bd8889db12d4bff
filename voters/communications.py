"""Communications work: the media products the council commissions and its outreach events."""

from typing import Any

from django.db import transaction

from council.models import Council, User
from council.services import record_save, record_update
from council.uploads import atomic_with_files, attach_file, replace_file

from .models import MediaProduct, OutreachEvent


@atomic_with_files
def media_create(*, actor: User | None, council: Council, upload=None, **data: Any) -> MediaProduct:
    product = MediaProduct(council=council, **data)
    attach_file(product, upload, prefix=f"media/{council.pk}")
    return record_save(product, actor=actor)


@atomic_with_files
def media_update(product, *, actor: User | None, upload=None, **data: Any):
    replace_file(product, upload, prefix=f"media/{product.council_id}", data=data)
    return record_update(product, actor=actor, **data)


@transaction.atomic
def event_create(*, actor: User | None, council: Council, **data: Any) -> OutreachEvent:
    return record_save(OutreachEvent(council=council, **data), actor=actor)
