// Command xmod-oracle applies one x/mod modfile requirement edit to a go.mod file and prints the result.
// It is built at test time against the x/mod copy vendored in the installed go (see XModOracle.cs).
//
// Usage: xmod-oracle setrequire|setrequiresep|addnewrequire go.mod spec
// Each spec line is "path version indirect" with indirect 0 or 1.
// Or: xmod-oracle modulepath file — prints modfile.ModulePath of the file's bytes, quoted.
// Or: xmod-oracle tlog OUTDIR HEIGHT N... — see tlog.go.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

func main() {
	if len(os.Args) >= 5 && os.Args[1] == "tlog" {
		runTlog(os.Args[2:])
		return
	}
	if len(os.Args) == 3 && os.Args[1] == "modulepath" {
		data, err := os.ReadFile(os.Args[2])
		check(err)
		fmt.Printf("%q\n", modfile.ModulePath(data))
		return
	}
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: xmod-oracle mode go.mod spec")
		os.Exit(2)
	}
	mode, gomod, spec := os.Args[1], os.Args[2], os.Args[3]
	data, err := os.ReadFile(gomod)
	check(err)
	f, err := modfile.Parse("go.mod", data, nil)
	check(err)

	var reqs []*modfile.Require
	sf, err := os.Open(spec)
	check(err)
	defer sf.Close()
	sc := bufio.NewScanner(sf)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 {
			continue
		}
		reqs = append(reqs, &modfile.Require{
			Mod:      module.Version{Path: fields[0], Version: fields[1]},
			Indirect: fields[2] == "1",
		})
	}
	check(sc.Err())

	switch mode {
	case "setrequire":
		f.SetRequire(reqs)
	case "setrequiresep":
		f.SetRequireSeparateIndirect(reqs)
	case "addnewrequire":
		for _, r := range reqs {
			f.AddNewRequire(r.Mod.Path, r.Mod.Version, r.Indirect)
		}
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", mode)
		os.Exit(2)
	}
	f.Cleanup()
	out, err := f.Format()
	check(err)
	os.Stdout.Write(out)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
