module example.com/r

go 1.21

// Old bad releases.
retract (
	v1.0.0 // single
	[v1.1.0, v1.2.0] // range
	[v0.1.0,v0.2.0]
	v1.5
	foo
	"v1.9.0"
)

retract v2.0.0 // trailing
retract [v3.0.0, v3.1.0]
