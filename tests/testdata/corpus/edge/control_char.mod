module example.com/u
