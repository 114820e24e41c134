"""Old free-text KVP assessments stay readable: the migration copies them into the structured
model as kilde FRITEKST, linked to the row the § 20 a check still reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_free_text_assessments_are_copied(make_soknad: Any) -> None:
    from sosialsak.contexts.decisions.models import KvpVurdering

    soknad = make_soknad()
    old = KvpVurdering.objects.create(person=soknad.person, soknad=soknad,
                                      vurdert_dato=date(2024, 1, 1), har_rett=False,
                                      begrunnelse="Gammel vurdering i fritekst.",
                                      vurdert_at=timezone.now())
    executor = MigrationExecutor(connection)
    executor.migrate([("kvp", "0001_kvp_kvp")])
    executor.loader.build_graph()
    executor.migrate([("kvp", "0002_fritekst_vurderinger_kvp")])

    from sosialsak.contexts.kvp.models import Vurdering

    copied = Vurdering.objects.get()
    assert (copied.kilde, copied.begrunnelse, copied.fritekst_id, copied.har_rett) == (
        "FRITEKST", "Gammel vurdering i fritekst.", old.pk, False)
    assert copied.vesentlig_nedsatt_arbeidsevne is None  # not asked then
