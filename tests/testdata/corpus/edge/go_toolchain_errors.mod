module example.com/g

go 1.21.0.1
go 1.21
go
toolchain go2
toolchain
toolchain go1.21.0
toolchain default
