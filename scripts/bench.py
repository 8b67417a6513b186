#!/usr/bin/env python
"""Benchmarks: the DEN assistant next to Rasa's own starter bot, measured the same way.

    make bench                                  # or: python scripts/bench.py
    python scripts/bench.py --skip-train        # reuse models/den.tar.gz (no training time)
    python scripts/bench.py --folds 0           # no NLU cross-validation (saves ~5 minutes)

One run, one machine, both bots one after the other:
1. training: `rasa train` of this project (into a temporary directory) and `rasa init
   --no-prompt` (creates and trains the starter bot), both timed;
2. each bot served the same way: `rasa run` with its model, a SQLite tracker store, the REST
   channel and its own action server (`rasa run actions`); time from start to ready;
3. through the REST channel: one user (p50/p95 per message), then 20 users at once (p95 and
   messages per second). The DEN user does a whole scan (profile, 20 statements by button and
   free text, the open question, result); the starter-bot user chats about its moods;
4. peak memory (VmHWM from /proc) of every server process;
5. NLU: intent macro-F1 on the held-out set tests/nlu and the blind set tests/nlu_blind, and
   N-fold cross-validation on the training data (scripts/nlu_cv.py, same folds every run).
Writes docs/benchmarks.md (and results/bench.json) and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import requests

ROOT = Path(__file__).resolve().parent.parent
USERS = 20
TARGETS = {  # issue #8, on the 2-core machine
    "throughput_ratio_min": 0.80,  # DEN messages/s >= 80% of the starter bot's
    "p95_ratio_max": 1.25,  # DEN 20-user p95 <= 1.25 x the starter bot's
    "ready_seconds_max": 40.0,
    "rasa_memory_mb_max": 1536.0,
}
STARTER_LINES = [
    "hello",
    "I am feeling great",
    "hi there",
    "I am sad",
    "yes",
    "no",
    "are you a bot?",
    "good morning",
    "very unhappy",
    "goodbye",
]
STATEMENT_TEXTS = ["deels", "grotendeels", "we zijn er net mee begonnen", "nee, totaal niet"]
OPEN_ANSWER = "Er is te weinig tijd en geen vast budget voor digitale projecten."


# --- processes -----------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    log: Path
    started: float
    ready_seconds: Optional[float] = None


def start(name: str, command: List[str], cwd: Path, env: Dict[str, str], logs: Path) -> Server:
    log = logs / f"{name}.log"
    handle = log.open("wb")
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    return Server(name, process, log, time.monotonic())


def wait_ready(server: Server, url: str, timeout: float) -> float:
    deadline = server.started + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} stopped; see {server.log}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                server.ready_seconds = time.monotonic() - server.started
                return server.ready_seconds
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{server.name} not ready within {timeout:.0f} s; see {server.log}")


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, in MB."""
    total = 0.0
    for each in [pid, *children(pid)]:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) / 1024 if match else 0.0
    return total


def children(pid: int) -> List[int]:
    found: List[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            ids = (task / "children").read_text().split()
        except OSError:
            continue
        for child in map(int, ids):
            found += [child, *children(child)]
    return found


def stop(servers: List[Server]) -> None:
    for server in servers:
        if server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGTERM)
    for server in servers:
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


def run_timed(command: List[str], cwd: Path, env: Dict[str, str], log: Path) -> float:
    started = time.monotonic()
    with log.open("wb") as handle:
        result = subprocess.run(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed; see {log}")
    return time.monotonic() - started


# --- conversations -------------------------------------------------------------------------

Say = Callable[[str], List[dict]]


def rest_client(url: str, sender: str, latencies: List[float]) -> Say:
    session = requests.Session()

    def say(message: str) -> List[dict]:
        started = time.perf_counter()
        reply = session.post(url, json={"sender": sender, "message": message}, timeout=120)
        latencies.append(time.perf_counter() - started)
        reply.raise_for_status()
        return reply.json()

    return say


def den_conversation(say: Say, rng: random.Random) -> bool:
    """A whole scan as a user does it; True when the result was shown."""
    say("hoi")
    replies = say("ik wil weten hoe digitaal volwassen we zijn")
    for _ in range(45):
        text = " ".join(r.get("text") or "" for r in replies)
        buttons = [b for r in replies for b in r.get("buttons") or []]
        if "Hier is jullie digitale profiel" in text:
            say("dank je wel")
            say("doei")
            return True
        if "Klopt dat?" in text:
            message = '/inform{"answer": "yes"}'
        elif "Bedoel je" in text and buttons:  # two close values offered: take the first
            message = buttons[0]["payload"]
        elif any(b["title"] == "Weet ik niet" for b in buttons):  # a statement, 1-5
            if rng.random() < 0.25:
                message = rng.choice(STATEMENT_TEXTS)
            else:
                message = rng.choice(buttons[:5])["payload"]
        elif buttons:  # a profile question
            message = rng.choice(buttons)["payload"]
        elif "organisatie" in text.lower() and "heet" in text.lower():
            message = f"Museum Bench {rng.randint(1, 9999)}"
        else:  # the open question
            message = OPEN_ANSWER
        replies = say(message)
    return False


def starter_conversation(say: Say, rng: random.Random, turns: int) -> bool:
    for index in range(turns):
        say(STARTER_LINES[index % len(STARTER_LINES)])
    return True


@dataclass
class Load:
    latencies: List[float] = field(default_factory=list)
    seconds: float = 0.0
    conversations: int = 0
    completed: int = 0
    errors: int = 0

    def p(self, q: float) -> float:
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(round(q * (len(data) - 1))))] * 1000 if data else 0.0

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def load(
    url: str,
    conversation: Callable[[Say, random.Random], bool],
    users: int,
    per_user: int,
    seed: int,
) -> Load:
    result = Load()
    lock = threading.Lock()

    def user(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        for round_ in range(per_user):
            latencies: List[float] = []
            say = rest_client(url, f"bench-{index}-{round_}-{uuid.uuid4().hex[:8]}", latencies)
            try:
                done = conversation(say, rng)
            except (requests.RequestException, ValueError):
                done = False
                with lock:
                    result.errors += 1
            with lock:
                result.latencies += latencies
                result.conversations += 1
                result.completed += int(done)

    started = time.monotonic()
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


# --- the two bots --------------------------------------------------------------------------


@dataclass
class BotResult:
    name: str
    train_seconds: Optional[float] = None
    ready_seconds: float = 0.0
    actions_ready_seconds: float = 0.0
    single: Load = field(default_factory=Load)
    many: Load = field(default_factory=Load)
    memory_mb: Dict[str, float] = field(default_factory=dict)


def serve_and_measure(
    name: str,
    cwd: Path,
    model: Path,
    endpoints: Path,
    credentials: Path,
    env: Dict[str, str],
    ports: Tuple[int, int],
    actions_module: str,
    conversation: Callable[[Say, random.Random], bool],
    args: argparse.Namespace,
    logs: Path,
) -> BotResult:
    rasa_port, action_port = ports
    result = BotResult(name)
    servers = [
        start(
            f"{name}-actions",
            ["rasa", "run", "actions", "--actions", actions_module, "--port", str(action_port)],
            cwd, env, logs,
        ),
        start(
            f"{name}-rasa",
            ["rasa", "run", "--model", str(model), "--endpoints", str(endpoints),
             "--credentials", str(credentials), "--port", str(rasa_port)],
            cwd, env, logs,
        ),
    ]  # fmt: skip
    try:
        result.actions_ready_seconds = wait_ready(
            servers[0], f"http://localhost:{action_port}/health", 120
        )
        result.ready_seconds = wait_ready(servers[1], f"http://localhost:{rasa_port}/", 240)
        url = f"http://localhost:{rasa_port}/webhooks/rest/webhook"
        load(url, conversation, 2, 1, seed=1)  # warm-up, not counted
        result.single = load(url, conversation, 1, args.single_conversations, seed=2)
        result.many = load(url, conversation, USERS, args.rounds, seed=3)
        for server in servers:
            result.memory_mb[server.name] = peak_memory_mb(server.process.pid)
    finally:
        stop(servers)
    return result


def nlu_scores(model: Path, env: Dict[str, str], out: Path, folds: int, logs: Path) -> List[dict]:
    """Held-out and blind sets with the served model; with folds, cross-validation on data/nlu."""
    held_out, blind, cv = out / "held-out", out / "blind", out / "cv"
    runs = [(
        "held-out set tests/nlu (never trained on)", held_out,
        ["rasa", "test", "nlu", "--nlu", "tests/nlu", "--model", str(model),
         "--out", str(held_out)],
    ), (
        "blind set tests/nlu_blind (never trained on, never read for errors)", blind,
        ["rasa", "test", "nlu", "--nlu", "tests/nlu_blind", "--model", str(model),
         "--out", str(blind)],
    )]  # fmt: skip
    if folds:
        runs.append((
            f"{folds}-fold cross-validation on the training data (data/nlu; same folds every "
            "run, scripts/nlu_cv.py)", cv,
            ["python", "scripts/nlu_cv.py", "config.yml", str(cv), "--folds", str(folds)],
        ))  # fmt: skip
    scores = []
    for source, directory, command in runs:
        seconds = run_timed(command, ROOT, env, logs / f"nlu-{directory.name}.log")
        report = json.loads((directory / "intent_report.json").read_text())
        faq_file = directory / "response_selection_report.json"
        faq = json.loads(faq_file.read_text()) if faq_file.exists() else {}
        scores.append({
            "source": source,
            "intent_macro_f1": report["macro avg"]["f1-score"],
            "intent_accuracy": report.get("accuracy"),
            "faq_accuracy": faq.get("accuracy"),
            "seconds": seconds,
        })  # fmt: skip
    return scores


# --- report --------------------------------------------------------------------------------


def load_average() -> Tuple[float, float, float]:
    return os.getloadavg()


def other_cpu_users(own: List[int]) -> List[str]:
    """Busy processes that are not ours (e.g. another training), for the note in the report."""
    busy = []
    try:
        output = subprocess.run(
            ["ps", "-eo", "pid,pcpu,args", "--sort=-pcpu"], capture_output=True, text=True
        ).stdout.splitlines()[1:]
    except OSError:
        return []
    for line in output[:15]:
        pid, pcpu, command = line.split(None, 2)
        if command.startswith("ps "):  # this very ps, caught while it reads /proc
            continue
        if float(pcpu) >= 20 and int(pid) not in own and "bench.py" not in command:
            busy.append(f"{command[:70]} ({pcpu}% CPU)")
    return busy


def render(data: dict) -> str:
    den, ref = data["bots"]["den"], data["bots"]["starter"]
    checks = data["checks"]
    mark = {True: "ok", False: "**MISSED**"}
    lines = [
        "# Benchmarks",
        "",
        "Written by `scripts/bench.py` (`make bench`). Do not edit by hand: run it again.",
        "",
        f"- run: {data['when']} on {data['cpus']} CPU cores, {data['memory_gb']:.0f} GB RAM",
        f"- command: `{data['command']}`",
        f"- duration: {data['seconds'] / 60:.1f} minutes",
        f"- load average at the start: {data['load_before'][0]:.2f}; during the load tests up to "
        f"{data['load_max']:.2f}",
    ]
    if data["shared_cpu"]:
        lines += [
            "- **the CPU was shared during this run** with other work on the machine "
            "(other processes above 20% CPU at some point: "
            + "; ".join(data["shared_cpu"][:4])
            + "). Latency and throughput of both bots suffer from this; the ratios less so.",
        ]
    lines += [
        "",
        "Both bots are served the same way: `rasa run` with a SQLite tracker store, the REST",
        "channel and their own action server (`rasa run actions`), one after the other on the",
        "same machine. The reference is Rasa's starter bot (`rasa init --no-prompt`, Rasa "
        f"{data['rasa_version']}), trained in the same run with the same Rasa.",
        "",
        "The DEN user does a whole scan: greeting, start, the organisation's name, the profile",
        "questions by button, 20 statements (a quarter typed as free text, e.g. 'deels'), the",
        f"open question, the result, thanks and goodbye ({data['den_turns']:.0f} messages per",
        "conversation on average). The starter-bot user sends its greetings and moods for the "
        "same number of messages.",
        "",
        "| | DEN assistant | starter bot | target | |",
        "|---|---:|---:|---|---|",
        f"| training time | {fmt_s(den['train_seconds'])} | {fmt_s(ref['train_seconds'])} | | |",
        f"| start to ready (Rasa server) | {den['ready_seconds']:.1f} s | "
        f"{ref['ready_seconds']:.1f} s | <= {TARGETS['ready_seconds_max']:.0f} s | "
        f"{mark[checks['ready']]} |",
        f"| start to ready (action server) | {den['actions_ready_seconds']:.1f} s | "
        f"{ref['actions_ready_seconds']:.1f} s | | |",
        f"| 1 user: p50 per message | {den['single']['p50']:.0f} ms | "
        f"{ref['single']['p50']:.0f} ms | | |",
        f"| 1 user: p95 per message | {den['single']['p95']:.0f} ms | "
        f"{ref['single']['p95']:.0f} ms | | |",
        f"| {USERS} users: p95 per message | {den['many']['p95']:.0f} ms | "
        f"{ref['many']['p95']:.0f} ms | <= {TARGETS['p95_ratio_max']} x starter "
        f"({data['p95_ratio']:.2f} x) | {mark[checks['p95']]} |",
        f"| {USERS} users: throughput | {den['many']['throughput']:.1f} msg/s | "
        f"{ref['many']['throughput']:.1f} msg/s | >= {TARGETS['throughput_ratio_min']:.0%} of "
        f"starter ({data['throughput_ratio']:.0%}) | {mark[checks['throughput']]} |",
        f"| {USERS} users: messages (errors) | {den['many']['messages']} "
        f"({den['many']['errors']}) | {ref['many']['messages']} ({ref['many']['errors']}) | | |",
        f"| peak memory, Rasa server | {den['memory_rasa']:.0f} MiB | "
        f"{ref['memory_rasa']:.0f} MiB | < {TARGETS['rasa_memory_mb_max']:.0f} MiB (1.5 GiB) | "
        f"{mark[checks['memory']]} |",
        f"| peak memory, action server | {den['memory_actions']:.0f} MiB | "
        f"{ref['memory_actions']:.0f} MiB | | |",
        "",
        f"DEN scans completed under load: {den['many']['completed']} of "
        f"{den['many']['conversations']}.",
        "",
        "## NLU",
        "",
        *[
            f"- {n['source']}: intent macro-F1 **{n['intent_macro_f1']:.4f}** (accuracy "
            f"{(n['intent_accuracy'] or 0):.3f}), FAQ topic accuracy "
            f"{(n['faq_accuracy'] or 0):.3f}; took {n['seconds']:.0f} s."
            for n in data["nlu"]
        ],
        "",
        "## Targets",
        "",
        "All met." if all(checks.values()) else "Not all met: see **MISSED** above.",
        "",
    ]
    return "\n".join(lines)


def fmt_s(value: Optional[float]) -> str:
    return "not measured (--skip-train)" if value is None else f"{value / 60:.1f} min"


def summary(bot: BotResult) -> dict:
    def part(measured: Load) -> dict:
        return {
            "p50": measured.p(0.50),
            "p95": measured.p(0.95),
            "throughput": measured.throughput,
            "messages": len(measured.latencies),
            "seconds": measured.seconds,
            "conversations": measured.conversations,
            "completed": measured.completed,
            "errors": measured.errors,
        }

    rasa = next(v for k, v in bot.memory_mb.items() if k.endswith("-rasa"))
    actions = next(v for k, v in bot.memory_mb.items() if k.endswith("-actions"))
    return {
        "train_seconds": bot.train_seconds,
        "ready_seconds": bot.ready_seconds,
        "actions_ready_seconds": bot.actions_ready_seconds,
        "single": part(bot.single),
        "many": part(bot.many),
        "memory_rasa": rasa,
        "memory_actions": actions,
    }


# --- main ----------------------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ports", default="17005,17055,17105,17155",
                        help="DEN rasa, DEN actions, starter rasa, starter actions")  # fmt: skip
    parser.add_argument("--skip-train", action="store_true", help="use models/den.tar.gz")
    parser.add_argument("--folds", type=int, default=3, help="NLU cross-validation folds (0: none)")
    parser.add_argument("--rounds", type=int, default=1, help="conversations per user (20 users)")
    parser.add_argument("--single-conversations", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    ports = [int(p) for p in args.ports.split(",")]
    begun = time.monotonic()
    load_before = load_average()
    work = Path(tempfile.mkdtemp(prefix="den-bench-"))
    logs = work / "logs"
    logs.mkdir()
    print(f"==> bench in {work} (logs in {logs})", flush=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", SEED_DEMO_ADVISORS="1")
    env.update(
        RASA_PORT=str(ports[0]),
        ACTION_PORT=str(ports[1]),
        ACTION_ENDPOINT_URL=f"http://localhost:{ports[1]}/webhook",
        RASA_URL=f"http://localhost:{ports[0]}",
        TRACKER_DB_PATH=str(work / "den-tracker.db"),
        BOT_DATABASE_URL=f"sqlite:///{work / 'den.db'}",
        MPLBACKEND="Agg",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    peak_load = [0.0]
    shared: List[str] = []
    watching = threading.Event()

    def watch() -> None:
        while not watching.wait(5):
            peak_load[0] = max(peak_load[0], load_average()[0])
            for line in other_cpu_users([os.getpid(), *children(os.getpid())]):
                if not any(line.split(" (")[0] == s.split(" (")[0] for s in shared):
                    shared.append(line)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        den = BotResult("den")
        if args.skip_train:
            model = ROOT / "models" / "den.tar.gz"
        else:
            print("==> training the DEN assistant", flush=True)
            # an empty training cache of its own, so this is a full training, as for the starter
            den.train_seconds = run_timed(
                ["rasa", "train", "--out", str(work / "models"), "--fixed-model-name", "den"],
                ROOT, {**env, "RASA_CACHE_DIRECTORY": str(work / "cache")}, logs / "train-den.log",
            )  # fmt: skip
            model = work / "models" / "den.tar.gz"
        print("==> creating and training the starter bot (rasa init)", flush=True)
        starter = work / "starter"
        starter.mkdir()  # rasa init --no-prompt needs the directory to exist
        starter_seconds = run_timed(
            ["rasa", "init", "--no-prompt", "--init-dir", str(starter)],
            work, env, logs / "train-starter.log",
        )  # fmt: skip
        starter_model = sorted((starter / "models").glob("*.tar.gz"))[-1]
        subprocess.run(["python", "-m", "bot.db.migrate"], cwd=ROOT, env=env, check=True)
        subprocess.run(["python", "-m", "bot.admin", "seed"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

        print("==> serving and loading the DEN assistant", flush=True)
        den_result = serve_and_measure(
            "den", ROOT, model, ROOT / "endpoints.yml", ROOT / "credentials.yml", env,
            (ports[0], ports[1]), "actions", den_conversation, args, logs,
        )  # fmt: skip
        den_result.train_seconds = den.train_seconds
        turns = len(den_result.many.latencies) / max(den_result.many.conversations, 1)

        print("==> serving and loading the starter bot", flush=True)
        (starter / "endpoints.yml").write_text(
            f"action_endpoint:\n  url: http://localhost:{ports[3]}/webhook\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'starter-tracker.db'}\n"
        )
        (starter / "credentials.yml").write_text("rest:\n")
        starter_env = dict(env, PYTHONPATH=str(starter))
        starter_result = serve_and_measure(
            "starter", starter, starter_model, starter / "endpoints.yml",
            starter / "credentials.yml", starter_env, (ports[2], ports[3]), "actions",
            lambda say, rng: starter_conversation(say, rng, round(turns)), args, logs,
        )  # fmt: skip
        starter_result.train_seconds = starter_seconds

        print("==> NLU", flush=True)
        nlu = nlu_scores(model, env, work / "nlu", args.folds, logs)
    finally:
        watching.set()
        if not args.keep:
            print(f"(work directory {work} removed; --keep keeps it)")
    bots = {"den": summary(den_result), "starter": summary(starter_result)}
    throughput_ratio = bots["den"]["many"]["throughput"] / bots["starter"]["many"]["throughput"]
    p95_ratio = bots["den"]["many"]["p95"] / bots["starter"]["many"]["p95"]
    checks = {
        "throughput": throughput_ratio >= TARGETS["throughput_ratio_min"],
        "p95": p95_ratio <= TARGETS["p95_ratio_max"],
        "ready": bots["den"]["ready_seconds"] <= TARGETS["ready_seconds_max"],
        "memory": bots["den"]["memory_rasa"] < TARGETS["rasa_memory_mb_max"],
        "errors": bots["den"]["many"]["errors"] == 0 and bots["starter"]["many"]["errors"] == 0,
    }
    import rasa

    data = {
        "when": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["python scripts/bench.py", *(sys.argv[1:] if argv is None else argv)]),
        "cpus": os.cpu_count(),
        "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3,
        "seconds": time.monotonic() - begun,
        "load_before": load_before,
        "load_max": peak_load[0],
        "shared_cpu": shared,
        "rasa_version": rasa.__version__,
        "den_turns": turns,
        "bots": bots,
        "nlu": nlu,
        "throughput_ratio": throughput_ratio,
        "p95_ratio": p95_ratio,
        "checks": checks,
        "targets": TARGETS,
    }
    args.out.write_text(render(data), encoding="utf-8")
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "bench.json").write_text(json.dumps(data, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print(args.out.read_text())
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
