module github.com/hookkit/hookkit

go 1.24
