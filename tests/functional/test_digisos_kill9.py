"""Kill -9 during Digisos intake (issue 10, item 13): a crash at any point loses nothing,
duplicates nothing and leaves no attachment file (personal data) that no row points at.

A real ``sosialsak digisos import --inbox`` runs in a subprocess on its own SQLite database
and var folder and is killed with SIGKILL at a few seeded moments; then the sweep and the
import run to the end and the database and the disk are compared.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.digisos_samples import did, soknad_json, write_delivery

DELIVERIES = 6
SEEDS = (1, 2, 3)


def _env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SOSIALSAK_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="sosialsak.config.settings",
               SOSIALSAK_DIGISOS_INBOX_STILL_SECONDS="3600")
    return env


def _sosialsak(var: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sosialsak.interfaces.cli.main", *args],
                            env=_env(var), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(var: Path, *args: str) -> None:
    proc = _sosialsak(var, *args)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()[-2000:]


SEED_OFFICE = """
import django; django.setup()
from sosialsak.contexts.accounts.models import Kommune, NavKontor
k = Kommune.objects.create(nummer="4601", navn="Bergen")
NavKontor.objects.create(enhetsnummer="1201", navn="NAV Årstad").kommuner.add(k)
"""


def test_intake_killed_at_random_points_loses_and_duplicates_nothing(tmp_path) -> None:
    var = tmp_path / "var"
    var.mkdir()
    _run(var, "migrate", "--no-input", "-v", "0")
    subprocess.run([sys.executable, "-c", SEED_OFFICE], env=_env(var), check=True)
    inbox = var / "digisos" / "inbox"
    for i in range(DELIVERIES):
        write_delivery(inbox / f"{i:02d}", digisos_id=did(f"kill-{i}"), ekstern_ref=f"k-{i}",
                       soknad=soknad_json(fnr=""),
                       files={"kontrakt.pdf": b"%PDF-1.4 " + bytes([i]) * 20_000,
                              "lonn.pdf": b"%PDF-1.4 lonn " + bytes([i]) * 10_000})

    incoming = var / "media" / ".incoming"
    for seed in SEEDS:
        proc = _sosialsak(var, "digisos", "import", "--inbox")
        # Wait until intake is under way (an attachment is being written), then a seeded
        # moment more: the kill lands inside a transaction, between commit and move, or
        # while a folder leaves the inbox.
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not (
                incoming.is_dir() and any(incoming.iterdir())):
            time.sleep(0.005)
        time.sleep(random.Random(seed).uniform(0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    _run(var, "digisos", "sweep", "--older-than", "0")
    _run(var, "digisos", "import", "--inbox")

    db = sqlite3.connect(var / "sosialsak.sqlite3")
    ids = [r[0] for r in db.execute("SELECT digisos_id FROM intake_soknad")]
    assert sorted(ids) == sorted(did(f"kill-{i}") for i in range(DELIVERIES))  # once each
    statuses = [r[0] for r in db.execute("SELECT status FROM digisos_levering")]
    assert statuses == ["IMPORTERT"] * DELIVERIES
    rows = {r[0]: r[1] for r in db.execute("SELECT fil, sha256 FROM intake_vedlegg")}
    assert len(rows) == DELIVERIES * 3  # soknad.json and the two PDFs of each delivery
    media = var / "media"
    on_disk = {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in media.rglob("*") if p.is_file()}
    assert on_disk == rows  # every row has its whole file, and no file lacks a row
    assert list(inbox.iterdir()) == []
