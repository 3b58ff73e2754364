// Some text Deprecated: no
module example.com/dep
