module example.com/h<t>&ml
// Deprecated: <b>&
