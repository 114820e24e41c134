"""Compose the letters sent while a case is open."""

from __future__ import annotations

from decimal import Decimal

from sosialsak.formats.letters._compose_common import document, emergency, right_of_access
from sosialsak.formats.letters._format import dato, kroner, maaned, periode
from sosialsak.formats.letters.dokument import (
    Block,
    Bullets,
    Document,
    Facts,
    Heading,
    Paragraph,
    Table,
    paragraphs,
)
from sosialsak.formats.letters.forvaltningsbrev import (
    DokumentasjonsBrev,
    ForelopigSvar,
    Forhandsvarsel,
)
from sosialsak.formats.letters.hjemler import references_for


def compose_dokumentasjonsbrev(brev: DokumentasjonsBrev) -> Document:
    """Return the documentation request as a document."""
    mottatt = f" som vi fikk {dato(brev.soknadsdato)}" if brev.soknadsdato else ""
    items = tuple(
        f"{d.tittel}: {d.beskrivelse}" if d.beskrivelse.strip() else d.tittel
        for d in brev.dokumenter
    )
    blocks: tuple[Block, ...] = (
        Paragraph(
            f"Vi behandler søknaden din om økonomisk stønad{mottatt}. "
            "For å kunne avgjøre den trenger vi flere opplysninger fra deg."
        ),
        Heading("Dette må du sende oss"),
        Bullets(items),
        Paragraph(f"Vi må ha dokumentene innen {dato(brev.frist)}.", strong=True),
        Heading("Slik sender du dokumentene"),
        Paragraph(
            "Last dem opp på nav.no, der du ser søknaden din. Du kan også sende dem i posten "
            f"til {brev.kontor.navn}, {brev.kontor.adresse_linje}, eller levere dem på kontoret."
        ),
        Heading("Hvis vi ikke får dokumentene"),
        Paragraph(
            "Hvis vi ikke har fått dokumentene innen fristen, avgjør vi søknaden ut fra de "
            "opplysningene vi har. Da kan du få avslag, eller mindre stønad enn du har søkt om."
        ),
        Paragraph(
            "Kan du ikke skaffe et dokument innen fristen? Ta kontakt med oss før fristen går "
            "ut, så finner vi en løsning sammen."
        ),
        emergency(),
    )
    return document(
        title="Vi trenger flere opplysninger",
        kontor=brev.kontor,
        mottaker=brev.mottaker,
        brevdato=brev.dato,
        saksreferanse=brev.saksreferanse,
        saksbehandler=brev.saksbehandler,
        blocks=blocks,
    )


def compose_forelopig_svar(brev: ForelopigSvar) -> Document:
    """Return the preliminary reply as a document."""
    hjemler = references_for(brev.dato, brev.hjemler)
    blocks: tuple[Block, ...] = (
        Paragraph(
            f"Vi fikk søknaden din om økonomisk stønad {dato(brev.soknadsdato)}. "
            "Vi har ikke avgjort den ennå."
        ),
        Heading("Derfor tar det tid"),
        *paragraphs(brev.grunn),
        Heading("Når du kan vente svar"),
        Paragraph(f"Vi regner med å avgjøre søknaden innen {dato(brev.forventet_dato)}.",
                  strong=True),
        Paragraph("Hvis det tar lengre tid, gir vi deg beskjed."),
        Paragraph(
            "Når det tar mer enn én måned å behandle en søknad, skal du få et foreløpig svar "
            f"({hjemler.forelopig_svar})."
        ),
        emergency(),
    )
    return document(
        title="Søknaden din tar lengre tid å behandle",
        kontor=brev.kontor,
        mottaker=brev.mottaker,
        brevdato=brev.dato,
        saksreferanse=brev.saksreferanse,
        saksbehandler=brev.saksbehandler,
        blocks=blocks,
    )


def _considered(brev: Forhandsvarsel, reduction: Decimal) -> tuple[Block, ...]:
    """The amounts considered: one line per month when every month is the same (whole months
    at one amount), otherwise each month with its own amounts and the total (issue 11)."""
    tid = periode(brev.periode.fra, brev.periode.til)
    if not brev.maneder or brev.lik_per_maned:
        per = " per måned" if brev.maneder else ""
        facts = [("Nå får du", kroner(brev.belop_na) + per),
                 ("Etter reduksjonen", kroner(brev.belop_redusert) + per),
                 ("Reduksjon", kroner(reduction) + per), ("Periode", tid)]
        if len(brev.maneder) > 1:
            facts.append(("Til sammen etter reduksjonen",
                          kroner(sum((m.belop_redusert for m in brev.maneder), Decimal(0)))))
        return (Paragraph(f"Vi vurderer å redusere {brev.stonad} fra {kroner(brev.belop_na)} "
                          f"til {kroner(brev.belop_redusert)}{per} for {tid}."),
                Facts(tuple(facts)))
    na = sum((Decimal(m.belop_na) for m in brev.maneder), Decimal(0))
    etter = sum((Decimal(m.belop_redusert) for m in brev.maneder), Decimal(0))
    return (
        Paragraph(f"Vi vurderer å redusere {brev.stonad} for {tid}, med "
                  f"{kroner(reduction)} for en hel måned. Beløpet er ulikt fra måned til "
                  "måned: hver måned er regnet ut med satsene og opplysningene som gjelder "
                  "den måneden, og en måned som bare er delvis med, etter antall dager."),
        Table(columns=("Måned", "Nå får du", "Etter reduksjonen"),
              rows=tuple((maaned(m.maned), kroner(m.belop_na), kroner(m.belop_redusert))
                         for m in brev.maneder),
              total=("Til sammen", kroner(na), kroner(etter))),
    )


def compose_forhandsvarsel(brev: Forhandsvarsel) -> Document:
    """Return the advance warning before a reduction as a document."""
    hjemler = references_for(brev.dato, brev.hjemler)
    reduction = Decimal(brev.belop_na) - Decimal(brev.belop_redusert)
    blocks: tuple[Block, ...] = (
        Paragraph("Dette er et varsel. Vi har ikke bestemt noe ennå.", strong=True),
        Paragraph(
            f"I vedtaket av {dato(brev.vedtaksdato)} fikk du {brev.stonad} med vilkår. "
            "Der sto det at stønaden kan bli redusert hvis du ikke oppfyller vilkåret."
        ),
        Heading("Vilkåret"),
        *paragraphs(brev.vilkar),
        *((Paragraph(f"Vilkåret ble satt etter {brev.vilkar_hjemmel}."),)
          if brev.vilkar_hjemmel.strip() else ()),
        Heading("Dette har vi registrert"),
        *paragraphs(brev.brudd),
        Heading("Dette vurderer vi"),
        *_considered(brev, reduction),
        Paragraph("Du og familien din skal uansett ha nok til det mest nødvendige."),
        Heading("Du kan si din mening"),
        Paragraph(f"Gi oss svar innen {dato(brev.svarfrist)}.", strong=True),
        Paragraph(
            "Fortell oss hvorfor du ikke har oppfylt vilkåret, eller om noe i dette brevet er "
            "feil. Du kan ringe, skrive eller komme innom kontoret. Vi tar hensyn til det du "
            "forteller oss før vi bestemmer noe."
        ),
        Paragraph(
            "Hvis vi ikke hører fra deg innen fristen, avgjør vi saken ut fra de opplysningene "
            "vi har."
        ),
        Heading("Reglene"),
        Paragraph(
            f"Reglene om å redusere stønaden står i {brev.hjemmel}. Du får dette varselet "
            f"fordi {hjemler.forhandsvarsel} sier at du skal få si din mening før vi gjør "
            "et vedtak."
        ),
        Paragraph(
            "Du kan ikke klage på dette varselet. Hvis vi bestemmer at stønaden skal reduseres, "
            "får du et nytt vedtak, og det kan du klage på."
        ),
        right_of_access(hjemler),
    )
    return document(
        title="Forhåndsvarsel: Vi vurderer å redusere stønaden din",
        kontor=brev.kontor,
        mottaker=brev.mottaker,
        brevdato=brev.dato,
        saksreferanse=brev.saksreferanse,
        saksbehandler=brev.saksbehandler,
        blocks=blocks,
    )
