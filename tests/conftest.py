"""Shared test settings: hypothesis runs a bounded number of examples, without deadlines
(CI machines are shared and noisy; speed is measured by benchmarks, not tests)."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", deadline=None, max_examples=100)
settings.register_profile("long", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
