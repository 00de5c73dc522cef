// Package faultserver is a loopback HTTP server that misbehaves on cue: it answers each
// request with the next fault of its script, and records what it was sent. Tests of
// delivery use it to produce every failure a webhook endpoint can.
//
//	srv := faultserver.New(faultserver.Status(503), faultserver.Hang(time.Minute))
//	defer srv.Close()
//	// the first request gets 503, the second hangs, the rest 200 OK
//	reqs := srv.Requests()
package faultserver
