module example.com/m
require ( ) // empty one-line block
exclude (
	example.com/a v1.0.0
) // after
