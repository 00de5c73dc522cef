module github.com/hookkit/hookkit

go 1.24

require github.com/google/uuid v1.6.0

require github.com/cenkalti/backoff/v4 v4.3.0 // indirect
