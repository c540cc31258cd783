"""Every goguard the tests run keeps its result cache in one temporary folder, never in
the user's own cache (tests that are about the cache pass their own folder)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("GOGUARD_CACHE_DIR", tempfile.mkdtemp(prefix="goguard-test-cache-"))
