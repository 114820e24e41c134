"""Exit 0 when the PostgreSQL server in the given URL answers within 3 seconds."""

import sys

import psycopg

url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url, connect_timeout=3).close()
except Exception as exc:  # any failure means: not reachable here
    print(f"PostgreSQL not reachable: {type(exc).__name__}", file=sys.stderr)
    sys.exit(1)
