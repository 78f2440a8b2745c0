"""The organisation report's queries on PostgreSQL give the hand-computed figures too.

Runs on a new database of the throw-away test cluster (tests/pgcluster.py, the `pg_cluster`
fixture: skipped without PostgreSQL locally, a failure under CI=true). The schema is made from
the models here.
"""

from __future__ import annotations

import types
import uuid

import pytest
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from attune_desktop.core import models  # noqa: F401  (the tables)
from attune_desktop.core.org_report import build_org_report, org_report_csv
from attune_desktop.core.services.checkins import CheckInService
from attune_desktop.core.services.fidelity import FidelityService
from attune_desktop.core.services.series import SeriesService
from attune_desktop.core.services.sessions import SessionService
from attune_desktop.core.storage.database import Database
from tests.org_fixture import JANUARY, seed_org
from tests.pgcluster import PgCluster


def test_the_hand_computed_organisation_on_postgresql(pg_cluster: PgCluster) -> None:
    """GIVEN the three-circle organisation written to PostgreSQL
    WHEN January is reported THEN the total row is the one worked out by hand."""
    name = f"r_{uuid.uuid4().hex[:16]}"
    pg_cluster.create_database(name)
    engine = create_engine(pg_cluster.url(name))
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    db = Database(engine, None)
    core = types.SimpleNamespace(
        db=db,
        series=SeriesService(db),
        sessions=SessionService(db),
        checkins=CheckInService(db),
        fidelity=FidelityService(db),
    )
    try:
        seed_org(core)  # type: ignore[arg-type]
        report = build_org_report(db, core.checkins, JANUARY)
        total = org_report_csv(report).splitlines()[-1]
        assert total == (
            "All circles,,,,10,6,3,1,Snow: 2; Venue closed: 1,41,6,6.8,23,21,91,53,3,14,12,86,5,4,"
            "80,2 of 2,0 of 1,1 of 1,3,360,359,1,1,2,1,1,0,1,-0.62"
        )
        assert report.total.dose == pytest.approx(41 / 77)
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)
