// Deprecated: use example.com/other instead.
// More detail here.
//
// Other paragraph.
module example.com/dep
