"""The throw-away PostgreSQL cluster the database tests run against."""

from __future__ import annotations

import psycopg
import pytest
import sqlalchemy

from tests.pgcluster import PgCluster


def test_cluster_serves_roles_and_databases_on_socket_and_loopback(pg_cluster: PgCluster):
    """GIVEN the session's cluster
    WHEN a role and a database it owns are created
    THEN the role reaches the database over 127.0.0.1 with its password, and not without it."""
    pg_cluster.create_role("pgcluster_probe", password="probe-secret")
    pg_cluster.create_database("pgcluster_probe_db", owner="pgcluster_probe")
    try:
        engine = sqlalchemy.create_engine(
            pg_cluster.url("pgcluster_probe_db", role="pgcluster_probe", password="probe-secret")
        )
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("SELECT current_user")).scalar() == (
                "pgcluster_probe"
            )
            assert connection.execute(sqlalchemy.text("SHOW listen_addresses")).scalar() == (
                "127.0.0.1"
            )
        engine.dispose()
        wrong = pg_cluster.url("pgcluster_probe_db", role="pgcluster_probe", password="wrong")
        with pytest.raises(sqlalchemy.exc.OperationalError):
            sqlalchemy.create_engine(wrong).connect()
        socket_engine = sqlalchemy.create_engine(pg_cluster.url("pgcluster_probe_db"))
        with socket_engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("SELECT current_user")).scalar() == (
                "postgres"
            )
        socket_engine.dispose()
        assert "pgcluster_probe_db" in pg_cluster.databases()
        assert pg_cluster.psql("SELECT 1 + 1") == [(2,)]
        with psycopg.connect(pg_cluster.conninfo("pgcluster_probe_db")) as connection:
            assert connection.execute("SELECT current_database()").fetchone() == (
                "pgcluster_probe_db",
            )
    finally:
        pg_cluster.drop_database("pgcluster_probe_db")
        pg_cluster.drop_role("pgcluster_probe")
    assert "pgcluster_probe_db" not in pg_cluster.databases()


def test_cluster_removes_its_folder_when_stopped(pg_cluster: PgCluster):
    """GIVEN a second, short-lived cluster beside the session's
    WHEN it is removed
    THEN its server is stopped and its temporary folder is gone."""
    with PgCluster.create(pg_cluster.bindir) as cluster:
        root = cluster.root
        assert cluster.running and cluster.psql("SELECT 42") == [(42,)]
    assert not root.exists()
