package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// unknownMemberError reports an object member no Go field takes.
type unknownMemberError struct {
	path   string
	offset int64 // just after the member's name
}

func (e *unknownMemberError) Error() string {
	return fmt.Sprintf("unknown member %s at offset %d", e.path, e.offset)
}

// anyType stands for a value whose members are not checked.
var anyType = reflect.TypeFor[any]()

// checkMembers walks data as a value of type t and reports the first
// object member that no field of the corresponding struct takes, with
// its path. It matches names as encoding/json does: exactly or else
// without regard to case. Type mismatches are left to json.Unmarshal.
func checkMembers(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return walk(dec, t, "")
}

// walk reads one value of type t.
func walk(dec *json.Decoder, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		return walkObject(dec, t, path)
	case json.Delim('['):
		return walkArray(dec, t, path)
	}
	return nil
}

// walkObject reads the members of an object up to its closing brace.
func walkObject(dec *json.Decoder, t reflect.Type, path string) error {
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		member := strings.TrimPrefix(path+"."+name, ".")
		mt, ok := memberType(t, name)
		if !ok {
			return &unknownMemberError{path: member, offset: dec.InputOffset()}
		}
		if err := walk(dec, mt, member); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// walkArray reads the elements of an array up to its closing bracket.
func walkArray(dec *json.Decoder, t reflect.Type, path string) error {
	elem := anyType
	if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		elem = t.Elem()
	}
	for i := 0; dec.More(); i++ {
		if err := walk(dec, elem, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// memberType returns the type of the value member name takes in an
// object of type t, and false if t is a struct without such a field.
// Objects given for types that are not objects are left to
// json.Unmarshal to reject.
func memberType(t reflect.Type, name string) (reflect.Type, bool) {
	switch t.Kind() {
	case reflect.Map:
		return t.Elem(), true
	case reflect.Struct:
		return fieldType(t, name)
	}
	return anyType, true
}

// fieldType finds the field of struct t that takes the member name.
func fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	var folded reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		key, ok := jsonName(f)
		switch {
		case !ok:
		case key == name:
			return f.Type, true
		case folded == nil && strings.EqualFold(key, name):
			folded = f.Type
		}
	}
	return folded, folded != nil
}

// jsonName returns the member name of a struct field, and false for a
// field encoding/json does not fill.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch tag {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return tag, true
}
