module example.com/o

require (
	example.com/a v1.0.0 // ind
)

tool (
	example.com/t
)
