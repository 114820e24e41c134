"""The area a figure is for: an office, a kommune or a county, always inside the caller's
scope (a leder: their office and its kommuner; a Statsforvalter: the county's offices).

A kommune's figures are those of the offices that serve it; a county's, those of the offices
serving a kommune in it (as the Statsforvalter's scope is built).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from sosialsak.contexts.accounts.models import Kommune, NavKontor
from sosialsak.contexts.accounts.scope import Scope
from sosialsak.contexts.intake.queries import scope_q
from sosialsak.kernel.errors import NotFound


@dataclass(frozen=True)
class Area:
    kind: str  # "kontor" | "kommune" | "fylke"
    key: str  # office id, kommunenummer or fylkesnummer
    label: str
    kontor_ids: frozenset[int]

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.key}"


def areas_for(scope: Scope) -> list[Area]:
    """The areas the caller may choose, the narrowest first."""
    offices = list(NavKontor.objects.filter(pk__in=scope.kontor_ids).order_by("enhetsnummer"))
    out = [Area("kontor", str(k.pk), str(k), frozenset({k.pk})) for k in offices]
    kommuner = (Kommune.objects.filter(kontorer__in=scope.kontor_ids).distinct()
                .order_by("nummer"))
    for km in kommuner:
        ids = frozenset(km.kontorer.filter(pk__in=scope.kontor_ids).values_list("pk", flat=True))
        out.append(Area("kommune", km.nummer, str(km), ids))
    for fylke in sorted({km.fylkesnummer for km in kommuner}):
        ids = frozenset(NavKontor.objects.filter(pk__in=scope.kontor_ids,
                                                 kommuner__nummer__startswith=fylke)
                        .values_list("pk", flat=True))
        out.append(Area("fylke", fylke, f"Fylke {fylke}", ids))
    return out


def resolve_area(scope: Scope, value: str) -> Area:
    """The chosen area (``kind:key``) or the first one; NotFound outside the caller's scope."""
    areas = areas_for(scope)
    if not areas:
        raise NotFound("Fant ikke området.")
    if not value:
        return areas[0]
    found = next((a for a in areas if a.value == value), None)
    if found is None:
        raise NotFound("Fant ikke området.")
    return found


def area_q(scope: Scope, area: Area, prefix: str = "") -> Q:
    """The applications of ``area`` the caller may see, on the application at ``prefix``."""
    return scope_q(scope, prefix) & Q(**{f"{prefix}kontor_id__in": area.kontor_ids})
