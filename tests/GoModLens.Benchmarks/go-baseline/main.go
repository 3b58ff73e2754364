// Command baseline measures x/mod modfile.Parse throughput on the GoModLens corpus, for comparison with
// GoModLens's C# parser (tests/GoModLens.Benchmarks). It is built by run.sh against the x/mod copy vendored in
// the installed go toolchain, so both sides parse the same files on the same machine in the same run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"golang.org/x/mod/modfile"
)

type input struct {
	name string
	data []byte
}

func main() {
	corpus := flag.String("corpus", "", "directory of go.mod files")
	large := flag.String("large", "", "the single large go.mod file")
	rounds := flag.Int("rounds", 5, "measurement rounds (the median is reported)")
	flag.Parse()
	if *corpus == "" || *large == "" {
		fmt.Fprintln(os.Stderr, "usage: baseline -corpus dir -large file [-rounds n]")
		os.Exit(2)
	}

	var files []input
	entries, err := os.ReadDir(*corpus)
	check(err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(*corpus, e.Name()))
		check(err)
		files = append(files, input{e.Name(), data})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	data, err := os.ReadFile(*large)
	check(err)
	big := []input{{filepath.Base(*large), data}}

	report("x/mod corpus", files, *rounds)
	report("x/mod largest", big, *rounds)
	reportCPU("x/mod corpus", files)
	reportCPU("x/mod largest", big)
}

func parseAll(inputs []input) {
	for _, in := range inputs {
		// Files go rejects still cost a parse; the error is the result.
		_, _ = modfile.Parse(in.name, in.data, nil)
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU measures process CPU time (user+sys, all threads incl. GC) per op: on a shared, loaded machine it
// varies far less than wall time. 15 rounds of at least 200 ms wall each; the median is reported.
func reportCPU(label string, inputs []input) {
	total := 0
	for _, in := range inputs {
		total += len(in.data)
	}
	for i := 0; i < 20; i++ {
		parseAll(inputs)
	}
	var perOp []float64
	for r := 0; r < 15; r++ {
		start, cpu0 := time.Now(), cpuTime()
		n := 0
		for time.Since(start) < 200*time.Millisecond {
			parseAll(inputs)
			n++
		}
		perOp = append(perOp, (cpuTime()-cpu0).Seconds()/float64(n))
	}
	sort.Float64s(perOp)
	secs := perOp[len(perOp)/2]
	fmt.Printf("%s cpu: %.2f MB/s, %.0f files/s (median cpu %.3f ms/op)\n", label, float64(total)/secs/1e6, float64(len(inputs))/secs, secs*1e3)
}

// report times parsing every input once per op with testing.Benchmark and prints the median of several rounds.
func report(label string, inputs []input, rounds int) {
	total := 0
	for _, in := range inputs {
		total += len(in.data)
	}
	var perOp []time.Duration
	for r := 0; r < rounds; r++ {
		res := testing.Benchmark(func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parseAll(inputs)
			}
		})
		perOp = append(perOp, time.Duration(res.NsPerOp()))
	}
	sort.Slice(perOp, func(i, j int) bool { return perOp[i] < perOp[j] })
	median := perOp[len(perOp)/2]
	secs := median.Seconds()
	fmt.Printf("%s: %.2f MB/s, %.0f files/s (median %.3f ms/op, %d files, %d bytes)\n",
		label, float64(total)/secs/1e6, float64(len(inputs))/secs, secs*1e3, len(inputs), total)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
