"""Fixtures and settings for every test package."""

from __future__ import annotations

import os

from hypothesis import settings

# Fuzz tests are repeatable by default, so CI never fails on a newly drawn example; set
# HYPOTHESIS_PROFILE=explore to draw new examples each run when hunting for bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
