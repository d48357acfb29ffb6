package scan

import "github.com/tlsfloor/tlsfloor/internal/scan/source"

// The prefilter: before any rule parses a file, one pass over its bytes
// finds which of the rules for its kind have an anchor word in it (see
// source.Anchors), and whether it holds a suppression directive. Only
// those rules run; most files mention no TLS setting and are dropped
// after that pass.
//
// The pass is a deterministic Aho-Corasick automaton over byte classes,
// with ASCII case folded: one table load per byte, whatever the number
// of words. When every word is long enough, a sampling pass runs first
// and the automaton only reads around its hits: if the shortest word has
// m bytes, every occurrence of a word covers one of the 4-byte windows
// that start at multiples of m-3, so looking at those windows alone, in
// a set of every 4-byte piece of every word, finds every place a word
// may be. Most files have no such window at all.

// maxAnchorBits is how many rules of one kind the prefilter tells apart;
// bit directiveBit is the suppression directive. Rules past it always run.
const (
	maxAnchorBits = 63
	directiveBit  = uint64(1) << maxAnchorBits
)

// matcher finds which of a set of words occur in a text, ignoring ASCII
// case. Each word carries a bit mask; scan returns the union of the masks
// of the words found.
type matcher struct {
	grams  *gramSet   // the sampling pass; nil when a word is too short
	class  [256]uint8 // byte -> class; 0 for bytes in no word
	nclass int32
	// next is the transition table, by row (state * nclass) and class.
	// An entry is the row offset of the next state, or its bitwise
	// complement when that state ends a word.
	next []int32
	out  []uint64 // masks of the words ending at each state
	all  uint64   // union of every mask
}

// anchorWord is one word and the bits it sets.
type anchorWord struct {
	word string
	bits uint64
}

// newMatcher builds the automaton of words; empty words are ignored.
// Byte classes fit a uint8: folding leaves at most 230 distinct bytes.
func newMatcher(words []anchorWord) *matcher {
	m := &matcher{nclass: 1}
	for _, w := range words {
		for i := 0; i < len(w.word); i++ {
			c := fold(w.word[i])
			if m.class[c] == 0 {
				m.class[c] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	t := m.trie(words)
	m.link(t)
	m.grams = newGramSet(words)
	return m
}

// fold lower-cases an ASCII letter.
func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// trie is the automaton while it is built: child[state][class] is the
// child state or 0, out the masks of the words ending at each state.
type trie struct {
	child [][]int32
	out   []uint64
}

// trie inserts the words; state 0 is the root.
func (m *matcher) trie(words []anchorWord) *trie {
	t := &trie{child: [][]int32{make([]int32, m.nclass)}, out: []uint64{0}}
	for _, w := range words {
		if w.word == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(w.word); i++ {
			c := m.class[fold(w.word[i])]
			if t.child[s][c] == 0 {
				t.child = append(t.child, make([]int32, m.nclass))
				t.out = append(t.out, 0)
				t.child[s][c] = int32(len(t.child) - 1)
			}
			s = t.child[s][c]
		}
		t.out[s] |= w.bits
		m.all |= w.bits
	}
	return t
}

// link turns the trie into the automaton: breadth first, each missing
// transition is the failure state's, and each state's mask includes its
// failure state's.
func (m *matcher) link(t *trie) {
	n := int32(len(t.child))
	delta := make([]int32, n*m.nclass) // state * nclass + class -> state
	fail := make([]int32, n)
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := int32(0); c < m.nclass; c++ {
			child := t.child[s][c]
			switch {
			case child != 0 && c != 0:
				if s != 0 {
					fail[child] = delta[fail[s]*m.nclass+c]
				}
				t.out[child] |= t.out[fail[child]]
				delta[s*m.nclass+c] = child
				queue = append(queue, child)
			case s != 0:
				delta[s*m.nclass+c] = delta[fail[s]*m.nclass+c]
			}
		}
	}
	m.out = t.out
	m.next = make([]int32, len(delta))
	for i, to := range delta {
		m.next[i] = to * m.nclass
		if t.out[to] != 0 {
			m.next[i] = ^m.next[i]
		}
	}
}

// scan returns the masks of the words in text, stopping early once every
// word's bits are found.
func (m *matcher) scan(text []byte) uint64 {
	switch {
	case m.all == 0:
		return 0
	case m.grams == nil:
		found, _ := m.run(text, 0, 0)
		return found
	}
	return m.sample(text)
}

// run feeds text to the automaton from the state at row, and returns the
// masks found and the state it ends in.
func (m *matcher) run(text []byte, row int32, found uint64) (uint64, int32) {
	next, class := m.next, &m.class
	for _, b := range text {
		v := next[row+int32(class[b])]
		if v < 0 {
			v = ^v
			found |= m.out[v/m.nclass]
			if found == m.all {
				return found, v
			}
		}
		row = v
	}
	return found, row
}

// sample looks at the windows of the sampling pass and runs the
// automaton around each hit. The automaton's state carries over between
// hits whose regions touch, so that a run of hits is read once.
func (m *matcher) sample(text []byte) uint64 {
	g := m.grams
	var found uint64
	row, pos := int32(0), 0 // the automaton has read text[:pos] since its last reset
	for i := 0; i+4 <= len(text); i += g.stride {
		if !g.has(text[i:]) {
			continue
		}
		from, to := max(0, i-g.maxLen+4), min(len(text), i+g.maxLen)
		if from > pos {
			row, pos = 0, from
		}
		if to > pos {
			found, row = m.run(text[pos:to], row, found)
			pos = to
			if found == m.all {
				return found
			}
		}
	}
	return found
}

// gramSet is the sampling pass: the 4-byte pieces of every word, folded
// and hashed into a bit set, and the stride windows are taken at.
type gramSet struct {
	bits   [1 << (gramBits - 6)]uint64
	stride int
	maxLen int
}

// gramBits is the size of the hash of a 4-byte window, in bits.
const gramBits = 16

// minGramStride is the smallest stride worth a sampling pass.
const minGramStride = 2

// newGramSet builds the sampling pass of words, or returns nil when the
// shortest is too short for it.
func newGramSet(words []anchorWord) *gramSet {
	g := &gramSet{stride: 1 << 30}
	for _, w := range words {
		if w.word == "" {
			continue
		}
		g.stride = min(g.stride, len(w.word)-3)
		g.maxLen = max(g.maxLen, len(w.word))
		for i := 0; i+4 <= len(w.word); i++ {
			h := gramHash(w.word[i], w.word[i+1], w.word[i+2], w.word[i+3])
			g.bits[h>>6] |= 1 << (h & 63)
		}
	}
	if g.stride < minGramStride || g.maxLen == 0 {
		return nil
	}
	return g
}

// gramHash hashes four bytes with ASCII case folded. Setting bit 5 of
// every byte folds letters and merges a few other pairs of bytes, which
// only makes the set match more.
func gramHash(a, b, c, d byte) uint32 {
	x := (uint32(a) | uint32(b)<<8 | uint32(c)<<16 | uint32(d)<<24) | 0x20202020
	return (x * 0x9E3779B1) >> (32 - gramBits)
}

// has reports whether the window at the start of p (4 bytes or more)
// may be a piece of a word.
func (g *gramSet) has(p []byte) bool {
	h := gramHash(p[0], p[1], p[2], p[3])
	return g.bits[h>>6]&(1<<(h&63)) != 0
}

// kindFilter is the prefilter of one kind: which of its rules (positions
// in engine.byKind[kind]) always run, and the automaton for the others.
type kindFilter struct {
	always uint64 // positions that run whatever the file holds
	m      *matcher
}

// newKindFilter builds the filter of kind k for the rules at idx (indexes
// into rules, in byKind order).
func newKindFilter(k source.Kind, rules []*ruleInfo, idx []int) *kindFilter {
	kf := &kindFilter{}
	words := []anchorWord{{word: directiveWord, bits: directiveBit}}
	for pos, i := range idx {
		a := rules[i].rule.Anchors
		bit := uint64(1) << pos
		if pos >= maxAnchorBits || len(a.Words) == 0 || kindIn(k, a.Always) {
			if pos < maxAnchorBits {
				kf.always |= bit
			}
			continue
		}
		for _, w := range a.Words {
			words = append(words, anchorWord{word: w, bits: bit})
		}
	}
	kf.m = newMatcher(words)
	return kf
}

// kindIn reports whether k is among ks.
func kindIn(k source.Kind, ks []source.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// run reports which positions of the kind's rules to run on content
// (see runs) and whether content holds a suppression directive.
func (kf *kindFilter) run(content []byte) (mask uint64, directive bool) {
	found := kf.m.scan(content)
	return found&^directiveBit | kf.always, found&directiveBit != 0
}

// runs reports whether position pos is set in the mask of run.
func runs(mask uint64, pos int) bool {
	return pos >= maxAnchorBits || mask&(uint64(1)<<pos) != 0
}
