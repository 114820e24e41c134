"""Build the complete ``digisos-soker.json`` (innsyn file) from what happened to an application.

Pure functions: events in (see :mod:`.innsyn_events`), a JSON-ready dict out. The rules come
from how innsyn-api reads the file (reference §2) and the recommendations in §6:

* the history is complete every time and starts with ``soknadsStatus`` MOTTATT;
* timestamps are UTC with exactly three decimals, because nav.no sorts them as strings;
* every saksStatus carries a title, and a sak has a saksStatus before its first vedtak;
* vilkår and dokumentasjonkrav always carry status, sak and title; payments always say
  whether someone else receives the money (``annenMottaker``);
* retractions are new events (ANNULLERT/FEILREGISTRERT), never deletions.

The result is validated with our models before it is returned.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sosialsak import SYSTEM_NAME, __version__
from sosialsak.formats.digisos import _innsyn_hendelser as write
from sosialsak.formats.digisos import innsyn_events as ev
from sosialsak.formats.digisos._innsyn_hendelser import InnsynInputError
from sosialsak.formats.digisos._report import ValidationIssue
from sosialsak.formats.digisos.validation import DocumentKind, validate_document
from sosialsak.kernel.errors import DomainError

# The schema version (json/swagger.json) the file is written and validated against.
DIGISOS_SOKER_VERSION = "1.3.0"

# Order within one millisecond. innsyn-api breaks timestamp ties only for MOTTATT before
# UNDER_BEHANDLING and utbetaling before vilkår/dokumentasjonkrav, and otherwise keeps the
# array order, so we also put a sak's saksStatus before anything that refers to it.
_RANK: dict[type, int] = {
    ev.SoknadMottatt: 0,
    ev.SakStatus: 1,
    ev.Vilkar: 3,
    ev.Dokumentasjonkrav: 3,
}
_DEFAULT_RANK = 2


class InnsynBuildError(DomainError):
    """Raise when the events cannot give a valid, truthful innsyn file; nothing was produced.

    ``issues`` lists schema problems of the output (JSON path and reason) when there are any.
    """

    code = "digisos_innsyn_invalid"

    def __init__(self, message: str, issues: tuple[ValidationIssue, ...] = ()) -> None:
        super().__init__(message, issues=[str(issue) for issue in issues])
        self.issues = issues


def build_digisos_soker(
    events: Iterable[ev.InnsynHendelse], *, systemversjon: str = __version__
) -> dict[str, Any]:
    """Return the complete ``digisos-soker.json`` for one application's events.

    Raises :class:`InnsynBuildError` when MOTTATT is missing, repeated or not first, when a
    vedtak has no earlier saksStatus for its sak, when a timestamp is naive, or when the
    result does not validate.
    """
    try:
        ordered = _in_order(list(events))
        hendelser = _Writer().write_all(ordered)
    except InnsynInputError as exc:
        raise InnsynBuildError(str(exc)) from exc
    document: dict[str, Any] = {
        "version": DIGISOS_SOKER_VERSION,
        "avsender": {"systemnavn": SYSTEM_NAME, "systemversjon": systemversjon},
        "hendelser": hendelser,
    }
    report = validate_document(document, DocumentKind.DIGISOS_SOKER)
    if not report.valid:
        detail = "; ".join(str(issue) for issue in report.issues)
        raise InnsynBuildError(f"the innsyn file would be invalid: {detail}", report.issues)
    return document


def dumps_digisos_soker(document: Mapping[str, Any]) -> str:
    """Serialise an innsyn file as UTF-8 JSON text (stable key order, Norwegian letters kept)."""
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def find_removed_hendelser(
    previous: Mapping[str, Any], current: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Return hendelser published in ``previous`` that ``current`` no longer contains.

    The file is our public history; an export that drops a hendelse should retract it with a
    status instead. Use this as a guard before replacing the published file.
    """
    remaining = Counter(_canonical(h) for h in current.get("hendelser", []))
    removed: list[dict[str, Any]] = []
    for hendelse in previous.get("hendelser", []):
        key = _canonical(hendelse)
        if remaining[key]:
            remaining[key] -= 1
        else:
            removed.append(hendelse)
    return removed


def _canonical(hendelse: Any) -> str:
    return json.dumps(hendelse, sort_keys=True, ensure_ascii=False)


def _in_order(events: list[ev.InnsynHendelse]) -> list[ev.InnsynHendelse]:
    for event in events:
        if type(event) not in _WRITERS and not isinstance(event, ev.SakStatus):
            raise InnsynInputError(f"{type(event).__name__} is not an innsyn event")
    if any(isinstance(e, ev.SoknadStatusEndret) and e.status == "MOTTATT" for e in events):
        raise InnsynInputError("MOTTATT is written from the SoknadMottatt event only")
    mottatt = [e for e in events if isinstance(e, ev.SoknadMottatt)]
    if len(mottatt) != 1:
        raise InnsynInputError(
            f"the history needs exactly one SoknadMottatt event, got {len(mottatt)}"
        )
    keyed = [
        (write.tidspunkt(e.tidspunkt), _RANK.get(type(e), _DEFAULT_RANK), i, e)
        for i, e in enumerate(events)
    ]
    keyed.sort(key=lambda item: item[:3])
    first = keyed[0][3]
    if not isinstance(first, ev.SoknadMottatt):
        raise InnsynInputError(
            f"{type(first).__name__} at {keyed[0][0]} is earlier than MOTTATT; "
            "the history must start with the application being received"
        )
    return [item[3] for item in keyed]


class _Writer:
    """Write events in order while tracking saker (their titles and which are opened)."""

    def __init__(self) -> None:
        self.titles: dict[str, str] = {}

    def write_all(self, events: list[ev.InnsynHendelse]) -> list[dict[str, Any]]:
        return [self.write(event) for event in events]

    def write(self, event: ev.InnsynHendelse) -> dict[str, Any]:
        if isinstance(event, ev.SakStatus):
            return write.saks_status(event, self._title(event))
        if isinstance(event, ev.VedtakFattet) and event.saksreferanse not in self.titles:
            raise InnsynInputError(
                f"vedtakFattet for sak {event.saksreferanse!r} has no saksStatus before it; "
                "add a SakStatus event when the sak is opened"
            )
        if isinstance(event, ev.Vilkar | ev.Dokumentasjonkrav) and not event.tittel.strip():
            raise InnsynInputError(f"{type(event).__name__} {event.referanse!r} needs a title")
        return _WRITERS[type(event)](event)

    def _title(self, event: ev.SakStatus) -> str:
        if event.tittel is not None and event.tittel.strip():
            self.titles[event.referanse] = event.tittel
        elif event.referanse not in self.titles:
            raise InnsynInputError(
                f"the first saksStatus of sak {event.referanse!r} needs a title"
            )
        return self.titles[event.referanse]


_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    ev.SoknadMottatt: write.soknads_status,
    ev.SoknadStatusEndret: write.soknads_status,
    ev.NavKontorTildelt: write.tildelt_nav_kontor,
    ev.VedtakFattet: write.vedtak_fattet,
    ev.DokumentasjonEtterspurt: write.dokumentasjon_etterspurt,
    ev.ForelopigSvar: write.forelopig_svar,
    ev.Vilkar: write.vilkar,
    ev.Dokumentasjonkrav: write.dokumentasjonkrav,
    ev.Utbetaling: write.utbetaling,
    ev.Rammevedtak: write.rammevedtak,
}
