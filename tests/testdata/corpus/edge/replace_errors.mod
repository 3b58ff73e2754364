module example.com/rp

replace example.com/a
replace example.com/b => example.com/c
replace example.com/b => example.com/c@v1.0.0
replace example.com/d => ./d v1.0.0
replace example.com/e => ..\e
replace example.com/f v1 v2 => x
replace example.com/g/v1 => ../g
replace example.com/h/v2 v1.0.0 => ../h
replace example.com/i => example.com/j bad
