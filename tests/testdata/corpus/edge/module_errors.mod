module
module example.com/a
