package rules

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlDocs decodes every document of a YAML (or JSON) file. JSON's tabs
// become spaces first, which YAML would refuse, without moving lines. A
// file that stops parsing gives the documents before the error, and the
// error placed at its line.
func yamlDocs(content []byte) ([]*yaml.Node, error) {
	if t := bytes.TrimSpace(content); len(t) > 0 && t[0] == '{' {
		content = bytes.ReplaceAll(content, []byte("\t"), []byte(" "))
	}
	dec := yaml.NewDecoder(bytes.NewReader(content))
	var docs []*yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		switch {
		case errors.Is(err, io.EOF):
			return docs, nil
		case err != nil:
			return docs, yamlSyntaxError(content, err)
		}
		if len(doc.Content) == 1 {
			docs = append(docs, doc.Content[0])
		}
	}
}

// yamlGet returns the key and value nodes of a mapping's field.
func yamlGet(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// yamlLiteral reports whether a node is a plain scalar: not a
// CloudFormation short form such as !Ref or !Sub.
func yamlLiteral(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "" || strings.HasPrefix(n.Tag, "!!"))
}

// cfnResources returns the resources of a CloudFormation template: each
// resource's Properties, typed, at its logical ID's line.
func cfnResources(content []byte) ([]*iacNode, error) {
	docs, err := yamlDocs(content)
	var out []*iacNode
	for _, doc := range docs {
		_, res := yamlGet(doc, "Resources")
		if res == nil || res.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(res.Content); i += 2 {
			key, body := res.Content[i], res.Content[i+1]
			_, typ := yamlGet(body, "Type")
			if typ == nil || !yamlLiteral(typ) {
				continue
			}
			_, props := yamlGet(body, "Properties")
			n := yamlNode(props)
			n.Type, n.Name, n.Line, n.Col = typ.Value, key.Value, key.Line, key.Column
			n.Toks = yamlToks(props, nil)
			out = append(out, n)
		}
	}
	return out, err
}

// yamlNode converts a YAML node to the family's model: a mapping's
// fields, a list's items under the list's key, a scalar's text.
func yamlNode(y *yaml.Node) *iacNode {
	if y == nil {
		return &iacNode{}
	}
	n := &iacNode{Line: y.Line, Col: y.Column}
	switch y.Kind {
	case yaml.ScalarNode:
		n.Text, n.Literal = y.Value, yamlLiteral(y)
	case yaml.MappingNode:
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if v.Kind == yaml.SequenceNode && yamlLiteral(&yaml.Node{Kind: yaml.ScalarNode, Tag: v.Tag}) {
				for _, item := range v.Content {
					n.add(k.Value, yamlKeyed(yamlNode(item), k))
				}
				continue
			}
			n.add(k.Value, yamlKeyed(yamlNode(v), k))
		}
	case yaml.AliasNode:
		return yamlNode(y.Alias)
	}
	return n
}

// yamlKeyed records the position of a field's key on its value.
func yamlKeyed(n *iacNode, k *yaml.Node) *iacNode {
	n.KeyLine, n.KeyCol = k.Line, k.Column
	return n
}

// yamlToks lists the scalars (keys and values) under y in source order.
func yamlToks(y *yaml.Node, out []iacTok) []iacTok {
	if y == nil {
		return out
	}
	if y.Kind == yaml.ScalarNode {
		kind := byte('s')
		if !yamlLiteral(y) {
			kind = 'w'
		}
		return append(out, iacTok{Kind: kind, Text: y.Value, Line: y.Line, Col: y.Column})
	}
	for _, c := range y.Content {
		out = yamlToks(c, out)
	}
	return out
}

// k8sSSLPolicyAnnotation names the ELB security policy of the AWS Load
// Balancer Controller's HTTPS listeners.
const k8sSSLPolicyAnnotation = "alb.ingress.kubernetes.io/ssl-policy"

// k8sSSLPolicies returns the literal ssl-policy annotations of the Ingress
// objects in a Kubernetes manifest.
func k8sSSLPolicies(content []byte) ([]*iacNode, error) {
	docs, err := yamlDocs(content)
	var out []*iacNode
	for _, doc := range docs {
		if _, kind := yamlGet(doc, "kind"); kind == nil || kind.Value != "Ingress" {
			continue
		}
		_, meta := yamlGet(doc, "metadata")
		_, ann := yamlGet(meta, "annotations")
		if _, v := yamlGet(ann, k8sSSLPolicyAnnotation); v != nil && yamlLiteral(v) {
			out = append(out, &iacNode{Line: v.Line, Col: v.Column, Text: v.Value, Literal: true})
		}
	}
	return out, err
}
