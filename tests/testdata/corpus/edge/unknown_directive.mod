module example.com/u
frobnicate x
