module github.com/tlsfloor/tlsfloor

go 1.26
