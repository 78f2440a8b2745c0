"""Attune Desktop: plan, run and print caregiver attunement circles, offline."""

__version__ = "0.1.0"
