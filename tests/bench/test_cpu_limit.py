"""A benchmark's server held to a fraction of a core, as a container's limit holds it: the
quota written where each version of the cgroup file system reads it, the process placed in
its group, and a machine without a cgroup it may change told so before anything runs.

The kernel's own files are stood in for by a folder: the tests check what is written there,
not the kernel's throttling (bench/cpu_limit.py is used on the machine itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cpu_limit import CpuLimit, CpuLimitUnavailable


def _version_2(root: Path) -> Path:
    (root / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
    return root


def _version_1(root: Path) -> Path:
    (root / "cpu").mkdir()
    (root / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    return root


def test_version_2_gets_the_quota_and_the_period_in_cpu_max(tmp_path: Path) -> None:
    limit = CpuLimit.made("openloop-rapport-0", 0.4, root=_version_2(tmp_path))
    assert limit.group == tmp_path / "openloop-rapport-0"
    assert (limit.group / "cpu.max").read_text() == "40000 100000"


def test_version_1_gets_the_quota_beside_its_period(tmp_path: Path) -> None:
    limit = CpuLimit.made("openloop-rapport-1", 1.5, root=_version_1(tmp_path))
    assert limit.group == tmp_path / "cpu" / "openloop-rapport-1"
    assert (limit.group / "cpu.cfs_period_us").read_text() == "100000"
    assert (limit.group / "cpu.cfs_quota_us").read_text() == "150000"


def test_the_process_is_placed_in_its_group(tmp_path: Path) -> None:
    limit = CpuLimit.made("one", 0.5, root=_version_2(tmp_path))
    limit.hold(4242)
    assert (limit.group / "cgroup.procs").read_text() == "4242"


def test_a_group_is_removed_once_its_process_has_ended(tmp_path: Path) -> None:
    limit = CpuLimit.made("one", 0.5, root=_version_2(tmp_path))
    (limit.group / "cpu.max").unlink()  # the kernel's files go with the group
    limit.remove()
    assert not limit.group.exists()


def test_a_machine_without_a_cpu_controller_is_told_before_anything_runs(
    tmp_path: Path,
) -> None:
    (tmp_path / "cgroup.controllers").write_text("memory pids\n")
    with pytest.raises(CpuLimitUnavailable, match="no cgroup cpu controller"):
        CpuLimit.made("one", 0.5, root=tmp_path)
    assert list(tmp_path.iterdir()) == [tmp_path / "cgroup.controllers"]


@pytest.mark.parametrize("cores", [0.0, -1.0, 10_000.0])
def test_a_limit_no_machine_has_is_refused(tmp_path: Path, cores: float) -> None:
    with pytest.raises(CpuLimitUnavailable, match="not one this machine has"):
        CpuLimit.made("one", cores, root=_version_2(tmp_path))
