"""record_save validates like full_clean, without re-reading a related record the service already holds."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from council.models import Council, Field
from council.services import record_save
from tests.council.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_a_related_record_in_hand_is_not_looked_up_again(council):
    field = Field(council=council, code="dat-dai", name="Đất đai")
    with CaptureQueriesContext(connection) as saved:
        record_save(field, actor=None)
    table = Council._meta.db_table
    lookups = [q["sql"] for q in saved.captured_queries if f'FROM "{table}"' in q["sql"]]
    assert lookups == []
    assert Field.objects.filter(council=council, code="dat-dai").exists()


def test_a_related_record_given_by_id_alone_must_exist(council):
    field = Field(council_id=council.pk + 1000, code="y-te", name="Y tế")
    with pytest.raises(ValidationError) as refused:
        record_save(field, actor=None)
    assert "council" in refused.value.message_dict
    assert not Field.objects.filter(code="y-te").exists()


def test_a_related_record_made_in_memory_is_still_checked(council):
    field = Field(council=CouncilFactory.build(), code="giao-duc", name="Giáo dục")
    with pytest.raises((ValidationError, ValueError)):
        record_save(field, actor=None)
    assert not Field.objects.filter(code="giao-duc").exists()


def test_uniqueness_and_field_rules_still_hold_with_a_related_record_in_hand(council):
    record_save(Field(council=council, code="giao-thong", name="Giao thông"), actor=None)
    with pytest.raises(ValidationError) as refused:
        record_save(Field(council=council, code="giao-thong", name="Giao thông vận tải"), actor=None)
    assert "__all__" in refused.value.message_dict or "code" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        record_save(Field(council=council, code="khac", name=""), actor=None)
    assert "name" in refused.value.message_dict
    assert Field.objects.filter(council=council).count() == 1
