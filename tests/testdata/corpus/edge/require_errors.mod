module example.com/q

require example.com/a
require example.com/b v1.0.0 # x
require example.com/c master
require example.com/d/v2 v1.0.0
require example.com/e v2.0.0
require example.com/f/v1 v1.0.0
require gopkg.in/yaml.v2 v1.0.0
exclude example.com/g latest
exclude example.com/h
