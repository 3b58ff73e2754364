#!/usr/bin/env python3
"""Serves a GOPROXY directory on 127.0.0.1 with a fixed delay per request and logs every request path (one per line)."""
import http.server, os, sys, threading, time, urllib.parse

root, delay_ms, log_path, port_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: with Nagle + delayed ACK each response waits ~40 ms
    def do_GET(self):
        with lock:
            with open(log_path, "a") as f: f.write(self.path + "\n")
        time.sleep(delay_ms / 1000)
        p = os.path.normpath(os.path.join(root, urllib.parse.unquote(self.path.lstrip("/"))))
        if not p.startswith(root) or not os.path.isfile(p):
            body = b"not found\n"; self.send_response(404); self.send_header("Content-Type", "text/plain; charset=utf-8")
        else:
            body = open(p, "rb").read(); self.send_response(200); self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass

http.server.ThreadingHTTPServer.request_queue_size = 1024  # many clients connect at once; the default backlog of 5 drops SYNs (1 s retransmit)
http.server.ThreadingHTTPServer.daemon_threads = True
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
open(port_file, "w").write(str(srv.server_address[1]))
srv.serve_forever()
