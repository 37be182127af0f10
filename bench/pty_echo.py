#!/usr/bin/env python3
"""The terminal round trip: bytes echoed through a container's pty per second.

  pty_echo.py BYTES WARMUP RUNS COMMAND...

COMMAND runs as a terminal emulator would run it: a new session whose stdin, stdout and
stderr are the slave of a fresh pty (80x24, raw), with the slave as its controlling
terminal; the tool under test (skiff run -t, runc run -t) then makes the container's
own pty and relays between the two. COMMAND must print "R" once the container's
terminal is raw (`stty raw -echo`), then echo exactly BYTES bytes (`head -c BYTES`)
and exit 0. This script writes BYTES of printable text into the master, at most
WINDOW bytes ahead of what came back, checks that the same bytes came back, and
prints MiB/s for each of RUNS runs after WARMUP unmeasured ones.
"""
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
import tty

WINDOW = 64 * 1024  # in flight at most: both ptys together buffer more, so writes never stall the echo
CHUNK = 4096
TIMEOUT = 60


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    size, warmup, runs, command = int(argv[0]), int(argv[1]), int(argv[2]), argv[3:]
    data = (bytes(range(0x21, 0x7F)) * (size // 94 + 1))[:size]
    for i in range(warmup + runs):
        seconds = echo_once(command, data)
        if i >= warmup:
            print(f"{size / 1048576 / seconds:.2f}", flush=True)


def echo_once(command, data):
    master, slave = os.openpty()
    tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    try:
        await_ready(master, command)
        begin = time.monotonic()
        echoed = pump(master, data, command)
        seconds = time.monotonic() - begin
        if echoed != data:
            fail(command, f"echoed {len(echoed)} bytes that differ from the {len(data)} written")
        code = proc.wait(TIMEOUT)
        if code != 0:
            fail(command, f"exited {code}")
        return seconds
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def await_ready(master, command):
    seen = b""
    while b"R" not in seen:
        seen += read_some(master, command, f"no ready mark (got {seen!r})")


def pump(master, data, command):
    """Writes data while reading the echo back; returns what came back."""
    os.set_blocking(master, False)
    sent, echoed = 0, bytearray()
    while len(echoed) < len(data):
        want_write = sent < len(data) and sent - len(echoed) < WINDOW
        readable, writable, _ = select.select([master], [master] if want_write else [], [], TIMEOUT)
        if not readable and not writable:
            fail(command, f"stalled after {len(echoed)} of {len(data)} bytes echoed")
        if writable:
            end = min(len(data), sent + CHUNK, len(echoed) + WINDOW)
            sent += os.write(master, data[sent:end])
        if readable:
            echoed += read_some(master, command, f"ended after {len(echoed)} of {len(data)} bytes echoed")
    return bytes(echoed)


def read_some(master, command, what):
    """One read; EOF and EIO (the slave's last holder closed it) are failures while bytes are due."""
    if not select.select([master], [], [], TIMEOUT)[0]:
        fail(command, what + f": nothing for {TIMEOUT} s")
    try:
        chunk = os.read(master, 65536)
    except BlockingIOError:
        return b""
    except OSError:
        chunk = b""
    if not chunk:
        fail(command, what)
    return chunk


def fail(command, what):
    sys.exit(f"pty_echo: {' '.join(command)}: {what}")


if __name__ == "__main__":
    main(sys.argv[1:])
