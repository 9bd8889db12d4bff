"""The catalogue: every kind is worded with exactly its values, names a subject someone may open, and reads
no field the personal-data registry marks."""

import re

import pytest
from django.apps import apps
from django.utils import translation

from council.personal_data import MARKS
from notifications.catalogue import KINDS
from reports.visibility import OPENERS

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("code", sorted(KINDS))
def test_each_kind_is_worded_with_its_declared_values_in_both_languages(code):
    kind = KINDS[code]
    declared = set(kind.fields) | set(kind.extra)
    for language in ("en", "vi"):
        with translation.override(language):
            assert set(PLACEHOLDER.findall(str(kind.text))) == declared, language
            assert str(kind.label)


def test_vietnamese_wording_is_translated():
    untranslated = []
    for code, kind in KINDS.items():
        with translation.override("en"):
            english = (str(kind.label), str(kind.text))
        with translation.override("vi"):
            if {str(kind.label), str(kind.text)} & set(english):
                untranslated.append(code)
    assert untranslated == []


@pytest.mark.parametrize("code", sorted(code for code, kind in KINDS.items() if kind.model))
def test_each_subject_says_who_may_open_it(code):
    assert KINDS[code].model in OPENERS


def test_no_kind_reads_a_personal_field():
    marked = {(mark.model, name) for mark in MARKS for name in mark.fields}
    found = []
    for code, kind in KINDS.items():
        for path in kind.fields.values():
            for alternative in filter(None, path.split("|")):
                model = apps.get_model(kind.model)
                for name in alternative.split("."):
                    if (model._meta.label, name) in marked:
                        found.append(f"{code}: {alternative}")
                    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
                    model = field.related_model or model
    assert found == []


@pytest.mark.parametrize("label", sorted(OPENERS))
def test_every_record_a_notice_or_a_calendar_may_name_has_a_page(label):
    """A notice opens its record's page (notifications:open redirects to get_absolute_url)."""
    model = apps.get_model(label)
    assert callable(getattr(model, "get_absolute_url", None)), label
