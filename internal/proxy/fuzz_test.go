package proxy

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/tlsfloor/tlsfloor/internal/hello"
)

// seeds reads the files of one testdata directory.
func seeds(f *testing.F, dir string) [][]byte {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no seeds in testdata/%s: %v", dir, err)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// chunked returns a reader that hands out data in reads of at most n
// bytes (n 0 means one byte at a time).
func chunked(data []byte, n uint8) io.Reader {
	if n == 0 {
		return iotest.OneByteReader(bytes.NewReader(data))
	}
	return &chunkReader{data: data, n: int(n)}
}

type chunkReader struct {
	data []byte
	n    int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.data)
	c.data = c.data[n:]
	return n, nil
}

// FuzzReadClientHello checks the reassembly reader against the parser:
// whatever the read sizes, it forwards a prefix of the input and reaches
// the decision that parsing the whole input gives.
func FuzzReadClientHello(f *testing.F) {
	for _, s := range seeds(f, "hellos") {
		f.Add(s, uint8(0))
		f.Add(s, uint8(7))
	}
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		buf, h, dec := readClientHello(chunked(data, n), nil)
		_, _, whole := readClientHello(bytes.NewReader(data), nil)
		if !bytes.HasPrefix(data, buf) {
			t.Fatalf("forwarded bytes are not a prefix of the input")
		}
		if dec.Reason != whole.Reason {
			t.Fatalf("reads of %d bytes decide %v, one read decides %v", n, dec, whole)
		}
		checkAgainstParser(t, data, h, dec)
	})
}

func checkAgainstParser(t *testing.T, data []byte, h *hello.ClientHelloInfo, dec Decision) {
	want, err := hello.ParseClientHello(data)
	switch {
	case dec.Allow && (err != nil || h.Length != want.Length || h.HighestVersion() != want.HighestVersion()):
		t.Fatalf("reader found a hello (%d bytes), the parser says %v", h.Length, err)
	case dec.Reason == ReasonNoHello && len(data) < maxHelloBytes && !errors.Is(err, hello.ErrIncomplete):
		t.Fatalf("reader waited for more, the parser says %v", err)
	case dec.Reason == ReasonNotTLS && !errors.Is(err, hello.ErrNotTLS):
		t.Fatalf("reader says not TLS, the parser says %v", err)
	case dec.Reason == ReasonHelloMalformed && (err == nil || errors.Is(err, hello.ErrIncomplete)):
		t.Fatalf("reader says malformed, the parser says %v", err)
	}
}

// FuzzTunnelStart reads what a client sends first, a request and then
// the tunnel's ClientHello, as the server does.
func FuzzTunnelStart(f *testing.F) {
	hellos := seeds(f, "hellos")
	for _, req := range seeds(f, "requests") {
		for _, h := range hellos {
			f.Add(append(append([]byte{}, req...), h...), uint8(3))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		got := tunnelStart(chunked(data, n))
		if want := tunnelStart(bytes.NewReader(data)); got != want {
			t.Fatalf("reads of %d bytes give %q, one read gives %q", n, got, want)
		}
	})
}

// tunnelStart returns a summary of what the server reads from r.
func tunnelStart(r io.Reader) string {
	hr := &headerReader{r: r}
	br := bufio.NewReaderSize(hr, 4096)
	req, err := readHead(hr, br)
	if err != nil {
		return "request error"
	}
	if req.Method != http.MethodConnect {
		return "method " + req.Method
	}
	pre, _ := br.Peek(br.Buffered())
	_, h, dec := readClientHello(hr, append([]byte(nil), pre...)) // as the server does: the rest comes from the connection
	if h != nil {
		return req.URL.Host + " " + dec.Reason + " " + hello.VersionName(h.HighestVersion())
	}
	return req.URL.Host + " " + dec.Reason
}
