module example.com/u
require "example.com/a