module example.com/t

go 1.25

tool (
	example.com/cmd/b
	example.com/cmd/a
	example.com/cmd/b
)
ignore (
	./node_modules
	vendor
	./node_modules
)
tool
ignore a b
