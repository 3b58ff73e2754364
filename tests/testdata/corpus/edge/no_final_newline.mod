module example.com/nfn

go 1.21