package probe

import "sync"

// scheduler runs jobs, at most global at once and at most perKey at once
// for one key, in the order they were added as far as the caps allow.
type scheduler struct {
	mu             sync.Mutex
	idle           *sync.Cond // signalled when a job ends
	global, perKey int
	active         int
	perActive      map[string]int
	waiting        map[string][]job
	keys           []string // keys with waiting jobs, oldest first
	run            func(job)
}

func newScheduler(global, perKey int, run func(job)) *scheduler {
	s := &scheduler{global: global, perKey: perKey, perActive: map[string]int{}, waiting: map[string][]job{}, run: run}
	s.idle = sync.NewCond(&s.mu)
	return s
}

// add queues a job and starts what the caps allow.
func (s *scheduler) add(j job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.waiting[j.key]) == 0 {
		s.keys = append(s.keys, j.key)
	}
	s.waiting[j.key] = append(s.waiting[j.key], j)
	s.start()
}

// start launches waiting jobs while there is room. Keys at their cap are
// skipped; there are at most global of them, so a pass is short.
func (s *scheduler) start() {
	for i := 0; i < len(s.keys) && s.active < s.global; {
		key := s.keys[i]
		if s.perActive[key] >= s.perKey {
			i++
			continue
		}
		j := s.waiting[key][0]
		if s.waiting[key] = s.waiting[key][1:]; len(s.waiting[key]) == 0 {
			delete(s.waiting, key)
			s.keys = append(s.keys[:i], s.keys[i+1:]...)
		}
		s.active++
		s.perActive[key]++
		go s.do(j)
	}
}

func (s *scheduler) do(j job) {
	s.run(j)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active--
	if s.perActive[j.key]--; s.perActive[j.key] == 0 {
		delete(s.perActive, j.key)
	}
	s.start()
	s.idle.Broadcast()
}

// wait returns once every job added has run.
func (s *scheduler) wait() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.active > 0 || len(s.keys) > 0 {
		s.idle.Wait()
	}
}
