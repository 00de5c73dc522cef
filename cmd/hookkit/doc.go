// Command hookkit signs, verifies and inspects webhooks from the shell.
//
//	hookkit schemes
//	hookkit sign   -scheme S -secret K [-id ID] [-timestamp UNIX] [FILE]
//	hookkit verify -scheme S -secret K -H "Name: value" ... [-tolerance 5m] [-now UNIX] [FILE]
//	hookkit render -template FILE [-delims "{{ }}"] [-strict] [-text] [FILE]
//	hookkit send   -scheme S -secret K -url URL [-X PUT] [-H "Name: value"] ... [-retries N] [-timeout D] [FILE]
//	hookkit listen -addr HOST:PORT -scheme S -secret K [-status CODE]
//
// The body is read from FILE, or from standard input when FILE is absent or "-". -secret may
// be left out when HOOKKIT_SECRET is set. Exit status: 0 success, 1 failure (a request that
// does not verify), 2 bad usage.
//
// Signing and verifying from the shell, the headers passing through a pipe:
//
//	hookkit sign -scheme stripe -secret "$KEY" body.json | hookkit verify -scheme stripe -secret "$KEY" -H @- body.json
package main
