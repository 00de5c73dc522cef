package riverdeliver

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/hookkit/hookkit/deliver"
)

// worker makes one attempt per River job run and maps the Sender's decision onto River.
type worker struct {
	river.WorkerDefaults[Args]
	q *Queue
}

func (wk *worker) Work(ctx context.Context, job *river.Job[Args]) error {
	q := wk.q
	w := job.Args.webhook()
	// Snoozes do not count as River attempts, so the attempt number is kept here: the
	// attempts this job has on record, plus one. It survives a change of client.
	var done int
	if err := q.pool.QueryRow(ctx, `SELECT count(*) FROM hookkit_attempt WHERE job_id = $1`, job.ID).Scan(&done); err != nil {
		return err // River retries the run; nothing was sent
	}
	n := done + 1
	a, err := q.sender.Try(ctx, w, n)
	if err != nil {
		return river.JobCancel(err) // the webhook cannot be sent at all
	}
	if ctx.Err() != nil {
		// The client is stopping: the attempt was cut short. Run again at the next start.
		return river.JobSnooze(0)
	}
	b := q.sender.NewBackOff()
	for i := 1; i < n; i++ {
		b.NextBackOff() // the schedule, past the attempts already made
	}
	d := q.sender.Decide(a, b)
	a.Verdict, a.Delay = d.Verdict, d.Delay
	if err := wk.record(ctx, job.ID, w.ID, a); err != nil {
		return err
	}
	if q.onAttempt != nil {
		q.onAttempt(w, a)
	}
	switch d.Verdict {
	case deliver.Delivered:
		wk.outcome(ctx, w, nil)
		return nil
	case deliver.Retry:
		return river.JobSnooze(d.Delay)
	}
	class := deliver.ErrGaveUp
	if d.Verdict == deliver.Gone {
		class = deliver.ErrGone
	}
	cause := &deliver.DeliveryError{Attempts: n, Last: a.Outcome(), Err: class, Cause: a.Err}
	wk.outcome(ctx, w, cause)
	return river.JobCancel(cause)
}

func (wk *worker) record(ctx context.Context, jobID int64, id string, a deliver.Attempt) error {
	var errText *string
	if a.Err != nil {
		s := a.Err.Error()
		errText = &s
	}
	_, err := wk.q.pool.Exec(ctx, `
		INSERT INTO hookkit_attempt (message_id, job_id, number, started_at, duration_us, status, error, response, verdict, delay_us)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		id, jobID, a.Number, a.Start, a.Duration.Microseconds(), a.Status, errText, a.Body, a.Verdict.String(), a.Delay.Microseconds())
	return err
}

func (wk *worker) outcome(ctx context.Context, w deliver.Webhook, err error) {
	if wk.q.onOutcome == nil {
		return
	}
	attempts, lerr := wk.q.Attempts(ctx, w.ID)
	if lerr != nil {
		attempts = nil
	}
	res := deliver.Result{ID: w.ID, Attempts: attempts, Delivered: err == nil, Gone: errors.Is(err, deliver.ErrGone)}
	wk.q.onOutcome(w, res, err)
}
