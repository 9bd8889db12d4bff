"""Reference lists: query budget, htmx results, search, pagination and filters."""

import pytest
from django.urls import reverse

from tests.council.factories import FieldFactory
from tests.council.reference_views.cases import CASES, ROUTES, SLUGS

pytestmark = pytest.mark.django_db


# Lists ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_list_query_count_does_not_grow_with_rows(client, office, council, slug, constant_queries):
    case = CASES[slug]
    few = 5 if case.max_rows >= 50 else 2

    def add(rows):
        for _ in rows:
            case.make(council)

    def shown():
        response = client.get(reverse(f"{ROUTES[slug]}_list"))
        assert response.status_code == 200
        return response.context["page"].paginator.count

    assert constant_queries(add, shown, few=few, many=case.max_rows) == (few, case.max_rows)


@pytest.mark.parametrize("slug", SLUGS)
def test_htmx_requests_get_only_the_results_table(client, office, council, slug):
    obj = CASES[slug].make(council)

    partial = client.get(
        reverse(f"{ROUTES[slug]}_list"), headers={"HX-Request": "true", "HX-Target": "crud-results"}
    )
    full = client.get(reverse(f"{ROUTES[slug]}_list"))

    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert "<table" in partial.text
    assert reverse(f"{ROUTES[slug]}_detail", args=[obj.pk]) in partial.text
    assert "<html" in full.text
    assert 'id="crud-results"' in full.text


def test_htmx_requests_for_another_target_get_the_whole_page(client, office, term):
    response = client.get(reverse("council:term_list"), headers={"HX-Request": "true", "HX-Target": "main"})

    assert "<html" in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_search_filters_rows(client, office, council, slug):
    wanted = CASES[slug].make(council, name="Giáo dục và Đào tạo")
    other = CASES[slug].make(council, name="Tài chính")

    response = client.get(reverse(f"{ROUTES[slug]}_list"), {"q": "dục"})

    assert list(response.context["page"].object_list) == [wanted]
    assert reverse(f"{ROUTES[slug]}_detail", args=[wanted.pk]) in response.text
    assert reverse(f"{ROUTES[slug]}_detail", args=[other.pk]) not in response.text


def test_search_with_no_match_says_so(client, office, term):
    response = client.get(reverse("council:term_list"), {"q": "không có gì"})

    assert response.context["page"].paginator.count == 0
    assert term.name not in response.text


def test_lists_are_paginated(client, office, council):
    for _ in range(30):
        FieldFactory(council=council)

    first = client.get(reverse("council:field_list"))
    second = client.get(reverse("council:field_list"), {"page": "2"})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_filters_narrow_the_list(client, office, council):
    active = FieldFactory(council=council, is_active=True)
    FieldFactory(council=council, is_active=False)

    response = client.get(reverse("council:field_list"), {"is_active": "True"})

    assert list(response.context["page"].object_list) == [active]
