"""Shared test settings: hypothesis runs a bounded number of examples, without deadlines
(CI machines are shared and noisy; speed is measured by benchmarks, not tests)."""

from __future__ import annotations

import os
import tempfile

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("long", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Tests never touch the user's cache of parsed files: one fresh folder per run,
# inherited by the real `agreement` commands the CLI tests start.
os.environ["AGREEMENT_CACHE_DIR"] = tempfile.mkdtemp(prefix="agreement-test-cache-")
os.environ.pop("AGREEMENT_NO_CACHE", None)
