"""Serving a record's stored file: only to who may open the record, and never a file holding personal data
to a viewer who may not see it.

A view that serves a file declares the record page it belongs to with ``@file_of(...)``. The view fetches
the record through the same check as that page (``Crud.viewable`` or the page's own visibility
function) and answers with ``record_file_response``. The URL-walking privacy test reads the declaration and
checks, for every role and record, that a page answered 403/404 means its file is 403/404 too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from council import personal_data
from council.uploads import attachment_response


@dataclass(frozen=True)
class FileOf:
    """The record a file view serves a file of, and the pages of that record (one per audience)."""

    model: str  # "app_label.ModelName" of the record the URL's pk names
    pages: tuple[str, ...]  # URL names of the record's pages: who may open any of them may have the file
    page_kwargs: Callable  # record -> kwargs of the pages' URLs


def file_of(model: str, *pages: str, page_kwargs: Callable | None = None):
    """Declare that a view serves the file of a ``model`` record whose page is one of ``pages``."""

    def decorate(view):
        view.file_of = FileOf(model, pages, page_kwargs or (lambda record: {"pk": record.pk}))
        return view

    return decorate


def record_file_response(record, *, path_field: str = "path", name: str | None = None, content_type=None):
    """The record's file as a download; 404 if it has none or it is personal data the viewer may not see."""
    path = getattr(record, path_field, "")
    if not path or not personal_data.current().sees(record, path_field):
        raise Http404
    return attachment_response(
        path,
        name if name is not None else record.original_name,
        content_type if content_type is not None else record.content_type,
    )
