#!/usr/bin/env python
"""Where does the Rasa server spend its time? A sampling profile during scan conversations.

    make profile                      # or: python scripts/profile_server.py [--conversations 3]

Serves models/den.tar.gz as the benchmark does (scripts/bench.py: `rasa run` with a SQLite
tracker store and its own action server), warms it up, then records the Rasa server with py-spy
while one user does whole scans through the REST channel. Prints the functions with the most
time (inclusive, % of samples) and keeps the raw stacks in results/profile/ (py-spy "raw"
format: open it in speedscope.app or flamegraph.pl). This is how the hot spots fixed in
speedups/ were found (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (same serving and conversations as the benchmark)

ROOT = bench.ROOT


def top_functions(raw: Path, count: int) -> list[tuple[float, str]]:
    """Inclusive share of samples per function (file and name, without line numbers)."""
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, samples = line.rsplit(" ", 1)
        total += int(samples)
        for frame in {re.sub(r":\d+\)$", ")", f) for f in stack.split(";")[1:]}:
            inclusive[frame] += int(samples)
    return [(100 * n / total, name) for name, n in inclusive.most_common(count)] if total else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=3)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--ports", default="17205,17255")
    args = parser.parse_args()
    rasa_port, action_port = (int(p) for p in args.ports.split(","))
    work = Path(tempfile.mkdtemp(prefix="den-profile-"))
    out = ROOT / "results" / "profile"
    out.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        SEED_DEMO_ADVISORS="1",
        ACTION_ENDPOINT_URL=f"http://localhost:{action_port}/webhook",
        TRACKER_DB_PATH=str(work / "tracker.db"),
        BOT_DATABASE_URL=f"sqlite:///{work / 'den.db'}",
        MPLBACKEND="Agg",
    )
    for step in (["bot.db.migrate"], ["bot.admin", "seed"]):
        subprocess.run([sys.executable, "-m", *step], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    servers = [
        bench.start("actions", ["rasa", "run", "actions", "--actions", "actions",
                                "--port", str(action_port)], ROOT, env, work),
        bench.start("rasa", ["rasa", "run", "--model", str(ROOT / "models" / "den.tar.gz"),
                             "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
                             "--port", str(rasa_port)], ROOT, env, work),
    ]  # fmt: skip
    raw = out / "rasa-server.txt"
    try:
        bench.wait_ready(servers[0], f"http://localhost:{action_port}/health", 120)
        bench.wait_ready(servers[1], f"http://localhost:{rasa_port}/", 240)
        url = f"http://localhost:{rasa_port}/webhooks/rest/webhook"
        bench.load(url, bench.den_conversation, 1, 1, seed=1)  # warm-up, not recorded
        spy = subprocess.Popen(
            ["py-spy", "record", "--pid", str(servers[1].process.pid), "--format", "raw",
             "--rate", "200", "--output", str(raw)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        measured = bench.load(url, bench.den_conversation, 1, args.conversations, seed=2)
        spy.send_signal(2)  # py-spy writes its file on Ctrl-C
        spy.wait(timeout=60)
    finally:
        bench.stop(servers)
    shutil.rmtree(work, ignore_errors=True)  # kept (with the server logs) when something failed
    print(f"{len(measured.latencies)} messages, p50 {measured.p(0.5):.0f} ms "
          f"(with the profiler attached), raw stacks in {raw.relative_to(ROOT)}\n")  # fmt: skip
    for share, name in top_functions(raw, args.top):
        print(f"{share:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
