#!/usr/bin/env python3
"""A vanity import host and git server on 127.0.0.1, used as an HTTP forward proxy (HTTP_PROXY/http_proxy).

Clients ask it for http://<any host>/<repo>?go-get=1 and for git's smart HTTP under http://<host>/<repo>.git/; the
host name never needs to resolve. CONNECT (https through the proxy) is refused with 403, so go falls back to http
under GOINSECURE. Bare repositories live in ROOT/<repo>.git and are served by `git http-backend`.

Repository names choose a fault:
  private*  401 with a Basic challenge unless the request carries Authorization
  broken*   500 "boom" for git requests
  gone*     404 for git requests (the go-get page still names the repository)
  hang*     git requests get no answer (until the client gives up)
  nometa*   the go-get page has no go-import tag
  gitlab*   GitLab's answer for a private project in a subgroup (gitlabgroup/sub/project): without Authorization
            the go-get page names the first two path elements as the repository, which does not exist
Any other name without ROOT/<name>.git gets 404 "not found" for its go-get page.

Host names choose a fault too:
  tls.*     CONNECT is accepted and answered with TLS under CERT, a certificate no client trusts (a TLS-inspecting
            proxy, as far as a client can tell); the go-get page (over http) names https://<host>/<repo>.git

Usage: vanity_git_host.py PORT ROOT LOG [CERT]   (PORT 0 = pick one; the chosen port is printed on stdout;
CERT = a PEM file with a certificate and its key)
"""
import http.server
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = sys.argv[2]
LOG = sys.argv[3]
CERT = sys.argv[4] if len(sys.argv) > 4 else None
_log_lock = threading.Lock()


def log(line):
    with _log_lock, open(LOG, "a", encoding="utf-8") as f:
        f.write(line + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_CONNECT(self):
        log("CONNECT " + self.path)
        if CERT and self.path.startswith("tls."):
            self.send_response(200, "Connection established")
            self.end_headers()
            self.close_connection = True
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(CERT)
            try:
                context.wrap_socket(self.connection, server_side=True).close()  # the client refuses the certificate
            except (ssl.SSLError, OSError):
                pass
            return
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reply(self, code, body, content_type="text/plain; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        url = urllib.parse.urlsplit(self.path)
        host = url.netloc or self.headers.get("Host", "")
        path, query = url.path, url.query
        log(f"{self.command} http://{host}{path}{'?' + query if query else ''}")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        repo = path.strip("/").split("/")[0]
        name = repo[:-4] if repo.endswith(".git") else repo
        if "go-get=1" in query.split("&"):
            if name.startswith("gitlab"):
                elements = path.strip("/").split("/")
                shown = elements if self.headers.get("Authorization") else elements[:2]
                root = "/".join(shown)
                meta = f'<meta name="go-import" content="{host}/{root} git http://{host}/{"-".join(shown)}.git">'
                return self.reply(200, f"<!DOCTYPE html><html><head>{meta}</head><body></body></html>".encode(), "text/html")
            if host.startswith("tls."):
                meta = f'<meta name="go-import" content="{host}/{name} git https://{host}/{name}.git">'
                return self.reply(200, f"<!DOCTYPE html><html><head>{meta}</head><body></body></html>".encode(), "text/html")
            if name.startswith("nometa"):
                return self.reply(200, b"<html><head></head><body>no tag</body></html>", "text/html")
            known = os.path.isdir(os.path.join(ROOT, name + ".git"))
            if not known and not name.startswith(("private", "broken", "gone", "hang")):
                return self.reply(404, b"not found")
            meta = f'<meta name="go-import" content="{host}/{name} git http://{host}/{name}.git">'
            return self.reply(200, f"<!DOCTYPE html><html><head>{meta}</head><body></body></html>".encode(), "text/html")
        if name.startswith("private") and not self.headers.get("Authorization"):
            return self.reply(401, b"", headers=[("WWW-Authenticate", 'Basic realm="git"')])
        if name.startswith("broken"):
            return self.reply(500, b"boom")
        if name.startswith("gone"):
            return self.reply(404, b"nope")
        if name.startswith("hang"):
            time.sleep(3600)
            return
        env = dict(os.environ, GIT_PROJECT_ROOT=ROOT, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=path, QUERY_STRING=query,
                   REQUEST_METHOD=self.command, CONTENT_TYPE=self.headers.get("Content-Type", ""),
                   CONTENT_LENGTH=str(len(body)), REMOTE_ADDR="127.0.0.1")
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        result = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True)
        head, _, rest = result.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.split(b"\r\n"):
            key, _, value = line.decode("latin-1").partition(":")
            if key.lower() == "status":
                status = int(value.strip().split()[0])
            elif key:
                headers.append((key, value.strip()))
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(rest)))
        self.end_headers()
        self.wfile.write(rest)

    do_GET = handle_any
    do_POST = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


if __name__ == "__main__":
    server = Server(("127.0.0.1", int(sys.argv[1])), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
