"""Alembic environment of the organisation's schema: given a live connection by
`org.migrations.upgrade`; its version table is `org.alembic_version`, apart from the app's."""

from alembic import context

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=None,
    version_table_schema="org",
)
with context.begin_transaction():
    context.run_migrations()
