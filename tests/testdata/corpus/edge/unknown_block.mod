module example.com/u
require foo (
	x v1.0.0
)
frob (
)
