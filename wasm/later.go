//go:build js && wasm

package main

import "syscall/js"

// The page spreads long rendering over several tasks so that no frame
// waits more than a few milliseconds of Go: the first finding cards go on
// screen at once, the rest follow in later tasks (see findingList).

// jobBudget is how long one task runs queued jobs, in milliseconds: well
// under a 16 ms frame, so scrolling and the progress bar stay smooth.
const jobBudget = 8

// later queues f to run in a later task, after the jobs queued before it.
// Jobs queued before the page last drew a new result are dropped: they
// would fill elements no longer on screen.
func (p *page) later(f func()) {
	gen := p.gen
	p.jobs = append(p.jobs, func() {
		if gen == p.gen {
			f()
		}
	})
	if !p.jobsScheduled {
		p.jobsScheduled = true
		js.Global().Call("setTimeout", p.runJobsFunc(), 0)
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

// flushJobs runs every queued job now (the warm-up renders out of sight
// and must leave nothing behind).
func (p *page) flushJobs() {
	for len(p.jobs) > 0 {
		j := p.jobs[0]
		p.jobs = p.jobs[1:]
		j()
	}
	p.jobsDone()
}

func (p *page) runJobsFunc() js.Func {
	if p.runJobs.IsUndefined() {
		p.runJobs = js.FuncOf(func(js.Value, []js.Value) any {
			p.jobsScheduled = false
			start := now()
			for len(p.jobs) > 0 && now()-start < jobBudget {
				j := p.jobs[0]
				p.jobs = p.jobs[1:]
				j()
			}
			if len(p.jobs) > 0 {
				p.jobsScheduled = true
				js.Global().Call("setTimeout", p.runJobs, 0)
				return nil
			}
			p.jobsDone()
			return nil
		})
	}
	return p.runJobs
}

func (p *page) jobsDone() {
	idle := p.idle
	p.idle = nil
	for _, f := range idle {
		f()
	}
}

// now is performance.now(), in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }
