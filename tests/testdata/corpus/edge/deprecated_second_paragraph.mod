// Package dep does things.
//
// Deprecated:    spaced   
module example.com/dep
