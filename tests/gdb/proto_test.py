#!/usr/bin/env python3
"""proto_test.py MMSIM CPU ELF WORKDIR - the GDB stub against bad input.

Runs ELF (argument "spin": it loops forever) under `mmsim run --gdb
127.0.0.1:0` (TCP on loopback, the port the system picks) and speaks the
remote protocol directly: a bad checksum gets '-', an overlong packet
E01, an unknown packet the empty reply, wrapping memory ranges and
out-of-range registers E01, an unmapped address E14; then thousands of
random packets (fixed seed); then Ctrl-C (0x03) must interrupt the
running guest with T02, and 'k' must end mmsim with status 137.  Last, a
debugger that disconnects while the guest runs: the guest runs on.  The
host must never crash (nor print a sanitizer report)."""
import os, random, re, select, socket, subprocess, sys, time

mmsim, cpu, elf, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
errf = open(os.path.join(work, "stderr"), "w+")
proc = subprocess.Popen([mmsim, "run", "--cpu", cpu, "--gdb", "127.0.0.1:0", elf, "spin"],
                        stdout=subprocess.DEVNULL, stderr=errf)
port = None
for _ in range(200):
    errf.seek(0)
    m = re.search(r"waiting for a debugger on 127\.0\.0\.1:(\d+)", errf.read())
    if m:
        port = int(m.group(1))
        break
    time.sleep(0.05)
if not port:
    print("FAIL: no port announced"); proc.kill(); sys.exit(1)
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(10)
buf = b""
failures = 0

def frame(data: bytes) -> bytes:
    return b"$" + data + b"#%02x" % (sum(data) & 0xff)

def recv_until(pred):
    global buf
    while not pred(buf):
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError("stub closed the connection")
        buf += chunk

def get_ack():
    global buf
    recv_until(lambda b: len(b) >= 1)
    c, buf = buf[:1], buf[1:]
    return c

def get_packet():
    """The next packet's data (acks before it skipped)."""
    global buf
    recv_until(lambda b: re.search(rb"\$[^#]*#..", b) is not None)
    m = re.search(rb"\$([^#]*)#(..)", buf)
    buf = buf[m.end():]
    return m.group(1)

def cmd(data: bytes, ack=True) -> bytes:
    s.sendall(frame(data))
    if ack:
        a = get_ack()
        if a != b"+":
            raise AssertionError("no ack for %r: %r" % (data[:40], a))
    return get_packet()

def check(what, got, want):
    global failures
    ok = re.fullmatch(want, got) is not None
    print("%s %s: %r" % ("ok  " if ok else "FAIL", what, got[:80]))
    failures += not ok

check("qSupported", cmd(b"qSupported:multiprocess+;swbreak+"),
      rb".*PacketSize=4000.*QStartNoAckMode\+.*ReverseStep\+;ReverseContinue\+.*")
check("initial stop", cmd(b"?"), rb"T05thread:1;")
# bad checksum: '-'
s.sendall(b"$g#00")
check("bad checksum NAK", get_ack(), rb"-")
# a non-hex checksum: '-'
s.sendall(b"$g#zz")
check("non-hex checksum NAK", get_ack(), rb"-")
# '-' from gdb: the last packet again
s.sendall(b"-")
check("resend on NAK", get_packet(), rb".*")
check("overlong packet", cmd(b"m" + b"0" * 40000), rb"E01")
check("unknown packet", cmd(b"jabberwocky"), rb"")
check("memory range wraps", cmd(b"mffffff00,200"), rb"E01")
check("read unmapped", cmd(b"m0,4"), rb"E14")
check("read far too long clipped", cmd(b"m100000,fffffff")[:8], rb"[0-9a-f]{8}")
check("hex overflow address", cmd(b"m1ffffffff0,4"), rb"E01")
check("register out of range", cmd(b"p99"), rb"E01")
check("register huge", cmd(b"pffffffffffffffff"), rb"E01")
check("write register out of range", cmd(b"P99=00000000"), rb"E01")
check("write register bad value", cmd(b"P0=zz"), rb"E01")
check("G wrong length", cmd(b"G00"), rb"E01")
check("M bad hex", cmd(b"M100000,4:zzzzzzzz"), rb"E01")
check("M length mismatch", cmd(b"M100000,4:00"), rb"E01")
check("M wraps", cmd(b"Mfffffffe,4:00000000"), rb"E01")
check("X truncated escape", cmd(b"X100000,1:}"), rb"E01")
check("write unmapped", cmd(b"X10,1:a"), rb"E14")
check("Hg dead thread", cmd(b"Hg77"), rb"E01")
check("T dead thread", cmd(b"T77"), rb"E01")
check("Z bad type", cmd(b"Z9,100000,4"), rb"")
check("Z malformed", cmd(b"Z0,zz"), rb"E01")
check("watch wraps", cmd(b"Z2,fffffffe,8"), rb"E01")
check("qRcmd odd hex", cmd(b"qRcmd,6"), rb"E01")
check("qRcmd help", cmd(b"qRcmd," + b"help".hex().encode()), rb"O[0-9a-f]+")
recv_until(lambda b: b"$OK#" in b); buf = buf[buf.index(b"$OK#") + 6:]
check("qXfer bad annex", cmd(b"qXfer:features:read:nope.xml:0,100"), rb"E00")
check("qXfer offset past end", cmd(b"qXfer:features:read:target.xml:ffffff,10"), rb"E01")
check("siginfo without a signal", cmd(b"qXfer:siginfo:read::0,80"), rb"E01")
check("vCont bad action", cmd(b"vCont;x"), rb"E01")
check("NUL in a packet", cmd(b"qC\x00junk"), rb"E01")
# junk between packets is ignored
s.sendall(b"garbage\x00\xff+++")
check("alive after junk", cmd(b"qC"), rb"QC1")
# random packets (never a resume or kill: c C s S k D b v R are left out)
rng = random.Random(16)
alphabet = b"0123456789abcdefgGmMpPXZzHTqQ?,:;=#$}*-"
for i in range(3000):
    n = rng.randrange(0, 60)
    data = bytes(rng.choice(alphabet) if rng.random() < 0.8 else rng.randrange(256) for _ in range(n))
    data = data.replace(b"#", b"").replace(b"$", b"").replace(b"}", b"")
    if data[:1] in (b"c", b"C", b"s", b"S", b"k", b"D", b"b", b"v", b"R", b"i", b"I"):
        continue
    s.sendall(frame(data))
    get_ack()
    get_packet()
check("alive after random packets", cmd(b"qC"), rb"QC1")
check("no-ack mode", cmd(b"QStartNoAckMode"), rb"OK")
check("no ack afterwards", cmd(b"qC", ack=False), rb"QC1")
# run, interrupt with Ctrl-C
s.sendall(frame(b"vCont;c"))
time.sleep(0.5)
s.sendall(b"\x03")
check("Ctrl-C stops the guest", get_packet(), rb"T02thread:1;")
check("registers readable", cmd(b"g", ack=False)[:8], rb"[0-9a-f]{8}")
s.sendall(frame(b"k"))
try:
    rc = proc.wait(timeout=20)
except subprocess.TimeoutExpired:
    proc.kill(); rc = "hung"
errf.seek(0)
err = errf.read()
check("mmsim exit status after k", str(rc).encode(), rb"137")
if "Sanitizer" in err or "runtime error" in err:
    print("FAIL: sanitizer report\n" + err); failures += 1

# A debugger that goes away while the guest runs: the guest runs on to its
# end, with the output it has without gdb.
sock2 = os.path.join(work, "gone.sock")
if os.path.exists(sock2):
    os.unlink(sock2)
out2 = open(os.path.join(work, "gone.out"), "w+")
p2 = subprocess.Popen([mmsim, "run", "--cpu", cpu, "--gdb", "unix:" + sock2, elf],
                      stdout=out2, stderr=subprocess.DEVNULL)
# the stub creates the path only once it listens (it binds a temporary
# name and renames it), so connecting as soon as the path exists must work
for _ in range(400):
    if os.path.exists(sock2):
        break
    time.sleep(0.05)
c2 = socket.socket(socket.AF_UNIX)
c2.connect(sock2)
c2.sendall(frame(b"Z0,0,4") + frame(b"vCont;c"))
time.sleep(0.2)
c2.close()
try:
    rc2 = p2.wait(timeout=20)
except subprocess.TimeoutExpired:
    p2.kill(); rc2 = "hung"
out2.seek(0)
check("guest runs on after gdb disconnects", str(rc2).encode(), rb"0")
check("its output", out2.read().encode(), rb"total 6 watched 60\nthread wrote 42, .*\n")
print("PASS" if not failures else "%d failures" % failures)
sys.exit(1 if failures else 0)
