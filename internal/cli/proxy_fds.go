package cli

import (
	"log/slog"

	"github.com/tlsfloor/tlsfloor/internal/proxy"
)

// fdMargin is what the proxy needs beyond its tunnels' descriptors:
// standard streams, its listeners and metrics connections, DNS lookups,
// upgrade mode's upstream connections, and the files it reads on reload.
const fdMargin = 64

// fdPlan is how the open-files limit (RLIMIT_NOFILE) compares with what
// max connections need.
type fdPlan struct {
	need  uint64 // descriptors maxConns need: maxConns*FDsPerTunnel+fdMargin
	raise uint64 // the soft limit to set, or 0 to keep the current one
	fits  int    // max connections the resulting soft limit holds
	short bool   // the hard limit holds fewer than maxConns
}

// planFDs plans for maxConns under the soft and hard limits: raise the
// soft limit as far as needed, at most to the hard limit.
func planFDs(maxConns int, soft, hard uint64) fdPlan {
	p := fdPlan{need: uint64(maxConns)*proxy.FDsPerTunnel + fdMargin}
	limit := soft
	if p.need > soft {
		limit = max(soft, min(p.need, hard))
		if limit > soft {
			p.raise = limit
		}
	}
	p.short = limit < p.need
	p.fits = maxConns
	if p.short {
		p.fits = 0
		if limit > fdMargin {
			p.fits = int((limit - fdMargin) / proxy.FDsPerTunnel)
		}
	}
	return p
}

// checkOpenFiles raises the soft open-files limit to what maxConns need,
// up to the hard limit, and warns on standard error and in the log when
// even that is short. It does nothing where the limit cannot be read.
// The Go runtime raises the soft limit to about the hard one when the
// program starts (syscall package, Linux, Go 1.19 and later), so in
// practice it is the hard limit that falls short.
func checkOpenFiles(env *Env, log *slog.Logger, maxConns int) {
	soft, hard, ok := openFilesLimit()
	if !ok {
		return
	}
	p := planFDs(maxConns, soft, hard)
	if p.raise != 0 {
		if err := setOpenFilesLimit(p.raise, hard); err != nil {
			log.Warn("could not raise the open files limit", "soft_limit", soft, "hard_limit", hard, "error", err.Error())
			p = planFDs(maxConns, soft, soft)
		} else {
			log.Info("raised the open files limit", "soft_limit", p.raise, "was", soft, "hard_limit", hard)
			soft = p.raise
		}
	}
	if !p.short {
		return
	}
	env.Warningf("max_conns %d needs about %d open files (%d a tunnel), but the limit is %d (hard limit %d): at most %d connections fit; raise the hard limit (ulimit -Hn, LimitNOFILE=) or lower max_conns",
		maxConns, p.need, proxy.FDsPerTunnel, soft, hard, p.fits)
	log.Warn("open files limit too low for max_conns", "max_conns", maxConns, "fds_needed", p.need,
		"soft_limit", soft, "hard_limit", hard, "max_conns_that_fit", p.fits)
}
