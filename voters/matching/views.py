"""The Office's synonym list for the duplicate finder: list, add, edit, remove, and start from the default
list."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.forms.base import CouncilModelForm
from council.permissions import can_manage_records, role_required
from council.views.viewsets import ReferenceViewSet

from . import services
from .models import Synonym


class SynonymForm(CouncilModelForm):
    class Meta:
        model = Synonym
        fields = ["phrases", "note"]
        widgets = {"phrases": forms.Textarea(attrs={"rows": 3})}


class SynonymViewSet(ReferenceViewSet):
    model = Synonym
    form_class = SynonymForm
    slug = "synonym"
    columns = ["phrases", "note"]
    search_fields = ["phrases", "note"]
    list_template = "voters/synonym_list.html"
    detail_template = "voters/synonym_detail.html"

    create_service = staticmethod(services.synonym_create)
    update_service = staticmethod(services.synonym_update)


SYNONYMS = SynonymViewSet()


@require_POST
@role_required(can_manage_records)
def synonym_delete(request, pk):
    """Remove a synonym group; the council's petitions are indexed again without it."""
    synonym = get_object_or_404(SYNONYMS.get_queryset(request), pk=pk)
    services.synonym_delete(synonym, actor=request.user)
    messages.success(request, _("Removed from the synonyms: %(group)s.") % {"group": synonym})
    return redirect("voters:synonym_list")


@require_POST
@role_required(can_manage_records)
def synonyms_load_defaults(request):
    """Add the groups of the default list that the council does not have yet."""
    added = services.synonyms_load_defaults(actor=request.user, council=request.council)
    if added:
        messages.success(request, _("%(n)s groups of the default list were added.") % {"n": added})
    else:
        messages.info(request, _("The council already has every group of the default list."))
    return redirect("voters:synonym_list")
