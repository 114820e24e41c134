"""A closed application with a decision letter (PDF/A) and an attachment."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import NOW
from tests.integration.decisions.fixtures import utkast, young_parent

__all__ = ["closed_case", "utkast", "young_parent"]

SCAN = b"%PDF-1.4\n% kontoutskrift\n%%EOF\n"


@pytest.fixture
def closed_case(users: Any, scope_of: Callable[[Any], Any], young_parent: Any,
                utkast: Any) -> Any:
    from django.core.files.base import ContentFile

    from sosialsak.contexts.decisions.operations import make_vedtak
    from sosialsak.contexts.intake.models import Soknad, Vedlegg

    actor = users["veileder_sf"]
    make_vedtak(scope=scope_of(actor), actor=actor, soknad_id=young_parent.pk, data=utkast(),
                now=NOW)
    v = Vedlegg(soknad=young_parent, kilde="SKRANKE", type="kontoutskrift",
                filnavn="kontoutskrift.pdf", sha256=hashlib.sha256(SCAN).hexdigest(),
                storrelse=len(SCAN), mottatt_at=NOW)
    v.fil.save("kontoutskrift.pdf", ContentFile(SCAN), save=False)
    v.save()
    Soknad.objects.filter(pk=young_parent.pk).update(status="FERDIGBEHANDLET",
                                                     status_endret_at=NOW)
    young_parent.refresh_from_db()
    return young_parent
