"""Families (known only by the label they chose), their routines and the routines' steps."""

from __future__ import annotations

from sqlmodel import col, select

from attune_desktop.core.models import Family, Routine, Step
from attune_desktop.core.services.base import Service, require


class FamilyService(Service):
    def list_families(self, *, series_id: int | None = None) -> list[Family]:
        with self._db.session() as db:
            query = select(Family)
            if series_id is not None:
                query = query.where(Family.series_id == series_id)
            return list(db.exec(query.order_by(col(Family.label))))

    def get_family(self, family_id: int) -> Family:
        with self._db.session() as db:
            return require(db.get(Family, family_id), "family", family_id)

    def routines(self, family_id: int | None) -> list[Routine]:
        """A family's routines; with None, the routine templates."""
        with self._db.session() as db:
            query = select(Routine)
            if family_id is None:
                query = query.where(Routine.is_template)
            else:
                query = query.where(Routine.family_id == family_id)
            return list(db.exec(query.order_by(col(Routine.position), col(Routine.id))))

    def steps(self, routine_id: int) -> list[Step]:
        with self._db.session() as db:
            query = (
                select(Step)
                .where(Step.routine_id == routine_id)
                .order_by(col(Step.position), col(Step.id))
            )
            return list(db.exec(query))
