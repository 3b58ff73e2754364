module example.com/r

retract (
	[
	[v1.0.0
	[v1.0.0,
	[v1.0.0, v1.1.0
	[v1.0.0 v1.1.0]
	( v1
	v1.0.0 extra
	"v1\q"
)
retract
