"""Storage: the engine, migrations and backups. Every SQLite-specific line lives here."""
