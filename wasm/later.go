//go:build js && wasm

package main

// The page spreads long rendering over several frames so that no frame
// waits long for Go: the first finding cards go on screen at once, the
// rest follow a few per frame (see findingList). Each batch runs once a
// frame has been drawn (afterFrame), not in the frame's callbacks: run
// there, the first batch was drawn in the same frame as the first cards
// and made the findings appear 5-10 ms later.

// jobsPerFrame is how many jobs run in one animation frame: a finding
// card takes a few milliseconds, so a frame stays well under 16 ms.
const jobsPerFrame = 3

// later queues f to run after a later frame, after the jobs queued before it.
// Jobs queued before the page last drew something new into #app are
// dropped: they would fill elements no longer on screen.
func (p *page) later(f func()) {
	gen := p.gen
	p.jobs = append(p.jobs, func() {
		if gen == p.gen {
			f()
		}
	})
	if len(p.jobs) == 1 {
		afterFrame(p.runJobs)
	}
}

// whenIdle runs f once every queued job has run (at once if none is queued).
func (p *page) whenIdle(f func()) {
	if len(p.jobs) == 0 {
		f()
		return
	}
	p.idle = append(p.idle, f)
}

// flushJobs runs every queued job now: the warm-up renders out of sight
// and must leave nothing behind. The frame already asked for finds the
// queue empty.
func (p *page) flushJobs() {
	for len(p.jobs) > 0 {
		p.runJobs()
	}
}

// runJobs runs the next jobsPerFrame jobs and asks for another frame if
// any are left.
func (p *page) runJobs() {
	for n := 0; n < jobsPerFrame && len(p.jobs) > 0; n++ {
		j := p.jobs[0]
		p.jobs = p.jobs[1:]
		j()
	}
	if len(p.jobs) > 0 {
		afterFrame(p.runJobs)
		return
	}
	idle := p.idle
	p.idle = nil
	for _, f := range idle {
		f()
	}
}
