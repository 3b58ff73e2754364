module example.com/fastjson

go 1.21
