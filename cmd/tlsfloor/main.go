package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tlsfloor/tlsfloor/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default handling so that a
		// second one ends the program at once.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode(err))
}

// run runs the command line args and returns the error that ended it, which
// cli.Main has already printed.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return cli.Main(ctx, args, stdin, stdout, stderr)
}
