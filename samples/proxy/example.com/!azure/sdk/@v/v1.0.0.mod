module example.com/Azure/sdk

go 1.21
