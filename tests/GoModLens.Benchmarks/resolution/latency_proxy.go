// Command latency_proxy serves a GOPROXY directory on 127.0.0.1 with a fixed delay per request and logs every
// request path (one per line). Usage: latency_proxy <root> <delay ms> <log file> <port file>.
//
// It replaces a python ThreadingHTTPServer that spent more CPU per request than the client it was timing: on a
// 2-core machine the proxy's own CPU was 40 % of a cold run's samples, so the benchmark measured the test double.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: latency_proxy <root> <delay ms> <log file> <port file>")
		os.Exit(2)
	}
	root, err := filepath.Abs(os.Args[1])
	check(err)
	delayMs, err := strconv.Atoi(os.Args[2])
	check(err)
	delay := time.Duration(delayMs) * time.Millisecond
	logFile, err := os.OpenFile(os.Args[3], os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	check(err)

	// The log is truncated by the harness between runs (": > log"), so each line is written straight through
	// (O_APPEND, one write per line) instead of buffered: a line never lands in the next run's count.
	var mu sync.Mutex
	logLine := func(path string) {
		mu.Lock()
		defer mu.Unlock()
		logFile.WriteString(path + "\n")
	}

	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logLine(r.RequestURI)
		time.Sleep(delay)
		p := filepath.Join(root, filepath.FromSlash(r.URL.Path))
		body, err := os.ReadFile(p)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !strings.HasPrefix(p, root) || err != nil {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte("not found\n"))
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	check(os.WriteFile(os.Args[4], []byte(strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)), 0o644))
	check(http.Serve(ln, handler))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency_proxy:", err)
		os.Exit(1)
	}
}
