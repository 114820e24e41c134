"""``sosialsak jobs daily`` runs the inbox, the reminders and the innsyn export."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

from sosialsak.contexts.intake.models import Soknad
from tests.digisos_samples import did, soknad_json, write_delivery


def test_the_daily_job_imports_and_exports(offices, settings, tmp_path) -> None:
    settings.DIGISOS_INBOX = tmp_path / "inbox"
    settings.DIGISOS_OUTBOX = tmp_path / "outbox"
    settings.MEDIA_ROOT = tmp_path / "media"
    write_delivery(Path(settings.DIGISOS_INBOX) / "a", digisos_id=did("job-1"), ekstern_ref="job-1",
                   soknad=soknad_json())
    out = io.StringIO()

    call_command("jobs", "daily", stdout=out)

    assert "inbox: 1 leveranser, 0 i karantene" in out.getvalue()
    assert Soknad.objects.get().digisos_id == did("job-1")
    assert (tmp_path / "outbox" / did("job-1") / "digisos-soker.json").exists()


def test_a_rejected_delivery_does_not_stop_the_job_and_fails_it_at_the_end(
    offices, settings, tmp_path
) -> None:
    import pytest
    from django.core.management.base import CommandError

    from sosialsak.contexts.digisos.models import Levering

    settings.DIGISOS_INBOX = tmp_path / "inbox"
    settings.DIGISOS_OUTBOX = tmp_path / "outbox"
    settings.DIGISOS_QUARANTINE = tmp_path / "q"
    settings.MEDIA_ROOT = tmp_path / "media"
    inbox = Path(settings.DIGISOS_INBOX)
    write_delivery(inbox / "a", digisos_id=did("job-1"), ekstern_ref="job-1", soknad=soknad_json())
    write_delivery(inbox / "b", digisos_id=did("job-2"), ekstern_ref="job-2", soknad={"x": 1})
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("jobs", "daily", stdout=out, stderr=err)

    rejected = Levering.objects.get(status="KARANTENE")
    assert exc.value.returncode == 1
    assert "inbox: 2 leveranser, 1 i karantene" in out.getvalue()
    assert f"{inbox / 'b'}: levering {rejected.pk} i karantene" in err.getvalue()
    assert (tmp_path / "outbox" / did("job-1") / "digisos-soker.json").exists()
