"""Write one innsyn event as a ``digisos-soker.json`` hendelse (a plain JSON-ready dict)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sosialsak.formats.digisos import innsyn_events as ev


class InnsynInputError(ValueError):
    """Raise when the events cannot make a correct innsyn file (the message says why)."""


def tidspunkt(moment: datetime) -> str:
    """Write ``moment`` in UTC with exactly three decimals, e.g. ``2024-03-01T10:00:00.000Z``.

    nav.no sorts hendelser by comparing these strings, so the width must never vary.
    Milliseconds are truncated, not rounded, so a moment never moves into the next second.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InnsynInputError(f"timestamp {moment.isoformat()} has no time zone")
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"


def _dato(day: date) -> str:
    return day.isoformat()


def _belop(amount: Decimal | int) -> int | float:
    amount = Decimal(amount)
    if not amount.is_finite():
        raise InnsynInputError(f"amount {amount} is not a number")
    # Whole kroner stay integers in the JSON; øre become a decimal fraction.
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _fil(ref: ev.FilReferanse) -> dict[str, Any]:
    if isinstance(ref, ev.SvarUt):
        return {"type": "svarut", "id": ref.id, "nr": ref.nr}
    return {"type": "dokumentlager", "id": ref.id}


def _vedlegg(items: tuple[ev.Brevvedlegg, ...]) -> list[dict[str, Any]]:
    return [{"tittel": item.tittel, "referanse": _fil(item.referanse)} for item in items]


def _optional(out: dict[str, Any], **fields: Any) -> dict[str, Any]:
    # Absent, never null: the schemas reject null everywhere.
    out.update({key: value for key, value in fields.items() if value is not None})
    return out


def _base(kind: str, event: Any) -> dict[str, Any]:
    return {"type": kind, "hendelsestidspunkt": tidspunkt(event.tidspunkt)}


def soknads_status(event: ev.SoknadMottatt | ev.SoknadStatusEndret) -> dict[str, Any]:
    """Write ``soknadsStatus``."""
    status = "MOTTATT" if isinstance(event, ev.SoknadMottatt) else event.status
    return {**_base("soknadsStatus", event), "status": status}


def tildelt_nav_kontor(event: ev.NavKontorTildelt) -> dict[str, Any]:
    """Write ``tildeltNavKontor``."""
    return {**_base("tildeltNavKontor", event), "navKontor": event.nav_kontor}


def saks_status(event: ev.SakStatus, tittel: str) -> dict[str, Any]:
    """Write ``saksStatus`` with the title always present (nav.no overwrites it with null)."""
    return {
        **_base("saksStatus", event),
        "referanse": event.referanse,
        "tittel": tittel,
        "status": event.status,
    }


def vedtak_fattet(event: ev.VedtakFattet) -> dict[str, Any]:
    """Write ``vedtakFattet``."""
    out = {
        **_base("vedtakFattet", event),
        "saksreferanse": event.saksreferanse,
        "utfall": event.utfall,
        "vedtaksfil": {"referanse": _fil(event.vedtaksfil)},
    }
    if event.vedlegg:
        out["vedlegg"] = _vedlegg(event.vedlegg)
    return out


def dokumentasjon_etterspurt(event: ev.DokumentasjonEtterspurt) -> dict[str, Any]:
    """Write ``dokumentasjonEtterspurt`` (the complete current list of requested documents)."""
    dokumenter = [
        _optional(
            {
                "dokumenttype": doc.dokumenttype,
                "innsendelsesfrist": tidspunkt(doc.innsendelsesfrist),
            },
            tilleggsinformasjon=doc.tilleggsinformasjon,
            dokumentreferanse=doc.dokumentreferanse,
        )
        for doc in event.dokumenter
    ]
    out: dict[str, Any] = {**_base("dokumentasjonEtterspurt", event), "dokumenter": dokumenter}
    if event.forvaltningsbrev is not None:
        out["forvaltningsbrev"] = {"referanse": _fil(event.forvaltningsbrev)}
    if event.vedlegg:
        out["vedlegg"] = _vedlegg(event.vedlegg)
    return out


def forelopig_svar(event: ev.ForelopigSvar) -> dict[str, Any]:
    """Write ``forelopigSvar``."""
    out = {
        **_base("forelopigSvar", event),
        "forvaltningsbrev": {"referanse": _fil(event.forvaltningsbrev)},
    }
    if event.vedlegg:
        out["vedlegg"] = _vedlegg(event.vedlegg)
    return out


def vilkar(event: ev.Vilkar) -> dict[str, Any]:
    """Write ``vilkar`` with status, sak and title always set (innsyn-api needs them)."""
    return _optional(
        {
            **_base("vilkar", event),
            "vilkarreferanse": event.referanse,
            "saksreferanse": event.saksreferanse,
            "tittel": event.tittel,
            "status": event.status,
            "utbetalingsreferanse": list(event.utbetalingsreferanser),
        },
        beskrivelse=event.beskrivelse,
    )


def dokumentasjonkrav(event: ev.Dokumentasjonkrav) -> dict[str, Any]:
    """Write ``dokumentasjonkrav`` with status, sak and title always set."""
    return _optional(
        {
            **_base("dokumentasjonkrav", event),
            "dokumentasjonkravreferanse": event.referanse,
            "saksreferanse": event.saksreferanse,
            "tittel": event.tittel,
            "status": event.status,
            "utbetalingsreferanse": list(event.utbetalingsreferanser),
        },
        beskrivelse=event.beskrivelse,
        frist=tidspunkt(event.frist) if event.frist is not None else None,
    )


def utbetaling(event: ev.Utbetaling) -> dict[str, Any]:
    """Write ``utbetaling``: every known field each time, since nav.no replaces the payment."""
    return _optional(
        {
            **_base("utbetaling", event),
            "utbetalingsreferanse": event.referanse,
            "status": event.status,
            "belop": _belop(event.belop),
            "annenMottaker": event.annen_mottaker,
        },
        saksreferanse=event.saksreferanse,
        rammevedtaksreferanse=event.rammevedtaksreferanse,
        beskrivelse=event.beskrivelse,
        forfallsdato=_dato(event.forfallsdato) if event.forfallsdato else None,
        utbetalingsdato=_dato(event.utbetalingsdato) if event.utbetalingsdato else None,
        fom=_dato(event.fom) if event.fom else None,
        tom=_dato(event.tom) if event.tom else None,
        mottaker=event.mottaker,
        kontonummer=event.kontonummer,
        utbetalingsmetode=event.utbetalingsmetode,
    )


def rammevedtak(event: ev.Rammevedtak) -> dict[str, Any]:
    """Write ``rammevedtak``."""
    return _optional(
        {**_base("rammevedtak", event), "rammevedtaksreferanse": event.referanse},
        saksreferanse=event.saksreferanse,
        beskrivelse=event.beskrivelse,
        belop=_belop(event.belop) if event.belop is not None else None,
        fom=_dato(event.fom) if event.fom else None,
        tom=_dato(event.tom) if event.tom else None,
    )
