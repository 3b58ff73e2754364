// Command floor_client is the benchmark's reference for what the machine allows: for every require of a go.mod it
// fetches the same URLs as `gomodlens check` with the same dependencies (the list, the required version's .info and
// .mod; once the list is in, @latest when it names no release, else the latest release's .mod), and does nothing
// else: no go.mod parsing, no version logic beyond picking the list's last release (make_tree.py writes lists in
// order), no cache, no output, one goroutine per request. timeline.sh runs it next to the CLI (docs/benchmarks.md).
// Usage: floor_client <go.mod> <proxy URL>
package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"unicode"
)

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var pseudo = regexp.MustCompile(`-(\d{14})-[0-9a-f]{12}(\+incompatible)?$|\.(\d{14})-[0-9a-f]{12}(\+incompatible)?$`)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	proxy := strings.TrimRight(os.Args[2], "/")
	transport := &http.Transport{MaxIdleConnsPerHost: 1000, ForceAttemptHTTP2: true}
	if strings.HasPrefix(proxy, "https:") {
		// One TLS connection, multiplexed (HTTP/2): without the limit every request racing the first handshake
		// makes its own connection, and the handshakes cost more than the requests.
		transport.MaxConnsPerHost = 1
	}
	client := &http.Client{Transport: transport}
	get := func(u string) string {
		resp, err := client.Get(proxy + u)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return ""
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	var wg sync.WaitGroup
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := strings.TrimSpace(strings.SplitN(sc.Text(), "//", 2)[0])
		if s == "require (" {
			in = true
			continue
		}
		if in && s == ")" {
			in = false
			continue
		}
		fields := strings.Fields(s)
		if !in || len(fields) != 2 {
			continue
		}
		path, v := "/"+esc(fields[0]), esc(fields[1])
		wg.Add(3)
		go func() { defer wg.Done(); get(path + "/@v/" + v + ".info") }()
		go func() { defer wg.Done(); get(path + "/@v/" + v + ".mod") }()
		go func() {
			defer wg.Done()
			latest := ""
			for _, l := range strings.Fields(get(path + "/@v/list")) {
				if !pseudo.MatchString(l) {
					latest = l // the tree lists versions in order; the last release is the latest
				}
			}
			if latest == "" {
				get(path + "/@latest")
			} else if latest != v {
				get(path + "/@v/" + latest + ".mod")
			}
		}()
	}
	wg.Wait()
}
