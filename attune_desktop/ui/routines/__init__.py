"""routines screen."""
