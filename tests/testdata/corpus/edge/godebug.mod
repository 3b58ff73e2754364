module example.com/gd

godebug (
	panicnil=1
	asynctimerchan=0
)
godebug default=go1.21
godebug =x
