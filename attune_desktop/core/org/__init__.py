"""An organisation's shared PostgreSQL database: its schema, joining it, and syncing with it.

Qt-free. The laptop's own SQLite home stays the only thing a live session touches; these
modules are used only when someone asks to join or to sync.
"""
