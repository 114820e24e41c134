"""Render a letter with ``formats.letters`` and store the PDF with the case (private helper)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from sosialsak.contexts.cases.models import Brev
from sosialsak.contexts.intake.household import SoknadHousehold, household_of
from sosialsak.contexts.intake.models import Soknad
from sosialsak.formats import letters


def kontor_of(soknad: Soknad) -> letters.Kontor:
    k = soknad.kontor
    return letters.Kontor(navn=k.navn, telefon=k.telefon,
                          adresse=tuple(p.strip() for p in k.adresse.split(",") if p.strip()))


def mottaker_of(soknad: Soknad, hh: SoknadHousehold | None = None) -> letters.Mottaker:
    """The letter's addressee: the name and address as stated in this application (issue 10),
    or the protected form when the application shows the person's address as protected.
    ``hh``: the application's household when the caller has read it already."""
    hh = hh or household_of(soknad)
    if soknad.beskyttet:
        return letters.Mottaker.beskyttet(hh.navn)
    h = hh.husstand
    return letters.Mottaker(navn=hh.navn, adresse=tuple(
        line for line in (h.gateadresse, f"{h.postnummer} {h.poststed}".strip()) if line)
        if h else ())


def signer(actor: object, soknad: Soknad) -> str:
    """Return the caseworker's name for the letter (the office's name for system actions)."""
    full = getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "")
    return full or soknad.kontor.navn


def store(
    *, soknad: Soknad, type: str, letter: letters.Brev, frist: date | None, actor: object,
    now: datetime,
) -> Brev:
    """Render ``letter`` to PDF and store it on the application; return the stored row."""
    pdf = letters.render_pdf(letter)
    document = letters.compose(letter)
    return Brev.objects.create(
        soknad=soknad, type=type, tittel=document.title[:200], dato=letter.dato, frist=frist,
        pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), tekst=letters.letter_text(letter),
        opprettet_at=now, opprettet_av_id=getattr(actor, "pk", None),
    )
