"""The REST API (``/api/v1/``): open data without a token, and integrations with scoped access tokens.

Django REST framework with drf-spectacular for the OpenAPI 3 schema; see the README's "API" section."""
