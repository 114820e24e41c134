"""Digisos intake: whole deliveries in, idempotent, ettersendelse, quarantine and replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sosialsak.contexts.digisos.delivery import read_folder
from sosialsak.contexts.digisos.importer import import_delivery, import_inbox, replay
from sosialsak.contexts.digisos.models import Levering
from sosialsak.contexts.intake.models import Flagg, Hendelse, OkonomiPost, Soknad, Vedlegg
from sosialsak.contexts.people.models import Barn, Person
from tests.digisos_samples import APPLICANT_FNR, PDF, did, soknad_json, vedlegg_json, write_delivery
from tests.helpers import NOW


def _deliver(tmp_path: Path, name: str = "d1", **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("digisos_id", did("dig-1"))
    kw.setdefault("ekstern_ref", "ref-1")
    kw.setdefault("soknad", soknad_json())
    folder = write_delivery(tmp_path / name, **kw)
    return import_delivery(delivery=read_folder(folder), now=NOW)


def test_a_valid_delivery_becomes_an_application_with_household_economy_and_files(
    offices, tmp_path
) -> None:
    result = _deliver(tmp_path, files={"kontrakt.pdf": PDF})

    soknad = Soknad.objects.get(pk=result.soknad_id)
    assert result.outcome == "IMPORTERT"
    assert (soknad.kanal, soknad.status, soknad.digisos_id, soknad.kontor) == (
        "DIGITAL", "MOTTATT", did("dig-1"), offices["A"])
    assert soknad.person.fodselsnummer == APPLICANT_FNR
    assert soknad.person.gateadresse == "Solheimsgaten 7"
    assert sorted(soknad.poster.values_list("type", flat=True)) == ["HUSLEIE", "LIVSOPPHOLD"]
    assert list(Barn.objects.filter(person=soknad.person).values_list("navn", "bosted")) == [
        ("Sara Digital", "FAST"), ("Yusuf Digital", "DELT")]
    assert set(OkonomiPost.objects.filter(soknad=soknad).values_list("kind", "type", "belop")) == {
        ("INNTEKT", "barnetrygd", 3000), ("BOUTGIFT", "husleie", 9500), ("BOUTGIFT", "strom", 900)}
    vedlegg = Vedlegg.objects.get(soknad=soknad, filnavn="kontrakt.pdf")
    assert (vedlegg.type, vedlegg.filnavn, vedlegg.fil.read()) == (
        "husleiekontrakt", "kontrakt.pdf", PDF)
    assert Hendelse.objects.filter(soknad=soknad, type="intake.soknad.mottatt").count() == 1


def test_odd_content_is_imported_and_flagged(offices, tmp_path) -> None:
    # The second child's number has wrong check digits; the office does not exist here.
    result = _deliver(tmp_path, soknad=soknad_json(enhet="9999"))

    soknad = Soknad.objects.get(pk=result.soknad_id)
    codes = set(Flagg.objects.filter(soknad=soknad).values_list("kode", flat=True))
    assert {"ugyldig_fodselsnummer", "ukjent_nav_kontor", "sjekk_poster"} <= codes
    assert soknad.kontor == offices["A"]  # first office serving kommune 4601
    yusuf = Barn.objects.get(person=soknad.person, navn="Yusuf Digital")
    assert yusuf.fodselsnummer == ""


def test_an_unknown_kommune_is_flagged(offices, tmp_path) -> None:
    result = _deliver(tmp_path, soknad=soknad_json(enhet="", kommune="5001"))

    assert "ukjent_kommune" in set(Flagg.objects.filter(soknad_id=result.soknad_id)
                                   .values_list("kode", flat=True))


def test_redelivery_changes_nothing(offices, tmp_path) -> None:
    first = _deliver(tmp_path, "a", files={"kontrakt.pdf": PDF})
    counts = (Soknad.objects.count(), Person.objects.count(), Vedlegg.objects.count(),
              Hendelse.objects.count(), Levering.objects.count())

    again = _deliver(tmp_path, "b", files={"kontrakt.pdf": PDF})

    assert again.outcome == "DUPLIKAT" and again.soknad_id == first.soknad_id
    assert (Soknad.objects.count(), Person.objects.count(), Vedlegg.objects.count(),
            Hendelse.objects.count(), Levering.objects.count()) == counts


def test_a_lone_soknad_file_is_idempotent_on_its_content(offices, tmp_path) -> None:
    from sosialsak.contexts.digisos.delivery import read_soknad_file

    path = tmp_path / "soknad.json"
    path.write_text(json.dumps(soknad_json()))

    first = import_delivery(delivery=read_soknad_file(path), now=NOW)
    second = import_delivery(delivery=read_soknad_file(path), now=NOW)

    assert (first.outcome, second.outcome) == ("IMPORTERT", "DUPLIKAT")
    assert Soknad.objects.count() == 1


def test_an_invalid_delivery_is_quarantined_whole_and_nothing_is_stored(
    offices, tmp_path, settings
) -> None:
    bad = soknad_json()
    del bad["mottaker"]

    result = _deliver(tmp_path, soknad=bad, files={"kontrakt.pdf": PDF})

    assert result.outcome == "KARANTENE"
    assert any("$.mottaker" in e for e in result.errors)
    assert (Soknad.objects.count(), Person.objects.count(), Vedlegg.objects.count()) == (0, 0, 0)
    levering = Levering.objects.get()
    assert levering.status == "KARANTENE" and levering.feil == list(result.errors)
    kept = Path(levering.karantene_mappe)
    assert sorted(p.name for p in kept.iterdir()) == [
        "kontrakt.pdf", "metadata.json", "soknad.json", "vedlegg.json"]


def test_a_fixed_quarantined_delivery_can_be_replayed(offices, tmp_path) -> None:
    bad = soknad_json()
    del bad["mottaker"]
    result = _deliver(tmp_path, soknad=bad)
    folder = Path(Levering.objects.get(pk=result.levering_id).karantene_mappe)
    (folder / "soknad.json").write_text(json.dumps(soknad_json()))  # the administrator's fix

    replayed = replay(levering_id=result.levering_id, now=NOW)

    assert replayed.outcome == "IMPORTERT"
    assert Soknad.objects.get().digisos_id == did("dig-1")
    assert Levering.objects.get(pk=result.levering_id).status == "ERSTATTET"
    assert not folder.exists()


def test_a_file_missing_from_the_delivery_rejects_it(offices, tmp_path) -> None:
    result = _deliver(tmp_path, vedlegg=vedlegg_json({"borte.pdf": PDF}))

    assert result.outcome == "KARANTENE"
    assert any("borte.pdf" in e and "ikke med" in e for e in result.errors)


def test_an_ettersendelse_attaches_files_and_fulfils_the_matching_request(
    offices, users, tmp_path, scope_of
) -> None:
    from sosialsak.contexts.cases.operations import request_dokumentasjon

    first = _deliver(tmp_path)
    actor = users["veileder_a"]
    krav = request_dokumentasjon(scope=scope_of(actor), actor=actor, soknad_id=first.soknad_id,
                                 titler=["Husleiekontrakt", "Kontoutskrift"], now=NOW)
    kontrakt = next(k for k in krav if k.tittel == "Husleiekontrakt")
    files = {"kontrakt.pdf": PDF}

    result = _deliver(tmp_path, "e1", ekstern_ref="ref-2", soknad=None, files=files,
                      ettersendelse=True, vedlegg=vedlegg_json(
                          files, hendelse_type="dokumentasjonEtterspurt",
                          hendelse_referanse=f"krav-{kontrakt.pk}"))

    kontrakt.refresh_from_db()
    assert result.outcome == "ETTERSENDT" and result.soknad_id == first.soknad_id
    assert kontrakt.status == "LEVERT" and kontrakt.levert_via == "ETTERSENDELSE"
    other = next(k for k in krav if k.tittel == "Kontoutskrift")
    other.refresh_from_db()
    assert other.status == "ETTERSPURT"
    assert Vedlegg.objects.filter(soknad_id=first.soknad_id, kilde="ETTERSENDELSE").count() == 1


def test_an_ettersendelse_for_an_unknown_application_is_quarantined(offices, tmp_path) -> None:
    result = _deliver(tmp_path, digisos_id=did("nope"), soknad=None, files={"a.pdf": PDF},
                      ettersendelse=True)

    assert result.outcome == "KARANTENE"
    assert did("nope") in result.errors[0]
    assert Vedlegg.objects.count() == 0


def test_the_inbox_is_emptied_into_the_database_or_the_quarantine(
    offices, tmp_path, settings
) -> None:
    inbox = Path(settings.DIGISOS_INBOX)
    write_delivery(inbox / "ok", digisos_id=did("d-ok"), ekstern_ref="r-ok", soknad=soknad_json())
    write_delivery(inbox / "bad", digisos_id=did("d-bad"), ekstern_ref="r-bad", soknad={"x": 1})

    results = import_inbox(now=NOW)

    assert sorted(r.outcome for r in results) == ["IMPORTERT", "KARANTENE"]
    assert list(inbox.iterdir()) == []


def test_the_case_page_shows_the_flags_and_the_attachment_only_in_scope(
    offices, users, tmp_path
) -> None:
    from django.test import Client

    from sosialsak.contexts.audit.models import AuditEntry

    result = _deliver(tmp_path, soknad=soknad_json(enhet="9999"), files={"kontrakt.pdf": PDF})
    vedlegg = Vedlegg.objects.get(filnavn="kontrakt.pdf")
    own, other = Client(), Client()
    own.force_login(users["veileder_a"])
    other.force_login(users["veileder_b"])

    page = own.get(f"/soknad/{result.soknad_id}/").content.decode()
    download = own.get(f"/vedlegg/{vedlegg.pk}/")
    denied = other.get(f"/vedlegg/{vedlegg.pk}/")

    assert "Merknader du må se på" in page and "finnes ikke her" in page
    assert f"/vedlegg/{vedlegg.pk}/" in page
    assert b"".join(download.streaming_content) == PDF
    assert denied.status_code == 404
    assert AuditEntry.objects.filter(object_type="vedlegg", action="DENIED").count() == 1


def test_a_failure_half_way_stores_nothing_and_keeps_the_delivery(
    offices, tmp_path, monkeypatch
) -> None:
    from sosialsak.contexts.digisos import soknad_import

    def broken(**kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(soknad_import, "store_delivery_files", broken)

    result = _deliver(tmp_path, files={"kontrakt.pdf": PDF})

    assert result.outcome == "KARANTENE"
    assert "OSError" in result.errors[0]
    assert (Soknad.objects.count(), Person.objects.count(), Barn.objects.count(),
            Hendelse.objects.count(), OkonomiPost.objects.count()) == (0, 0, 0, 0, 0)
    assert Levering.objects.get().status == "KARANTENE"


# --- nothing of the application is lost (raw soknad.json, soknad.pdf, the applicant's facts) --


def test_the_raw_soknad_json_and_the_soknad_pdf_are_kept_with_the_application(
    offices, tmp_path
) -> None:
    raw = json.dumps(soknad_json(), ensure_ascii=False).encode()
    folder = write_delivery(tmp_path / "d", digisos_id=did("dig-1"), ekstern_ref="ref-1",
                            soknad=soknad_json(), files={"kontrakt.pdf": PDF})
    (folder / "soknad.pdf").write_bytes(b"%PDF-1.4 the application as the person saw it")

    result = import_delivery(delivery=read_folder(folder), now=NOW)

    rows = {v.filnavn: v for v in Vedlegg.objects.filter(soknad_id=result.soknad_id)}
    assert set(rows) == {"kontrakt.pdf", "soknad.json", "soknad.pdf"}
    assert rows["soknad.json"].fil.read() == raw == (folder / "soknad.json").read_bytes()
    assert rows["soknad.pdf"].fil.read() == b"%PDF-1.4 the application as the person saw it"
    assert (rows["soknad.json"].type, rows["soknad.pdf"].type) == ("soknad", "soknad")
    assert {v.kilde for v in rows.values()} == {"SOKNAD"}


def _kort_soknad() -> dict:  # type: ignore[type-arg]
    data = soknad_json()
    data["data"]["soknadstype"] = "kort"
    data["data"]["situasjonendring"] = {"kilde": "bruker", "harNoeEndretSeg": True,
                                        "hvaHarEndretSeg": "Samboeren min har flyttet ut."}
    data["data"]["arbeid"] = {"forhold": [{
        "kilde": "system", "arbeidsgivernavn": "Bergen Bakeri AS", "fom": "2023-09-01",
        "tom": "2024-02-29", "stillingsprosent": 60, "overstyrtAvBruker": False}]}
    data["data"]["utdanning"] = {"kilde": "bruker", "erStudent": True}
    return data


def test_the_applicants_own_information_reaches_the_case(offices, users, tmp_path) -> None:
    from django.test import Client

    result = _deliver(tmp_path, soknad=_kort_soknad())

    flags = dict(Flagg.objects.filter(soknad_id=result.soknad_id).values_list("kode", "tekst"))
    facts = flags["opplysninger"]
    assert "Bosituasjon: leier bolig" in facts
    assert "Antall personer i husstanden: 3" in facts
    assert "Bergen Bakeri AS (60 %, 01.09.2023–29.02.2024)" in facts
    assert "Student: ja" in facts
    assert flags["situasjon_endret"] == ("Søkeren sier at noe har endret seg siden forrige "
                                         "søknad: «Samboeren min har flyttet ut.»")
    client = Client()
    client.force_login(users["veileder_a"])
    page = client.get(f"/soknad/{result.soknad_id}/").content.decode()
    assert "Bosituasjon: leier bolig" in page and "Samboeren min har flyttet ut." in page


def test_a_standard_soknad_without_work_says_so(offices, tmp_path) -> None:
    data = soknad_json()
    data["data"]["arbeid"] = {"situasjon": {"kilde": "bruker", "erIJobb": False}}

    result = _deliver(tmp_path, soknad=data)

    flags = dict(Flagg.objects.filter(soknad_id=result.soknad_id).values_list("kode", "tekst"))
    assert "I jobb: nei" in flags["opplysninger"] and "Student: nei" in flags["opplysninger"]
    assert "situasjon_endret" not in flags


# --- a failure part-way leaves no files behind --------------------------------------------


def test_a_failure_after_the_files_are_written_removes_them(
    offices, tmp_path, settings, monkeypatch
) -> None:
    from sosialsak.contexts.digisos import soknad_import

    media = Path(settings.MEDIA_ROOT)
    seen: list[str] = []
    real = soknad_import.Flagg.objects.bulk_create

    def broken(objs, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.extend(p.name for p in media.rglob("*") if p.is_file())
        raise OSError("disk full")

    monkeypatch.setattr(soknad_import.Flagg.objects, "bulk_create", broken)

    result = _deliver(tmp_path, files={"kontrakt.pdf": PDF})

    monkeypatch.setattr(soknad_import.Flagg.objects, "bulk_create", real)
    assert result.outcome == "KARANTENE" and "OSError" in result.errors[0]
    assert any(name.endswith(".part") for name in seen)  # they were written (temporarily)...
    assert not any(name.endswith("kontrakt.pdf") for name in seen)  # never under their name
    assert [p for p in media.rglob("*") if p.is_file()] == []  # ...and are gone
    assert Vedlegg.objects.count() == 0


# --- idempotency on what identifies a delivery --------------------------------------------


def test_the_same_ekstern_ref_with_another_digisos_id_is_rejected_naming_both(
    offices, tmp_path
) -> None:
    first = _deliver(tmp_path, "a")

    other = _deliver(tmp_path, "b", digisos_id=did("dig-2"), soknad=soknad_json(hva="Strøm."))

    assert other.outcome == "KARANTENE"
    (reason,) = other.errors
    assert "ref-1" in reason and did("dig-1") in reason and did("dig-2") in reason
    assert Soknad.objects.count() == 1
    kept = Levering.objects.get(pk=other.levering_id)
    assert (kept.status, kept.digisos_id, kept.ekstern_ref) == ("KARANTENE", did("dig-2"), "ref-1")
    assert Levering.objects.get(pk=first.levering_id).status == "IMPORTERT"  # untouched


def test_a_new_soknad_json_for_a_known_digisos_id_is_rejected_naming_both_refs(
    offices, tmp_path
) -> None:
    first = _deliver(tmp_path, "a")

    again = _deliver(tmp_path, "b", ekstern_ref="ref-2")

    assert again.outcome == "KARANTENE"
    (reason,) = again.errors
    assert did("dig-1") in reason and "ref-1" in reason and "ref-2" in reason
    assert "finnes allerede" not in reason
    assert f"søknad {first.soknad_id}" in reason
    assert Soknad.objects.count() == 1


def test_an_ettersendelse_reusing_the_soknads_ekstern_ref_is_a_no_op(offices, tmp_path) -> None:
    first = _deliver(tmp_path, "a")
    counts = (Vedlegg.objects.count(), Levering.objects.count())

    again = _deliver(tmp_path, "e", soknad=None, files={"a.pdf": PDF}, ettersendelse=True)

    assert (again.outcome, again.levering_id) == ("DUPLIKAT", first.levering_id)
    assert (Vedlegg.objects.count(), Levering.objects.count()) == counts


# --- a quarantined delivery imported normally later leaves no quarantine behind ------------


def test_a_quarantined_delivery_imported_normally_clears_the_quarantine(
    offices, tmp_path
) -> None:
    bad = soknad_json()
    del bad["mottaker"]
    rejected = _deliver(tmp_path, "a", soknad=bad)
    folder = Path(Levering.objects.get(pk=rejected.levering_id).karantene_mappe)
    assert folder.is_dir()

    fixed = _deliver(tmp_path, "b")  # NAV sends the corrected delivery again

    assert fixed.outcome == "IMPORTERT"
    levering = Levering.objects.get(pk=fixed.levering_id)
    assert (levering.status, levering.karantene_mappe, levering.feil) == ("IMPORTERT", "", [])
    assert not folder.exists()
    assert Levering.objects.filter(status="KARANTENE").count() == 0


def test_quarantined_deliveries_never_share_a_folder(offices, tmp_path) -> None:
    _deliver(tmp_path, "a")
    one = _deliver(tmp_path, "b", digisos_id=did("dig-2"), files={"x.pdf": PDF})
    two = _deliver(tmp_path, "c", digisos_id=did("dig-3"), files={"y.pdf": PDF})

    folders = {Path(row.karantene_mappe) for row in Levering.objects.filter(
        pk__in=[one.levering_id, two.levering_id])}
    assert len(folders) == 2
    assert sorted(sorted(p.name for p in f.iterdir()) for f in folders) == [
        ["metadata.json", "soknad.json", "vedlegg.json", "x.pdf"],
        ["metadata.json", "soknad.json", "vedlegg.json", "y.pdf"]]


# --- an invalid fødselsnummer does not make a new person every time -----------------------


def test_an_applicant_with_an_invalid_number_is_one_person_across_imports(
    offices, tmp_path
) -> None:
    first = _deliver(tmp_path, "a", soknad=soknad_json(fnr="12345678901"))
    second = _deliver(tmp_path, "b", digisos_id=did("dig-2"), ekstern_ref="ref-2",
                      soknad=soknad_json(fnr="12345678901", hva="Strøm."))
    other = _deliver(tmp_path, "c", digisos_id=did("dig-3"), ekstern_ref="ref-3",
                     soknad=soknad_json(fnr="12345678902", hva="Strøm."))

    a, b, c = (Soknad.objects.get(pk=r.soknad_id) for r in (first, second, other))
    assert a.person_id == b.person_id != c.person_id
    assert a.person.fodselsnummer is None
    assert Flagg.objects.filter(soknad=b, kode="ugyldig_fodselsnummer").exists()


@pytest.mark.parametrize("birth_date", [None, "1970-01-01"])
def test_two_people_with_the_same_invalid_number_are_never_merged(
    offices, tmp_path, birth_date: str | None
) -> None:
    from tests.digisos_samples import with_changes

    amina = _deliver(tmp_path, "a", soknad=soknad_json(fnr="12345678901"))
    ola_doc = with_changes(soknad_json(fnr="12345678901"), data__personalia__navn={
        "kilde": "system", "fornavn": "Ola", "mellomnavn": "", "etternavn": "Nordmann"})
    ola_doc["data"]["familie"]["forsorgerplikt"]["ansvar"] = []
    if birth_date:
        ola_doc["data"]["personalia"]["fodselsdato"] = birth_date
    ola = _deliver(tmp_path, "b", digisos_id=did("dig-2"), ekstern_ref="ref-2", soknad=ola_doc)

    a, b = (Soknad.objects.get(pk=r.soknad_id) for r in (amina, ola))
    assert a.person_id != b.person_id
    assert (a.person.fornavn, b.person.fornavn) == ("Amina", "Ola")
    assert Barn.objects.filter(person=a.person).count() == 2  # Amina keeps her children


def test_a_broken_copy_of_an_imported_delivery_changes_nothing(offices, tmp_path) -> None:
    first = _deliver(tmp_path, "a")

    again = _deliver(tmp_path, "b", soknad={"version": "1.0.0"})

    assert (again.outcome, again.levering_id) == ("DUPLIKAT", first.levering_id)
    levering = Levering.objects.get(pk=first.levering_id)
    assert (levering.status, levering.karantene_mappe) == ("IMPORTERT", "")
    assert Levering.objects.count() == 1


def test_a_delivery_rejected_twice_keeps_one_row_and_counts_the_attempts(
    offices, tmp_path
) -> None:
    bad = soknad_json()
    del bad["mottaker"]
    first = _deliver(tmp_path, "a", soknad=bad)

    second = _deliver(tmp_path, "b", soknad=bad)

    assert first.levering_id == second.levering_id
    assert Levering.objects.get().forsok == 2


# --- an ettersendelse fulfils a decision's documentation requirement ---------------------


@pytest.mark.parametrize("by_reference", [True, False], ids=["reference", "type"])
def test_an_ettersendelse_fulfils_a_decisions_documentation_requirement(
    decided, tmp_path, by_reference
) -> None:
    from sosialsak.contexts.digisos.innsyn import build_innsyn

    krav = decided["krav"]
    files = {"kvittering.pdf": PDF}
    vedlegg = vedlegg_json(files, type=krav.tittel, tilleggsinfo=krav.beskrivelse,
                           hendelse_type="dokumentasjonkrav",
                           hendelse_referanse=krav.referanse if by_reference else None)

    result = _deliver(tmp_path, "e1", digisos_id=did("dig-krav"), ekstern_ref="ref-e1", soknad=None,
                      files=files, ettersendelse=True, vedlegg=vedlegg)

    krav.refresh_from_db()
    assert result.outcome == "ETTERSENDT"
    assert krav.status == "LEVERT"
    published = [h for h in build_innsyn(decided["soknad"])["hendelser"]
                 if h["type"] == "dokumentasjonkrav"]
    assert [h["status"] for h in published] == ["RELEVANT", "LEVERT_TIDLIGERE"]
    assert {h["dokumentasjonkravreferanse"] for h in published} == {krav.referanse}


def test_a_file_for_another_requirement_leaves_the_decisions_requirement_open(
    decided, tmp_path
) -> None:
    files = {"annet.pdf": PDF}

    _deliver(tmp_path, "e1", digisos_id=did("dig-krav"), ekstern_ref="ref-e1", soknad=None,
             files=files, ettersendelse=True, vedlegg=vedlegg_json(
                 files, type="Kvittering for husleie", tilleggsinfo="feil beskrivelse",
                 hendelse_type="bruker"))

    decided["krav"].refresh_from_db()
    assert decided["krav"].status == "RELEVANT"
