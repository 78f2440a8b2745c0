"""sessions screen."""
