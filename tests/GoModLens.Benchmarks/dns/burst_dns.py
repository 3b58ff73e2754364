#!/usr/bin/env python3
"""A resolver that answers NXDOMAIN to everything but drops what exceeds a rate, like a home router or a corporate
forwarder under a burst. Usage: burst_dns.py ADDRESS PORT MAX_PER_WINDOW WINDOW_MS STATS_FILE

Every query is counted; STATS_FILE gets "received N dropped N" whenever the count changes."""
import socket
import struct
import sys
import time
from collections import deque

address, port, limit, window_ms, stats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((address, port))
recent = deque()
received = dropped = 0
while True:
    query, peer = sock.recvfrom(4096)
    received += 1
    now = time.monotonic()
    while recent and now - recent[0] > window_ms / 1000:
        recent.popleft()
    if len(recent) >= limit:
        dropped += 1
    else:
        recent.append(now)
        # Header: same id, QR=1, opcode and RD copied, RA=1, RCODE=3 (NXDOMAIN); the question echoed, no records.
        ident, flags = struct.unpack(">HH", query[:4])
        reply_flags = 0x8000 | (flags & 0x7900) | 0x0080 | 3
        sock.sendto(struct.pack(">HHHHHH", ident, reply_flags, 1, 0, 0, 0) + query[12:], peer)
    with open(stats, "w") as f:
        f.write(f"received {received} dropped {dropped}\n")
