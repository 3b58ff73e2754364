module "\x65xample.com/esc\u00e9\U0001F600\101"

require "example.com/q" "v1.0.0"
replace "example.com/r" => "./dir with space"
