"""A Digisos application with a decision that requires documentation (for ettersendelser)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.digisos_samples import did, soknad_json, write_delivery
from tests.helpers import NOW
from tests.integration.decisions.fixtures import map_children


@pytest.fixture
def decided(offices: Any, users: Any, scope_of: Any, tmp_path: Path
            ) -> dict[str, Any]:
    """Import dig-krav and grant its rent with a documentation requirement (a receipt)."""
    from sosialsak.contexts.decisions.operations import (
        BarnBegrunnelse,
        DokumentasjonskravUtkast,
        UtbetalingValg,
        VedtakUtkast,
        make_vedtak,
        record_kvp_vurdering,
    )
    from sosialsak.contexts.digisos.delivery import read_folder
    from sosialsak.contexts.digisos.importer import import_delivery
    from sosialsak.contexts.intake.models import Soknad
    from sosialsak.contexts.people.models import Barn

    folder = write_delivery(tmp_path / "krav-in", digisos_id=did("dig-krav"),
                            ekstern_ref="ref-krav", soknad=soknad_json(hva="Husleie for mars."))
    # Received and decided before NOW, when the tests send their ettersendelser.
    soknad = Soknad.objects.get(pk=import_delivery(delivery=read_folder(folder),
                                                   now=NOW - timedelta(days=3)).soknad_id)
    actor = users["veileder_a"]
    scope = scope_of(actor)
    later = NOW - timedelta(days=1)
    record_kvp_vurdering(scope=scope, actor=actor, soknad_id=soknad.pk, har_rett=False,
                         begrunnelse="Har nylig vært i jobb; KVP er ikke aktuelt nå.", now=later)
    map_children(scope, actor, soknad, later)
    vedtak = make_vedtak(scope=scope, actor=actor, soknad_id=soknad.pk, now=later,
                         data=VedtakUtkast(
        post_ids=(soknad.poster.get(type="HUSLEIE").pk,), hjemmel="§ 18", utfall="INNVILGET",
        stonadsform="BIDRAG", periode_fra=date(2024, 3, 1), periode_til=date(2024, 4, 1),
        belop=9500, sak_tittel="Husleie mars",
        begrunnelse="Du har ikke penger til husleien i mars, og boligen er nødvendig.",
        fakta="Husleie 9 500 kr, ingen inntekt i mars.",
        barn=tuple(BarnBegrunnelse(barn_id=b.pk, vurdering=f"{b.navn} trenger å bo trygt.")
                   for b in Barn.objects.filter(person=soknad.person)),
        dokumentasjonskrav=(DokumentasjonskravUtkast(
            tittel="Kvittering for husleie", beskrivelse="Kvittering for betalt husleie i mars.",
            frist=date(2024, 3, 31)),),
        utbetaling=UtbetalingValg(hyppighet="ENGANGS", mottaker_type="SOKER",
                                  navn="Amina Digital", kontonummer="12345678903",
                                  forfallsdato=date(2024, 3, 8)),
    ))
    return {"soknad": soknad, "vedtak": vedtak, "krav": vedtak.dokumentasjonskrav.get(),
            "actor": actor, "scope": scope}
