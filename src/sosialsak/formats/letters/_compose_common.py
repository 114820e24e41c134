"""Pieces of wording and layout every letter shares."""

from __future__ import annotations

from datetime import date

from sosialsak.formats.letters._format import dato
from sosialsak.formats.letters.dokument import Block, Document, Heading, Paragraph
from sosialsak.formats.letters.felles import Kontor, Mottaker
from sosialsak.formats.letters.hjemler import Lovhenvisninger


def document(
    *,
    title: str,
    kontor: Kontor,
    mottaker: Mottaker,
    brevdato: date,
    saksreferanse: str,
    saksbehandler: str,
    blocks: tuple[Block, ...],
    godkjent_av: str = "",
) -> Document:
    """Return a document with the shared header, contact section and closing."""
    closing = ["Med vennlig hilsen", "", saksbehandler, "saksbehandler"]
    if godkjent_av.strip():
        closing += ["", godkjent_av, "godkjent av"]
    closing += ["", kontor.navn]
    return Document(
        title=title,
        sender=(kontor.navn, *kontor.adresse, f"Telefon {kontor.telefon}"),
        recipient=(mottaker.navn, *mottaker.adresselinjer),
        references=(
            ("Dato", dato(brevdato)),
            ("Saksnummer", saksreferanse),
            ("Saksbehandler", saksbehandler),
        ),
        blocks=(*blocks, *contact(kontor, saksreferanse)),
        closing=tuple(closing),
        footer="Brevet er godkjent elektronisk og har derfor ingen underskrift.",
    )


def contact(kontor: Kontor, saksreferanse: str) -> tuple[Block, ...]:
    """Return the section on how to reach the office."""
    return (
        Heading("Har du spørsmål?"),
        Paragraph(
            f"Ring oss på {kontor.telefon}, eller kom innom {kontor.navn}. "
            f"Oppgi saksnummeret {saksreferanse} når du tar kontakt."
        ),
    )


def emergency() -> Paragraph:
    """Return the reminder that an emergency is handled at once."""
    return Paragraph(
        "Har du ikke penger til mat, eller står du uten et sted å bo? "
        "Ta kontakt med oss med en gang. Da ser vi på saken din samme dag.",
        lead="Trenger du hjelp nå?",
    )


def right_of_access(hjemler: Lovhenvisninger) -> Paragraph:
    """Return the sentence on the right to see the case documents (partsinnsyn)."""
    return Paragraph(
        "Du har rett til å se dokumentene i saken din. "
        f"Spør oss, så får du dem ({hjemler.innsyn})."
    )
