package main

// xmod-oracle tlog OUTDIR HEIGHT N... — a transparent log built with x/mod/sumdb/tlog and signed with
// x/mod/sumdb/note, written as files for SumDbTests.cs:
//
//	OUTDIR/vkey            the verifier key; OUTDIR/otherkey another key of the same name
//	OUTDIR/record/<id>     record id's text
//	OUTDIR/<n>/note        the signed tree head of the first n records
//	OUTDIR/<n>/tile/...    every tile of that tree (tlog.NewTiles(HEIGHT, 0, n)), at its Tile.Path
//	OUTDIR/<n>/hash        tlog.TreeHash(n), base64

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type memHashes []tlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = m[x]
	}
	return out, nil
}

func runTlog(args []string) {
	out := args[0]
	height, err := strconv.Atoi(args[1])
	check(err)
	var sizes []int64
	max := int64(0)
	for _, a := range args[2:] {
		n, err := strconv.ParseInt(a, 10, 64)
		check(err)
		sizes = append(sizes, n)
		if n > max {
			max = n
		}
	}

	skey, vkey, err := note.GenerateKey(rand.Reader, "tlog.test")
	check(err)
	_, otherkey, err := note.GenerateKey(rand.Reader, "tlog.test")
	check(err)
	signer, err := note.NewSigner(skey)
	check(err)
	write(filepath.Join(out, "vkey"), []byte(vkey))
	write(filepath.Join(out, "otherkey"), []byte(otherkey))

	var stored memHashes
	for id := int64(0); id < max; id++ {
		text := []byte(fmt.Sprintf("example.com/m%d v1.0.0 h1:record%d=\nexample.com/m%d v1.0.0/go.mod h1:gomod%d=\n", id, id, id, id))
		write(filepath.Join(out, "record", strconv.FormatInt(id, 10)), text)
		hashes, err := tlog.StoredHashes(id, text, stored)
		check(err)
		stored = append(stored, hashes...)
	}

	for _, n := range sizes {
		dir := filepath.Join(out, strconv.FormatInt(n, 10))
		hash, err := tlog.TreeHash(n, stored)
		check(err)
		write(filepath.Join(dir, "hash"), []byte(hash.String()))
		msg, err := note.Sign(&note.Note{Text: string(tlog.FormatTree(tlog.Tree{N: n, Hash: hash}))}, signer)
		check(err)
		write(filepath.Join(dir, "note"), msg)
		for _, tile := range tlog.NewTiles(height, 0, n) {
			data, err := tlog.ReadTileData(tile, stored)
			check(err)
			write(filepath.Join(dir, filepath.FromSlash(tile.Path())), data)
		}
	}
}

func write(file string, data []byte) {
	check(os.MkdirAll(filepath.Dir(file), 0o777))
	check(os.WriteFile(file, data, 0o666))
}
