"""``kill -9`` of ``rebuild_index`` at several points: nothing it leaves behind stops the
next one, which completes and leaves the index in sync with the database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from .conftest import children, one_line_diagnosis, running, start_rebuild, wait_for


def killed(rebuild: subprocess.Popen[str]) -> None:
    rebuild.send_signal(signal.SIGKILL)
    rebuild.communicate(timeout=10)


def assert_rebuilt_and_in_sync(manage, index: Path) -> None:
    result = manage("rebuild_index", "-v0", timeout=90)
    assert result.returncode == 0, result.stderr
    assert manage("check_index").returncode == 0
    assert not (index / "BUILDING").exists()
    assert not list(index.glob("*.journal"))


def test_a_rebuild_killed_while_writing_leaves_no_writer_process(site, manage):
    rebuild = start_rebuild(site)
    workers = wait_for(lambda: children(rebuild.pid))
    killed(rebuild)
    wait_for(lambda: not any(running(pid) for pid in workers), timeout=5)
    assert_rebuilt_and_in_sync(manage, Path(site["SEARCH_INDEX_DIR"]))


def test_a_rebuild_killed_once_it_named_its_generation_resumes_it_or_cleans_it_up(site, manage):
    index = Path(site["SEARCH_INDEX_DIR"])
    rebuild = start_rebuild(site)
    abandoned = wait_for(lambda: (index / "BUILDING").exists() and (index / "BUILDING").read_text())
    killed(rebuild)
    assert_rebuilt_and_in_sync(manage, index)
    # Killed before its generation was a whole (empty) index, it is built again.
    live = (index / "CURRENT").read_text()
    assert live == abandoned or not (index / str(abandoned)).exists()


def test_a_rebuild_killed_after_a_commit_is_resumed_by_the_next(site, manage):
    """With a commit every 100 documents, a rebuild killed after its first commit leaves
    work that the next one keeps: it completes the same generation."""
    site["SEARCH_BACKEND_OPTIONS"] = '{"rebuild_commit_every": 100}'
    index = Path(site["SEARCH_INDEX_DIR"])
    rebuild = start_rebuild(site)
    name = wait_for(lambda: (index / "BUILDING").exists() and (index / "BUILDING").read_text())
    wait_for(lambda: (index / str(name) / "_MAIN_1.toc").exists())
    killed(rebuild)
    assert_rebuilt_and_in_sync(manage, index)
    assert (index / "CURRENT").read_text() == name


def test_a_rebuild_killed_after_a_complete_one_keeps_the_live_index(site, manage):
    index = Path(site["SEARCH_INDEX_DIR"])
    assert manage("rebuild_index", "-v0").returncode == 0
    rebuild = start_rebuild(site)
    wait_for(lambda: children(rebuild.pid))
    killed(rebuild)
    assert manage("check_index").returncode == 0  # the old generation still answers
    assert "hit(s)" in manage("search_archive", "ministre").stdout
    assert_rebuilt_and_in_sync(manage, index)


def test_a_lock_left_to_orphans_of_a_dead_rebuild_is_broken(site, manage, tmp_path):
    """What a rebuild killed where its writer processes outlive it (before this fix, or
    off Linux) leaves: REBUILD held by live processes, in the name of a dead one."""
    index = Path(site["SEARCH_INDEX_DIR"])
    assert manage("rebuild_index", "-v0").returncode == 0
    dead_pid = _dead_pid()
    (index / "BUILDING").write_text("gen-0-dead")
    (index / "gen-0-dead").mkdir()
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, time\n"
            f"lock = open({str(index / 'REBUILD')!r}, 'a+')\n"
            "fcntl.flock(lock, fcntl.LOCK_EX)\n"
            f"lock.write({json.dumps(_owner(dead_pid))!r})\n"
            "lock.flush()\n"
            "print('held', flush=True)\n"
            "time.sleep(120)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as orphan:
        try:
            assert orphan.stdout and orphan.stdout.readline() == "held\n"
            assert_rebuilt_and_in_sync(manage, index)
            assert not (index / "gen-0-dead").exists()
        finally:
            orphan.kill()


def test_a_live_rebuild_is_named_by_a_second_one(site, manage):
    index = Path(site["SEARCH_INDEX_DIR"])
    rebuild = start_rebuild(site)
    wait_for(lambda: (index / "BUILDING").exists())
    rebuild.send_signal(signal.SIGSTOP)  # alive, holding its lock, for as long as needed
    try:
        line = one_line_diagnosis(manage("rebuild_index", "-v0", timeout=30))
        assert "a rebuild started at " in line
        assert f"by PID {rebuild.pid} " in line
        assert "is running" in line
    finally:
        rebuild.send_signal(signal.SIGCONT)
    rebuild.communicate(timeout=90)
    assert rebuild.returncode == 0
    assert manage("check_index").returncode == 0


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _owner(pid: int) -> dict[str, object]:
    return {"pid": pid, "host": os.uname().nodename, "since": 0.0, "process_start": None}
