"""``make bench-scale``: the pages at national scale (issue 13).

Generates a seeded national data set in PostgreSQL with COPY (not the ORM one row at a time):
applications over 20 offices with their people, children, items, events, decisions, payments,
documentation requests and tasks. It first loads ``--small`` applications and measures, then
grows the same database to ``--size`` and measures again, and prints for each page and API
endpoint: p50/p95 server time over ``--requests`` requests (Django's test client in process,
logged in as a veileder at the first office), the number of SQL queries, and the raw SQL time
of the same statements replayed on the database. "CPU" is the median processor time of the
benchmark process per request (the Django side, less sensitive than the wall time to other
work on a shared machine).

    make bench-scale                      # 1,500 then 150,000 applications
    make bench-scale BENCH_SIZE=30000     # a reduced size when time is short
    PG_URL=postgres://postgres@127.0.0.1:5432/x make bench-scale   # the database is renamed
                                                                    # to BENCH_DB (sosialsak_bench)

The benchmark database is dropped and created on every run. No timing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

NOW = datetime.now(UTC).replace(microsecond=0)
SPAN_DAYS = 3 * 365  # applications spread over the last three years
FORNAVN = ["Kari", "Ola", "Ingrid", "Per", "Aisha", "Mohammed", "Nora", "Jonas", "Sara", "Ali"]
ETTERNAVN = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg"]
TYPES = ["LIVSOPPHOLD", "HUSLEIE", "STROM", "TANNBEHANDLING", "MEDISINER", "DEPOSITUM"]
EVENTS = ["intake.soknad.mottatt", "intake.soknad.tildelt", "cases.notat", "cases.samtale",
          "cases.kartlegging", "decisions.soknad.status", "decisions.vedtak.fattet"]


def bench_url(pg_url: str, name: str) -> str:
    parts = urlsplit(pg_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


# ---------------------------------------------------------------------------------------------
# Data


class Ids:
    """Explicit ids per table, so COPY needs no RETURNING and rows can point at each other."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        n = self.next.get(table, 1_000_000) + 1
        self.next[table] = n
        return n


class Loader:
    """Collects rows per table and COPYs them in batches."""

    COLUMNS = {
        "people_person": ("id", "fodselsnummer", "fornavn", "etternavn", "fodselsdato",
                          "gateadresse", "postnummer", "poststed", "kommunenummer", "telefon",
                          "adressebeskyttelse", "sprak", "tolkebehov", "tolkesprak"),
        "people_barn": ("id", "navn", "fodselsnummer", "fodselsdato", "bosted", "person_id"),
        "people_husstand": ("id", "person_id", "kilde", "oppgitt_at", "kontor_id", "fornavn",
                            "etternavn", "gateadresse", "postnummer", "poststed",
                            "kommunenummer", "telefon", "kontonummer", "tolkebehov",
                            "tolkesprak"),
        "people_husstandbarn": ("id", "husstand_id", "barn_id", "bosted"),
        "intake_soknad": ("id", "mottatt_at", "kanal", "nodhjelp", "egne_ord", "status",
                          "deler_bolig", "ekstern_ref", "status_endret_at", "kontor_id",
                          "person_id", "saksbehandler_id", "registrert_uten_innsyn", "husstand_id"),
        "intake_soktstonad": ("id", "type", "beskrivelse", "belop", "soknad_id"),
        "intake_hendelse": ("id", "at", "type", "tekst", "data", "soknad_id"),
        "decisions_sak": ("id", "referanse", "tittel", "opprettet_at", "soknad_id",
                          "feilregistrert_grunn", "status"),
        "decisions_vedtak": ("id", "hjemmel", "utfall", "stonadsform", "periode_fra",
                             "periode_til", "belop", "begrunnelse", "fattet_at", "fattet_av_id",
                             "sak_id", "art", "barnevurderinger", "beregning", "fakta",
                             "individuell_vurdering", "nedbetaling", "vilkarsvurdering",
                             "ramme", "ramme_beskrivelse", "ramme_referanse", "forsendelse",
                             "maned_belop"),
        "decisions_vedtak_poster": ("id", "vedtak_id", "soktstonad_id"),
        "payments_utbetaling": ("id", "referanse", "belop", "forfallsdato", "utbetalt_dato",
                                "status", "mottaker_type", "mottaker_navn", "kontonummer",
                                "melding", "vedtak_id", "kid", "mottaker_organisasjonsnummer",
                                "periode_fra", "periode_til"),
        "cases_dokumentasjonskrav": ("id", "tittel", "beskrivelse", "frist", "status",
                                     "opprettet_at", "soknad_id", "frist_forklaring",
                                     "levert_at", "levert_via"),
        "cases_oppgave": ("id", "type", "tittel", "frist", "opprettet_at", "soknad_id"),
    }

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in self.COLUMNS}
        self.counts: dict[str, int] = dict.fromkeys(self.COLUMNS, 0)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        rows = self.rows[table]
        rows.append(row)
        if len(rows) >= 20_000:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        # Parents before children (foreign keys are checked per statement).
        for t in ([table] if table else list(self.COLUMNS)):
            rows = self.rows[t]
            if not rows:
                continue
            if table is not None:
                self.flush_parents_of(t)
            cols = ", ".join(f'"{c}"' for c in self.COLUMNS[t])
            with self.cursor.copy(f"COPY {t} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            self.counts[t] += len(rows)
            rows.clear()

    def flush_parents_of(self, table: str) -> None:
        order = list(self.COLUMNS)
        for t in order[:order.index(table)]:
            if self.rows[t]:
                self.flush(t)


def generate(loader: Loader, ids: Ids, *, start: int, stop: int, offices: list[int],
             caseworkers: dict[int, list[int]], seed: int) -> None:
    """Add applications ``start`` to ``stop`` (each seeded by its number: the same data on
    every run, and the small set is a sample of the large one)."""
    today = NOW.date()
    for i in range(start, stop):
        rng = random.Random(seed * 1_000_003 + i)
        kontor = offices[i % len(offices)]
        age_days = rng.random() ** 1.6 * SPAN_DAYS  # more recent applications than old ones
        mottatt = NOW - timedelta(days=age_days, seconds=rng.randrange(86_400))
        recent = age_days < 45
        is_open = rng.random() < (0.7 if recent else 0.01)
        nodhjelp = rng.random() < 0.03
        status = (rng.choice(["MOTTATT", "UNDER_BEHANDLING"]) if is_open
                  else rng.choice(["FERDIGBEHANDLET"] * 9 + ["BEHANDLES_IKKE"]))
        saksbehandler = (None if status == "MOTTATT" and rng.random() < 0.5
                         else rng.choice(caseworkers[kontor]))
        # The person.
        pid = ids.take("person")
        r = rng.random()
        beskyttelse = ("STRENGT_FORTROLIG" if r < 0.001 else "FORTROLIG" if r < 0.005
                       else "INGEN")
        born = date(1950 + rng.randrange(55), 1 + rng.randrange(12), 1 + rng.randrange(28))
        etternavn = rng.choice(ETTERNAVN)
        fornavn = rng.choice(FORNAVN)
        loader.add("people_person", (
            pid, f"9{pid:010d}", fornavn, etternavn, born,
            f"Gate {rng.randrange(1, 200)}", "5007", "Bergen", "4601", "40000000",
            beskyttelse, "norsk", False, ""))
        # The household as stated in the application (issue 10): the name the pages show and
        # search, and the children the children's-mapping worklist looks at.
        hid = ids.take("husstand")
        loader.add("people_husstand", (
            hid, pid, "DIGISOS", mottatt, kontor, fornavn, etternavn, "Gate 1", "5007",
            "Bergen", "4601", "40000000", "", False, ""))
        if rng.random() < 0.3:
            for _ in range(rng.randrange(1, 4)):
                cb = today - timedelta(days=rng.randrange(200, 17 * 365))
                bid = ids.take("barn")
                loader.add("people_barn", (bid, f"{rng.choice(FORNAVN)} {etternavn}",
                                           "", cb, "FAST", pid))
                loader.add("people_husstandbarn", (ids.take("husstandbarn"), hid, bid, "FAST"))
        # The application, its items and events.
        sid = ids.take("soknad")
        loader.add("intake_soknad", (
            sid, mottatt, rng.choice(["DIGITAL"] * 6 + ["PAPIR", "MUNTLIG", "TELEFON"]),
            nodhjelp, "", status, False, "", None if is_open else mottatt + timedelta(days=14),
            kontor, pid, saksbehandler, False, hid))
        items = []
        for t in rng.sample(TYPES, rng.choice([1, 1, 1, 2, 2])):
            iid = ids.take("post")
            items.append(iid)
            loader.add("intake_soktstonad", (iid, t, "", rng.randrange(500, 15_000), sid))
        for k in range(7 if not is_open else 4):
            at = mottatt + timedelta(hours=k * 30)
            loader.add("intake_hendelse", (ids.take("hendelse"), at, EVENTS[k % len(EVENTS)],
                                           "Hendelse", "{}", sid))
        # Documentation requests: open ones around today for open cases.
        if rng.random() < 0.35:
            for _ in range(rng.randrange(1, 3)):
                if is_open:
                    frist, krav_status = today + timedelta(days=rng.randrange(-10, 15)), \
                        "ETTERSPURT"
                    levert: tuple[Any, str] = (None, "")
                else:
                    frist, krav_status = (mottatt + timedelta(days=10)).date(), "LEVERT"
                    levert = (mottatt + timedelta(days=5), "OPPLASTING")
                loader.add("cases_dokumentasjonskrav", (
                    ids.take("krav"), "Kontoutskrift", "", frist, krav_status, mottatt,
                    sid, "", *levert))
        if is_open and rng.random() < 0.1:
            loader.add("cases_oppgave", (ids.take("oppgave"), "OPPFOLGING", "Ring søkeren",
                                         today + timedelta(days=rng.randrange(-5, 10)), mottatt,
                                         sid))
        # Decisions (about 1.2 per application) and their payments.
        if not is_open:
            sak = ids.take("sak")
            fattet = mottatt + timedelta(days=rng.randrange(1, 14))
            loader.add("decisions_sak", (sak, f"S-{sak}", "Økonomisk stønad", fattet, sid, "",
                                         "AKTIV"))
            for n in range(1 if rng.random() < 0.8 else 2):
                vid = ids.take("vedtak")
                innvilget = rng.random() < 0.75
                fra = fattet.date()
                til = fra + timedelta(days=30)
                belop = rng.randrange(2_000, 15_000)
                loader.add("decisions_vedtak", (
                    vid, "§ 18", "INNVILGET" if innvilget else "AVSLATT", "BIDRAG", fra, til,
                    belop if innvilget else None, "Begrunnelse.", fattet + timedelta(minutes=n),
                    saksbehandler, sak, "ORDINAER", "[]", "{}", "", "", "", "[]", False, "",
                    "", "", "[]"))
                for iid in items if n == 0 else items[:1]:
                    loader.add("decisions_vedtak_poster", (ids.take("vp"), vid, iid))
                if innvilget:
                    pay = ids.take("utbetaling")
                    loader.add("payments_utbetaling", (
                        pay, f"U-{pay}", belop, fra + timedelta(days=3), fra + timedelta(days=3),
                        "UTBETALT", "SOKER", "Søker", "15032080119", "Stønad", vid, "", "",
                        fra, til))
    loader.flush()


def reset_sequences(cursor: Any) -> None:
    for table in Loader.COLUMNS:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                       f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")


# ---------------------------------------------------------------------------------------------
# Measuring


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def measure(client: Any, url: str, requests: int) -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm-up: templates, caches, the connection
        assert client.get(url).status_code == 200, url
    times, cpu = [], []
    for _ in range(requests):
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    selects = [q["sql"] for q in ctx.captured_queries
               if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    raw = []
    with connection.cursor() as cur:
        for _ in range(20):
            t0 = time.perf_counter()
            for sql in selects:
                cur.execute(sql)
                cur.fetchall()
            raw.append((time.perf_counter() - t0) * 1000)
    return {"p50": statistics.median(times), "p95": percentile(times, 95),
            "cpu": statistics.median(cpu), "queries": len(ctx.captured_queries),
            "raw": statistics.median(raw)}


def pages(soknad_id: int, person_id: int) -> list[tuple[str, str]]:
    return [
        ("work queue /arbeidsliste/", "/arbeidsliste/"),
        ("worklists /arbeidslister/", "/arbeidslister/"),
        ("one worklist /arbeidslister/uten-vedtak/", "/arbeidslister/uten-vedtak/"),
        ("API list /api/v1/soknader", "/api/v1/soknader"),
        ("case page /soknad/<id>/", f"/soknad/{soknad_id}/"),
        ("API read /api/v1/soknader/<id>", f"/api/v1/soknader/{soknad_id}"),
        # A common surname: the search shows its first page of hits in every status.
        ("search /sok/?q=Hansen", "/sok/?q=Hansen"),
        ("person page /person/<id>/", f"/person/{person_id}/"),
    ]


def measure_all(label: str, requests: int, user: Any) -> dict[str, dict[str, float]]:
    from django.db import connection
    from django.test import Client

    from sosialsak.contexts.intake.models import Soknad

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    # A case with decisions and payments at the caseworker's office, without protection.
    soknad_id, person_id = (Soknad.objects.filter(
        kontor_id=user.kontor_id, status="FERDIGBEHANDLET", person__adressebeskyttelse="INGEN")
        .order_by("-mottatt_at").values_list("pk", "person_id").first() or (0, 0))
    client = Client()
    client.force_login(user)
    out = {}
    for name, url in pages(soknad_id, person_id):
        out[name] = measure(client, url, requests)
        r = out[name]
        print(f"  {label:>8} {name:40} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
              f"CPU {r['cpu']:6.1f} ms  {int(r['queries']):3d} queries  "
              f"raw SQL {r['raw']:6.1f} ms", flush=True)
    return out


# ---------------------------------------------------------------------------------------------


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosialsak.config.settings")
    os.environ.setdefault("SOSIALSAK_VAR_DIR", tempfile.mkdtemp(prefix="sosialsak-bench-"))
    import django

    django.setup()


def make_offices(n: int) -> tuple[list[int], dict[int, list[int]], Any]:
    from sosialsak.contexts.accounts.models import Kommune, NavKontor
    from sosialsak.contexts.accounts.operations import create_user

    kommune = Kommune.objects.create(nummer="4601", navn="Bergen")
    offices, caseworkers, first = [], {}, None
    for k in range(n):
        kontor = NavKontor.objects.create(enhetsnummer=f"{1200 + k}", navn=f"NAV Kontor {k}")
        kontor.kommuner.add(kommune)
        offices.append(kontor.pk)
        caseworkers[kontor.pk] = []
        for v in range(5):
            u = create_user(username=f"v{k}-{v}", password=None, role="veileder", kontor=kontor)
            caseworkers[kontor.pk].append(u.pk)
            first = first or u
    return offices, caseworkers, first


def timed(label: str, fn: Callable[[], None]) -> None:
    t0 = time.perf_counter()
    fn()
    print(f"  {label} in {time.perf_counter() - t0:.1f} s", flush=True)


def table(results: dict[int, dict[str, dict[str, float]]]) -> Iterator[str]:
    sizes = sorted(results)
    head = " | ".join(f"p50 / p95 at {s:,} | CPU | queries | raw SQL at {s:,}" for s in sizes)
    yield f"| page | {head} |"
    yield "|---" * (1 + 4 * len(sizes)) + "|"
    for name in results[sizes[0]]:
        cells = []
        for s in sizes:
            r = results[s][name]
            cells += [f"{r['p50']:.0f} / {r['p95']:.0f} ms", f"{r['cpu']:.0f} ms",
                      f"{int(r['queries'])}", f"{r['raw']:.1f} ms"]
        yield f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=int(os.environ.get("BENCH_SIZE", 150_000)))
    parser.add_argument("--small", type=int, default=int(os.environ.get("BENCH_SMALL", 1_500)))
    parser.add_argument("--offices", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pg = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/sosialsak")
    url = bench_url(pg, os.environ.get("BENCH_DB", "sosialsak_bench"))
    recreate_database(url)
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    offices, caseworkers, user = make_offices(args.offices)
    ids = Ids()
    results: dict[int, dict[str, dict[str, float]]] = {}
    done = 0
    loader: Loader | None = None
    for size in (args.small, args.size):
        with connection.cursor() as cur:
            if loader is None:
                loader = Loader(cur.cursor)
            loader.cursor = cur.cursor

            def load(loader: Loader = loader, size: int = size, done: int = done) -> None:
                generate(loader, ids, start=done, stop=size, offices=offices,
                         caseworkers=caseworkers, seed=args.seed)

            timed(f"generated applications {done:,}–{size:,}", load)
            reset_sequences(cur)
        done = size
        print(f"{size:,} applications: " + ", ".join(
            f"{t.split('_', 1)[1]} {n:,}" for t, n in loader.counts.items()), flush=True)
        print(f"  load average before measuring: {os.getloadavg()[0]:.1f}", flush=True)
        results[size] = measure_all(f"{size:,}", args.requests, user)
    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.offices} offices; {os.cpu_count()} cores (load average {load}); PostgreSQL "
          f"{connection.cursor().connection.info.server_version}; {args.requests} requests "
          "per page, logged in as a veileder at one office")
    for line in table(results):
        print(line)


if __name__ == "__main__":
    main()
