"""checkins screen."""
