"""Conformance with the official Digisos schemas and fixtures in ``../shared/digisos``.

Skipped when that folder is absent. Checks, by our models and by the official draft-06 schemas:

* every fixture is accepted or rejected as its name says (``feil-*``/``ikkegyldig_*`` rejected),
  fragments against the schema file named by their folder, as upstream's tests do;
* the 2018 examples are rejected for exactly the known reasons (no ``mottaker``,
  ``driftsinformasjon`` not an object);
* the innsyn builder's output validates against the official schema;
* differential testing: thousands of mutations of valid documents (fields removed, nulled,
  retyped, unknown fields added) get the same verdict from our models and the official schema.
  A fixed sample (at most ``SAMPLE`` per document) runs by default, to keep the suite quick;
  ``DIGISOS_CONFORMANCE_EXHAUSTIVE=1`` runs all of them (about 60 000, several minutes).
"""

from __future__ import annotations

import copy
import json
import os
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from sosialsak.formats.digisos import (
    OfficialSchemas,
    build_digisos_soker,
    load_json,
    load_official_schemas,
    validate_files,
    validate_fragment,
)
from sosialsak.formats.digisos import innsyn_events as ev
from sosialsak.formats.digisos.official import BASE_URI
from sosialsak.formats.digisos.schema_map import NOT_MODELLED, schema_models

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "digisos"
if not SHARED.is_dir():
    pytest.skip("../shared/digisos (official Digisos schemas) is not available",
                allow_module_level=True)

FIXTURES = SHARED / "fixtures"
AREA_SCHEMAS = {
    "soknad": "soknad/soknad.json",
    "vedlegg": "vedlegg/vedleggSpesifikasjon.json",
    "digisos/soker": "digisos/soker/digisos-soker.json",
}
EXHAUSTIVE = os.environ.get("DIGISOS_CONFORMANCE_EXHAUSTIVE") == "1"
SAMPLE = 700


@pytest.fixture(scope="module")
def official() -> OfficialSchemas:
    return load_official_schemas(SHARED)


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.json"))


def schema_for(fixture: Path) -> str:
    folder = fixture.parent.relative_to(FIXTURES).as_posix()
    if (SHARED / "json" / f"{folder}.json").is_file():
        return f"{folder}.json"
    return AREA_SCHEMAS[folder]


def expected_valid(fixture: Path) -> bool:
    return not fixture.name.startswith(("feil-", "ikkegyldig_"))


def fixture_id(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


# --- fixtures ------------------------------------------------------------------------------


def test_the_fixture_set_is_present() -> None:
    files = fixture_files()
    assert len(files) >= 60
    assert sum(not expected_valid(f) for f in files) >= 25


@pytest.mark.parametrize("fixture", fixture_files(), ids=fixture_id)
def test_fixture_verdict_matches_its_name(fixture: Path, official: OfficialSchemas) -> None:
    schema = schema_for(fixture)
    data = load_json(fixture)

    ours = validate_fragment(schema, data)
    theirs = official.issues(schema, data)

    assert (not ours) is expected_valid(fixture), [str(i) for i in ours]
    assert (not theirs) is expected_valid(fixture), [str(i) for i in theirs]


WHOLE_DOCUMENTS = [f for f in fixture_files() if f.parent.relative_to(FIXTURES).as_posix()
                   in AREA_SCHEMAS]


@pytest.mark.parametrize("fixture", WHOLE_DOCUMENTS, ids=fixture_id)
def test_whole_documents_through_the_schemas_mode(fixture: Path) -> None:
    (report,) = validate_files([fixture], SHARED / "json")

    assert report.kind is not None
    assert report.kind.schema_file == schema_for(fixture)
    assert report.ok is expected_valid(fixture)
    assert not report.disagreement


# --- the same fixtures through ``sosialsak digisos validate`` ----------------------------------


def _cli_type(fixture: Path) -> str:
    """Return the ``--type`` for a fixture: its schema file below ``json/`` (as upstream)."""
    return schema_for(fixture).removesuffix(".json")


def _run_validate(*args: str) -> tuple[int, str]:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    try:
        call_command("digisos", "validate", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def _django_apps() -> Iterator[None]:
    # The command needs the apps loaded but no database (also under "-p no:django").
    import django
    from django.apps import apps

    if not apps.ready:
        if not os.environ.get("DJANGO_SETTINGS_MODULE"):
            pytest.skip("Django settings are not configured")
        django.setup()
    yield


@pytest.mark.usefixtures("_django_apps")
@pytest.mark.parametrize("schemas", [False, True], ids=["models", "schemas"])
@pytest.mark.parametrize("fixture", fixture_files(), ids=fixture_id)
def test_the_cli_verdict_matches_the_name(fixture: Path, schemas: bool) -> None:
    extra = ["--schemas", str(SHARED / "json")] if schemas else []

    code, out = _run_validate(str(fixture), "--type", _cli_type(fixture), *extra)

    assert code == (0 if expected_valid(fixture) else 1), out
    assert ("INVALID" not in out.splitlines()[0]) is expected_valid(fixture), out
    assert "DISAGREEMENT" not in out, out


# Fixtures whose kind the command must recognise without --type: whole documents, the innsyn
# fragments, addresses and sivilstatus. Others (a {"kilde", "verdi"} pair, a child) are
# ambiguous and need --type; so does an empty object.
DETECTABLE = [f for f in fixture_files() if (
    fixture_id(f).startswith(("digisos/", "vedlegg/")) or f.parent == FIXTURES / "soknad"
    or "/adresse/" in fixture_id(f) or "/sivilstatus/" in fixture_id(f)
) and f.name != "feil-hendelse-er-tom.json"]


@pytest.mark.usefixtures("_django_apps")
@pytest.mark.parametrize("schemas", [False, True], ids=["models", "schemas"])
@pytest.mark.parametrize("fixture", fixture_files(), ids=fixture_id)
def test_without_type_the_cli_is_right_or_says_it_cannot_tell(
    fixture: Path, schemas: bool
) -> None:
    extra = ["--schemas", str(SHARED / "json")] if schemas else []

    code, out = _run_validate(str(fixture), *extra)

    cannot_tell = "cannot tell which Digisos document" in out
    assert not (cannot_tell and fixture in DETECTABLE), out
    if cannot_tell:  # a fragment we cannot recognise is never reported as valid
        assert code != 0, out
    else:
        assert code == (0 if expected_valid(fixture) else 1), out
        assert "DISAGREEMENT" not in out, out


# --- the 2018 examples -----------------------------------------------------------------------


EXAMPLES = sorted((SHARED / "examples-2018").glob("*.json"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_2018_examples_are_rejected_for_the_known_reasons(
    example: Path, official: OfficialSchemas
) -> None:
    (report,) = validate_files([example], SHARED)

    assert not report.valid and not report.disagreement
    assert {str(i) for i in report.issues} == {
        "$.mottaker: is required but missing",
        "$.driftsinformasjon: must be an object (got string)",
    }
    data = load_json(example)
    data["mottaker"] = {}
    data["driftsinformasjon"] = {"inntektFraSkatteetatenFeilet": False}
    assert validate_fragment("soknad/soknad.json", data) == ()
    assert official.issues("soknad/soknad.json", data) == ()


# --- coverage of the schema files --------------------------------------------------------------


def test_every_official_schema_file_has_a_model() -> None:
    files = {p.relative_to(SHARED / "json").as_posix() for p in (SHARED / "json").rglob("*.json")}

    assert set(schema_models()) == files - NOT_MODELLED


def _enum_sets(node: Any, found: set[frozenset[Any]]) -> set[frozenset[Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum":
                found.add(frozenset(value))
            elif key == "const":
                found.add(frozenset([value]))
            else:
                _enum_sets(value, found)
    elif isinstance(node, list):
        for value in node:
            _enum_sets(value, found)
    return found


def test_every_enum_of_the_schemas_is_in_our_models() -> None:
    theirs: set[frozenset[Any]] = set()
    for path in (SHARED / "json").rglob("*.json"):
        if path.relative_to(SHARED / "json").as_posix() not in NOT_MODELLED:
            _enum_sets(json.loads(path.read_text(encoding="utf-8")), theirs)
    ours: set[frozenset[Any]] = set()
    for adapter in schema_models().values():
        _enum_sets(adapter.json_schema(), ours)
    # These three only appear inside sivilstatus.json's "dependencies", which our models
    # check in code (Sivilstatus.dependency_errors) rather than as field types.
    in_dependencies = {
        frozenset({"bruker"}),
        frozenset({"gift"}),
        frozenset({"ugift", "samboer", "enke", "skilt", "separert"}),
    }

    assert ours == theirs - in_dependencies


def test_the_registry_resolves_every_file(official: OfficialSchemas) -> None:
    for schema in schema_models():
        official.registry.resolver().lookup(BASE_URI + schema)
        official.validator(schema).is_valid({})


# --- builder output ----------------------------------------------------------------------------


def innsyn_document() -> dict[str, Any]:
    t0 = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)

    def at(minutes: int) -> datetime:
        return t0 + timedelta(minutes=minutes)

    brev = ev.Dokumentlager("3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c")
    svarut = ev.SvarUt("3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6d", 1)
    return build_digisos_soker([
        ev.SoknadMottatt(at(0)),
        ev.NavKontorTildelt(at(1), "0314"),
        ev.SoknadStatusEndret(at(2), "UNDER_BEHANDLING"),
        ev.ForelopigSvar(at(3), svarut, (ev.Brevvedlegg("Info", brev),)),
        ev.DokumentasjonEtterspurt(
            at(4), (ev.EtterspurtDokument("strømfaktura", at(9000), "mars", "d1"),), brev),
        ev.SakStatus(at(5), "s1", "UNDER_BEHANDLING", "Livsopphold"),
        ev.SakStatus(at(5), "s2", "IKKE_INNSYN", "Bostøtte"),
        ev.VedtakFattet(at(6), "s1", "INNVILGET", brev, (ev.Brevvedlegg("Beregning", svarut),)),
        ev.Rammevedtak(at(6), "r1", "s1", "Strøm", Decimal("2000.00"),
                       date(2024, 3, 1), date(2024, 3, 31)),
        ev.Utbetaling(at(7), "u1", "UTBETALT", Decimal("7250.50"), False, "Livsopphold", "s1",
                      "r1", date(2024, 3, 5), date(2024, 3, 5), date(2024, 3, 1),
                      date(2024, 3, 31), "Ola", "12345678903", "kontooverføring"),
        ev.Utbetaling(at(7), "u2", "PLANLAGT_UTBETALING", Decimal(900), True,
                      mottaker="Utleier AS"),
        ev.Vilkar(at(7), "v1", "s1", "Møt til samtale", "Hver uke", utbetalingsreferanser=("u1",)),
        ev.Dokumentasjonkrav(at(7), "k1", "s1", "Kvittering", "Strøm", at(40000),
                             utbetalingsreferanser=("u1",)),
        ev.DokumentasjonEtterspurt(at(8), ()),
        ev.Dokumentasjonkrav(at(9), "k1", "s1", "Kvittering", status="LEVERT_TIDLIGERE"),
        ev.Utbetaling(at(10), "u2", "ANNULLERT", Decimal(900), True, mottaker="Utleier AS"),
        ev.Vilkar(at(10), "v1", "s1", "Møt til samtale", status="ANNULLERT"),
        ev.SakStatus(at(11), "s2", "FEILREGISTRERT"),
        ev.SoknadStatusEndret(at(12), "FERDIGBEHANDLET"),
    ])


def test_builder_output_validates_against_the_official_schema(official: OfficialSchemas) -> None:
    document = innsyn_document()

    assert {h["type"] for h in document["hendelser"]} == {
        "soknadsStatus", "tildeltNavKontor", "saksStatus", "vedtakFattet", "forelopigSvar",
        "dokumentasjonEtterspurt", "dokumentasjonkrav", "vilkar", "utbetaling", "rammevedtak",
    }
    assert official.issues("digisos/soker/digisos-soker.json", document) == ()
    for hendelse in document["hendelser"]:
        schema = f"digisos/soker/parts/hendelse/{hendelse['type']}.json"
        assert official.issues(schema, hendelse) == ()


# --- differential testing ------------------------------------------------------------------------


def _enum_strings() -> list[str]:
    found: set[frozenset[Any]] = set()
    for path in (SHARED / "json").rglob("*.json"):
        if path.name != "swagger.json":
            _enum_sets(json.loads(path.read_text(encoding="utf-8")), found)
    return sorted({value for values in found for value in values if isinstance(value, str)})


REPLACEMENTS: list[Any] = [
    None, True, False, 0, 1, 1.0, 1.5, -3, "", "x", [], {}, ["x"], [{}], {"x": 1},
    "2018-10-04T13:37:00.134Z", "2018-10-04T13:37:00Z", "2018-10-04T13:37:00,1Z",
    "2018-10-04", "1234", "12345", "12345678901", "123456789", "+4712345678", "1.0.0", "1.0",
    "3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c", "3F2B8C1E-0A4D-4E8B-9C6F-1D2E3F4A5B6C",
]
ADDED_KEYS = ["ukjent", "type", "kilde", "status", "ektefelle", "forhold", "sivilstatus", "nr",
              "folkeregistrertMedEktefelle", "borSammenMed"]
ADDED_VALUES: list[Any] = [None, "x", "gift", "system", "bruker", {}, [], 1]


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, (*path, index))


def _changed(doc: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> Any:
    if not path:
        return value
    doc = copy.deepcopy(doc)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


Mutation = tuple[str, tuple[Any, ...], Any, bool]


def mutations(doc: Any) -> list[Mutation]:
    """List (description, path, value, delete) without building the documents yet."""
    enums = _enum_strings()
    found: list[Mutation] = []
    for path, node in _nodes(doc):
        if path and isinstance(path[-1], str):
            found.append((f"delete {path}", path, None, True))
        # Enum codes only matter where a string is expected; elsewhere "x" covers them.
        values = REPLACEMENTS + enums if isinstance(node, str) else REPLACEMENTS
        found += [(f"set {path} = {value!r}", path, value, False) for value in values]
        if isinstance(node, dict):
            found += [
                (f"add {path}.{key} = {value!r}", (*path, key), value, False)
                for key in ADDED_KEYS
                if key not in node
                for value in ADDED_VALUES
            ]
    return found


def rich_soknad() -> dict[str, Any]:
    soknad = load_json(FIXTURES / "soknad" / "brukerdata.json")
    data = soknad["data"]
    soknad["innsendingstidspunkt"] = "2024-03-01T10:00:00.000Z"
    soknad["mottaker"] = {"kommunenummer": "0301", "enhetsnummer": "0314",
                          "navEnhetsnavn": "NAV Sagene"}
    data["soknadstype"] = "standard"
    data["situasjonendring"] = {"kilde": "bruker", "harNoeEndretSeg": True}
    data["personalia"]["statsborgerskap"] = {"kilde": "system", "verdi": "NOR"}
    data["personalia"]["folkeregistrertAdresse"] = {
        "kilde": "system", "type": "matrikkeladresse", "kommunenummer": "0301",
        "gaardsnummer": "1", "bruksnummer": "2"}
    data["arbeid"] = {
        "forhold": [{"kilde": "system", "arbeidsgivernavn": "Firma AS", "fom": "2020-01-01",
                     "stillingsprosent": 100, "stillingstype": "fast",
                     "overstyrtAvBruker": False}],
        "kommentarTilArbeidsforhold": {"kilde": "bruker", "verdi": "Sluttet"}}
    data["familie"]["sivilstatus"] = {
        "kilde": "system", "status": "gift",
        "ektefelle": {"navn": {"fornavn": "K", "mellomnavn": "", "etternavn": "N"}},
        "folkeregistrertMedEktefelle": False, "ektefelleHarDiskresjonskode": False}
    data["familie"]["folkeregistrertMedEktefelleAvviksforklaring"] = {"kilde": "bruker"}
    ansvar = data["familie"]["forsorgerplikt"]["ansvar"][0]
    ansvar["erFolkeregistrertSammen"] = {"kilde": "system", "verdi": False}
    ansvar["harDeltBosted"] = {"kilde": "bruker", "verdi": False}
    opplysninger = data["okonomi"]["opplysninger"]
    opplysninger["utbetaling"] = [load_json(
        FIXTURES / "soknad/okonomi/opplysninger/utbetaling/fullstendig-utbetaling.json")]
    opplysninger["utbetaling"][0]["organisasjon"] = {"navn": "NAV",
                                                     "organisasjonsnummer": "889640782"}
    opplysninger["bostotte"] = {"saker": [{"kilde": "system", "type": "SOKNAD",
                                           "dato": "2024-01-01", "status": "VEDTATT",
                                           "vedtaksstatus": "INNVILGET"}]}
    opplysninger["bekreftelse"] = [{"kilde": "bruker", "type": "bostotte_samtykke",
                                    "tittel": "Samtykke", "verdi": True,
                                    "bekreftelsesDato": "2024-01-01T10:00:00.000Z"}]
    soknad["kompatibilitet"] = [{"minVersion": "1.0.0", "maxVersion": "1.0.11", "text": "# Hei"}]
    return soknad


KLAGE = {
    "klageId": "0c6e5e5c-6f7e-4a8e-9c1f-2b9d7a0e1f11",
    "vedtakId": "3f2b8c1e-0a4d-4e8b-9c6f-1d2e3f4a5b6c",
    "digisosId": "7d2c9a4e-0000-4000-8000-000000000001",
    "personIdentifikator": {"kilde": "system", "verdi": "15076500565"},
    "navn": {"kilde": "system", "fornavn": "Ola", "mellomnavn": "", "etternavn": "Nord"},
    "mottaker": {"kommunenummer": "0301", "enhetsnummer": "0314", "navEnhetsnavn": "NAV Sagene"},
    "autentisering": {"autentisertDigitalt": True,
                      "autentiseringsTidspunkt": "2024-03-01T10:00:00.000Z"},
    "innsendingstidspunkt": "2024-03-01T10:00:00.000Z",
    "begrunnelse": {"kilde": "bruker", "klageTekst": "Jeg er uenig"},
}


def _richest_hendelse_per_type() -> dict[str, int]:
    richest: dict[str, int] = {}
    hendelser = innsyn_document()["hendelser"]
    for index, hendelse in enumerate(hendelser):
        best = richest.get(hendelse["type"])
        if best is None or len(json.dumps(hendelse)) > len(json.dumps(hendelser[best])):
            richest[hendelse["type"]] = index
    return richest


def differential_cases() -> list[Any]:
    return list(_differential_cases())


def _differential_cases() -> Iterator[Any]:
    yield pytest.param("digisos/soker/digisos-soker.json",
                       lambda: load_json(FIXTURES / "digisos/soker/minimal.json"), SAMPLE,
                       id="soker")
    for kind, index in _richest_hendelse_per_type().items():
        yield pytest.param("digisos/soker/parts/hendelse.json",
                           lambda i=index: innsyn_document()["hendelser"][i], SAMPLE,
                           id=f"hendelse-{kind}")
    yield pytest.param("soknad/soknad.json", lambda: load_json(FIXTURES / "soknad/minimal.json"),
                       SAMPLE, id="soknad-minimal")
    # A valid rich søknad costs the official validator ~10 ms, hence the smaller sample.
    yield pytest.param("soknad/soknad.json", rich_soknad, SAMPLE // 2, id="soknad-rich")
    yield pytest.param("klage/klage.json", lambda: copy.deepcopy(KLAGE), SAMPLE, id="klage")
    yield pytest.param("vedlegg/vedleggSpesifikasjon.json",
                       lambda: load_json(FIXTURES / "vedlegg/gyldig_komplett.json"), SAMPLE,
                       id="vedlegg")


@pytest.mark.parametrize(("schema", "make", "sample"), differential_cases())
def test_models_and_official_schema_agree_on_mutations(
    schema: str, make: Any, sample: int, official: OfficialSchemas
) -> None:
    document = make()
    assert validate_fragment(schema, document) == ()
    assert official.validator(schema).is_valid(document)
    cases = mutations(document)
    if not EXHAUSTIVE and len(cases) > sample:
        # Every deletion always runs (it is what checks "required"); the rest is sampled.
        deletions = [case for case in cases if case[3]]
        others = [case for case in cases if not case[3]]
        cases = deletions + random.Random(4).sample(others, max(sample - len(deletions), 100))
    checker = official.validator(schema)
    rejected = 0
    disagreements = []
    for description, path, value, delete in cases:
        mutated = _changed(document, path, value, delete)
        ours = not validate_fragment(schema, mutated)
        theirs = checker.is_valid(mutated)
        rejected += not theirs
        if ours != theirs:
            disagreements.append(f"{description}: ours={ours} official={theirs}")

    assert disagreements == []
    # The mutations must actually exercise rejection, or the comparison proves nothing.
    assert rejected > len(cases) // 10
