module example.com/x

require (
	example.com/z v1.0.0
	example.com/a v1.0.0 // indirect
	example.com/m v1.0.0
	example.com/a v0.9.0
)
