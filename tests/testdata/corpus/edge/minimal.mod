module example.com/edge
