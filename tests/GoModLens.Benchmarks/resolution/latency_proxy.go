// Command latency_proxy serves a GOPROXY directory on 127.0.0.1 with a fixed delay per request and logs every
// request path (one per line). Usage: latency_proxy <root> <delay ms> <log file> <port file> [<cert file>].
//
// With a cert file it serves https instead (HTTP/2 negotiated by ALPN, as proxy.golang.org and the public mirrors
// do) under a self-signed certificate for 127.0.0.1 made at start, written to <cert file> as PEM so clients can
// trust it through SSL_CERT_FILE (honoured by both go and .NET on Linux).
//
// It replaces a python ThreadingHTTPServer that spent more CPU per request than the client it was timing: on a
// 2-core machine the proxy's own CPU was 40 % of a cold run's samples, so the benchmark measured the test double.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
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
	if len(os.Args) != 5 && len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: latency_proxy <root> <delay ms> <log file> <port file> [<cert file>]")
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
	// LATENCY_PROXY_TIMES=1 prefixes each line with its arrival time in Unix microseconds (timeline.sh).
	withTimes := os.Getenv("LATENCY_PROXY_TIMES") == "1"
	var mu sync.Mutex
	logLine := func(path string) {
		mu.Lock()
		defer mu.Unlock()
		if withTimes {
			path = strconv.FormatInt(time.Now().UnixMicro(), 10) + " " + path
		}
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
	if len(os.Args) == 5 {
		check(os.WriteFile(os.Args[4], []byte(strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)), 0o644))
		check(http.Serve(ln, handler))
		return
	}
	cert := selfSigned(os.Args[5])
	// The port file is written last: once it exists, the certificate file is complete.
	check(os.WriteFile(os.Args[4], []byte(strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)), 0o644))
	srv := &http.Server{Handler: handler, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}}
	check(srv.ServeTLS(ln, "", ""))
}

// selfSigned makes a P-256 certificate for 127.0.0.1 that is its own CA, and writes it to certFile as PEM.
func selfSigned(certFile string) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(err)
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "latency_proxy"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	check(err)
	check(os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644))
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency_proxy:", err)
		os.Exit(1)
	}
}
