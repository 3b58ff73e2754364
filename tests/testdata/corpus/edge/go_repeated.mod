module example.com/g
go 1.21rc1
go 1.22
toolchain default
toolchain go1.22.0
