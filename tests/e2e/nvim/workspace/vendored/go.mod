module example.com/vendored

go 1.22

require (
	example.com/fastjson v1.0.0
	example.com/ghost v0.3.0
)
