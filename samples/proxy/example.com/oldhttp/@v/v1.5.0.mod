// Deprecated: use example.com/fastjson/v2 or net/http instead.
module example.com/oldhttp

go 1.21
