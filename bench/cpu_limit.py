"""A CPU limit for a benchmark's server process, as a container's (`docker run --cpus`,
Kubernetes' `resources.limits.cpu`): a cgroup of its own whose CFS quota lets it run at most
`cores` of a core in every period of 100 ms.

Why (issue 17): two replicas are to sustain at least 1.7 times one replica's rate. On this
2-core machine both replicas, PostgreSQL, the sender and its Slack stand-in share the cores,
and one replica alone already takes one of them at 200/s, so a second one has no core to add.
With each replica held to the same fraction of a core, each one's capacity is what its limit
gives, as on a host that gives each replica its own CPUs, and there are cores left for the
database and the sender: what two of them sustain against one says whether they share
anything that does not grow with them (a lock, the ledger, the database's own limits).

Needs root and the cgroup file system's cpu controller: version 2 (`cpu.max`, at
/sys/fs/cgroup with `cpu` among its controllers) or version 1 (`cpu.cfs_quota_us`, at
/sys/fs/cgroup/cpu).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PERIOD_US = 100_000
CGROUP_ROOT = Path("/sys/fs/cgroup")


class CpuLimitUnavailable(RuntimeError):
    """This machine gives no cgroup whose CPU quota the benchmark may set."""


@dataclass(frozen=True)
class CpuLimit:
    """One process's limit: its own cgroup, made by `made`, removed by `remove` once the
    process it holds has ended."""

    group: Path

    @classmethod
    def made(cls, name: str, cores: float, *, root: Path = CGROUP_ROOT) -> CpuLimit:
        if not 0 < cores <= (os.cpu_count() or 1):
            raise CpuLimitUnavailable(f"a CPU limit of {cores:g} cores is not one this machine has")
        quota = max(1_000, round(cores * PERIOD_US))
        if "cpu" in _read(root / "cgroup.controllers").split():
            limit = cls(root / name)
            _made(limit.group)
            _write(limit.group / "cpu.max", f"{quota} {PERIOD_US}")
        elif (root / "cpu" / "cpu.cfs_quota_us").exists():
            limit = cls(root / "cpu" / name)
            _made(limit.group)
            _write(limit.group / "cpu.cfs_period_us", str(PERIOD_US))
            _write(limit.group / "cpu.cfs_quota_us", str(quota))
        else:
            raise CpuLimitUnavailable(f"no cgroup cpu controller under {root}")
        return limit

    def hold(self, pid: int) -> None:
        """The process and its threads, and any it starts later, run within the limit."""
        _write(self.group / "cgroup.procs", str(pid))

    def remove(self) -> None:
        """The group, once empty (its process ended); one still holding a process stays."""
        try:
            self.group.rmdir()
        except OSError:
            pass


def _made(group: Path) -> None:
    try:
        group.mkdir(exist_ok=True)
    except OSError as error:
        raise CpuLimitUnavailable(f"cannot make {group} (root is needed): {error}") from error


def _write(path: Path, value: str) -> None:
    try:
        path.write_text(value)
    except OSError as error:
        raise CpuLimitUnavailable(f"cannot write {path}: {error}") from error


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""
