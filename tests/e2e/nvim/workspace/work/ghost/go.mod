module example.com/ghost

go 1.22
