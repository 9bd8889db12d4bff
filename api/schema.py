"""How the schema describes the API beyond its serializers (drf-spectacular, loaded by the app).

- the bearer-key authentication (``BearerTokenScheme``);
- every operation's refusals: any 4xx is an RFC 9457 problem (``application/problem+json``), and a GET may
  answer 304 to its ``ETag`` (``ApiSchema``), so a contract test holds the API to what it really answers.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; in the caller's language (Accept-Language).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "For invalid input: the messages by field.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer hdnd_…"}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        responses["4XX"] = {
            "description": "Refused: bad input, no or a bad key, not allowed, not found, too many requests.",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if self.method == "GET":
            responses["304"] = {"description": "Not modified since the ETag given in If-None-Match."}
        return responses


def add_problem(result, generator, request, public):
    """Postprocessing hook: the ``Problem`` component every 4XX answer refers to."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    return result
