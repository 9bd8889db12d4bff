"""Stored search texts are kept by one mechanism: record_save folds a model's SEARCH_FIELDS on every save."""

import pytest
from django.apps import apps

from council.services import record_save
from council.text import fold
from voters import services
from voters.models import Petition

pytestmark = pytest.mark.django_db


def test_every_model_with_a_search_text_declares_what_it_folds():
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if "search_text" in names and not model.__name__.startswith("Historical"):
            fields = getattr(model, "SEARCH_FIELDS", ())
            assert fields and set(fields) <= names, model


def test_the_search_text_follows_each_save_of_its_fields(council):
    petition = services.petition_create(
        actor=None, council=council, title="Đường sạt lở", text="Xin sửa đường"
    )
    assert petition.search_text == fold(f"{petition.code} Đường sạt lở Xin sửa đường")
    services.petition_update(petition, actor=None, title="Cầu yếu")
    petition.refresh_from_db()
    assert "cau yeu" in petition.search_text and "sat lo" not in petition.search_text
    petition.text = "Cầu Tân Hồng xuống cấp"
    record_save(petition, actor=None, update_fields=["text"])  # a save naming only the field
    petition.refresh_from_db()
    assert "xuong cap" in petition.search_text
    assert Petition.objects.filter(search_text__contains="tan hong").get() == petition
