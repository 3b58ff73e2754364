// just a comment
// another
