"""The letter for a decision recorded in short form (``record_vedtak``): the outcome, legal
basis, amount, period and reasons, with the appeal information every decision letter needs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sosialsak.contexts.decisions.models import DokumentType, Vedtak, VedtakDokument
from sosialsak.contexts.decisions.operations._builder import periode_inclusive
from sosialsak.contexts.decisions.operations._letter import (
    klageinfo,
    kontor_of,
    mottaker_of,
    name_of,
    store,
)
from sosialsak.contexts.intake.saksnummer import saksnummer
from sosialsak.formats import letters
from sosialsak.kernel.clock import local_date


def short_letter(*, vedtak: Vedtak, actor: object, now: datetime) -> VedtakDokument:
    """Render and store the decision letter of a short-form decision."""
    soknad = vedtak.sak.soknad
    periode = periode_inclusive(vedtak.periode_fra, vedtak.periode_til)
    punkt = letters.Vedtakspunkt(
        tittel=vedtak.sak.tittel, utfall=letters.Utfall(vedtak.utfall),
        hjemmel=f"sosialtjenesteloven {vedtak.hjemmel.replace(' nødhjelp', '')}",
        begrunnelse=vedtak.begrunnelse,
        stonadsform=letters.Stonadsform(vedtak.stonadsform) if vedtak.stonadsform else None,
        periode=letters.Periode(fra=periode[0], til=periode[1]) if periode else None,
        belop=Decimal(vedtak.belop) if vedtak.belop is not None and vedtak.stonadsform
        else None,
    )
    brev = letters.Vedtaksbrev(
        kontor=kontor_of(soknad), mottaker=mottaker_of(soknad), dato=local_date(now),
        saksreferanse=saksnummer(soknad.pk), vedtak=(punkt,),
        klage=klageinfo(soknad, dato=local_date(now)),
        saksbehandler=name_of(actor, f"NAV {soknad.kontor.navn.removeprefix('NAV ')}"),
        soknadsdato=local_date(soknad.mottatt_at))
    return store(soknad=soknad, type=DokumentType.VEDTAK, letter=brev, actor=actor, now=now,
                 vedtak_id=vedtak.pk)
