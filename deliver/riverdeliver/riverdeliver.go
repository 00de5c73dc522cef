package riverdeliver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/hookkit/hookkit/deliver"
)

// QueueName is the River queue the webhooks go through.
const QueueName = "hookkit_webhooks"

// Args is the River job for one webhook. The ID makes it unique: enqueuing a webhook twice
// delivers it once.
type Args struct {
	ID     string      `json:"id" river:"unique"`
	URL    string      `json:"url"`
	Method string      `json:"method"`
	Header http.Header `json:"header,omitempty"`
	Body   []byte      `json:"body"`
}

// Kind names the job for River.
func (Args) Kind() string { return "hookkit_webhook" }

// InsertOpts puts the job on QueueName, unique by ID.
func (Args) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueName, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

func (a Args) webhook() deliver.Webhook {
	return deliver.Webhook{URL: a.URL, Method: a.Method, ID: a.ID, Header: a.Header, Body: a.Body}
}

// Option changes a Queue.
type Option func(*Queue)

// Workers sets how many webhooks one process sends at once; the default is 16.
func Workers(n int) Option { return func(q *Queue) { q.workers = n } }

// OnAttempt calls f after every attempt, as the in-process Dispatcher's Sender does.
func OnAttempt(f func(deliver.Webhook, deliver.Attempt)) Option {
	return func(q *Queue) { q.onAttempt = f }
}

// OnOutcome calls f once a webhook is delivered, given up or gone, with the attempts of its
// current job; err is nil when delivered. It is the Dispatcher's hook: note that across a
// crash River runs a job again, so f may see an outcome twice; Attempts is the record.
func OnOutcome(f func(deliver.Webhook, deliver.Result, error)) Option {
	return func(q *Queue) { q.onOutcome = f }
}

// WithRiverConfig changes the River client's configuration before it is made: poll
// intervals, a logger. Queues and Workers are the Queue's own.
func WithRiverConfig(f func(*river.Config)) Option { return func(q *Queue) { q.configure = f } }

// Queue sends webhooks through River. It is safe for concurrent use.
type Queue struct {
	pool      *pgxpool.Pool
	sender    *deliver.Sender
	client    *river.Client[pgx.Tx]
	workers   int
	onAttempt func(deliver.Webhook, deliver.Attempt)
	onOutcome func(deliver.Webhook, deliver.Result, error)
	configure func(*river.Config)
}

// New makes a Queue on pool that sends with sender. Call Migrate once first, and Start to
// work jobs; a Queue that is never started only enqueues.
func New(pool *pgxpool.Pool, sender *deliver.Sender, opts ...Option) (*Queue, error) {
	q := &Queue{pool: pool, sender: sender, workers: 16}
	for _, opt := range opts {
		opt(q)
	}
	if pool == nil || sender == nil || q.workers <= 0 {
		return nil, fmt.Errorf("%w: riverdeliver needs a pool, a Sender and a positive number of workers", deliver.ErrOption)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &worker{q: q})
	config := &river.Config{}
	if q.configure != nil {
		q.configure(config)
	}
	config.Queues = map[string]river.QueueConfig{QueueName: {MaxWorkers: q.workers}}
	config.Workers = workers
	client, err := river.NewClient(riverpgxv5.New(pool), config)
	if err != nil {
		return nil, err
	}
	q.client = client
	return q, nil
}

// Migrate brings River's tables and the attempts table up to date.
func Migrate(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("riverdeliver: River's migrations: %w", err)
	}
	_, err = pool.Exec(ctx, schema)
	return err
}

const schema = `
CREATE TABLE IF NOT EXISTS hookkit_attempt (
	id          bigserial PRIMARY KEY,
	message_id  text        NOT NULL,
	job_id      bigint      NOT NULL,
	number      integer     NOT NULL,
	started_at  timestamptz NOT NULL,
	duration_us bigint      NOT NULL,
	status      integer     NOT NULL,
	error       text,
	response    bytea,
	verdict     text        NOT NULL,
	delay_us    bigint      NOT NULL
);
CREATE INDEX IF NOT EXISTS hookkit_attempt_message ON hookkit_attempt (message_id, id);
CREATE INDEX IF NOT EXISTS hookkit_attempt_job ON hookkit_attempt (job_id);
`

// Start starts working jobs.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop stops fetching jobs and waits for the attempts in flight, or until ctx ends.
func (q *Queue) Stop(ctx context.Context) error { return q.client.Stop(ctx) }

// Client is the River client, for what this package does not wrap.
func (q *Queue) Client() *river.Client[pgx.Tx] { return q.client }

// Enqueue inserts w inside tx, the caller's own transaction: if tx rolls back, the webhook
// never existed. It returns the webhook's ID; a webhook whose ID is already queued or
// delivered is not inserted again.
func (q *Queue) Enqueue(ctx context.Context, tx pgx.Tx, w deliver.Webhook) (string, error) {
	w, err := q.sender.Prepare(w)
	if err != nil {
		return "", err
	}
	_, err = q.client.InsertTx(ctx, tx, Args{ID: w.ID, URL: w.URL, Method: w.Method, Header: w.Header, Body: w.Body}, nil)
	if err != nil {
		return "", err
	}
	return w.ID, nil
}

// ErrNotFound: no webhook with that ID has failed, so there is nothing to redeliver.
var ErrNotFound = errors.New("riverdeliver: no failed webhook with that ID")

// Redeliver queues again the webhook with ID id whose last job gave up or found its endpoint
// gone. Its schedule starts afresh; its earlier attempts stay on record.
func (q *Queue) Redeliver(ctx context.Context, id string) error {
	var args Args
	err := q.pool.QueryRow(ctx, `
		SELECT args FROM river_job
		WHERE kind = $1 AND args->>'id' = $2 AND state IN ('cancelled', 'discarded')
		ORDER BY id DESC LIMIT 1`, Args{}.Kind(), id).Scan(&args)
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	_, err = q.client.Insert(ctx, args, nil)
	return err
}

// Attempts lists every attempt at the webhook with ID id, oldest first, across its jobs.
func (q *Queue) Attempts(ctx context.Context, id string) ([]deliver.Attempt, error) {
	rows, err := q.pool.Query(ctx, `
		SELECT number, started_at, duration_us, status, error, response, verdict, delay_us
		FROM hookkit_attempt WHERE message_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var attempts []deliver.Attempt
	for rows.Next() {
		var a deliver.Attempt
		var durationUS, delayUS int64
		var errText *string
		var verdict string
		if err := rows.Scan(&a.Number, &a.Start, &durationUS, &a.Status, &errText, &a.Body, &verdict, &delayUS); err != nil {
			return nil, err
		}
		a.Duration, a.Delay = time.Duration(durationUS)*time.Microsecond, time.Duration(delayUS)*time.Microsecond
		if errText != nil {
			a.Err = errors.New(*errText)
		}
		a.Verdict = verdictOf(verdict)
		attempts = append(attempts, a)
	}
	return attempts, rows.Err()
}

func verdictOf(s string) deliver.Verdict {
	for _, v := range []deliver.Verdict{deliver.Delivered, deliver.Retry, deliver.GiveUp, deliver.Gone} {
		if v.String() == s {
			return v
		}
	}
	return 0
}
