"""The daily export: CSV contents, the pain.001 file, idempotency, scope and the audit log."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import date
from importlib.resources import files
from typing import Any

import pytest
import xmlschema

from sosialsak.contexts.audit.models import AuditEntry
from sosialsak.contexts.payments.export import NothingToExport, export_due_payments
from sosialsak.contexts.payments.models import Betalingsoppdrag, Eksportkjoring, Utbetaling
from sosialsak.contexts.payments.operations import set_utbetaling_status
from sosialsak.contexts.payments.planning import create_payment_plan
from sosialsak.contexts.payments.profile import (
    SamtykkeInput,
    record_samtykke,
    set_betalingsprofil,
)
from sosialsak.contexts.payments.queries import due_payments
from sosialsak.contexts.payments.recipients import Mottaker
from sosialsak.formats.pain001 import NAMESPACE, check_pain001
from sosialsak.kernel.errors import NotFound, ValidationFailed
from tests.helpers import NOW
from tests.integration.payments.conftest import (
    KONTO_KOMMUNE,
    KONTO_SOKER,
    KONTO_UTLEIER,
    ORGNR_UTLEIER,
)

N = f"{{{NAMESPACE}}}"
DAY = date(2024, 4, 15)
XSD = xmlschema.XMLSchema(str(files("sepaxml") / "schemas" / "pain.001.001.03.xsd"))


@pytest.fixture
def due(make_soknad, grant, profil, scope, actor, office_settings) -> dict[str, Any]:
    """Two applications at office A with payments due on 15 April 2024."""
    office_settings()
    kari = make_soknad()
    profil(kari)
    [april, *_] = create_payment_plan(scope=scope, actor=actor, vedtak_id=grant(kari).pk,
                                      hyppighet="MANEDLIG", now=NOW)
    rent = make_soknad(items=("HUSLEIE",))
    consent = record_samtykke(scope=scope, actor=actor, soknad_id=rent.pk, now=NOW,
                              data=SamtykkeInput(date(2024, 3, 1), "Husleie",
                                                 "Fjellveien Utleie AS", ORGNR_UTLEIER))
    [husleie, *_] = create_payment_plan(
        scope=scope, actor=actor, vedtak_id=grant(rent, item="HUSLEIE", belop=8500).pk,
        hyppighet="MANEDLIG", now=NOW,
        mottaker=Mottaker(type="ANNEN", navn="Fjellveien Utleie AS", kontonummer=KONTO_UTLEIER,
                          organisasjonsnummer=ORGNR_UTLEIER, samtykke_id=consent.pk,
                          kid="79927398713"))
    return {"kari": kari, "rent": rent, "april": april, "husleie": husleie}


def export(scope, actor, kontor_id, fmt="CSV", **kw):  # type: ignore[no-untyped-def]
    # The exporter holds the export permission (a leder's by default; issue 12).
    scope = dataclasses.replace(scope, can_export_payments=True)
    return export_due_payments(scope=scope, actor=actor, kontor_id=kontor_id, forfallsdato=DAY,
                               format=fmt, now=NOW, **kw)


def test_the_csv_file_has_a_header_and_one_row_per_payment(due, scope, actor, offices) -> None:
    f = export(scope, actor, offices["A"].pk)

    a, h = due["april"], due["husleie"]
    assert f.innhold.decode("utf-8").split("\r\n") == [
        "referanse;betalingsreferanse;forfallsdato;belop;mottaker;kontonummer;kid_melding;"
        "vedtak_id;sak",
        f"{h.referanse};{h.referanse};2024-04-15;8500,00;Fjellveien Utleie AS;{KONTO_UTLEIER};"
        f"79927398713;{h.vedtak_id};{h.vedtak.sak.referanse}",
        f"{a.referanse};{a.referanse};2024-04-15;9000,00;{due['kari'].person.navn};"
        f"{KONTO_SOKER};NAV økonomisk stønad: Livsopphold, april 2024;{a.vedtak_id};"
        f"{a.vedtak.sak.referanse}",
        ""]
    assert (f.antall, f.sum_belop, f.content_type) == (2, 17500, "text/csv; charset=utf-8")
    assert f.filnavn == "utbetalinger-1201-2024-04-15-1.csv"


def test_the_pain001_file_validates_and_pays_each_recipient(due, scope, actor, offices) -> None:
    f = export(scope, actor, offices["A"].pk, "PAIN001")

    XSD.validate(f.innhold)
    assert check_pain001(f.innhold) == []
    root = ET.fromstring(f.innhold)
    assert root.findtext(f".//{N}GrpHdr/{N}MsgId") == "SOSIALSAK-1201-20240415-01"
    assert root.findtext(f".//{N}GrpHdr/{N}NbOfTxs") == "2"
    assert root.findtext(f".//{N}GrpHdr/{N}CtrlSum") == "17500.00"
    assert root.findtext(f".//{N}PmtInf/{N}ReqdExctnDt") == "2024-04-15"
    assert root.findtext(f".//{N}DbtrAcct/{N}Id/{N}Othr/{N}Id") == KONTO_KOMMUNE
    assert root.findtext(f".//{N}Dbtr/{N}Nm") == "Bergen kommune"
    txs = {tx.findtext(f"{N}PmtId/{N}EndToEndId"): tx for tx in root.iter(f"{N}CdtTrfTxInf")}
    rent = txs[due["husleie"].referanse]
    assert rent.findtext(f"{N}Amt/{N}InstdAmt") == "8500.00"
    assert rent.findtext(f"{N}CdtrAcct/{N}Id/{N}Othr/{N}Id") == KONTO_UTLEIER
    assert rent.findtext(f".//{N}CdtrRefInf/{N}Ref") == "79927398713"
    assert txs[due["april"].referanse].findtext(f"{N}Cdtr/{N}Nm") == due["kari"].person.navn


def test_exporting_again_gives_the_same_file_and_marks_nothing_paid(
    due, scope, actor, offices
) -> None:
    first_csv, first_xml = (export(scope, actor, offices["A"].pk, fmt) for fmt in
                            ("CSV", "PAIN001"))

    again_csv, again_xml = (export(scope, actor, offices["A"].pk, fmt) for fmt in
                            ("CSV", "PAIN001"))

    assert (again_csv.innhold, again_csv.sha256) == (first_csv.innhold, first_csv.sha256)
    assert (again_xml.innhold, again_xml.sha256) == (first_xml.innhold, first_xml.sha256)
    assert Betalingsoppdrag.objects.count() == 1
    runs = list(Eksportkjoring.objects.values_list("format", "antall", "sum_belop", "kjort_av"))
    assert runs == [("CSV", 2, 17500, actor.pk), ("PAIN001", 2, 17500, actor.pk)] * 2
    assert set(Utbetaling.objects.filter(forfallsdato=DAY).values_list("status", flat=True)) \
        == {"PLANLAGT"}


def test_a_payment_added_later_goes_into_a_second_batch_alone(
    due, make_soknad, grant, profil, scope, actor, offices
) -> None:
    first = export(scope, actor, offices["A"].pk, "PAIN001")
    late = make_soknad(items=("NODHJELP",))
    profil(late)
    [nodhjelp] = create_payment_plan(
        scope=scope, actor=actor, hyppighet="ENGANGS", now=NOW, forfallsdato=DAY,
        vedtak_id=grant(late, item="NODHJELP", belop=1500, hjemmel="§ 18 nødhjelp").pk)

    second = export(scope, actor, offices["A"].pk, "PAIN001")
    first_again = export(scope, actor, offices["A"].pk, "PAIN001", lopenummer=1)

    assert (second.lopenummer, second.antall, second.sum_belop) == (2, 1, 1500)
    assert second.msg_id == "SOSIALSAK-1201-20240415-02"
    assert nodhjelp.referanse.encode() in second.innhold
    assert due["april"].referanse.encode() not in second.innhold
    assert first_again.innhold == first.innhold
    assert Utbetaling.objects.filter(oppdrag__lopenummer=1).count() == 2


def test_stopped_payments_are_not_exported(due, scope, actor, offices) -> None:
    set_utbetaling_status(scope=scope, actor=actor, utbetaling_id=due["husleie"].pk,
                          status="STOPPET", now=NOW)

    f = export(scope, actor, offices["A"].pk)

    assert (f.antall, f.sum_belop) == (1, 9000)


def test_every_run_is_audit_logged_as_export(due, scope, actor, offices) -> None:
    f = export(scope, actor, offices["A"].pk)

    entries = AuditEntry.objects.filter(action="EXPORT")
    assert sorted(entries.filter(object_type="soknad").values_list("object_id", flat=True)) == \
        sorted([str(due["kari"].pk), str(due["rent"].pk)])
    batch = entries.get(object_type="betalingsoppdrag")
    assert (batch.object_id, batch.actor_username, batch.kontor_id) == (
        str(f.oppdrag_id), "va", offices["A"].pk)
    assert batch.purpose == "eksport av utbetalinger (SOSIALSAK-1201-20240415-01)"


class TestScope:
    def test_office_b_cannot_export_office_as_payments(self, due, users, scope_of,
                                                       offices) -> None:
        other = users["veileder_b"]

        with pytest.raises(NotFound):
            export(scope_of(other), other, offices["A"].pk)

        assert Betalingsoppdrag.objects.count() == 0
        denied = AuditEntry.objects.get(action="DENIED", object_type="kontor")
        assert (denied.actor_username, denied.kontor_id) == ("vb", offices["A"].pk)

    def test_office_bs_own_export_does_not_contain_office_as_payments(
        self, due, users, scope_of, offices
    ) -> None:
        other = users["veileder_b"]

        with pytest.raises(NothingToExport, match=r"15\.04\.2024"):
            export(scope_of(other), other, offices["B"].pk)

    def test_the_statsforvalter_reads_but_cannot_export(self, due, users, scope_of,
                                                        offices) -> None:
        sf = users["statsforvalter"]

        with pytest.raises(NotFound):
            export(scope_of(sf), sf, offices["A"].pk)

    def test_strictly_confidential_cases_are_left_to_the_system_job(
        self, due, make_soknad, grant, profil, scope, actor, offices, users, scope_of
    ) -> None:
        hidden = make_soknad(beskyttelse="STRENGT_FORTROLIG")
        sf_actor = users["veileder_sf"]
        set_betalingsprofil(scope=scope_of(sf_actor), actor=sf_actor, soknad_id=hidden.pk,
                            kontonummer=KONTO_SOKER, samlet_manedlig_utbetaling=False, now=NOW)
        create_payment_plan(scope=scope_of(sf_actor), actor=sf_actor, hyppighet="MANEDLIG",
                            vedtak_id=grant(hidden, who=sf_actor).pk, now=NOW)

        mine = export(scope, actor, offices["A"].pk)
        theirs = export(scope_of(sf_actor), sf_actor, offices["A"].pk)

        assert (mine.lopenummer, mine.antall) == (1, 2)
        assert hidden.person.navn.encode() not in mine.innhold
        assert (theirs.lopenummer, theirs.antall, theirs.sum_belop) == (2, 1, 9000)
        with pytest.raises(NotFound):
            export(scope, actor, offices["A"].pk, lopenummer=2)
        assert export(scope, actor, offices["A"].pk).innhold == mine.innhold
        listed = due_payments(scope=scope, actor=actor, kontor_id=offices["A"].pk,
                              forfallsdato=DAY, purpose="test")
        assert listed.oppdrag == [1] and {r.lopenummer for r in listed.kjoringer} == {1}
        assert len(listed.betalinger) == 2


def test_the_bank_file_needs_the_municipalitys_account(make_soknad, grant, profil, scope, actor,
                                                      offices) -> None:
    soknad = make_soknad()
    profil(soknad)
    create_payment_plan(scope=scope, actor=actor, vedtak_id=grant(soknad).pk,
                        hyppighet="MANEDLIG", now=NOW)

    with pytest.raises(ValidationFailed) as err:
        export(scope, actor, offices["A"].pk, "PAIN001")

    assert err.value.extra["field"] == "debitor_kontonummer"
    assert export(scope, actor, offices["A"].pk, "CSV").antall == 1


def test_an_unknown_format_is_refused(due, scope, actor, offices) -> None:
    with pytest.raises(ValidationFailed) as err:
        export(scope, actor, offices["A"].pk, "XLSX")

    assert err.value.extra["field"] == "format"


def test_a_veileder_may_not_export_bank_files(due, scope, actor, offices, users,
                                              scope_of) -> None:  # type: ignore[no-untyped-def]
    """Issue 12, separation of duties: exporting payments is its own permission, given to the
    leder by default; a veileder who decides and plans payments is refused (403, audited)."""
    from sosialsak.contexts.audit.models import AuditEntry
    from sosialsak.kernel.errors import Forbidden

    with pytest.raises(Forbidden):
        export_due_payments(scope=scope_of(users["veileder_a"]), actor=users["veileder_a"],
                            kontor_id=offices["A"].pk, forfallsdato=DAY, format="CSV", now=NOW)
    leder = users["leder_a"]
    assert export_due_payments(scope=scope_of(leder), actor=leder, kontor_id=offices["A"].pk,
                               forfallsdato=DAY, format="CSV", now=NOW).antall == 2
    assert AuditEntry.objects.filter(action="DENIED",
                                     purpose__endswith="mangler eksporttilgang").count() == 1
