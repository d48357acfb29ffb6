package handshake

import (
	"context"
	"strings"
	"testing"
)

func TestUnknownClient(t *testing.T) {
	_, err := Run(context.Background(), Options{Clients: []string{"curl", "lynx"}})
	if err == nil || !strings.Contains(err.Error(), `unknown client "lynx"`) || !strings.Contains(err.Error(), "openssl") {
		t.Fatalf("got %v, want an unknown client error listing the known ones", err)
	}
}

// TestMissingClientSkipped checks a client not on PATH is reported as
// skipped, with no attempts, and left out of the verdicts.
func TestMissingClientSkipped(t *testing.T) {
	missing := driver{name: "missing", bin: "tlsfloor-no-such-client", command: func(target) invocation { return invocation{} }}
	rep, err := Run(context.Background(), Options{drivers: []driver{missing}})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	c := rep.Clients[0]
	if c.Path != "" || !strings.Contains(c.Skipped, "tlsfloor-no-such-client not found") || c.Results != nil {
		t.Errorf("got %+v, want skipped as not found", c)
	}
	if j := Judge(rep, false); len(j) != 0 {
		t.Errorf("got verdicts %+v for a client not installed", j)
	}
}

// TestClientsSelection checks Options.Clients picks drivers by name, in
// the order given, and that every registry entry is complete.
func TestClientsSelection(t *testing.T) {
	o := Options{Clients: []string{"node", "curl"}}.withDefaults()
	ds, err := o.selected()
	if err != nil || len(ds) != 2 || ds[0].name != "node" || ds[1].name != "curl" {
		t.Fatalf("got %v, %v", driverNames(ds), err)
	}
	for _, d := range drivers() {
		if d.name == "" || d.bin == "" || len(d.versionArgs) == 0 || (d.command == nil && d.unsupported == nil) {
			t.Errorf("driver %q is incomplete", d.name)
		}
	}
	if got := strings.Join(ClientNames(), ","); got != "curl,openssl,python3,node,java,aws,pwsh,dotnet" {
		t.Errorf("ClientNames() = %s", got)
	}
}
