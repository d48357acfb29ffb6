// Package lex splits source files into tokens so that scan rules match
// code, not comments or unrelated strings.
//
// # Languages
//
// [Tokenize] knows three families, selected by [Lang]:
//
//   - C-like: [CSharp] (verbatim @"…", interpolated $"…", raw """…"""
//     strings, preprocessor lines), [Java] (text blocks), [JavaScript]
//     (also TypeScript: template literals with ${…}, regular expression
//     literals) and [Go] (raw `…` strings).
//   - Hash-comment: [PowerShell] (# and <# #> comments, "…" and '…'
//     strings, @"…"@ and @'…'@ here-strings, $variables, -Parameters and
//     -operators), [Shell] (words, quoting, here-documents), [Python]
//     (prefixed and triple-quoted strings) and [Ruby] (=begin/=end,
//     %-literals, here-documents).
//   - [PHP]: inline text outside <?php … ?>, //, # and /* */ comments,
//     heredoc and nowdoc.
//
// Every byte that is not white space (or a line continuation, or a
// PowerShell backtick before a blank) belongs to exactly one token, tokens
// come in source order, and each carries its line and column. Input that
// is not valid source never makes Tokenize fail or panic: an unterminated
// string or comment runs to the end of the input (or of the line, for
// literals that cannot span lines), and a byte no rule knows becomes a
// one-byte [Punct].
//
// Interpolated strings are one [String] token, holes included; the lexer
// only follows the holes to find where the string ends.
//
// # Matching
//
// [NewStream] keeps the tokens rules look at (no comments, preprocessor
// lines or PHP inline text) and offers small helpers: [Stream.At] and
// [Stream.Index] match token texts, [Stream.Close] and [Stream.Enclosing]
// find brackets, and [Stream.Start] and [Stream.End] find where an
// expression or statement begins and ends.
// [Lines] maps byte offsets to lines and columns and returns a line's
// text for snippets.
package lex
