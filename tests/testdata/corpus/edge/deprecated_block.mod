// Deprecated: block form
module (
	example.com/dep
)
