"""practices screen."""
