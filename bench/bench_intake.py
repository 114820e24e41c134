"""Benchmark: Digisos intake (deliveries/s) on SQLite and PostgreSQL beside jsonschema alone.

Run: ``.venv/bin/python bench/bench_intake.py`` (part of ``make bench``). Generates a few
hundred complete deliveries (soknad.json, vedlegg.json, metadata.json and one or two
attachments; 0–4 children, a new applicant each) as inbox folders, then measures in one run:

* intake on SQLite and on PostgreSQL (``PG_URL``; database ``sosialsak_bench_intake`` dropped
  and created; skipped with one line when no server answers): ``read_folder`` +
  ``import_delivery`` per delivery, everything the importer does (checks, rows, files, fsync);
* jsonschema alone: reading the same folders, parsing soknad.json and vedlegg.json and
  validating them with the official draft-06 schemas (``../shared/digisos``; skipped with one
  line when absent).

Each database run is a child process of its own (Django is configured once per process).
Not a timed test. Targets (issue 13): ≥ 100 deliveries/s on PostgreSQL and at most 3× the
cost of jsonschema alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))  # the test samples: the project's canonical delivery

# The database dropped and created on the server of PG_URL (``--db`` or BENCH_INTAKE_DB).
BENCH_DB = os.environ.get("BENCH_INTAKE_DB", "sosialsak_bench_intake")
WARM_UP = 10  # deliveries imported before the clock starts (imports, caches, first pages)


def make_deliveries(root: Path, count: int) -> list[Path]:
    """Write ``count`` complete delivery folders; return them in order."""
    import hashlib

    from tests.digisos_samples import did, soknad_json, write_delivery
    from tests.helpers import synthetic_fnr

    folders = []
    for i in range(count):
        born = date(1950 + i % 50, 1 + i % 12, 1 + (i // 12) % 28)
        doc = soknad_json(fnr=synthetic_fnr(born, i % 400))
        ansvar = doc["data"]["familie"]["forsorgerplikt"]["ansvar"]
        template = ansvar[0]
        ansvar[:] = [
            {**template, "barn": {**template["barn"],
                                  "navn": {"fornavn": f"Barn{k}", "mellomnavn": "",
                                           "etternavn": "Bench"},
                                  "fodselsdato": f"{2008 + k}-0{1 + k}-1{k}",
                                  "personIdentifikator": synthetic_fnr(date(2008 + k, 1 + k,
                                                                            10 + k), i % 300)}}
            for k in range(i % 5)]
        files = {f"vedlegg{k}.pdf": b"%PDF-1.4\n" + hashlib.sha256(f"{i}-{k}".encode()).digest()
                 * 300 for k in range(1 + i % 2)}
        folders.append(write_delivery(root / f"{i:05d}", digisos_id=did(f"bench-{i}"),
                                      ekstern_ref=f"bench-{i}", soknad=doc, files=files))
    return folders


def jsonschema_only(folders: list[Path], schemas_dir: Path) -> tuple[float, float, int]:
    """Return (seconds, CPU seconds, invalid count) for reading and validating every
    delivery."""
    from sosialsak.formats.digisos.official import load_official_schemas
    from sosialsak.formats.digisos.schema_map import ENTRY_POINTS

    schemas = load_official_schemas(schemas_dir)
    soknad = schemas.validator(ENTRY_POINTS["soknad"])
    vedlegg = schemas.validator(ENTRY_POINTS["vedlegg"])
    for folder in folders[:WARM_UP]:  # the same warm-up as the imports
        soknad.is_valid(json.loads((folder / "soknad.json").read_bytes()))
    invalid = 0
    start = time.perf_counter()
    cpu = time.process_time()
    for folder in folders[WARM_UP:]:
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
        errors = list(soknad.iter_errors(json.loads(files["soknad.json"])))
        errors += list(vedlegg.iter_errors(json.loads(files["vedlegg.json"])))
        invalid += bool(errors)
    return time.perf_counter() - start, time.process_time() - cpu, invalid


def child(backend: str, deliveries: Path) -> None:
    """Import every delivery into a fresh database; print the result as one JSON line."""
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sosialsak.config.settings")
    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    from sosialsak.contexts.accounts.models import Kommune, NavKontor
    from sosialsak.contexts.digisos.delivery import read_folder
    from sosialsak.contexts.digisos.importer import import_delivery

    kommune = Kommune.objects.create(nummer="4601", navn="Bergen")
    NavKontor.objects.create(enhetsnummer="1201", navn="NAV Årstad").kommuner.add(kommune)
    folders = sorted(p for p in deliveries.iterdir() if p.is_dir())
    now = datetime.now(UTC)
    outcomes: dict[str, int] = {}
    for folder in folders[:WARM_UP]:
        import_delivery(delivery=read_folder(folder), now=now)
    # The time spent in fsync of the attachment files (made durable before the commit),
    # counted, not changed: on a virtual disk it is a large share of the whole.
    fsync_s = 0.0
    real_fsync = os.fsync

    def timed_fsync(fd: int) -> None:
        nonlocal fsync_s
        t = time.perf_counter()
        real_fsync(fd)
        fsync_s += time.perf_counter() - t

    # The files' fsyncs run together in the background (soknad_import): what the import waits
    # for them before its commit is timed too.
    from sosialsak.contexts.digisos import importer

    wait_s = 0.0
    real_wait = getattr(importer, "wait_until_durable", None)

    def timed_wait(pending: Any) -> None:
        nonlocal wait_s
        t = time.perf_counter()
        assert real_wait is not None
        real_wait(pending)
        wait_s += time.perf_counter() - t

    os.fsync = timed_fsync
    if real_wait is not None:  # an older importer fsyncs each file in turn instead
        importer.wait_until_durable = timed_wait  # type: ignore[assignment]
    start, cpu = time.perf_counter(), time.process_time()
    for folder in folders[WARM_UP:]:
        result = import_delivery(delivery=read_folder(folder), now=now)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    os.fsync = real_fsync
    if real_wait is not None:
        importer.wait_until_durable = real_wait  # type: ignore[assignment]
    print(json.dumps({"backend": backend, "vendor": connection.vendor, "seconds": seconds,
                      "cpu_seconds": cpu, "fsync_seconds": fsync_s, "wait_seconds": wait_s,
                      "outcomes": outcomes}))


def run_child(backend: str, deliveries: Path, work: Path, database_url: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url, "SOSIALSAK_VAR_DIR": str(work),
           "SOSIALSAK_ALLOW_SYNTHETIC_IDS": "1", "SOSIALSAK_ENV": "development"}
    out = subprocess.run([sys.executable, __file__, "--child", backend, str(deliveries)],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{backend} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def pg_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except Exception:  # any failure means: not reachable here
        return False
    return True


def recreate(url: str, name: str = BENCH_DB) -> str:
    import psycopg

    if not name.replace("_", "").isalnum():
        raise SystemExit(f"--db: {name!r} is not a plain database name")
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="deliveries timed (default 300)")
    parser.add_argument("--pg-url", default=os.environ.get(
        "PG_URL", "postgres://postgres@127.0.0.1:5432/sosialsak"))
    parser.add_argument("--db", default=BENCH_DB,
                        help=f"PostgreSQL database, dropped and created (default {BENCH_DB})")
    parser.add_argument("--schemas", type=Path, default=ROOT.parent / "shared" / "digisos")
    parser.add_argument("--child", nargs=2, metavar=("BACKEND", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return

    work = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    try:
        deliveries = work / "deliveries"
        folders = make_deliveries(deliveries, args.count + WARM_UP)
        n = args.count
        print(f"Digisos intake, {n} deliveries (0–4 children, 1–2 attachments, a new applicant "
              f"each) after {WARM_UP} not timed; measured in one run")
        rates: dict[str, float] = {}
        schema_s = schema_cpu = None
        if (args.schemas / "json").is_dir() or (args.schemas / "soknad").is_dir():
            schema_s, schema_cpu, invalid = jsonschema_only(folders, args.schemas)
            rates["jsonschema"] = n / schema_s
            print(f"  jsonschema alone (official schemas): {n / schema_s:8.1f} deliveries/s "
                  f"({1000 * schema_s / n:.2f} ms each; CPU {1000 * schema_cpu / n:.2f} ms "
                  f"each; {invalid} invalid)")
        else:
            print(f"SKIPPED jsonschema column: no official schemas at {args.schemas}")
        runs = [("sqlite", f"sqlite:///{work / 'bench.sqlite3'}")]
        if pg_reachable(args.pg_url):
            runs.append(("postgresql", recreate(args.pg_url, args.db)))
        else:
            print(f"SKIPPED PostgreSQL run: no server reachable at {args.pg_url}")
        for backend, url in runs:
            var = work / f"var-{backend}"
            var.mkdir()
            result = run_child(backend, deliveries, var, url)
            s = result["seconds"]
            rates[backend] = n / s
            ratio = (f"; {s / schema_s:.1f}× the cost of jsonschema alone, "
                     f"{result['cpu_seconds'] / schema_cpu:.1f}× its CPU") if schema_s else ""
            print(f"  intake on {backend:10}: {n / s:8.1f} deliveries/s "
                  f"({1000 * s / n:.2f} ms each{ratio}; CPU of this process "
                  f"{1000 * result['cpu_seconds'] / n:.2f} ms each); waiting for the "
                  f"attachment files' fsync {1000 * result['wait_seconds'] / n:.2f} ms each "
                  f"(the fsyncs, run together: {1000 * result['fsync_seconds'] / n:.2f} ms "
                  f"summed); outcomes {result['outcomes']}")
        print("Targets: ≥ 100 deliveries/s on PostgreSQL, ≤ 3× the cost of jsonschema alone.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
