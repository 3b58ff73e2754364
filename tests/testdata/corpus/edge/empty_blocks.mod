module example.com/e

require ()
exclude (
)
replace ( // c
)
retract ()
