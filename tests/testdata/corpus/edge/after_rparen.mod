module example.com/u
require (
	example.com/a v1.0.0
) extra
