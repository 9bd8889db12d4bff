"""Shared by the follow-up page tests: read the pages in English."""

import pytest


@pytest.fixture(autouse=True)
def english(client):
    """Read the pages in English so the assertions do not depend on the state of the translations."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
