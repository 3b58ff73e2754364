#!/usr/bin/env python3
"""A loopback GOPROXY for the Neovim end-to-end test.

Serves a proxy tree (list/info/mod files) from ROOT on 127.0.0.1 with an ephemeral port, written to PORTFILE.
Requests for modules named in HANG never get a response (a hanging mirror: the go command would wait forever).
Every request path is appended to LOG, so the test can check what was asked.
Usage: fakeproxy.py ROOT PORTFILE LOG HANG[,HANG...]
"""
import http.server
import os
import sys
import threading

root, portfile, log, hang = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
lock = threading.Lock()
forever = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        with lock, open(log, "a") as f:
            f.write(self.path + "\n")
        path = self.path.split("?", 1)[0].lstrip("/")
        if any(path.startswith(h + "/") for h in hang if h):
            forever.wait()  # never answer
            return
        full = os.path.realpath(os.path.join(root, path))
        if not full.startswith(os.path.realpath(root)) or not os.path.isfile(full):
            body = ("not found: " + path + "\n").encode()
            self.send_response(404)
        else:
            with open(full, "rb") as f:
                body = f.read()
            self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(portfile + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(portfile + ".tmp", portfile)
server.serve_forever()
