"""Digisos deliveries over HTTP: the same delivery as the file-drop inbox, as multipart.

Parts: ``metadata`` (metadata.json), ``soknad`` (soknad.json, absent for an ettersendelse),
``vedlegg`` (vedlegg.json) and the attachment files under their own file names. Only an
administrator or an integration user may deliver.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from sosialsak.contexts.audit.log import audit_channel
from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.contexts.digisos.importer import import_delivery
from sosialsak.interfaces.api.schemas import Error
from sosialsak.kernel.errors import NotFound

router = Router(tags=["digisos"])

PART_NAMES = {"metadata": "metadata.json", "soknad": "soknad.json", "vedlegg": "vedlegg.json"}


class DeliveryOut(Schema):
    outcome: str
    levering_id: int | None
    soknad_id: int | None
    errors: list[str]


@router.post("/digisos/leveranser", response={200: DeliveryOut, 201: DeliveryOut,
                                              400: DeliveryOut, 404: Error},
             summary="Ta imot leveranse fra Digisos")
def deliver(request: HttpRequest) -> tuple[int, dict[str, Any]]:
    """Ta imot én leveranse fra Digisos (søknad eller ettersendelse); idempotent på eksternRef.

    201: importert; 200: fantes fra før (ingenting endret); 400: avvist og satt i karantene."""
    if not request.user.has_perm("digisos.add_levering"):
        raise NotFound("Fant ikke siden.")
    files = {PART_NAMES.get(name, f.name or name): f.read()
             for name in request.FILES for f in request.FILES.getlist(name)}
    with audit_channel("api"):
        result = import_delivery(delivery=Delivery(source="api", label="api", files=files),
                                 now=timezone.now())
    status = {"IMPORTERT": 201, "ETTERSENDT": 201, "DUPLIKAT": 200}.get(result.outcome, 400)
    return status, {"outcome": result.outcome, "levering_id": result.levering_id,
                    "soknad_id": result.soknad_id, "errors": list(result.errors)}
