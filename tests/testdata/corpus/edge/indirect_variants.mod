module example.com/i

require (
	example.com/a v1.0.0 //indirect
	example.com/b v1.0.0 // indirect; note
	example.com/c v1.0.0 // Indirect
	example.com/d v1.0.0 // indirect note
	// indirect
	example.com/e v1.0.0
	example.com/f v1.0.0 //   indirect   
	example.com/g v1.0.0 // x // indirect
)
require example.com/h v1.0.0 // indirect
