"""Check a delivery as a whole before anything is stored: all or nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.formats.digisos import (
    DocumentKind,
    SoknadInnhold,
    SoknadInvalid,
    parse_soknad,
    validate_document,
)


@dataclass(frozen=True)
class CheckedDelivery:
    kind: str  # SOKNAD | ETTERSENDELSE
    digisos_id: str
    ekstern_ref: str
    soknad: SoknadInnhold | None
    vedlegg: list[dict[str, Any]]


@dataclass(frozen=True)
class Rejected:
    errors: list[str]
    digisos_id: str
    ekstern_ref: str


def _metadata(delivery: Delivery, errors: list[str]) -> tuple[str, str, bool]:
    meta, err = delivery.json("metadata.json")
    if err:
        errors.append(err)
        return "", "", False
    if meta is None:
        if "soknad.json" not in delivery.files:
            errors.append("metadata.json mangler, og uten den vet vi ikke hvilken søknad "
                          "ettersendelsen hører til.")
            return "", "", True
        # A lone soknad.json: derive stable ids from its content, so a re-import is a no-op.
        ident = "fil-" + delivery.content_hash[:32]
        return ident, ident, False
    if not isinstance(meta, dict):
        errors.append("metadata.json: må være et JSON-objekt.")
        return "", "", False
    digisos_id, ekstern_ref = meta.get("digisosId"), meta.get("eksternRef")
    for name, value in (("digisosId", digisos_id), ("eksternRef", ekstern_ref)):
        if not isinstance(value, str) or not value.strip():
            errors.append(f"metadata.json: $.{name} mangler eller er tom.")
    ettersendelse = "soknadLeveranseId" in meta or "soknad.json" not in delivery.files
    return str(digisos_id or ""), str(ekstern_ref or ""), ettersendelse


def _vedlegg(delivery: Delivery, errors: list[str]) -> list[dict[str, Any]]:
    data, err = delivery.json("vedlegg.json")
    if err:
        errors.append(err)
        return []
    if data is None:
        return []
    report = validate_document(data, DocumentKind.VEDLEGG)
    if not report.valid:
        errors.extend(f"vedlegg.json: {issue}" for issue in report.issues)
        return []
    items: list[dict[str, Any]] = data.get("vedlegg", [])
    for i, item in enumerate(items):
        for j, fil in enumerate(item.get("filer") or []):
            name = fil.get("filnavn")
            content = delivery.files.get(name)
            where = f"vedlegg.json: $.vedlegg[{i}].filer[{j}]"
            if content is None:
                errors.append(f"{where}: filen «{name}» er ikke med i leveransen.")
            elif fil.get("sha512") and hashlib.sha512(content).hexdigest() != fil["sha512"]:
                errors.append(f"{where}: sjekksummen (sha512) stemmer ikke for «{name}».")
    return items


def check_delivery(delivery: Delivery) -> CheckedDelivery | Rejected:
    """Return the delivery's content, or every reason it must be rejected."""
    errors: list[str] = []
    digisos_id, ekstern_ref, ettersendelse = _metadata(delivery, errors)
    soknad = None
    if not ettersendelse:
        data, err = delivery.json("soknad.json")
        if err:
            errors.append(err)
        elif data is None:
            errors.append("soknad.json mangler.")
        else:
            try:
                soknad = parse_soknad(data)
            except SoknadInvalid as exc:
                errors.extend(f"soknad.json: {issue}" for issue in exc.issues)
    vedlegg = _vedlegg(delivery, errors)
    if errors:
        return Rejected(errors, digisos_id, ekstern_ref)
    return CheckedDelivery("ETTERSENDELSE" if ettersendelse else "SOKNAD", digisos_id,
                           ekstern_ref, soknad, vedlegg)
