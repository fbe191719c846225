"""Driver of bench/cluster-up/run (see there). Prints a table of medians in milliseconds."""
import collections, json, os, shutil, statistics, subprocess, sys, tempfile, time, uuid
from concurrent.futures import ThreadPoolExecutor

IMAGE = os.environ.get("CCMSH_TEST_NODE_IMAGE", "localhost/ccmsh-test-node:latest")
CQL_LINE = "Starting listening for CQL clients"
LABEL = "org.ccmsh.bench=cluster-up"


def run(argv, env=None, check=True):
    started = time.monotonic()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = (time.monotonic() - started) * 1000
    if check and done.returncode != 0:
        sys.exit(f"bench/cluster-up: {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done


def shim(engine, scratch):
    """A PATH directory whose `engine` logs each call's arguments, then runs the real one."""
    real = shutil.which(engine)
    directory = os.path.join(scratch, "shim")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, engine)
    log = os.path.join(scratch, "calls.log")
    with open(path, "w") as f:
        f.write(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    os.chmod(path, 0o755)
    return directory, log


def ccmsh_phases(bin, engine, n, parallel, scratch):
    env = dict(os.environ, CCM_CONFIG_DIR=os.path.join(scratch, "ccm"),
               CCM_CONTAINER_RUNTIME=engine)
    name = f"b{n}{'p' if parallel else 's'}{uuid.uuid4().hex[:6]}"
    times = {}
    times["create"], _ = run([bin, "create", name, "-n", str(n), "--docker-image", IMAGE], env)
    start = [bin, "start", "--wait-for-binary-proto"] + (["--parallel"] if parallel else [])
    times["start"], _ = run(start, env)
    times["status"], _ = run([bin, "status"], env)
    times["remove"], _ = run([bin, "remove"], env)
    return times


def raw_phases(engine, n):
    """The same container work by hand: network, N runs at once, CQL line in each log, rm."""
    net = f"raw-{uuid.uuid4().hex[:8]}"
    prefix = f"10.{200 + n}.{int(uuid.uuid4().hex[:2], 16)}"
    names = [f"{net}-node{i}" for i in range(1, n + 1)]
    ips = [f"{prefix}.{10 + i}" for i in range(1, n + 1)]
    started = time.monotonic()
    run([engine, "network", "create", "--label", LABEL, "--subnet", f"{prefix}.0/24", net])

    def up(i):
        run([engine, "run", "-d", "--label", LABEL, "--name", names[i], "--hostname",
             f"node{i + 1}", "--network", net, "--ip", ips[i], IMAGE, "--seeds", ips[0]])
        while CQL_LINE not in run([engine, "logs", names[i]])[1].stdout:
            time.sleep(0.05)

    with ThreadPoolExecutor(n) as pool:
        list(pool.map(up, range(n)))
    up_ms = (time.monotonic() - started) * 1000
    started = time.monotonic()
    run([engine, "rm", "-f"] + (["-t", "0"] if engine == "podman" else []) + names)
    run([engine, "network", "rm", net])
    return {"raw up": up_ms, "raw rm": (time.monotonic() - started) * 1000}


def status_calls_and_latency(bin, engine, scratch):
    """Engine calls of `start --parallel` and of one `status` on 6 nodes; `status`'s median."""
    directory, log = shim(engine, scratch)
    env = dict(os.environ, CCM_CONFIG_DIR=os.path.join(scratch, "ccm"),
               CCM_CONTAINER_RUNTIME=engine, PATH=directory + ":" + os.environ["PATH"])
    run([bin, "create", "st6", "-n", "6", "--docker-image", IMAGE], env)
    open(log, "w").close()
    run([bin, "start", "--wait-for-binary-proto", "--parallel"], env)
    start_calls = collections.Counter(line.split()[0] for line in open(log) if line.strip())
    print(f"{engine}: start --parallel of 6 nodes: {sum(start_calls.values())} engine calls "
          f"{dict(start_calls)}")
    open(log, "w").close()
    run([bin, "status"], env)
    calls = [line.strip() for line in open(log) if line.strip()]
    out = os.path.join(scratch, "status.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", "30", "--style", "none",
                    "--export-json", out, f"{bin} status"], env=env, check=True,
                   capture_output=True)
    median = json.load(open(out))["results"][0]["median"] * 1000
    run([bin, "remove"], env)
    return calls, median


def main():
    bin, engines, reps, sizes = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), \
        [int(s) for s in sys.argv[4].split(",")]
    rows = []
    for engine in engines:
        if not shutil.which(engine) or run([engine, "version"], check=False)[1].returncode:
            print(f"skipping {engine}: not available")
            continue
        for n in sizes:
            samples = {}
            for _ in range(reps):
                for parallel in (False, True):
                    with tempfile.TemporaryDirectory() as scratch:
                        for key, ms in ccmsh_phases(bin, engine, n, parallel, scratch).items():
                            mode = "parallel" if parallel else "sequential"
                            label = key if key != "start" else f"start {mode}"
                            if key in ("create", "status", "remove") and parallel:
                                continue  # one sample per repetition for the common phases
                            samples.setdefault(label, []).append(ms)
                for key, ms in raw_phases(engine, n).items():
                    samples.setdefault(key, []).append(ms)
            med = {k: statistics.median(v) for k, v in samples.items()}
            rows.append((engine, n, med))
        with tempfile.TemporaryDirectory() as scratch:
            calls, median = status_calls_and_latency(bin, engine, scratch)
            print(f"{engine}: status on 6 nodes: {len(calls)} engine call(s) {calls}, "
                  f"median {median:.1f} ms (hyperfine, 30 runs)")
    columns = ["create", "start sequential", "start parallel", "status", "remove", "raw up",
               "raw rm"]
    print(f"\nmedians in ms over {reps} repetition(s)")
    print("| engine | N | " + " | ".join(columns)
          + " | start parallel / raw up | create + start parallel / raw up |")
    print("|---|---|" + "---|" * (len(columns) + 2))
    for engine, n, med in rows:
        ratio = med["start parallel"] / med["raw up"]
        whole = (med["create"] + med["start parallel"]) / med["raw up"]
        cells = " | ".join(f"{med[c]:.0f}" for c in columns)
        print(f"| {engine} | {n} | {cells} | {ratio:.2f} | {whole:.2f} |")


if __name__ == "__main__":
    main()
