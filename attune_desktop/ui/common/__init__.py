"""common screen."""
