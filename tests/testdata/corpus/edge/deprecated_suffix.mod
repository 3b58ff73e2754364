// Deprecated: use other
module example.com/dep // trailing words
