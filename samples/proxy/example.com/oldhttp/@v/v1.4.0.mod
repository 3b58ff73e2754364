module example.com/oldhttp

go 1.21
