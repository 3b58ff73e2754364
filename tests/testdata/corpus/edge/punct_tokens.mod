module example.com/p
require { x } v1.0.0
foo[bar],baz
