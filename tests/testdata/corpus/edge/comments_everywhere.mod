// head comment

// module doc
module example.com/c // suffix on module

// before go
go 1.21 // go suffix

require ( // lparen suffix
	// before a
	example.com/a v1.0.0 // a suffix


	// before b
	example.com/b v1.1.0
	// before rparen
) // rparen suffix

// free standing

// tail comment
