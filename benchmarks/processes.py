"""Whole processes timed from outside, with the peak memory of their process tree."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from typing import NamedTuple

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_memory(root: int) -> tuple[int, int]:
    """Resident and proportional memory (bytes) of a process and its descendants, found through
    /proc/PID/task/*/children.

    The resident sum counts the pages forked workers share with their parent once per process;
    the proportional one (Pss, /proc/PID/smaps_rollup) splits each shared page among its sharers,
    so it is what the tree costs the machine. Reading only the process tree (not all of /proc)
    keeps the sampler from taking a share of a 2-core machine away from the workers it measures.
    """
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                resident = int(handle.read().split()[1]) * PAGE
            rss += resident
            pss += _pss(pid, resident)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def _pss(pid: int, resident: int) -> int:
    """A process's proportional memory; its resident memory where the kernel does not say (before Linux 4.14)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resident


class Timed(NamedTuple):
    seconds: float  # wall
    peak: int  # the largest resident sum of the process tree, bytes
    err: str  # what the command wrote on stderr
    peak_pss: int  # the largest proportional sum (``tree_memory``), bytes


def timed(command: list[str], env: dict | None = None) -> Timed:
    """A command run to its end as a whole process, with the peak memory of it and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    done = threading.Event()

    def sample():
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err.strip()[-500:]}")
    return Timed(seconds, peak, err, peak_pss)
