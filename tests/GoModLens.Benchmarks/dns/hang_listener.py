#!/usr/bin/env python3
"""Listens on ADDRESS:PORT without accepting, its accept queue filled, so the kernel drops every further SYN and a
connect hangs: a black-holed route, on loopback. Usage: hang_listener.py ADDRESS PORT"""
import socket
import sys
import time

address, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in address else socket.AF_INET
listener = socket.socket(family, socket.SOCK_STREAM)
if family == socket.AF_INET6:
    listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
listener.bind((address, port))
listener.listen(0)
fillers = []
for _ in range(4):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect((address, port))
    except BlockingIOError:
        pass
    fillers.append(s)
while True:
    time.sleep(3600)
