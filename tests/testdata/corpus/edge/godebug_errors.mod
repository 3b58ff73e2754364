module example.com/gd
godebug nokey
godebug a="b"
godebug a=1 b=2
godebug a=b,c
