"""Driver of bench/cluster-up-multihost/run (see there). Prints a table of medians in ms."""
import os, shutil, statistics, subprocess, sys, tempfile, time, uuid

IMAGE = os.environ.get("CCMSH_TEST_NODE_IMAGE", "localhost/ccmsh-test-node:latest")


def run(argv, env):
    started = time.monotonic()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = (time.monotonic() - started) * 1000
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def shim(scratch):
    """A PATH directory whose `docker` logs each call's arguments, then runs the real one."""
    real = shutil.which("docker")
    directory = os.path.join(scratch, "shim")
    os.makedirs(directory, exist_ok=True)
    log = os.path.join(scratch, "calls.log")
    with open(os.path.join(directory, "docker"), "w") as f:
        f.write(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    os.chmod(os.path.join(directory, "docker"), 0o755)
    return directory, log


def phases(bin, engines, n, scratch):
    directory, log = shim(scratch)
    env = dict(os.environ, CCM_CONFIG_DIR=os.path.join(scratch, "ccm"),
               CCM_CONTAINER_RUNTIME="docker", PATH=directory + ":" + os.environ["PATH"])
    name = f"m{n}{uuid.uuid4().hex[:6]}"
    flags = [word for engine in engines for word in ("--engine", engine)]
    times = {"create": run([bin, "create", name, "-n", str(n), "--docker-image", IMAGE] + flags,
                           env)}
    times["start parallel"] = run([bin, "start", "--wait-for-binary-proto", "--parallel"], env)
    open(log, "w").close()
    times["status"] = run([bin, "status"], env)
    calls = [line.split() for line in open(log) if line.strip()]
    inspects = sum(1 for argv in calls if "inspect" in argv)
    times["status calls"] = len(calls)
    times["status inspects"] = inspects
    times["remove"] = run([bin, "remove"], env)
    return times


def main():
    bin, reps, sizes, engines = sys.argv[1], int(sys.argv[2]), \
        [int(s) for s in sys.argv[3].split(",")], sys.argv[4:]
    layouts = [("one engine", engines[:1]), ("two engines", engines[:2])]
    rows = []
    for n in sizes:
        samples = {label: {} for label, _ in layouts}
        for _ in range(reps):
            for label, chosen in layouts:  # interleaved, so drift hits both alike
                with tempfile.TemporaryDirectory() as scratch:
                    for key, value in phases(bin, chosen, n, scratch).items():
                        samples[label].setdefault(key, []).append(value)
        for label, _ in layouts:
            rows.append((label, n, {k: statistics.median(v) for k, v in samples[label].items()}))
    columns = ["create", "start parallel", "status", "remove"]
    print(f"\nmedians in ms over {reps} repetition(s); status calls = engine calls of one status")
    print("| layout | N | " + " | ".join(columns) + " | status calls (inspects) |")
    print("|---|---|" + "---|" * (len(columns) + 1))
    for label, n, med in rows:
        cells = " | ".join(f"{med[c]:.0f}" for c in columns)
        print(f"| {label} | {n} | {cells} | {med['status calls']:.0f} "
              f"({med['status inspects']:.0f}) |")


if __name__ == "__main__":
    main()
