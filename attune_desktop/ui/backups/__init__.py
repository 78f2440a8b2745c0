"""Back up now, export everything, restore from a backup with a preview."""
