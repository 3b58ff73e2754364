module example.com/n

foo ( ) bar
