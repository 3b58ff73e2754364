module example.com/q

require (
	example.com/a v1.2
	example.com/b v1
	example.com/c v1.0.0+meta
	example.com/d v2.0.0+incompatible
	gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405
	gopkg.in/yaml.v3 v3.0.1
	example.com/e/v2 v2.1.0
	"" v1.0.0
)
