package deliver

import (
	"math/rand/v2"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// StandardWebhooksDelays are the delays of the Standard Webhooks retry schedule: after the
// first attempt, retries 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours later.
var StandardWebhooksDelays = []time.Duration{
	5 * time.Second, 5 * time.Minute, 30 * time.Minute,
	2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour,
}

// StandardWebhooks returns the Standard Webhooks schedule with ±20 % jitter, so that the
// retries of many webhooks that failed together do not arrive together. It is the Sender's
// default. After 8 attempts it stops.
func StandardWebhooks() backoff.BackOff {
	return &schedule{delays: StandardWebhooksDelays, jitter: 0.2}
}

// Fixed returns a schedule of exactly these delays, then stop: len(delays) retries.
func Fixed(delays ...time.Duration) backoff.BackOff {
	return &schedule{delays: delays}
}

// Constant returns retries retries, d apart. SpeechLive retries twice, 2 seconds apart:
// Constant(2*time.Second, 2).
func Constant(d time.Duration, retries int) backoff.BackOff {
	return backoff.WithMaxRetries(backoff.NewConstantBackOff(d), uint64(max(retries, 0)))
}

// Exponential returns retries retries, the first after initial and each later one about
// twice as long (±50 % jitter), never longer than maxDelay. Unlike backoff's own default,
// it has no 15-minute limit on the total time: the limit is the number of retries.
func Exponential(initial, maxDelay time.Duration, retries int) backoff.BackOff {
	b := backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(initial),
		backoff.WithMaxInterval(maxDelay),
		backoff.WithMaxElapsedTime(0),
	)
	return backoff.WithMaxRetries(b, uint64(max(retries, 0)))
}

// schedule is a fixed list of delays with optional jitter. Like every BackOff, it is not
// safe for concurrent use: a Sender makes one per webhook.
type schedule struct {
	delays []time.Duration
	jitter float64
	next   int
}

func (s *schedule) NextBackOff() time.Duration {
	if s.next >= len(s.delays) {
		return backoff.Stop
	}
	d := s.delays[s.next]
	s.next++
	if s.jitter > 0 {
		d = time.Duration(float64(d) * (1 + s.jitter*(2*rand.Float64()-1)))
	}
	return d
}

func (s *schedule) Reset() { s.next = 0 }
