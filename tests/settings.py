"""Test settings: the project's one settings module, with a development environment and fast hashing."""

import os

os.environ.setdefault("DEBUG", "1")

from council.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
