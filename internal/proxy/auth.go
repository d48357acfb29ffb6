package proxy

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
)

// authorize checks Proxy-Authorization when Users are configured, and
// returns the user name as the client's identity.
func (c *config) authorize(req *http.Request) (string, Decision) {
	if len(c.users) == 0 {
		return "", allow(ReasonOK)
	}
	user, pass, ok := basicAuth(req.Header.Get("Proxy-Authorization"))
	if !ok {
		return "", deny(ReasonAuthRequired, "no Proxy-Authorization: Basic credentials")
	}
	if !c.checkPassword(user, pass) {
		return "", deny(ReasonAuthRequired, "wrong user name or password for "+quoteUser(user))
	}
	return user, allow(ReasonOK)
}

// checkPassword compares in constant time; an unknown user is compared
// against a fixed hash so that timing does not tell which users exist.
func (c *config) checkPassword(user, pass string) bool {
	want, known := c.users[user]
	got := sha256.Sum256([]byte(pass))
	eq := subtle.ConstantTimeCompare(got[:], want[:]) == 1
	return eq && known
}

// basicAuth decodes "Basic base64(user:password)" (RFC 7617).
func basicAuth(h string) (user, pass string, ok bool) {
	scheme, cred, found := strings.Cut(h, " ")
	if !found || !strings.EqualFold(scheme, "Basic") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
	if err != nil {
		return "", "", false
	}
	return strings.Cut(string(raw), ":")
}

// quoteUser bounds a user name for the log.
func quoteUser(u string) string {
	if len(u) > 64 {
		u = u[:64] + "..."
	}
	return strings.ToValidUTF8(u, "?")
}
