module example.com/bom
