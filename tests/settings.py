"""Test settings: the project's one settings module, with a development environment and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")

from council.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Uploaded files of the test run go to a throw-away folder, never into var/.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hdnd-test-private-"))

# Figures are refreshed explicitly in tests; the test of the refresh after writes turns this on.
SUMMARY_REFRESH_AFTER_WRITES = False

# Queued tasks run at once in tests (the quick start runs them on a background thread after the request).
TASKS_EAGER_IN_BACKGROUND = False
