module x
require "ex\ud800.com/a" v1.0.0
