import pytest
from django.core.management import CommandError, call_command
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
