// A sample module for `gomodlens check`: run it against the bundled file:// proxy in ../proxy (see README.md).
module example.com/sampleapp

go 1.22

require (
	example.com/Azure/sdk v1.0.0
	example.com/fastjson v1.0.0
	example.com/ghost v0.3.0
	example.com/logging v1.0.0
	example.com/oldhttp v1.4.0
)

require example.com/yaml v1.8.0 // indirect
