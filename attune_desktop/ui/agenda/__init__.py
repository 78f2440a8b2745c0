"""The session agenda builder."""
