"""The API's JSON parser (its own module: DRF's settings import it while ``rest_framework.views`` loads)."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    """JSON whose nesting is too deep for the parser is a 400 like any malformed body (not a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from None
