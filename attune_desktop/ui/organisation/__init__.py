"""File → Organisation: join an organisation's database, and sync with it in the background."""
