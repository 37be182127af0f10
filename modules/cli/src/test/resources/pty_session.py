"""Drives a command on a pseudo-terminal this script creates, as a terminal emulator would.

Usage: pty_session.py SCRIPT_JSON -- COMMAND...
SCRIPT_JSON is a list of steps: ["send", text] | ["expect", text] | ["resize", rows, cols]
| ["retry", text_to_send, expected] (sends every half second until expected appears: for
effects that arrive asynchronously, such as a forwarded window size)
| ["kill", signal_name, program, arg] (kills a host process by exact argv).
Prints "exit N", "restored True|False", then everything the command wrote.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

def kill_by_argv(sig, argv):
    wanted = ("\0".join(argv) + "\0").encode()
    deadline = time.time() + 30
    while time.time() < deadline:
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if f.read() == wanted:
                        os.kill(int(pid), getattr(signal, sig))
                        return
            except OSError:
                pass
        time.sleep(0.02)
    raise SystemExit("process not found: %r" % (argv,))

def main():
    steps = json.loads(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    master, slave = pty.openpty()
    set_size(master, 30, 100)
    before = termios.tcgetattr(slave)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.login_tty(slave)
        os.execvp(command[0], command)
    output = b""
    def read_until(text, timeout=30, since=0):
        nonlocal output
        deadline = time.time() + timeout
        while text.encode() not in output[since:]:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit("timed out waiting for %r; got %r" % (text, output[-500:]))
            r, _, _ = select.select([master], [], [], left)
            if r:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    raise SystemExit("terminal closed waiting for %r; got %r" % (text, output[-500:]))
                if not chunk:
                    raise SystemExit("eof waiting for %r" % text)
                output += chunk
    for step in steps:
        if step[0] == "send":
            os.write(master, step[1].encode())
        elif step[0] == "expect":
            read_until(step[1])
        elif step[0] == "retry":
            deadline = time.time() + 30
            while True:
                mark = len(output)
                os.write(master, step[1].encode())
                try:
                    read_until(step[2], timeout=0.5, since=mark)
                    break
                except SystemExit:
                    if time.time() > deadline:
                        raise
        elif step[0] == "resize":
            set_size(master, step[1], step[2])
        elif step[0] == "kill":
            kill_by_argv(step[1], step[2:])
    # Drain until the child exits.
    while True:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 65536)
                if chunk:
                    output += chunk
                    continue
            except OSError:
                pass
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    after = termios.tcgetattr(slave)
    sys.stdout.write("exit %d\nrestored %s\n" % (os.waitstatus_to_exitcode(status), before == after))
    sys.stdout.write(output.decode("utf-8", "replace"))

main()
