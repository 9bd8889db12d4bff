"""The Office's own outreach channel (the council's Facebook page) with a few opinions through it, and two
consultations of the people on draft resolutions: one closed, counted and linked to the resolution adopted,
one open. Looked up by code, external id and title, so a second run creates nothing."""

import datetime as dt

from django.utils import timezone

from council.models import Council
from demo.voters.specs import external
from sessions.models import Resolution
from voters import services
from voters.models import Channel, Consultation, OutreachChannel, VoterOpinion

FACEBOOK = "facebook"
FACEBOOK_OPINIONS = [
    (
        "fb-01",
        12,
        "Đề nghị sớm sửa chữa đoạn đường ĐT 845 qua xã Mỹ An, nhiều ổ gà gây mất an toàn giao thông.",
        4,
    ),
    ("fb-02", 20, "Cử tri phản ánh tình trạng xả rác thải xuống kênh Nguyễn Văn Tiếp gây ô nhiễm.", 2),
    ("fb-03", 33, "Đề nghị tăng thời gian tiếp nhận hồ sơ trực tuyến của bộ phận một cửa vào thứ Bảy.", 1),
]
CLOSED_TITLE = "Dự thảo Nghị quyết quy định mức hỗ trợ học phí cho học sinh trên địa bàn tỉnh"
OPEN_TITLE = "Dự thảo Nghị quyết quy định một số chính sách hỗ trợ phát triển kinh tế tập thể"


def seed_outreach(province: Council, *, office) -> None:
    today = timezone.localdate()
    services.channels_ensure_builtin(council=province, actor=office)
    facebook = OutreachChannel.objects.filter(council=province, code=FACEBOOK).first()
    if facebook is None:
        facebook = services.channel_create(
            actor=office,
            council=province,
            code=FACEBOOK,
            name="Trang Facebook HĐND tỉnh",
            description="Trang thông tin chính thức của HĐND tỉnh; Văn phòng tiếp nhận ý kiến qua tin nhắn.",
            kind="",
            order=95,
            started_on=today - dt.timedelta(days=120),
        )
    have = set(
        VoterOpinion.objects.filter(council=province, channel=FACEBOOK).values_list("external_id", flat=True)
    )
    for key, days, text, voters in FACEBOOK_OPINIONS:
        if external(key) not in have:
            services.opinion_add(
                actor=office,
                council=province,
                channel=FACEBOOK,
                text=text,
                voters_count=voters,
                received_on=today - dt.timedelta(days=days),
                external_id=external(key),
            )
    channels = {c.code: c for c in OutreachChannel.objects.filter(council=province)}
    if not Consultation.objects.filter(council=province, title=CLOSED_TITLE).exists():
        _closed(
            province,
            office,
            [channels[c] for c in (Channel.WEB, Channel.CONSULTATION, Channel.POST)] + [facebook],
        )
    if not Consultation.objects.filter(council=province, title=OPEN_TITLE).exists():
        opened = services.consultation_create(
            actor=office,
            council=province,
            title=OPEN_TITLE,
            start_date=today - dt.timedelta(days=10),
            end_date=today + dt.timedelta(days=20),
            channels=[channels[Channel.WEB], channels[Channel.ZALO], facebook],
        )
        services.consultation_open(opened, actor=office)
        services.consultation_counts_save(
            opened, actor=office, counts={channels[Channel.WEB]: 37, facebook: 58}
        )


def _closed(province: Council, office, channels) -> None:
    today = timezone.localdate()
    resolution = (
        Resolution.objects.filter(council=province, adopted_on__isnull=False, adopted_on__lte=today)
        .order_by("-adopted_on", "-pk")
        .first()
    )
    end = (resolution.adopted_on if resolution else today) - dt.timedelta(days=20)
    consultation = services.consultation_create(
        actor=office,
        council=province,
        title=CLOSED_TITLE,
        start_date=end - dt.timedelta(days=30),
        end_date=end,
        channels=channels,
    )
    services.consultation_open(consultation, actor=office)
    services.consultation_close(
        consultation,
        actor=office,
        summary=(
            "Đa số ý kiến thống nhất với dự thảo; đề nghị mở rộng đối tượng hỗ trợ cho học sinh vùng sâu, "
            "vùng xa và làm rõ thủ tục chi trả. Ban soạn thảo đã tiếp thu, chỉnh lý Điều 3 và Điều 5."
        ),
        counts=dict(zip(channels, (214, 35, 12, 96), strict=True)),
    )
    if resolution is not None:
        services.consultation_link_resolution(consultation, actor=office, resolution=resolution)
