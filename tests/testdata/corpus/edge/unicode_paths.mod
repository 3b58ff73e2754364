module example.com/ünicode

require example.com/日本 v1.0.0 // コメント
