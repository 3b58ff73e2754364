module example.com/a//comment
