import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from council.models import Council, FollowUp
from council.models.followups import SourceKind
from delegates.models import GroupMembership
from reports import bench
from sessions.models import Commitment, Interpellation, Speech
from voters.models import Petition, VoterOpinion

pytestmark = pytest.mark.django_db


def test_the_bench_generator_writes_consistent_relations(capsys):
    call_command("seed_bench", "--councils", "4", "--years", "2")
    scale = bench.Scale(councils=4, years=2)
    assert Council.objects.count() == 4
    assert Petition.objects.count() == scale.petitions
    assert Interpellation.objects.count() == scale.interpellations
    # Every follow-up has its source, in the follow-up's own council.
    for kind, model in ((SourceKind.PETITION, Petition), (SourceKind.COMMITMENT, Commitment)):
        items = FollowUp.objects.filter(source_kind=kind)
        sources = model.objects.in_bulk(list(items.values_list("source_id", flat=True)))
        assert items.exists() and all(f.source_id in sources for f in items)
    assert not FollowUp.objects.filter(source_id__isnull=True).exists()
    assert not FollowUp.objects.filter(due_date__lt=F("assigned_date")).exists()
    petition_councils = dict(Petition.objects.values_list("pk", "council_id"))
    assert all(
        petition_councils[f.source_id] == f.council_id
        for f in FollowUp.objects.filter(source_kind=SourceKind.PETITION)
    )
    # Every speech has a mandate of the sitting's term; every petition its opinions.
    assert Speech.objects.exists()
    assert not Speech.objects.exclude(mandate__term=F("sitting__session__term")).exists()
    assert not Petition.objects.annotate(n=Count("opinions")).filter(n=0).exists()
    assert VoterOpinion.objects.count() >= Petition.objects.count()
    assert GroupMembership.objects.count() == sum(
        1 for _ in GroupMembership.objects.values("mandate").distinct()
    )
    assert Petition.objects.filter(received_on__gt=timezone.localdate()).count() == 0
    # A second run finds the set there.
    call_command("seed_bench", "--councils", "4", "--years", "2")
    assert "already loaded" in capsys.readouterr().out
    assert Petition.objects.count() == scale.petitions


def test_the_bench_generator_refuses_a_database_with_other_data(council):
    with pytest.raises(CommandError, match="not bench data"):
        call_command("seed_bench", "--councils", "3", "--years", "1")
    assert not Petition.objects.exists()


def test_the_country_set_is_written_province_by_province_and_resumes_after_an_interruption(
    monkeypatch, capsys
):
    country = bench.CountryScale(provinces=3, communes=4, years=1)
    args = ("seed_bench", "--scale", "country", "--provinces", "3", "--communes", "4", "--years", "1")
    real_run = bench.Generator.run

    def interrupted(generator, password, *, users=True):
        if generator.scale.index == 2:
            raise KeyboardInterrupt  # the operator stops the load while the third province is written
        return real_run(generator, password, users=users)

    monkeypatch.setattr(bench.Generator, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        call_command(*args)
    # The two provinces written are whole; nothing of the third was kept.
    assert Council.objects.filter(level=Council.Level.PROVINCE).count() == 2
    assert Petition.objects.count() == country.province(0).petitions + country.province(1).petitions
    monkeypatch.setattr(bench.Generator, "run", real_run)
    call_command(*args)
    assert "2 provinces already loaded" in capsys.readouterr().out
    assert Council.objects.filter(code__startswith=bench.PREFIX).count() == 3 + 4
    assert Petition.objects.count() == country.petitions
    assert sorted(Council.objects.filter(level=Council.Level.PROVINCE).values_list("code", flat=True)) == [
        "bench-province",
        "bench-province-02",
        "bench-province-03",
    ]
    # Communes shared 2, 1, 1; each with its parent province, the first province's users in it and its first
    # commune.
    assert [country.province(i).councils for i in range(3)] == [3, 2, 2]
    first_commune = Council.objects.get(code="bench-01-001")
    assert first_commune.parent.code == bench.PROVINCE_CODE
    assert set(first_commune.role_assignments.values_list("user__username", flat=True)) == {
        "bench_commune_office",
        "bench_commune_leader",
        "bench_commune_delegate",
    }
    assert not Council.objects.get(code="bench-province-02").role_assignments.exists()
    call_command(*args)
    assert "already loaded; nothing to do" in capsys.readouterr().out


def test_the_country_set_is_deterministic_for_a_seed():
    args = ("seed_bench", "--scale", "country", "--provinces", "2", "--communes", "2", "--years", "1")
    columns = ("code", "title", "received_on", "council__code", "agency__name", "voters_count")
    with transaction.atomic():
        call_command(*args)
        first = list(Petition.objects.order_by("code").values_list(*columns))
        transaction.set_rollback(True)
    call_command(*args)
    again = list(Petition.objects.order_by("code").values_list(*columns))
    assert first == again and len(first) == bench.CountryScale(provinces=2, communes=2, years=1).petitions


def test_the_country_set_is_not_written_over_a_province_set():
    call_command("seed_bench", "--councils", "2", "--years", "1")
    with pytest.raises(CommandError, match="different bench data set"):
        call_command(
            "seed_bench", "--scale", "country", "--provinces", "1", "--communes", "1", "--years", "1"
        )
    assert Council.objects.count() == 2
