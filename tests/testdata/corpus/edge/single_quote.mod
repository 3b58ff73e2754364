module example.com/m
require 'x' v1.0.0
