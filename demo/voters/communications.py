"""Media products and outreach events of the year (``demo/data/voters.json``: ``media`` and ``events``),
dated back from the day of the run and looked up by topic or title, through ``voters.communications``."""

import datetime as dt

from django.utils import timezone

from council.models import Council
from demo.loader import scenario
from voters import communications
from voters.models import MediaProduct, OutreachEvent


def seed_communications(province: Council, *, office) -> None:
    today = timezone.localdate()
    plan = scenario("voters")
    for row in plan["media"]:
        if not MediaProduct.objects.filter(council=province, topic=row["topic"]).exists():
            communications.media_create(
                actor=office,
                council=province,
                kind=row["kind"],
                outlet=row["outlet"],
                topic=row["topic"],
                published_on=today - dt.timedelta(days=row["day"]),
                cost=row.get("cost"),
            )
    for row in plan["events"]:
        if not OutreachEvent.objects.filter(council=province, title=row["title"]).exists():
            communications.event_create(
                actor=office,
                council=province,
                title=row["title"],
                date=today - dt.timedelta(days=row["day"]),
                place=row["place"],
                attendance=row["attendance"],
                participants=row["participants"],
            )
