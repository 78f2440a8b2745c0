"""series screen."""
