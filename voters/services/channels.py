"""Writes for the council's outreach channels: the Office adds its own, renames, reorders and switches them
off; a channel's code never changes once a record uses it, and a channel is never deleted."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.services import record_save, record_update

from ..models import Channel, Letter, OutreachChannel, VoterOpinion, builtin_order


def channel_in_use(channel: OutreachChannel) -> bool:
    """Whether any record stores the channel's code (or a consultation went out through it)."""
    if channel.pk is None:
        return False
    council_id = channel.council_id
    return (
        VoterOpinion.objects.filter(council_id=council_id, channel=channel.code).exists()
        or Letter.objects.filter(council_id=council_id, channel=channel.code).exists()
        or channel.consultations.exists()
    )


@transaction.atomic
def channels_ensure_builtin(*, council: Council, actor: User | None = None) -> list[OutreachChannel]:
    """Write down the built-in channels the council does not have yet (idempotent; a council created after
    the channels became data has them implicitly until then)."""
    have = set(OutreachChannel.objects.filter(council=council).values_list("code", flat=True))
    return [
        record_save(
            OutreachChannel(council=council, code=code, kind=code, order=builtin_order(code)), actor=actor
        )
        for code in Channel.values
        if code not in have
    ]


@transaction.atomic
def channel_create(*, actor: User | None, council: Council, **data: Any) -> OutreachChannel:
    """Add a channel of the Office's own (or write down a built-in one under its code)."""
    data["code"] = (data.get("code") or "").strip().lower()
    if OutreachChannel.objects.filter(council=council, code=data["code"]).exists():
        raise ValidationError({"code": _("The council already has a channel with this code.")})
    if data["code"] in Channel.values:
        data["kind"] = data["code"]
    return record_save(OutreachChannel(council=council, **data), actor=actor)


@transaction.atomic
def channel_update(channel: OutreachChannel, *, actor: User | None, **data: Any) -> OutreachChannel:
    """Change a channel; its code only while nothing uses it (a built-in channel's code and kind never)."""
    code = data.get("code")
    if code is not None:
        code = data["code"] = code.strip().lower()
        if code != channel.code:
            if channel.builtin or channel_in_use(channel):
                raise ValidationError(
                    {"code": _("The code cannot change: records already use this channel.")}
                )
            if OutreachChannel.objects.filter(council_id=channel.council_id, code=code).exists():
                raise ValidationError({"code": _("The council already has a channel with this code.")})
    if channel.builtin:
        data.pop("kind", None)
    return record_update(channel, actor=actor, **data)
