module example.com/qn

replace example.com/a => "./has space"
replace example.com/b => "./a//b"
replace example.com/c => "./(x)"
replace example.com/d => ","
