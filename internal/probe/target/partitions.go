package target

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// partitionsJSON is AWS's partition table: the partitions, their regions,
// DNS suffixes and FIPS and dual-stack support. It is a copy of
// internal/endpoints/awsrulesfn/partitions.json from the public repository
// github.com/aws/aws-sdk-go-v2 at release v1.48.0 (the SDK version this
// module requires); the data is AWS's, under the Apache License 2.0.
//
//go:embed partitions.json
var partitionsJSON []byte

// PartitionSource says where the embedded partition table comes from.
const PartitionSource = "AWS's partition table, internal/endpoints/awsrulesfn/partitions.json " +
	"of github.com/aws/aws-sdk-go-v2 v1.48.0 (Apache-2.0)"

// DefaultPartition is the partition ExpandAWS uses when none is named.
const DefaultPartition = "aws"

// Partition is one AWS partition from the embedded table.
type Partition struct {
	// ID names the partition: "aws", "aws-cn", "aws-us-gov", ...
	ID string
	// RegionRegex matches the names of the partition's regions, listed
	// or not yet.
	RegionRegex *regexp.Regexp
	// Defaults are the partition-wide settings.
	Defaults RegionConfig
	// Regions are the listed regions, sorted by name.
	Regions []Region
}

// RegionConfig is what the table says about names in a region.
type RegionConfig struct {
	// DNSSuffix ends regional and FIPS names: "amazonaws.com".
	DNSSuffix string
	// DualStackDNSSuffix ends dual-stack names: "api.aws".
	DualStackDNSSuffix string
	// SupportsFIPS says whether FIPS endpoints exist in the partition.
	SupportsFIPS bool
	// SupportsDualStack says whether dual-stack endpoints exist.
	SupportsDualStack bool
}

// Region is one listed region.
type Region struct {
	// Name is the region's code, such as "eu-west-1".
	Name string
	// Description is AWS's description, such as "Europe (Ireland)".
	Description string
	// Config is the partition's config with the region's overrides (if
	// the table has any) applied.
	Config RegionConfig
}

// Global reports whether the region is a pseudo-region of global
// endpoints ("aws-global", "aws-cn-global", ...), which has no regional
// names.
func (r Region) Global() bool { return strings.HasSuffix(r.Name, "-global") }

// jsonConfig is the "outputs" object of a partition or a region entry;
// a nil field in a region leaves the partition's value.
type jsonConfig struct {
	DNSSuffix          *string `json:"dnsSuffix"`
	DualStackDNSSuffix *string `json:"dualStackDnsSuffix"`
	SupportsFIPS       *bool   `json:"supportsFIPS"`
	SupportsDualStack  *bool   `json:"supportsDualStack"`
	Description        string  `json:"description"`
}

// jsonTable is the layout of partitions.json.
type jsonTable struct {
	Partitions []struct {
		ID          string                `json:"id"`
		Outputs     jsonConfig            `json:"outputs"`
		RegionRegex string                `json:"regionRegex"`
		Regions     map[string]jsonConfig `json:"regions"`
	} `json:"partitions"`
}

// loadPartitions parses the embedded table once.
var loadPartitions = sync.OnceValues(func() ([]Partition, error) {
	return parsePartitions(partitionsJSON)
})

// Partitions returns the embedded partition table, in its file order.
// The slices are shared: callers must not modify them.
func Partitions() ([]Partition, error) { return loadPartitions() }

// parsePartitions decodes a partitions.json document.
func parsePartitions(data []byte) ([]Partition, error) {
	var tab jsonTable
	if err := json.Unmarshal(data, &tab); err != nil {
		return nil, fmt.Errorf("parse partition table: %w", err)
	}
	var out []Partition
	for _, jp := range tab.Partitions {
		re, err := regexp.Compile(jp.RegionRegex)
		if err != nil {
			return nil, fmt.Errorf("partition %s: region pattern: %w", jp.ID, err)
		}
		def := RegionConfig{}.apply(jp.Outputs)
		p := Partition{ID: jp.ID, RegionRegex: re, Defaults: def}
		for name, jr := range jp.Regions {
			p.Regions = append(p.Regions, Region{Name: name, Description: jr.Description, Config: def.apply(jr)})
		}
		slices.SortFunc(p.Regions, func(a, b Region) int { return strings.Compare(a.Name, b.Name) })
		out = append(out, p)
	}
	return out, nil
}

// apply returns c with the fields that j sets replaced.
func (c RegionConfig) apply(j jsonConfig) RegionConfig {
	if j.DNSSuffix != nil {
		c.DNSSuffix = *j.DNSSuffix
	}
	if j.DualStackDNSSuffix != nil {
		c.DualStackDNSSuffix = *j.DualStackDNSSuffix
	}
	if j.SupportsFIPS != nil {
		c.SupportsFIPS = *j.SupportsFIPS
	}
	if j.SupportsDualStack != nil {
		c.SupportsDualStack = *j.SupportsDualStack
	}
	return c
}

// LookupPartition returns the partition with the given ID.
func LookupPartition(id string) (Partition, error) {
	parts, err := Partitions()
	if err != nil {
		return Partition{}, err
	}
	var ids []string
	for _, p := range parts {
		if p.ID == id {
			return p, nil
		}
		ids = append(ids, p.ID)
	}
	return Partition{}, fmt.Errorf("unknown aws partition %q (known: %s)", id, strings.Join(ids, ", "))
}

// region returns the listed region called name.
func (p Partition) region(name string) (Region, bool) {
	i, ok := slices.BinarySearchFunc(p.Regions, name, func(r Region, n string) int { return strings.Compare(r.Name, n) })
	if !ok {
		return Region{}, false
	}
	return p.Regions[i], true
}
