package doctor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// errNotFound marks a program that is not on PATH.
var errNotFound = errors.New("not found on PATH")

// output runs a program with the collector's timeout and environment and
// returns what it printed on stdout and stderr together.
func (c *collector) output(ctx context.Context, name string, args ...string) (string, string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", "", errNotFound
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = c.env()
	cmd.WaitDelay = time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return path, "", fmt.Errorf("%s %s: no answer in %s", name, strings.Join(args, " "), c.opts.Timeout)
	}
	if err != nil {
		return path, out.String(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, firstLine(out.String()))
	}
	return path, out.String(), nil
}

func (c *collector) env() []string {
	if c.opts.Env != nil {
		return c.opts.Env
	}
	return os.Environ()
}

// getenv reads a variable from the collector's environment.
func (c *collector) getenv(key string) string {
	for _, kv := range c.env() {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
