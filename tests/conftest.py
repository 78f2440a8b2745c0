"""Fixtures and settings for every test package."""

from __future__ import annotations

import os

from hypothesis import settings

# Fuzz tests are repeatable by default, so CI never fails on a newly drawn example; set
# HYPOTHESIS_PROFILE=explore to draw new examples each run when hunting for bugs.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

# The suite speaks English with no region (24-hour clocks, day before month; see
# core.locale_format), whatever the language of the computer it runs on; the language tests
# choose theirs with core.i18n.using() or the ui/language setting.
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"
