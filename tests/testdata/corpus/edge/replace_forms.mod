module example.com/rp

replace example.com/a => ../a
replace example.com/b v1.0.0 => example.com/b2 v1.1.0
replace example.com/c => /abs/c
replace example.com/d => C:/d
replace example.com/e v1 => ./e
replace example.com/f => .
replace example.com/g => ..
replace example.com/a => ../a2
replace (
	example.com/h => example.com/h2 v1.0.0
)
