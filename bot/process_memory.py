"""How the server's process takes memory from the C library's allocator.

glibc gives each thread that allocates at the same moment as another an arena of its own (up
to eight per core), and an arena keeps what was freed in it for that arena's next requests.
A server on SQLite runs every database connection on a thread of its own (aiosqlite): under a
burst, a dozen of them, each filling an arena with pages and statements that stay the
process's once the burst is over. One arena for the whole process keeps that memory in one
place, where the next requests reuse it: after a run at twice the sustainable rate the server
held 153 MB instead of 163 (docs/PERFORMANCE.md, "After a load"), with no change in its
replies or its CPU per command. Elsewhere than glibc (musl, macOS) nothing is changed.
"""

from __future__ import annotations

import ctypes
import logging
import platform

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # glibc's <malloc.h>


def one_malloc_arena() -> bool:
    """Before the process starts threads: every thread allocates from one arena. Whether
    the allocator took it (False where it is not glibc's)."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")  # glibc's, by its fixed name: no library search
        return bool(libc.mallopt(M_ARENA_MAX, 1))
    except (OSError, AttributeError):  # no such library or function: leave the default
        log.debug("mallopt is not available; each thread keeps its own arena")
        return False
