// Command sumdb-server is a real Go checksum database (GOSUMDB) for GoModLens's tests, built on the x/mod sumdb
// packages vendored in the installed go (see SumDbServer.cs, which builds and starts it; nothing is downloaded).
//
// Records are computed from a GOPROXY directory tree (-tree): the record for P@V is the pair of go.sum lines go
// would write for it, hashed from DIR/<escaped P>/@v/<escaped V>.zip and .mod. A version whose .zip is missing gets
// only its "/go.mod" line: go verifies its go.mod, then fails the zip with "verifying module: checksum missing from
// sumdb response" (a SECURITY ERROR). A version whose .mod is missing is answered 404 "not found: ..." as
// sum.golang.org does.
//
// Records enter the log in the order they are first looked up (-preload adds some at start). A first path element
// selects a behaviour, so one server plays several databases: /ok/... (or no prefix) is the database; /html/...
// answers every request with a captive-portal page; /notiles/... and /tile500/... fail /tile/ requests with 404 and
// 500; /latest404/... fails /latest with 404. /sumdb/<name>/... is the database as a module proxy that proxies it
// serves it (goproxy.cn does), with /sumdb/<name>/supported answering 200.
//
// Startup prints "vkey <key>", "otherkey <key>" (an unrelated key with the same name) and "url http://host:port",
// then one line per request ("GET /path"). A stdin line "sync <token>" is echoed to stdout after every request line
// logged so far, so a reader can tell it has them all. It exits when stdin reaches EOF, so it never outlives its
// test process.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
)

// captivePortal is what a Wi-Fi login page answers for any URL.
const captivePortal = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Sign in to the network</h1></body></html>\n"

func main() {
	name := flag.String("name", "sumdb.test", "database name (the verifier key's name)")
	listen := flag.String("listen", "127.0.0.1:0", "address to serve on")
	tree := flag.String("tree", "", "GOPROXY directory tree the records are computed from")
	preload := flag.String("preload", "", "comma-separated path@version records to add at start, in order")
	exitOnEOF := flag.Bool("exit-on-eof", true, "exit when stdin reaches EOF")
	flag.Parse()
	log.SetFlags(0)
	if *tree == "" {
		log.Fatal("sumdb-server: -tree is required")
	}

	skey, vkey, err := note.GenerateKey(rand.Reader, *name)
	if err != nil {
		log.Fatal(err)
	}
	// Same name, different key: a client configured with it must reject every signed tree.
	_, otherKey, err := note.GenerateKey(rand.Reader, *name)
	if err != nil {
		log.Fatal(err)
	}

	db := &database{name: *name, tree: *tree}
	db.ops = sumdb.NewTestServer(skey, db.goSumLines)
	db.server = sumdb.NewServer(db.ops)
	if *preload != "" {
		for _, mv := range strings.Split(*preload, ",") {
			path, version, ok := strings.Cut(strings.TrimSpace(mv), "@")
			if !ok {
				log.Fatalf("sumdb-server: -preload %q: want path@version", mv)
			}
			if _, err := db.ops.Lookup(context.Background(), module.Version{Path: path, Version: version}); err != nil {
				log.Fatalf("sumdb-server: -preload %s: %v", mv, err)
			}
		}
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	db.println("vkey " + vkey)
	db.println("otherkey " + otherKey)
	db.println("url http://" + ln.Addr().String())

	go func() {
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
			if token, ok := strings.CutPrefix(in.Text(), "sync "); ok {
				db.println("sync " + token)
			}
		}
		if *exitOnEOF {
			os.Exit(0)
		}
	}()
	srv := &http.Server{Handler: db, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

type database struct {
	name   string
	tree   string
	ops    *sumdb.TestServer
	server *sumdb.Server
	outMu  sync.Mutex // one line at a time on stdout
}

func (db *database) println(line string) {
	db.outMu.Lock()
	defer db.outMu.Unlock()
	os.Stdout.WriteString(line + "\n") // os.Stdout is unbuffered: the reader sees each line at once
}

// versionFiles returns the tree's .mod and .zip for path@version.
func (db *database) versionFiles(path, version string) (modFile, zipFile string, err error) {
	escPath, err := module.EscapePath(path)
	if err != nil {
		return "", "", err
	}
	escVersion, err := module.EscapeVersion(version)
	if err != nil {
		return "", "", err
	}
	base := filepath.Join(db.tree, filepath.FromSlash(escPath), "@v", escVersion)
	return base + ".mod", base + ".zip", nil
}

// goSumLines is the record for path@version: exactly the go.sum lines go writes for it, module hash first.
func (db *database) goSumLines(path, version string) ([]byte, error) {
	modFile, zipFile, err := db.versionFiles(path, version)
	if err != nil {
		return nil, err
	}
	mod, err := os.ReadFile(modFile)
	if err != nil {
		return nil, err
	}
	// As cmd/go's goModSum: h1 over a single file named go.mod.
	modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(mod)), nil
	})
	if err != nil {
		return nil, err
	}

	var record strings.Builder
	switch _, err := os.Stat(zipFile); {
	case err == nil:
		zipHash, err := dirhash.HashZip(zipFile, dirhash.Hash1)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&record, "%s %s %s\n", path, version, zipHash)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	fmt.Fprintf(&record, "%s %s/go.mod %s\n", path, version, modHash)
	return []byte(record.String()), nil
}

func (db *database) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	db.println(r.Method + " " + r.URL.EscapedPath())

	mode, path := splitMode(r.URL.Path)
	if rest, ok := strings.CutPrefix(r.URL.Path, "/sumdb/"+db.name+"/"); ok {
		if rest == "supported" {
			return // 200, empty: this "proxy" proxies the database
		}
		mode, path = "ok", "/"+rest
	}
	isTile := strings.HasPrefix(path, "/tile/")
	switch {
	case mode == "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, captivePortal)
		return
	case mode == "notiles" && isTile:
		http.NotFound(w, r)
		return
	case mode == "tile500" && isTile:
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	case mode == "latest404" && path == "/latest":
		http.NotFound(w, r)
		return
	}

	if strings.HasPrefix(path, "/lookup/") && db.answerNotFound(w, strings.TrimPrefix(path, "/lookup/")) {
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = path, ""
	db.server.ServeHTTP(w, r2)
}

// answerNotFound answers 404 for a well-formed lookup of a version the tree lacks, with sum.golang.org's body
// ("not found: path@version: ..."). sumdb.Server itself would answer 404 only with an os.IsNotExist error's text.
func (db *database) answerNotFound(w http.ResponseWriter, escaped string) bool {
	escPath, escVersion, ok := strings.Cut(escaped, "@")
	if !ok {
		return false
	}
	path, err := module.UnescapePath(escPath)
	if err != nil {
		return false
	}
	version, err := module.UnescapeVersion(escVersion)
	if err != nil || !semver.IsValid(version) {
		return false // sumdb.Server answers malformed lookups (400)
	}
	modFile, _, err := db.versionFiles(path, version)
	if err != nil {
		return false
	}
	if _, err := os.Stat(modFile); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	http.Error(w, fmt.Sprintf("not found: %s@%s: invalid version: unknown revision %s", path, version, version), http.StatusNotFound)
	return true
}

// splitMode splits a request path into its behaviour prefix and the database path; no known prefix means "ok".
func splitMode(path string) (mode, rest string) {
	first, after, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch first {
	case "ok", "html", "notiles", "tile500", "latest404":
		return first, "/" + after
	}
	return "ok", path
}
