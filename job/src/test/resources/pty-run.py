"""Runs a command in a pseudo-terminal, as a terminal emulator would: bytes from stdin are typed
into it, what it writes comes out on stdout. Exits with the command's exit code.

    python3 pty-run.py COLUMNS ROWS COMMAND [ARG...]

Used by the tests that drive an interactive program (Flink's SQL client) as a person would."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

columns, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.execvp(command[0], command)

inputs = [master, 0]
while True:
    readable, _, _ = select.select(inputs, [], [])
    if master in readable:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not data:
            break
        os.write(1, data)
    if 0 in readable:
        data = os.read(0, 65536)
        if data:
            os.write(master, data)
        else:  # our stdin ended: type nothing more
            inputs.remove(0)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
