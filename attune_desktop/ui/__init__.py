"""PySide6 views. Widgets are thin: they call core services and refresh on announcements."""
