"""Check a delivery as a whole before anything is stored: all or nothing.

A delivery (one with metadata.json) is complete only when its vedlegg.json is there and every
file it lists is present with the sha512 it gives (threat: a half-sent upload or a half-written
inbox folder imported as if whole, after which the complete copy is a "duplicate" and the
attachments are lost). An incomplete one is quarantined; the complete copy of the same
digisosId and eksternRef replaces it. The ids are checked before anything uses them
(:mod:`sosialsak.formats.digisos.ids`) and every value is bounded
(:mod:`sosialsak.formats.digisos.limits`), each problem naming its field.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sosialsak.contexts.digisos.delivery import Delivery
from sosialsak.formats.digisos import (
    DocumentKind,
    SoknadInnhold,
    SoknadInvalid,
    parse_soknad,
    validate_document,
)
from sosialsak.formats.digisos.ids import digisos_id_error, ekstern_ref_error
from sosialsak.formats.digisos.limits import value_errors


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
    ettersendelse = "soknadLeveranseId" in meta or "soknad.json" not in delivery.files
    # An id that fails the check is never kept: it would name a folder or a row.
    id_error, ref_error = digisos_id_error(digisos_id), ekstern_ref_error(ekstern_ref)
    errors.extend(f"metadata.json: {e}" for e in (id_error, ref_error) if e)
    return ("" if id_error else str(digisos_id)), ("" if ref_error else str(ekstern_ref)), \
        ettersendelse


def _vedlegg(delivery: Delivery, errors: list[str], *, required: bool,
             today: date) -> list[dict[str, Any]]:
    data, err = delivery.json("vedlegg.json")
    if err:
        errors.append(err)
        return []
    if data is None:
        if required:
            errors.append("vedlegg.json mangler: leveransen er ikke komplett. Send hele "
                          "leveransen på nytt.")
        return []
    bounds = value_errors(data, "vedlegg.json", today=today)
    if bounds:
        errors.extend(bounds)
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
            elif not fil.get("sha512"):
                errors.append(f"{where}: sjekksummen (sha512) for «{name}» mangler, så vi kan "
                              "ikke se at filen er hel.")
            elif hashlib.sha512(content).hexdigest() != str(fil["sha512"]).lower():
                errors.append(f"{where}: sjekksummen (sha512) stemmer ikke for «{name}»; "
                              "filen er ikke hel eller ikke den som er oppført.")
    return items


def check_delivery(delivery: Delivery, *, today: date) -> CheckedDelivery | Rejected:
    """Return the delivery's content, or every reason it must be rejected."""
    errors: list[str] = []
    digisos_id, ekstern_ref, ettersendelse = _metadata(delivery, errors)
    # A lone soknad.json from the command line has no vedlegg.json; a delivery always has one.
    has_metadata = "metadata.json" in delivery.files
    soknad = None
    if not ettersendelse:
        data, err = delivery.json("soknad.json")
        if err:
            errors.append(err)
        elif data is None:
            errors.append("soknad.json mangler.")
        elif bounds := value_errors(data, "soknad.json", today=today):
            errors.extend(bounds)
        else:
            try:
                soknad = parse_soknad(data)
            except SoknadInvalid as exc:
                errors.extend(f"soknad.json: {issue}" for issue in exc.issues)
    vedlegg = _vedlegg(delivery, errors, required=has_metadata, today=today)
    if errors:
        return Rejected(errors, digisos_id, ekstern_ref)
    return CheckedDelivery("ETTERSENDELSE" if ettersendelse else "SOKNAD", digisos_id,
                           ekstern_ref, soknad, vedlegg)
